"""The Kafka alert channel against the real broker the stack fixture provides."""

import json
import os
from datetime import datetime, timezone

import pytest
from claimwatch.connectors.channels.kafka_topic import KafkaTopicChannel
from claimwatch.connectors.kafka_log import ensure_topic
from claimwatch.transforms.alert_text import render_alert
from claimwatch.transforms.models import Alert, Claim, ClaimKey

pytestmark = pytest.mark.integration
NOW = datetime(2025, 11, 20, 12, tzinfo=timezone.utc)


def claim(value: float) -> Claim:
    return Claim(
        id=f"c{value}",
        key=ClaimKey("killed", "palestinians"),
        value=value,
        low=value,
        high=None,
        qualifier="at_least",
        source="Wire",
        url="https://wire.example/gaza",
        article_id="a",
        canonical_url="https://wire.example/gaza",
        published=NOW,
        quote=f"At least {value} killed.",
        figure_text="",
        start=0,
        end=0,
        cumulative=True,
    )


def test_alerts_land_on_the_topic_keyed_by_alert_id(kafka_bootstrap: str) -> None:
    from kafka import KafkaConsumer, KafkaProducer

    alert = Alert(
        id="alert-42",
        claim_key="killed|palestinians|*|*",
        metric="killed",
        subject="palestinians",
        change="increase",
        previous=claim(400),
        current=claim(420),
        detected_at=NOW,
    )
    topic = f"claimwatch.alerts.test-{os.getpid()}"
    ensure_topic(kafka_bootstrap, topic)
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all")
    KafkaTopicChannel(producer, topic=topic).send(render_alert(alert, rule="casualties"))
    producer.close()
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=kafka_bootstrap,
        auto_offset_reset="earliest",
        consumer_timeout_ms=10000,
    )
    records = list(consumer)
    consumer.close()
    assert [r.key for r in records] == [b"alert-42"]
    payload = json.loads(records[0].value)
    assert payload["id"] == "alert-42"
    assert "at least 400 → at least 420" in json.dumps(payload, ensure_ascii=False)
