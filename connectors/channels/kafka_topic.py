"""Alerts as JSON records on a Kafka topic (default `claimwatch.alerts`), keyed by alert id.

The producer is passed in (kafka-python `KafkaProducer`); the key makes a resend land on the same
partition, so a compacted topic or a consumer that remembers ids sees each alert once.
"""

from __future__ import annotations

from typing import Any

from claimwatch.connectors.channels.webhook import body_bytes
from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.errors import AlertDeliveryError

ALERTS_TOPIC = "claimwatch.alerts"


class KafkaTopicChannel:
    """Produces `message.payload` and waits for the broker's acknowledgement."""

    def __init__(
        self,
        producer: Any,  # kafka.KafkaProducer; Any so this module imports without kafka-python
        *,
        topic: str = ALERTS_TOPIC,
        name: str = "kafka",
        timeout: float = 30.0,
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
