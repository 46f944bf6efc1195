"""Throughput of the real services through claimwatch's own connectors.

    python bench/stack_throughput.py                 # stack from env vars or the launcher
    python bench/stack_throughput.py --start-times   # also time `stack down` + warm `up`

Kafka: KafkaLog.append (acks=all, idempotent) and read_batch + commit, ~2 KB article JSON.
Elasticsearch: ElasticsearchStore bulk writes of articles (refreshed lazily) and signatures
(refreshed after every call, as the pipeline reads them back), and one-document calls.
Every run uses a fresh topic and index prefix and deletes them afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time
import uuid
from datetime import datetime, timedelta, timezone

from claimwatch.connectors.es_store import ElasticsearchStore
from claimwatch.connectors.kafka_log import KafkaLog
from claimwatch.deploy.stack import default_settings, down, endpoints, up
from claimwatch.transforms.dedup import canonical_url, content_hash, signature_for
from claimwatch.transforms.models import Article
from claimwatch.transforms.records import encode_article
from elasticsearch import Elasticsearch
from kafka import KafkaAdminClient

T0 = datetime(2026, 3, 1, tzinfo=timezone.utc)


def article(n: int, size: int) -> Article:
    link = f"https://news.example/world/story-{n}"
    sentence = f"Officials said at least {n % 500} people were killed in region {n % 37}. "
    text = (sentence * (size // len(sentence) + 1))[:size]
    return Article(
        id=hashlib.sha1(link.encode()).hexdigest()[:16],
        url=link,
        canonical_url=canonical_url(link),
        source=f"source-{n % 20}",
        title=f"Story {n}",
        text=text,
        published=T0 + timedelta(seconds=n),
        fetched=T0 + timedelta(seconds=n + 30),
        content_hash=content_hash(text),
    )


def bench_kafka(bootstrap: str, articles: list[Article], batch: int) -> dict[str, float]:
    topic = f"bench.{uuid.uuid4().hex[:8]}.articles"
    log = KafkaLog(bootstrap, topic=topic, partitions=3, poll_timeout=1.0)
    try:
        log.append(articles[:10])  # topic creation and connections, outside the timing
        started = time.perf_counter()
        for i in range(0, len(articles), batch):
            log.append(articles[i : i + batch])
        produced = time.perf_counter() - started
        consumed_records = 0
        started = time.perf_counter()
        while True:
            read = log.read_batch("bench", 5000)
            if not read.records:
                break
            consumed_records += len(read)
            log.commit("bench", read)
        consumed = time.perf_counter() - started
    finally:
        log.close()
        admin = KafkaAdminClient(bootstrap_servers=bootstrap)
        admin.delete_topics([topic, f"{topic}.dlq"])
        admin.close()
    return {
        "kafka_produce_records_per_s": len(articles) / produced,
        "kafka_produce_mb_per_s": sum(len(encode_article(a)) for a in articles) / produced / 1e6,
        "kafka_consume_records_per_s": consumed_records / consumed,
        "kafka_consumed_records": consumed_records,
    }


def bench_es(url: str, articles: list[Article], batch: int) -> dict[str, float]:
    """Articles (refreshed lazily) and signatures (refreshed after every bulk call)."""
    client = Elasticsearch(url, request_timeout=60)
    signatures = [
        signature_for(a.id, a.canonical_url, a.text, a.published, a.source) for a in articles
    ]
    out: dict[str, float] = {}
    prefix = f"bench-{uuid.uuid4().hex[:8]}-"
    store = ElasticsearchStore(client, prefix=prefix)
    try:
        store.save_articles(articles[:10])  # templates and indices, outside the timing
        started = time.perf_counter()
        for i in range(0, len(articles), batch):
            store.save_articles(articles[i : i + batch])
        out["es_bulk_articles_per_s"] = len(articles) / (time.perf_counter() - started)
        started = time.perf_counter()
        for i in range(0, len(signatures), batch):
            store.save_signatures(signatures[i : i + batch])
        out["es_bulk_signatures_per_s"] = len(signatures) / (time.perf_counter() - started)
        client.indices.refresh(index=f"{prefix}*")
        for name in ("articles", "signatures"):
            stored = int(client.count(index=f"{prefix}{name}")["count"])
            assert stored == len(articles), (name, stored, len(articles))
        started = time.perf_counter()
        for signature in signatures[:200]:  # the one-element calls a DoFn makes
            store.save_signatures([signature])
        out["es_single_signature_writes_per_s"] = 200 / (time.perf_counter() - started)
        started = time.perf_counter()
        for one in articles[:200]:
            store.save_articles([one])
        out["es_single_article_writes_per_s"] = 200 / (time.perf_counter() - started)
    finally:
        client.indices.delete(index=f"{prefix}*")
        client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}*")
        client.close()
    return out


def time_restart() -> dict[str, float]:
    settings = default_settings()
    started = time.perf_counter()
    down(settings)
    stopped = time.perf_counter() - started
    started = time.perf_counter()
    up(settings)
    return {"stack_down_s": stopped, "stack_warm_up_s": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--es-docs", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=2000, help="article text characters")
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--start-times", action="store_true")
    args = parser.parse_args()
    articles = [article(n, args.size) for n in range(max(args.records, args.es_docs))]
    results: dict[str, float] = {
        "records": args.records,
        "es_docs": args.es_docs,
        "record_bytes": len(encode_article(articles[0])),
        "batch": args.batch,
    }
    with endpoints() as (kafka, es):
        if args.start_times and not os.environ.get("CLAIMWATCH_KAFKA"):
            results.update(time_restart())
        results.update(bench_kafka(kafka, articles[: args.records], args.batch))
        results.update(bench_es(es, articles[: args.es_docs], args.batch))
    print(json.dumps({k: round(v, 1) for k, v in results.items()}, indent=2))


if __name__ == "__main__":
    main()
