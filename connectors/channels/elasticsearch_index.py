"""Alerts as documents in an Elasticsearch index, id = alert id (a resend overwrites).

The client is passed in (elasticsearch-py 8). Connection errors, timeouts and 429/5xx are
retryable; other API errors (mapping conflicts, 4xx) are not.
"""

from __future__ import annotations

from typing import Any, Literal

from claimwatch.connectors.channels import (
    BuildContext,
    ChannelSettings,
    ChannelSpec,
    PermanentDeliveryError,
)
from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.errors import AlertDeliveryError, ConfigError
from pydantic import Field

# Not the store's own alerts index (claimwatch-alerts): a subscriber's copy must never
# overwrite, or be mistaken for, the pipeline's records.
ALERTS_INDEX = "claimwatch-alert-notifications"


class ElasticsearchIndexChannel:
    """Indexes `message.payload` under the message id."""

    def __init__(
        self,
        client: Any,  # elasticsearch.Elasticsearch; Any keeps the import optional
        *,
        index: str = ALERTS_INDEX,
        name: str = "elasticsearch",
    ) -> None:
        self.name = name
        self.index = index
        self._client = client

    def send(self, message: Message) -> None:
        from elasticsearch import ApiError, TransportError

        try:
            self._client.index(index=self.index, id=message.id, document=dict(message.payload))
        except ApiError as exc:
            status = exc.meta.status
            error = AlertDeliveryError if status == 429 or status >= 500 else PermanentDeliveryError
            raise error(
                f"elasticsearch {self.name}: index {self.index} answered {status} for alert "
                f"{message.id}: {exc.message}"
            ) from exc
        except TransportError as exc:
            raise AlertDeliveryError(
                f"elasticsearch {self.name}: cannot reach the cluster for alert {message.id}: "
                f"{exc}; is Elasticsearch up?"
            ) from exc


class ElasticsearchIndexSettings(ChannelSettings):
    type: Literal["elasticsearch"]
    url: str = Field(pattern=r"^https?://")
    index: str = ALERTS_INDEX


def build(
    name: str, settings: ElasticsearchIndexSettings, context: BuildContext
) -> ElasticsearchIndexChannel:
    client = context.clients.get("elasticsearch")
    if client is None:
        try:
            from elasticsearch import Elasticsearch
        except ImportError as exc:
            raise ConfigError(
                f"channels.{name} is an elasticsearch channel: "
                "pip install 'claimwatch[elasticsearch]'"
            ) from exc
        client = Elasticsearch(settings.url)  # connects on first request
    return ElasticsearchIndexChannel(client, index=settings.index, name=name)


SPEC = ChannelSpec("elasticsearch", ElasticsearchIndexSettings, build)
