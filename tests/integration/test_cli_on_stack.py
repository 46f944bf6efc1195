"""`claimwatch run --once` on the demo feeds through real Kafka and Elasticsearch."""

import json
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml
from claimwatch.pipelines.settings import default_config_path

pytestmark = pytest.mark.integration


def claimwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimwatch.pipelines.cli", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def count(es_url: str, index: str) -> int:
    with urllib.request.urlopen(f"{es_url}/{index}/_count") as response:
        return int(json.load(response)["count"])


def test_demo_through_kafka_and_elasticsearch(
    kafka_bootstrap: str, es_url: str, tmp_path: Path
) -> None:
    run_id = uuid.uuid4().hex[:8]
    demo = yaml.safe_load(default_config_path().read_text(encoding="utf-8"))
    feeds = [{**f, "url": str(default_config_path().parent / f["url"])} for f in demo["feeds"]]
    prefix = f"cwcli-{run_id}-"
    config = tmp_path / "claimwatch.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "feeds": feeds,
                "kafka": {"bootstrap": kafka_bootstrap, "topic": f"claimwatch.articles.{run_id}"},
                "elasticsearch": {"url": es_url, "index_prefix": prefix},
            }
        ),
        encoding="utf-8",
    )
    data = tmp_path / "data"

    first = claimwatch("run", "--once", "--config", str(config), "--data-dir", str(data))
    assert first.returncode == 0, first.stderr
    assert count(es_url, f"{prefix}articles") == 15
    alerts = count(es_url, f"{prefix}alerts")
    assert alerts >= 6
    listed = claimwatch("alerts", "--config", str(config), "--format", "jsonl")
    changes = {(a["metric"], a["change"]) for a in map(json.loads, listed.stdout.splitlines())}
    assert {("killed", "increase"), ("killed", "conflict"), ("troops", "increase")} <= changes

    second = claimwatch("run", "--once", "--config", str(config), "--data-dir", str(data))
    assert second.returncode == 0, second.stderr
    assert "0 new alerts" in second.stderr
    assert count(es_url, f"{prefix}alerts") == alerts
