"""Kafka + Elasticsearch give the embedded run's answers: the log is read in event-time order.

The embedded log is read in append order, and each poll is appended sorted by (published,
id); the Kafka log merges its partitions on that same key, so a backlog larger than one batch
is sliced identically and dedup, claims and alerts decide the same. The end-to-end check runs
`claimwatch run --once` on a generated corpus both ways and compares what the stores hold.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from claimwatch.transforms.models import Article
from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata

pytestmark = pytest.mark.integration
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
ROOT = Path(__file__).resolve().parents[2]
# 3,000 is the bench row (bench/kafka_identity.py); CI uses fewer to stay within minutes.
ARTICLES = int(os.environ.get("CLAIMWATCH_IDENTITY_ARTICLES", "1200"))
BATCH = 300  # so the backlog spans several batches


def test_backlog_is_read_in_publication_order_across_partitions(
    new_log: Callable[..., Any], make_article: Callable[..., Article]
) -> None:
    rng = random.Random(3)
    articles = [
        # Many share a publication second: the id decides, as in the embedded log.
        _at(make_article(n), T0 + timedelta(seconds=rng.randrange(60)))
        for n in range(90)
    ]
    expected = sorted(articles, key=lambda a: (a.published, a.id))
    new_log(partitions=3).append(expected)  # ingest appends a poll in this order

    seen: list[str] = []
    log = new_log(partitions=3)
    while batch := log.read_batch("pipeline", 7):
        seen.extend(json.loads(r.payload)["id"] for r in batch.records)
        log.commit("pipeline", batch)
        if len(seen) == 35:
            log.close()
            log = new_log(partitions=3)  # a restart resumes from the per-partition commits
    assert seen == [a.id for a in expected]
    assert {r.partition for r in _all(new_log(partitions=3), "fresh-reader")} == {0, 1, 2}


def test_an_uncommitted_batch_is_read_again_in_the_same_order(
    new_log: Callable[..., Any], make_article: Callable[..., Article]
) -> None:
    articles = sorted(
        (_at(make_article(n), T0 + timedelta(minutes=n % 5)) for n in range(40)),
        key=lambda a: (a.published, a.id),
    )
    log = new_log(partitions=3)
    log.append(articles)
    first = log.read_batch("pipeline", 10)
    again = log.read_batch("pipeline", 10)  # never committed: the same slice
    assert again.records == first.records
    log.commit("pipeline", again)
    rest = log.read_batch("pipeline", 100)
    assert [json.loads(r.payload)["id"] for r in first.records + rest.records] == [
        a.id for a in articles
    ]


@pytest.mark.slow
def test_run_once_on_kafka_and_elasticsearch_equals_the_embedded_run(
    kafka_bootstrap: str, es_url: str, topic: str, index_prefix: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    _python(
        str(ROOT / "bench" / "generate_corpus.py"),
        *("--out", str(corpus), "--articles", str(ARTICLES), "--sources", "8", "--seed", "1"),
    )
    feeds = yaml.safe_load((corpus / "config.yaml").read_text(encoding="utf-8"))["feeds"]
    embedded = _config(tmp_path / "embedded.yaml", feeds)
    stack = _config(
        tmp_path / "stack.yaml",
        feeds,
        kafka={"bootstrap": kafka_bootstrap, "topic": topic},
        elasticsearch={"url": es_url, "index_prefix": index_prefix},
    )
    _run_once(embedded, tmp_path / "embedded-data")
    _run_once(stack, tmp_path / "stack-data")

    want = snapshot(embedded, tmp_path / "embedded-data")
    got = snapshot(stack, tmp_path / "stack-data")
    assert len(want["articles"]) == ARTICLES
    assert sum(1 for a in want["articles"] if a["duplicate_of"]) > 0
    assert len(want["alerts"]) > ARTICLES // 2
    for part in ("articles", "claims", "alerts"):
        assert got[part] == want[part], f"{part} differ"

    # A crash after the store wrote a batch but before the commit: replay the last ~half
    # batch of every partition. Nothing may change, `version` and alert ids included.
    _rewind(kafka_bootstrap, topic, "claimwatch-pipeline", by=BATCH // 6)
    _run_once(stack, tmp_path / "stack-data")
    replayed = snapshot(stack, tmp_path / "stack-data")
    assert replayed["claims"] == got["claims"]
    assert replayed["alerts"] == got["alerts"]
    assert _without_version(replayed["articles"]) == _without_version(got["articles"])
    before = {a["id"]: a["version"] for a in got["articles"]}
    changed = sorted(a["id"] for a in replayed["articles"] if a["version"] != before[a["id"]])
    if changed:
        # Known, outside the log: dedupe_in_order (transforms/dedup.py) counts every stored
        # version at the URL, later ones included, so a replayed article's version grows.
        pytest.xfail(f"replay changed `version` of {len(changed)} articles, e.g. {changed[:3]}")


def _without_version(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        ({k: v for k, v in r.items() if k != "version"} for r in rows),
        key=lambda r: json.dumps(r, sort_keys=True),
    )


def snapshot(config: Path, data_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """What a store holds, as the CLI prints it; alerts without their wall-clock detection time."""
    out: dict[str, list[dict[str, Any]]] = {}
    for part, extra in (("articles", ()), ("claims", ("--history",)), ("alerts", ())):
        text = _cli(
            part, "--format", "jsonl", *extra, "--config", str(config), "--data-dir", str(data_dir)
        )
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        for row in rows:
            row.pop("detected_at", None)
        out[part] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    return out


def _at(article: Article, published: Any) -> Article:
    from dataclasses import replace

    return replace(article, published=published)


def _all(log: Any, consumer: str) -> list[Any]:
    records: list[Any] = []
    while batch := log.read_batch(consumer, 1000):
        records.extend(batch.records)
        log.commit(consumer, batch)
    return records


def _config(path: Path, feeds: list[dict[str, Any]], **backends: dict[str, Any]) -> Path:
    path.write_text(
        yaml.safe_dump({"feeds": feeds, "pipeline": {"batch_size": BATCH}, **backends}),
        encoding="utf-8",
    )
    return path


def _run_once(config: Path, data_dir: Path) -> None:
    _cli("run", "--once", "--quiet", "--config", str(config), "--data-dir", str(data_dir))


def _cli(*args: str) -> str:
    return _python("-m", "claimwatch.pipelines.cli", *args)


def _python(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, f"{args[:3]} failed: {done.stderr[-3000:]}"
    return done.stdout


def _rewind(bootstrap: str, topic: str, group: str, *, by: int) -> None:
    """Move the group's committed offsets back by `by` records per partition."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    try:
        partitions = [
            TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))
        ]
        consumer.assign(partitions)
        offsets = {}
        for tp in partitions:
            committed = consumer.committed(tp) or 0
            offsets[tp] = OffsetAndMetadata(max(0, committed - by), "", -1)
        consumer.commit(offsets)
    finally:
        consumer.close()
