"""Alert channels: each takes a rendered `Message` and delivers it, or raises.

    Message ──send──▶ console | jsonl | webhook | slack | email | kafka_topic | elasticsearch_index

A channel makes exactly one delivery attempt per `send`. It raises `AlertDeliveryError` when the
attempt failed for a reason a retry may fix (connection refused, timeout, HTTP 5xx or 429, SMTP
4xx) and `PermanentDeliveryError` when it will not (HTTP 4xx, SMTP 5xx, a bad address); the
dispatcher (connectors/delivery.py) decides when to retry. Clients are passed in; the channel
modules import their client libraries only when used, so the core stays import-light.
"""

from __future__ import annotations

from typing import Protocol

from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.errors import AlertDeliveryError

__all__ = ["AlertDeliveryError", "Channel", "Message", "PermanentDeliveryError", "RetryLater"]


class PermanentDeliveryError(AlertDeliveryError):
    """The channel refused the alert for a reason retrying will not fix."""


class RetryLater(AlertDeliveryError):
    """The receiver asked us to wait (HTTP 429 / 503 with Retry-After) this many seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Channel(Protocol):
    """Somewhere alerts go. `name` is the key rules use to route to it."""

    name: str

    def send(self, message: Message) -> None:
        """Deliver one message or raise AlertDeliveryError (PermanentDeliveryError: no retry)."""
        ...
