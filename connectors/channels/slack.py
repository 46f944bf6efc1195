"""Alerts to a Slack-compatible incoming webhook: the {"text": …, "blocks": …} body.

The body is built here from the message's neutral parts so that article text cannot mention,
link or format: Slack's escaping (`&`, `<`, `>`, which also disarms `<@U…>`, `<!channel>` and
`<url|label>`), article text kept in `plain_text` objects so `*bold*` is not formatting, and the
only links built here from http(s) URLs. The webhook URL is the credential: it never appears in
errors.
"""

from __future__ import annotations

from typing import Any, Literal

import requests
from claimwatch.connectors.channels import BuildContext, ChannelSettings, ChannelSpec, secret
from claimwatch.connectors.channels.webhook import USER_AGENT, body_bytes, post_json
from claimwatch.transforms.alert_text import Message, Part, is_web_url
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
            body_bytes(slack_body(message)),
            {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT},
            timeout=self._timeout,
            what=f"slack {self.name} alert {message.id}",
        )


HEADER_MAX = 150  # Slack rejects header blocks longer than this
TEXT_MAX = 3000  # ... and section texts longer than this


def slack_body(message: Message) -> dict[str, Any]:
    """The incoming-webhook body for a message: {"text": fallback, "blocks": [...]}."""
    blocks = [_block(part) for part in message.parts]
    # "mrkdwn": false keeps the notification fallback literal: no *bold* from a quote.
    return {"text": slack_escape(message.subject), "mrkdwn": False, "blocks": blocks}


def _block(part: Part) -> dict[str, Any]:
    if part.kind == "header":
        return _plain_block("header", part.text, HEADER_MAX)
    if part.kind == "warning":
        return _plain_block("section", f"⚠️ {part.text}")
    if part.kind == "link":
        link = slack_link(part.url or "", part.text)
        if link is None:
            return _plain_block("section", part.text)
        return {"type": "context", "elements": [{"type": "mrkdwn", "text": link}]}
    return _plain_block("section", part.text)


def slack_escape(text: str) -> str:
    """Slack's rule: &, < and > become entities; nothing else is touched."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_link(url: str, label: str) -> str | None:
    """<url|label> for an http(s) URL, with the URL's own &, <, >, | made harmless; else None."""
    if not is_web_url(url):
        return None
    safe = slack_escape(url).replace("|", "%7C")
    return f"<{safe}|{slack_escape(label).replace('|', '/')}>"


def _plain_block(kind: str, text: str, limit: int = TEXT_MAX) -> dict[str, Any]:
    # Escaping grows the text (& -> &amp;): cut first with room for it, so no entity is split.
    if len(slack_escape(text)) > limit:
        while len(slack_escape(text)) > limit - 1:
            text = text[: len(text) - max(1, len(slack_escape(text)) - limit + 1)]
        text += "…"
    text = slack_escape(text)
    return {"type": kind, "text": {"type": "plain_text", "text": text, "emoji": False}}


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
