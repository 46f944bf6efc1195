"""Alerts POSTed as signed JSON to an HTTP endpoint.

Receivers verify `X-Claimwatch-Signature: sha256=<hex>`, the HMAC-SHA256 of the exact body bytes
keyed with the shared secret, and deduplicate on `X-Claimwatch-Alert-Id` (the body is the same
bytes for the same alert, so a resend after a crash is recognisable). Retry policy: connection
errors, timeouts, 5xx and 429 raise AlertDeliveryError (the dispatcher backs off and retries);
any other 4xx raises PermanentDeliveryError (the receiver rejected the request as such).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from typing import Any, Literal
from urllib.parse import urlsplit

import requests
from claimwatch.connectors.channels import (
    BuildContext,
    ChannelSettings,
    ChannelSpec,
    PermanentDeliveryError,
    RetryLater,
    secret,
)
from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.errors import AlertDeliveryError
from pydantic import Field, SecretStr

SIGNATURE_HEADER = "X-Claimwatch-Signature"
ALERT_ID_HEADER = "X-Claimwatch-Alert-Id"
TIMESTAMP_HEADER = "X-Claimwatch-Timestamp"
KIND_HEADER = "X-Claimwatch-Kind"
USER_AGENT = "claimwatch-alerts/0.1"


def body_bytes(payload: Mapping[str, Any]) -> bytes:
    """The canonical JSON body: sorted keys, no spaces, UTF-8 (same alert, same bytes)."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def sign(body: bytes, secret: str) -> str:
    """The signature header value for a body: "sha256=<hex HMAC-SHA256>"."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str | None) -> bool:
    """What a receiver does: constant-time comparison of the signature header."""
    return header is not None and hmac.compare_digest(sign(body, secret), header)


def redact(url: str) -> str:
    """scheme://host/… : webhook URLs often carry their token in the path or query."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…"


def post_json(
    session: requests.Session,
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    timeout: float,
    what: str,
) -> None:
    """One POST; maps failures to AlertDeliveryError (retryable) or PermanentDeliveryError."""
    where = redact(url)
    try:
        response = session.post(url, data=body, headers=dict(headers), timeout=timeout)
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise AlertDeliveryError(
            f"{what}: cannot reach {where}: {type(exc).__name__}; is the receiver up?"
        ) from exc
    except requests.RequestException as exc:
        raise PermanentDeliveryError(f"{what}: bad request to {where}: {exc}") from exc
    status = response.status_code
    if 200 <= status < 300:
        return
    detail = response.text[:200].strip()
    if status == 429 or status >= 500:
        message = f"{what}: {where} answered {status} (will retry): {detail}"
        wait = _retry_after(response.headers.get("Retry-After"))
        if wait is not None:
            raise RetryLater(message, wait)
        raise AlertDeliveryError(message)
    raise PermanentDeliveryError(
        f"{what}: {where} rejected the alert with {status}: {detail}; "
        "check the URL and the receiver's expectations (a retry will not help)"
    )


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (the HTTP-date form is rare for webhooks and is ignored)."""
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


class WebhookChannel:
    """POSTs `message.payload` as signed JSON."""

    def __init__(
        self,
        url: str,
        *,
        name: str = "webhook",
        secret: str | None = None,
        timeout: float = 10.0,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = name
        self.url = url
        self._secret = secret
        self._timeout = timeout
        self._session = session or requests.Session()
        self._clock = clock

    def send(self, message: Message) -> None:
        body = body_bytes(message.payload)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            ALERT_ID_HEADER: message.id,
            KIND_HEADER: message.kind,
            TIMESTAMP_HEADER: str(int(self._clock())),
        }
        if self._secret:
            headers[SIGNATURE_HEADER] = sign(body, self._secret)
        post_json(
            self._session,
            self.url,
            body,
            headers,
            timeout=self._timeout,
            what=f"webhook {self.name} alert {message.id}",
        )


class WebhookSettings(ChannelSettings):
    type: Literal["webhook"]
    url: str = Field(pattern=r"^https?://")
    secret: SecretStr | None = None
    secret_env: str | None = None
    timeout_seconds: float = Field(default=10.0, gt=0)


def build(name: str, settings: WebhookSettings, context: BuildContext) -> WebhookChannel:
    key = secret(
        name, "secret", settings.secret, settings.secret_env, context.environ, required=False
    )
    return WebhookChannel(settings.url, name=name, secret=key, timeout=settings.timeout_seconds)


SPEC = ChannelSpec("webhook", WebhookSettings, build)
