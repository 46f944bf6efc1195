"""Kafka → pipeline step → Elasticsearch against the real services, the way the pipeline runs:
read a bounded batch, decode (bad records become dead letters), store, then commit."""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Sequence

import pytest
from claimwatch.connectors.es_store import ElasticsearchStore
from claimwatch.connectors.kafka_log import REASON_HEADER, KafkaLog
from claimwatch.connectors.log import DeadLetter, LogBatch
from claimwatch.deploy.stack import default_settings, service_pid
from claimwatch.transforms.dedup import signature_for
from claimwatch.transforms.errors import LogUnavailable, RecordError, StoreUnavailable
from claimwatch.transforms.models import Article
from claimwatch.transforms.records import decode_article
from elasticsearch import Elasticsearch
from kafka import KafkaConsumer

pytestmark = pytest.mark.integration


def process(log: KafkaLog, store: ElasticsearchStore, batch: LogBatch) -> list[Article]:
    """One pipeline step without Beam: decode, dead-letter the bad, store the good."""
    good: list[Article] = []
    letters: list[DeadLetter] = []
    for record in batch.records:
        try:
            good.append(decode_article(record.payload))
        except RecordError as exc:
            letters.append(DeadLetter(record.payload, str(exc), record.partition, record.offset))
    if letters:
        log.dead_letter(letters)
    store.save_articles(good)
    store.save_signatures(
        [signature_for(a.id, a.canonical_url, a.text, a.published, a.source) for a in good]
    )
    return good


def counts(client: Elasticsearch, prefix: str, names: Sequence[str]) -> dict[str, int]:
    """Document counts as an outside reader sees them once ES has refreshed."""
    client.indices.refresh(index=[f"{prefix}{n}" for n in names])
    return {n: int(client.count(index=f"{prefix}{n}")["count"]) for n in names}


def test_round_trip_keeps_versions_of_one_article_in_one_partition_in_order(
    new_log: Callable[..., KafkaLog],
    es_store: ElasticsearchStore,
    make_article: Callable[..., Article],
) -> None:
    log = new_log(partitions=3)
    url = "https://news.example/live/flood"
    versions = [make_article(0, url=url, version=v) for v in (1, 2, 3)]
    others = [make_article(n) for n in range(1, 21)]
    assert log.append([versions[0], *others[:10], versions[1], *others[10:], versions[2]]) == 23

    assert log.lag("pipeline") == 23
    batch = log.read_batch("pipeline", 1000)
    stored = process(log, es_store, batch)
    log.commit("pipeline", batch)

    assert len(batch) == 23
    assert sorted(es_store.articles(), key=lambda a: a.id) == sorted(
        [*versions, *others], key=lambda a: a.id
    )
    assert len(stored) == 23
    at_url = [r for r in batch.records if decode_article(r.payload).url == url]
    assert len({r.partition for r in at_url}) == 1
    offsets = [r.offset for r in sorted(at_url, key=lambda r: r.offset)]
    assert [decode_article(r.payload).version for r in sorted(at_url, key=lambda r: r.offset)] == [
        1,
        2,
        3,
    ], offsets
    assert es_store.versions_at(versions[0].canonical_url) == [
        (v.id, v.content_hash) for v in versions
    ]
    assert log.lag("pipeline") == 0
    assert len(log.read_batch("pipeline", 1000)) == 0


def test_processing_the_same_batch_twice_changes_nothing(
    new_log: Callable[..., KafkaLog],
    es_store: ElasticsearchStore,
    es_client: Elasticsearch,
    index_prefix: str,
    make_article: Callable[..., Article],
) -> None:
    log = new_log()
    log.append([make_article(n) for n in range(30)])
    batch = log.read_batch("pipeline", 1000)

    process(log, es_store, batch)
    first_counts = counts(es_client, index_prefix, ["articles", "signatures"])
    first_docs = es_store.articles()
    process(log, es_store, batch)  # the replay after a crash before commit

    assert counts(es_client, index_prefix, ["articles", "signatures"]) == first_counts
    assert first_counts == {"articles": 30, "signatures": 30}
    assert es_store.articles() == first_docs


def test_restart_mid_batch_loses_nothing_and_duplicates_nothing(
    new_log: Callable[..., KafkaLog],
    es_store: ElasticsearchStore,
    es_client: Elasticsearch,
    index_prefix: str,
    make_article: Callable[..., Article],
) -> None:
    # One partition, so "the same records again" is exact rather than per partition.
    articles = [make_article(n) for n in range(10)]
    new_log(partitions=1).append(articles)

    before_crash = new_log(partitions=1)
    first = before_crash.read_batch("pipeline", 6)
    es_store.save_articles([decode_article(r.payload) for r in first.records[:3]])
    before_crash.close()  # crashed half-way through storing: no commit

    after_restart = new_log(partitions=1)
    again = after_restart.read_batch("pipeline", 6)
    assert [(r.partition, r.offset) for r in again.records] == [
        (r.partition, r.offset) for r in first.records
    ]
    process(after_restart, es_store, again)
    after_restart.commit("pipeline", again)
    rest = after_restart.read_batch("pipeline", 100)
    assert [r.offset for r in rest.records] == [6, 7, 8, 9]
    process(after_restart, es_store, rest)
    after_restart.commit("pipeline", rest)

    later = new_log(partitions=1)
    assert len(later.read_batch("pipeline", 100)) == 0
    assert later.lag("pipeline") == 0
    assert counts(es_client, index_prefix, ["articles"]) == {"articles": 10}
    assert sorted(a.id for a in es_store.articles()) == sorted(a.id for a in articles)


def test_poison_records_go_to_the_dead_letter_topic_while_good_ones_flow(
    new_log: Callable[..., KafkaLog],
    es_store: ElasticsearchStore,
    kafka_bootstrap: str,
    make_article: Callable[..., Article],
) -> None:
    log = new_log(partitions=1)
    good = [make_article(1), make_article(2)]
    log.append([good[0]])
    log.append_raw([(b"k", b"\x00\xffnot json at all"), (b"k", b'{"id": "half an article"}')])
    log.append([good[1]])

    batch = log.read_batch("pipeline", 100)
    stored = process(log, es_store, batch)
    log.commit("pipeline", batch)

    assert stored == good
    assert es_store.articles() == good
    letters = log.dead_letters()
    assert [(d.payload, d.partition, d.offset) for d in letters] == [
        (b"\x00\xffnot json at all", 0, 1),
        (b'{"id": "half an article"}', 0, 2),
    ]
    assert "not UTF-8 JSON" in letters[0].reason
    assert "missing or has a bad field" in letters[1].reason
    assert log.lag("pipeline") == 0

    # The reason also travels as a header, for tools that do not parse the envelope.
    consumer = KafkaConsumer(
        log.dead_letter_topic,
        bootstrap_servers=kafka_bootstrap,
        auto_offset_reset="earliest",
        consumer_timeout_ms=3000,
    )
    try:
        raw = list(consumer)
    finally:
        consumer.close()
    headers = [dict(m.headers) for m in raw]
    assert [h[REASON_HEADER].decode() for h in headers] == [d.reason for d in letters]
    assert json.loads(raw[0].value)["payload_text"] is None  # not UTF-8: base64 only


def test_store_reports_unavailable_while_elasticsearch_is_frozen_then_recovers(
    es_url: str, index_prefix: str, make_article: Callable[..., Article]
) -> None:
    pid = service_pid(default_settings(), "elasticsearch")
    if pid is None or os.environ.get("CLAIMWATCH_ELASTICSEARCH"):
        pytest.skip("needs an Elasticsearch started by the launcher (its pid) to freeze")
    store = ElasticsearchStore(es_url, prefix=index_prefix, request_timeout=2)
    first, second = make_article(1), make_article(2)
    store.save_articles([first])

    os.killpg(pid, signal.SIGSTOP)  # like a long GC pause or a hung node
    resume = threading.Timer(3.0, os.killpg, (pid, signal.SIGCONT))
    try:
        with pytest.raises(StoreUnavailable) as info:
            store.save_articles([second])
        assert es_url in str(info.value)
        assert "claimwatch stack up" in str(info.value)
        resume.start()
        started = time.monotonic()
        store.wait_until_available(timeout=60)
        assert time.monotonic() - started > 0.5  # it really waited for the resume
    finally:
        resume.cancel()
        os.killpg(pid, signal.SIGCONT)
    store.save_articles([second])  # the pipeline's retry after waiting
    assert store.articles() == [first, second]
    store.close()


def test_unreachable_kafka_raises_log_unavailable_naming_the_address(
    make_article: Callable[..., Article],
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once closed
    log = KafkaLog(f"127.0.0.1:{port}", request_timeout=5)
    with pytest.raises(LogUnavailable) as info:
        log.append([make_article(1)])
    assert f"127.0.0.1:{port}" in str(info.value)
    assert "claimwatch stack up" in str(info.value)
    log.close()
