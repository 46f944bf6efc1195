"""Alerts to a Slack-compatible incoming webhook: the {"text": …, "blocks": …} body.

The body is `message.slack`, built by transforms/alert_text.py so that article text cannot
mention, link or format. The webhook URL is the credential: it never appears in errors.
"""

from __future__ import annotations

import requests
from claimwatch.connectors.channels.webhook import USER_AGENT, body_bytes, post_json
from claimwatch.transforms.alert_text import Message


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
