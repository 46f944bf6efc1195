"""The Kafka alert channel against the real broker the stack fixture provides."""

import json
import os
from typing import Any

import pytest
from claimwatch.connectors.channels.kafka_topic import KafkaTopicChannel
from claimwatch.connectors.kafka_log import ensure_topic
from claimwatch.transforms.alert_text import render_alert
from factories import toll_alert

pytestmark = pytest.mark.integration


def records_on(bootstrap: str, topic: str) -> list[Any]:
    """Everything on topic, from the start (waits up to 10 s for the first record)."""
    from kafka import KafkaConsumer

    consumer = KafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", consumer_timeout_ms=10000
    )
    try:
        return list(consumer)
    finally:
        consumer.close()


def test_alerts_land_on_the_topic_keyed_by_alert_id(kafka_bootstrap: str) -> None:
    from kafka import KafkaProducer

    alert = toll_alert(42, 400, 420)
    topic = f"claimwatch.alerts.test-{os.getpid()}"
    ensure_topic(kafka_bootstrap, topic)
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all")
    KafkaTopicChannel(producer, topic=topic).send(render_alert(alert, rule="casualties"))
    producer.close()
    records = records_on(kafka_bootstrap, topic)
    assert [r.key for r in records] == [b"alert-42"]
    payload = json.loads(records[0].value)
    assert payload["id"] == "alert-42"
    assert "at least 400 → at least 420" in json.dumps(payload, ensure_ascii=False)


def test_the_channel_built_from_settings_creates_its_topic_and_delivers(
    kafka_bootstrap: str,
) -> None:
    from claimwatch.connectors.channels import BuildContext
    from claimwatch.connectors.channels.kafka_topic import KafkaTopicSettings, build

    topic = f"claimwatch.alerts.built-{os.getpid()}"
    settings = KafkaTopicSettings(type="kafka", bootstrap=kafka_bootstrap, topic=topic)
    channel = build("alerts-topic", settings, BuildContext())
    channel.send(render_alert(toll_alert(7, 400, 430), rule="casualties"))
    records = records_on(kafka_bootstrap, topic)
    assert [r.key for r in records] == [b"alert-7"]
