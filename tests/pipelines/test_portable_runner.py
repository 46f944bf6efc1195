"""The bundled demo on Beam's Prism job service gives what the in-process runner gives.

Prism is built by the project's own script (deploy/prism.py, cached under ~/.cache/claimwatch;
.ci/run builds it before the suite) and started on loopback with an EXTERNAL worker pool;
`claimwatch run --once` goes through the real CLI with `pipeline: {runner: portable, …}`.
Articles, duplicate flags, claims and alert ids must be the same as the embedded run's; only
an alert's detected_at (the wall clock of the run) may differ.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from claimwatch.deploy.prism import prism_binary, prism_server, worker_pool
from claimwatch.pipelines.settings import default_config_path

pytestmark = [pytest.mark.slow, pytest.mark.portable]

CLI = [sys.executable, "-m", "claimwatch.pipelines.cli"]


def claimwatch(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=300, check=False, cwd=cwd
    )


def demo_config(path: Path, pipeline: dict[str, Any] | None) -> Path:
    """The bundled demo feeds (absolute paths) with the given pipeline section."""
    bundled = default_config_path()
    raw = yaml.safe_load(bundled.read_text(encoding="utf-8"))
    for feed in raw["feeds"]:
        feed["url"] = str((bundled.parent / feed["url"]).resolve())
    if pipeline is not None:
        raw["pipeline"] = pipeline
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def run_demo(tmp: Path, name: str, pipeline: dict[str, Any] | None) -> dict[str, list[dict]]:
    config = demo_config(tmp / f"{name}.yaml", pipeline)
    data = tmp / name
    # A relative data dir: workers run elsewhere (the pool's own working directory).
    done = claimwatch("run", "--once", "--config", str(config), "--data-dir", name, cwd=tmp)
    assert done.returncode == 0, done.stderr
    assert "15 new articles" in done.stderr
    out = {}
    for kind in ("articles", "claims", "alerts"):
        listed = claimwatch(kind, "--data-dir", str(data), "--format", "jsonl")
        assert listed.returncode == 0, listed.stderr
        out[kind] = sorted(
            (json.loads(line) for line in listed.stdout.splitlines() if line.strip()),
            key=lambda d: d["id"] if "id" in d else json.dumps(d, sort_keys=True),
        )
    for alert in out["alerts"]:
        alert.pop("detected_at")  # the run's wall clock, by design
    return out


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    logs = tmp_path_factory.mktemp("prism-logs")
    binary = prism_binary()  # built once into the cache (~3 min), then instant
    with prism_server(binary, log_dir=logs) as job, worker_pool(log_dir=logs) as workers:
        yield job, workers, logs


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    return run_demo(tmp_path_factory.mktemp("embedded"), "embedded", None)


def test_demo_on_prism_with_an_external_worker_pool_matches_the_in_process_run(
    services: tuple[str, str, Path], embedded: dict[str, list[dict]], tmp_path: Path
) -> None:
    job, workers, logs = services
    portable = run_demo(
        tmp_path,
        "portable",
        {
            "runner": "portable",
            "job_endpoint": job,
            "environment": "EXTERNAL",
            "environment_config": workers,
        },
    )
    assert portable == embedded
    assert sum(1 for a in portable["articles"] if a["duplicate_of"]) == 2
    assert len(portable["alerts"]) == 19  # 20 before counts were compared within a story
    # It really ran there: Prism finished a job, and the pool started an SDK worker for it.
    assert "pipeline done" in (logs / "prism.log").read_text(errors="replace")
    assert "Starting worker" in (logs / "worker-pool.log").read_text(errors="replace")


def test_demo_on_prism_with_loopback_workers_matches_the_in_process_run(
    services: tuple[str, str, Path], embedded: dict[str, list[dict]], tmp_path: Path
) -> None:
    job, _, _ = services
    portable = run_demo(
        tmp_path, "loopback", {"runner": "portable", "job_endpoint": job, "environment": "LOOPBACK"}
    )
    assert portable == embedded
