"""Session-scoped real Kafka and Elasticsearch for the integration tests.

CLAIMWATCH_KAFKA and CLAIMWATCH_ELASTICSEARCH, when both are set, point at a running stack;
otherwise the project's own launcher starts one (fetching it once into ~/.cache/claimwatch)
and stops, at the end of the session, whatever it started. Every test gets its own topics
and index prefix and removes them afterwards.
"""

from __future__ import annotations

import hashlib
import importlib
import uuid
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from claimwatch.connectors.es_store import ElasticsearchStore
from claimwatch.deploy.stack import endpoints
from claimwatch.transforms.dedup import canonical_url, content_hash
from claimwatch.transforms.models import Article
from elasticsearch import Elasticsearch

if TYPE_CHECKING:
    from claimwatch.connectors.kafka_log import KafkaLog

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


def _import_kafka_quietly() -> None:
    # kafka-python 3.0 loads its protocol schemas with importlib.resources.read_text,
    # deprecated since Python 3.11, while it is imported: not ours to fix. Importing it once
    # here, before the test modules, keeps filterwarnings=error meaningful for the rest.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "(read|open)_text is deprecated", DeprecationWarning)
        importlib.import_module("kafka")


_import_kafka_quietly()


@pytest.fixture(scope="session")
def stack() -> Iterator[tuple[str, str]]:
    with endpoints() as (kafka, es):
        yield kafka, es


@pytest.fixture(scope="session")
def kafka_bootstrap(stack: tuple[str, str]) -> str:
    return stack[0]


@pytest.fixture(scope="session")
def es_url(stack: tuple[str, str]) -> str:
    return stack[1]


@pytest.fixture
def topic(kafka_bootstrap: str) -> Iterator[str]:
    from kafka import KafkaAdminClient

    name = f"cwtest.{uuid.uuid4().hex[:10]}.articles"
    yield name
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    try:
        existing = set(admin.list_topics())
        doomed = [t for t in (name, f"{name}.dlq") if t in existing]
        if doomed:
            admin.delete_topics(doomed)
    finally:
        admin.close()


@pytest.fixture
def new_log(kafka_bootstrap: str, topic: str) -> Iterator[Callable[..., KafkaLog]]:
    """Factory: each call is a fresh KafkaLog on the test's topic (a restarted process)."""
    from claimwatch.connectors.kafka_log import KafkaLog

    made: list[KafkaLog] = []

    def make(**settings: object) -> KafkaLog:
        log = KafkaLog(kafka_bootstrap, topic=topic, poll_timeout=0.5, **settings)  # type: ignore[arg-type]
        made.append(log)
        return log

    yield make
    for log in made:
        log.close()


@pytest.fixture
def es_client(es_url: str) -> Iterator[Elasticsearch]:
    client = Elasticsearch(es_url, request_timeout=30)
    yield client
    client.close()


@pytest.fixture
def index_prefix(es_client: Elasticsearch) -> Iterator[str]:
    prefix = f"cwtest-{uuid.uuid4().hex[:10]}-"
    yield prefix
    es_client.indices.delete(index=f"{prefix}*")
    es_client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}*")


@pytest.fixture
def es_store(es_client: Elasticsearch, index_prefix: str) -> Iterator[ElasticsearchStore]:
    store = ElasticsearchStore(es_client, prefix=index_prefix)
    yield store
    store.close()


def _make_article(n: int, *, url: str | None = None, version: int = 1, size: int = 2000) -> Article:
    """A realistic ~2 KB article; versions at one URL differ in text and publication time."""
    link = url or f"https://news.example/world/story-{n}?utm_source=feed"
    sentence = f"Officials said at least {40 + n + version} people were killed in story {n}. "
    text = (sentence * (size // len(sentence) + 1))[:size]
    return Article(
        id=hashlib.sha1(f"{link}|{version}|{n}".encode()).hexdigest()[:16],
        url=link,
        canonical_url=canonical_url(link),
        source="wire.example",
        title=f"Story {n} (v{version})",
        text=text,
        published=T0 + timedelta(minutes=n, hours=version),
        fetched=T0 + timedelta(minutes=n, hours=version, seconds=30),
        content_hash=content_hash(text),
        version=version,
    )


@pytest.fixture
def make_article() -> Callable[..., Article]:
    return _make_article
