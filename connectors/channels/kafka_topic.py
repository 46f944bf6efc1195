"""Alerts as JSON records on a Kafka topic (default `claimwatch.alerts`), keyed by alert id.

The producer is passed in (kafka-python `KafkaProducer`); the key makes a resend land on the same
partition, so a compacted topic or a consumer that remembers ids sees each alert once.
"""

from __future__ import annotations

from typing import Any, Literal

from claimwatch.connectors.channels import BuildContext, ChannelSettings, ChannelSpec
from claimwatch.connectors.channels.webhook import body_bytes
from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.errors import AlertDeliveryError, ConfigError
from pydantic import Field

ALERTS_TOPIC = "claimwatch.alerts"


class KafkaTopicChannel:
    """Produces `message.payload` and waits for the broker's acknowledgement."""

    def __init__(
        self,
        producer: Any,  # kafka.KafkaProducer; Any so this module imports without kafka-python
        *,
        topic: str = ALERTS_TOPIC,
        name: str = "kafka",
        timeout: float = 10.0,
    ) -> None:
        self.name = name
        self.topic = topic
        self._producer = producer
        self._timeout = timeout

    def send(self, message: Message) -> None:
        from kafka.errors import KafkaError

        try:
            future = self._producer.send(
                self.topic,
                key=message.id.encode("utf-8"),
                value=body_bytes(message.payload),
                headers=[("claimwatch-kind", message.kind.encode("ascii"))],
            )
            future.get(timeout=self._timeout)
        except KafkaError as exc:
            raise AlertDeliveryError(
                f"kafka {self.name}: alert {message.id} not acknowledged on {self.topic}: {exc}; "
                "is the broker reachable and the topic allowed?"
            ) from exc


class KafkaTopicSettings(ChannelSettings):
    type: Literal["kafka"]
    bootstrap: str
    topic: str = ALERTS_TOPIC
    # How long one send may wait for the broker: to connect, for metadata, for the ack. A down
    # broker then costs a delivery round this long, not kafka-python's 30 s bootstrap + 60 s.
    timeout_seconds: float = Field(default=10.0, gt=0)


class _LazyProducer:
    """Creates the topic and connects on the first send, so loading settings does no I/O."""

    def __init__(self, name: str, bootstrap: str, topic: str, timeout: float) -> None:
        self._name, self._bootstrap, self._topic = name, bootstrap, topic
        self._timeout = timeout
        self._producer: Any = None

    def send(self, *args: Any, **kwargs: Any) -> Any:
        if self._producer is None:
            self._producer = _connect(self._name, self._bootstrap, self._topic, self._timeout)
        return self._producer.send(*args, **kwargs)

    def flush(self, *args: Any, **kwargs: Any) -> Any:
        return self._producer.flush(*args, **kwargs) if self._producer is not None else None


def _connect(name: str, bootstrap: str, topic: str, timeout: float) -> Any:
    try:
        from claimwatch.connectors.kafka_log import ensure_topic
        from kafka import KafkaProducer
        from kafka.errors import KafkaError
    except ImportError as exc:
        raise ConfigError(
            f"channels.{name} is a kafka channel: pip install 'claimwatch[kafka]'"
        ) from exc
    try:
        ensure_topic(bootstrap, topic, timeout=timeout)
        waits = int(timeout * 1000)
        return KafkaProducer(
            bootstrap_servers=bootstrap.split(","),
            acks="all",
            bootstrap_timeout_ms=waits,
            max_block_ms=waits,
            request_timeout_ms=waits,
        )
    except KafkaError as exc:
        raise AlertDeliveryError(
            f"channels.{name}: cannot reach Kafka at {bootstrap}: {exc}; is the broker up?"
        ) from exc


def build(name: str, settings: KafkaTopicSettings, context: BuildContext) -> KafkaTopicChannel:
    timeout = settings.timeout_seconds
    producer = context.clients.get("kafka") or _LazyProducer(
        name, settings.bootstrap, settings.topic, timeout
    )
    return KafkaTopicChannel(producer, topic=settings.topic, name=name, timeout=timeout)


SPEC = ChannelSpec("kafka", KafkaTopicSettings, build)
