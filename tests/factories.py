"""Shared test builders: claims, alerts, articles, outbox rows, a settable clock, a loopback
webhook receiver, and the `claimwatch` command as a subprocess.

Imported as `factories` (tests/conftest.py puts tests/ on sys.path, as pytest does for any
rootdir conftest outside a package); the fixtures built on these live in tests/conftest.py.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from claimwatch.connectors.channels.webhook import (
    ALERT_ID_HEADER,
    KIND_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    verify,
)
from claimwatch.connectors.delivery import PENDING
from claimwatch.connectors.store import Delivery
from claimwatch.transforms.alert_rules import RoutedAlert
from claimwatch.transforms.dedup import canonical_url, content_hash
from claimwatch.transforms.models import Alert, Article, ChangeKind, Claim, ClaimKey

REPO = Path(__file__).resolve().parents[1]
DEMO_FEED = REPO / "config" / "demo" / "gaza_monitor.xml"
T0 = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)
SECRET = "s3cret"
KILLED = ClaimKey("killed", "palestinians")

# -- claims and alerts -------------------------------------------------------------------------


def claim(
    n: int,
    value: float,
    *,
    key: ClaimKey = KILLED,
    hours: float = 0.0,
    at_least: bool = False,
    source: str = "Wire",
    quote: str | None = None,
    ident: str | None = None,
    unit: str | None = None,
    story_id: str | None = None,
) -> Claim:
    """Claim `claim-<n>` of `value`, published `hours` after T0 (a lower bound if at_least)."""
    figure = f"at least {value:g}" if at_least else f"{value:g}"
    return Claim(
        id=ident or f"claim-{n}",
        key=key,
        value=None if at_least else value,
        low=value if at_least else None,
        high=None,
        qualifier="at_least" if at_least else "exact",
        source=source,
        url=f"https://wire.example/{n}",
        article_id=f"art-{n}",
        canonical_url=f"https://wire.example/{n}",
        published=T0 + timedelta(hours=hours),
        quote=quote or f"{figure} people were killed, officials said.",
        figure_text=figure,
        start=0,
        end=len(figure),
        cumulative=True,
        unit=unit,
        story_id=story_id,
    )


def alert(
    n: int,
    current: Claim,
    previous: Claim | None = None,
    *,
    change: ChangeKind | None = None,
    detected_at: datetime = T0,
    **extra: Any,
) -> Alert:
    """Alert `alert-<n>` on the current claim's key (an increase when there is a previous)."""
    return Alert(
        id=f"alert-{n}",
        claim_key=current.key.as_string(),
        metric=current.key.metric,
        subject=current.key.subject,
        change=change or ("increase" if previous else "new"),
        previous=previous,
        current=current,
        detected_at=detected_at,
        **extra,
    )


def toll_alert(
    n: int,
    before: float | None,
    after: float,
    *,
    change: ChangeKind | None = None,
    key: ClaimKey = KILLED,
    hours: float | None = None,
    at_least: bool = True,
    **extra: Any,
) -> Alert:
    """Alert `alert-<n>`: the toll on `key` went from `before` (an hour earlier) to `after`."""
    at = float(n) if hours is None else hours
    previous = (
        None if before is None else claim(n * 10, before, key=key, hours=at - 1, at_least=at_least)
    )
    return alert(
        n,
        claim(n * 10 + 1, after, key=key, hours=at, at_least=at_least),
        previous,
        change=change,
        **extra,
    )


def routed(alert_: Alert, *channels: str, rule: str = "casualties") -> RoutedAlert:
    return RoutedAlert(alert=alert_, rule=rule, channels=channels or ("hook",))


def pending(alert_: Alert, channel: str = "hook", *, updated: datetime = T0) -> Delivery:
    """The outbox row the pipeline stores for one routed (alert, channel)."""
    return Delivery(
        alert_id=alert_.id,
        channel=channel,
        status=PENDING,
        attempts=0,
        last_error=None,
        updated=updated,
        claim_key=alert_.claim_key,
        published=alert_.current.published,
    )


# -- articles ----------------------------------------------------------------------------------

TOLL_BODY = (
    "Israel has killed at least {n} Palestinians and injured over 1,100 others since the "
    "ceasefire began in October, the Gaza health ministry said. Channel 13 reported that "
    "the talks would continue through 2027. The ministry said rescue teams were still "
    "searching the rubble in Khan Younis and Gaza City for people missing after the strikes."
)


def article(
    ident: str,
    *,
    url: str | None = None,
    source: str = "Wire",
    hours: float = 0.0,
    text: str | None = None,
    fetched: datetime | None = None,
    author: str | None = None,
    feed_url: str | None = None,
) -> Article:
    """An article published `hours` after T0; the id, hash and canonical URL as ingest makes."""
    body = text if text is not None else TOLL_BODY.format(n=400)
    where = url or f"https://wire.example/{ident}"
    published = T0 + timedelta(hours=hours)
    return Article(
        id=ident,
        url=where,
        canonical_url=canonical_url(where),
        source=source,
        title=f"Title {ident}",
        text=body,
        published=published,
        fetched=fetched or published + timedelta(minutes=5),
        content_hash=content_hash(body),
        author=author,
        feed_url=feed_url,
    )


# -- time --------------------------------------------------------------------------------------


class Clock:
    """A clock tests move by hand; `sleep` moves it too and records each wait."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)


# -- a loopback webhook receiver ---------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes  # the exact bytes, as signed
    signed: bool | None  # None when the receiver checks no signature
    status: int

    @property
    def json(self) -> dict[str, Any]:
        return dict(json.loads(self.body))

    @property
    def alert_id(self) -> str | None:
        return self.headers.get(ALERT_ID_HEADER)

    @property
    def kind(self) -> str | None:
        return self.headers.get(KIND_HEADER)

    @property
    def timestamp(self) -> str | None:
        return self.headers.get(TIMESTAMP_HEADER)


@dataclass
class WebhookReceiver:
    """What a subscriber runs: verifies signatures (401 if wrong), answers scripted statuses
    (then 200), and records every request so tests can count deliveries per alert id."""

    url: str = ""
    secret: str | None = SECRET
    statuses: list[int] = field(default_factory=list)
    retry_after: str | None = None  # sent with 429 and 503 answers
    requests: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def accepted(self) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if 200 <= r.status < 300]

    def accepted_ids(self) -> list[str | None]:
        return [r.alert_id for r in self.accepted()]

    def count_by_id(self) -> Counter[str | None]:
        """Accepted deliveries per alert id: every value is 1 when nothing went out twice."""
        return Counter(self.accepted_ids())

    def bodies(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [r.json for r in self.accepted() if kind is None or r.kind == kind]

    def handle_post(self, path: str, headers: dict[str, str], body: bytes) -> int:
        with self.lock:
            status = self.statuses.pop(0) if self.statuses else 200
            header = headers.get(SIGNATURE_HEADER)
            signed = None if self.secret is None else verify(body, self.secret, header)
            if signed is False:
                status = 401
            self.requests.append(Received(path, headers, body, signed, status))
        return status


@contextmanager
def serve_webhook(
    *,
    secret: str | None = SECRET,
    statuses: Sequence[int] = (),
    retry_after: str | None = None,
) -> Iterator[WebhookReceiver]:
    """A WebhookReceiver listening on 127.0.0.1 for the duration of the block."""
    receiver = WebhookReceiver(secret=secret, statuses=list(statuses), retry_after=retry_after)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status = receiver.handle_post(self.path, dict(self.headers.items()), body)
            reply = b"ok" if status < 300 else b"nope"
            self.send_response(status)
            if status in (429, 503) and receiver.retry_after is not None:
                self.send_header("Retry-After", receiver.retry_after)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: Any) -> None:  # keep pytest output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, name="webhook-receiver", daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def closed_port_url(path: str = "/hook") -> str:
    """A loopback URL nothing listens on: every POST is refused (a receiver that is down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


# -- the command line --------------------------------------------------------------------------


def claimwatch(
    *args: str, stdin: str | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """The real `claimwatch` command in a subprocess (its own interpreter, as users run it)."""
    return subprocess.run(
        [sys.executable, "-m", "claimwatch.pipelines.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=timeout,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )


def jsonl_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
