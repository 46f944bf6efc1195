"""Alerts to a Slack-compatible incoming webhook: the {"text": …, "blocks": …} body.

The body is `message.slack`, built by transforms/alert_text.py so that article text cannot
mention, link or format. The webhook URL is the credential: it never appears in errors.
"""

from __future__ import annotations

from typing import Literal

import requests
from claimwatch.connectors.channels import BuildContext, ChannelSettings, ChannelSpec, secret
from claimwatch.connectors.channels.webhook import USER_AGENT, body_bytes, post_json
from claimwatch.transforms.alert_text import Message
from pydantic import Field, SecretStr, model_validator


class SlackChannel:
    """POSTs the Slack form of an alert to an incoming-webhook URL."""

    def __init__(
        self,
        url: str,
        *,
        name: str = "slack",
        timeout: float = 10.0,
        session: requests.Session | None = None,
    ) -> None:
        self.name = name
        self._url = url
        self._timeout = timeout
        self._session = session or requests.Session()

    def send(self, message: Message) -> None:
        post_json(
            self._session,
            self._url,
            body_bytes(message.slack),
            {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT},
            timeout=self._timeout,
            what=f"slack {self.name} alert {message.id}",
        )


class SlackSettings(ChannelSettings):
    type: Literal["slack"]
    # The incoming-webhook URL is itself the credential.
    url: SecretStr | None = None
    url_env: str | None = None
    timeout_seconds: float = Field(default=10.0, gt=0)

    @model_validator(mode="after")
    def _one_url(self) -> SlackSettings:
        if (self.url is None) == (self.url_env is None):
            raise ValueError("give exactly one of url or url_env (the incoming-webhook URL)")
        return self


def build(name: str, settings: SlackSettings, context: BuildContext) -> SlackChannel:
    url = secret(name, "url", settings.url, settings.url_env, context.environ, required=True)
    assert url is not None
    return SlackChannel(url, name=name, timeout=settings.timeout_seconds)


SPEC = ChannelSpec("slack", SlackSettings, build)
