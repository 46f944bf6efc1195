"""Alert channels: each takes a rendered `Message` and delivers it, or raises.

    Message ──send──▶ console | jsonl | webhook | slack | email | kafka_topic | elasticsearch_index

Each channel module also holds its settings model (the `channels:` entry of alerts.yaml, with
`type:` naming it) and a `build` function, exported as `SPEC`; the registry
(connectors/channels/registry.py) lists the specs. A new channel is one module and one line
there. Building a channel does no I/O: clients connect when the first message is sent.

A channel makes exactly one delivery attempt per `send`. It raises `AlertDeliveryError` when the
attempt failed for a reason a retry may fix (connection refused, timeout, HTTP 5xx or 429, SMTP
4xx) and `PermanentDeliveryError` when it will not (HTTP 4xx, SMTP 5xx, a bad address); the
dispatcher (connectors/delivery.py) decides when to retry. Clients are passed in; the channel
modules import their client libraries only when used, so the core stays import-light.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.errors import AlertDeliveryError, ConfigError
from pydantic import BaseModel, ConfigDict, SecretStr

__all__ = [
    "AlertDeliveryError",
    "BuildContext",
    "Channel",
    "ChannelSettings",
    "ChannelSpec",
    "Message",
    "PermanentDeliveryError",
    "RetryLater",
    "secret",
]


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


class ChannelSettings(BaseModel):
    """Base of every channel's settings: validated once, frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str


@dataclass(frozen=True)
class BuildContext:
    """What building a channel may need besides its settings.

    Args:
        base_dir: where relative paths live (the data directory).
        environ: where `*_env` secrets are read.
        clients: prebuilt clients by channel type ("kafka", "elasticsearch"), for tests.
    """

    base_dir: Path | None = None
    environ: Mapping[str, str] = field(default_factory=dict)
    clients: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChannelSpec:
    kind: str  # the `type:` that names it in alerts.yaml
    settings: type[ChannelSettings]
    build: Callable[[str, Any, BuildContext], Channel]


def secret(
    channel: str,
    key: str,
    value: SecretStr | None,
    env_name: str | None,
    env: Mapping[str, str],
    *,
    required: bool,
) -> str | None:
    """A channel secret from the file or the environment; the error says how to set it."""
    if value is not None:
        return value.get_secret_value()
    if env_name is not None:
        if env_name not in env:
            raise ConfigError(
                f"channels.{channel}.{key}_env names ${env_name}, which is not set: "
                f"export {env_name}=… before starting claimwatch"
            )
        return env[env_name]
    if required:
        raise ConfigError(f"channels.{channel}: set {key} or {key}_env")
    return None
