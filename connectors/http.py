"""HTTP helpers shared by feeds.py and pages.py: polite, capped, checked GETs.

    PoliteClient.get(url, ...) ─HttpResponse(url, status, headers, body)─▶ the caller
        │ each redirect hop by hand: URL checked, its own turn at its host (HostGate)
        │ connections checked and pinned by transport.GuardedAdapter (address_policy)
        │ one deadline for connect + headers + body (transport.Watchdog), a stop event
        │ streamed read capped at max_bytes (decompressed, so a gzip bomb stops early)
        │ 429/503 back the host off for its Retry-After
        └ every requests/urllib3 exception mapped to the caller's error class, chained

`local_path` tells a location on disk (a path or file:// URL) from one to fetch over HTTP.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

import requests
import urllib3
from claimwatch.connectors.address_policy import (
    AddressPolicy,
    BlockedAddressError,
    IPNetwork,
    url_refusal,
)
from claimwatch.connectors.host_gate import HostGate, TurnAbandoned
from claimwatch.connectors.transport import (
    RequestScope,
    Resolver,
    Watchdog,
    guard_session,
    system_resolver,
)
from claimwatch.transforms.errors import ClaimwatchError

PROJECT_URL = "https://github.com/claimwatch/claimwatch"
USER_AGENT = f"claimwatch/0.1 (+{PROJECT_URL}; news monitoring, polite polling)"


def local_path(location: str) -> Path | None:
    """The filesystem path for a file:// URL or a plain path; None for http(s) URLs."""
    parts = urlsplit(location)
    if parts.scheme == "file":
        return Path(url2pathname(unquote(parts.path)))
    if parts.scheme in ("http", "https"):
        return None
    if parts.scheme and len(parts.scheme) > 1:  # one letter is a Windows drive
        return None
    return Path(location)


@dataclass(frozen=True, slots=True)
class HttpResponse:
    url: str
    status: int
    headers: Mapping[str, str]  # lower-cased names
    body: bytes


_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# 429/503 without a usable Retry-After: a minute is what most rate limiters mean.
DEFAULT_BACK_OFF = 60.0


def retry_after_seconds(value: str | None, *, date: str | None = None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date read against the response's Date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
        ref = parsedate_to_datetime(date) if date else datetime.now(timezone.utc)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None or ref.tzinfo is None:
        return None
    return max(0.0, (when - ref).total_seconds())


def _chunks(response: requests.Response) -> Iterator[bytes]:
    """Body chunks as they arrive, so the deadline is checked while a server trickles.

    iter_content blocks until a whole chunk is in; read1 returns whatever has arrived
    (decompressed), so a one-byte-a-second body cannot hold the read open past the deadline.
    """
    raw = response.raw
    if not hasattr(raw, "read1"):  # urllib3 < 2.3
        yield from response.iter_content(_CHUNK)
        return
    while True:
        data = raw.read1(_CHUNK, decode_content=True)
        if not data:
            return
        yield data


def _status_message(what: str, url: str, status: int, reason: str | None) -> str:
    hint = {
        401: "it needs credentials claimwatch does not send",
        403: "the server refuses us; check the URL in a browser and the site's robots policy",
        404: "check the URL, the feed may have moved",
        410: "the server says it is gone for good; remove it from the feeds list",
        429: "we are rate limited; raise the polling interval",
    }.get(status, "the server failed; it will be retried on the next poll")
    if status < 500 and status not in (401, 403, 404, 410, 429):
        hint = "the server rejected the request"
    return f"{what} {url} returned HTTP {status} {reason or ''}".rstrip() + f": {hint}"


def _reason(exc: Exception) -> str:
    # requests nests urllib3's reason several levels deep; the innermost line is readable.
    text = str(exc)
    match = re.search(r"\[Errno -?\d+\][^'\")]*", text)
    return match.group(0) if match else text


class PoliteClient:
    """What FeedClient and PageFetcher share: a guarded session, their limits, a host gate.

    Args:
        session: The requests session to use; a GuardedAdapter is mounted on it, so every
            connection is checked against the policy of the request that opens or reuses it.
        user_agent: Sent with every request; names the project.
        timeout: Seconds for the whole request: connect, headers and body, redirects included.
        max_bytes: Larger bodies are cut off with an error (the subclass's default when None).
        min_interval_per_host: Seconds between two requests to the same host.
        gate: Share one between clients so feeds and pages on a host count together.
        policy: Who may be reached. None: the class default, trusted for FeedClient (checked
            only once a redirect leaves the configured origin), public-only for PageFetcher.
        allow: Networks opened on purpose; used for redirects off a trusted origin too.
        resolver: host, port -> addresses; tests inject one that answers what they need.
        stop: Set it to abandon waits and cut requests in flight (Ctrl-C).
        max_redirects: Hops followed per request; more is a loop.
    """

    default_max_bytes = 5 * 1024 * 1024
    # Feed URLs come from the operator; page links come from whoever writes the feed.
    trusted_by_default = False

    def __init__(
        self,
        session: requests.Session,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 30.0,
        max_bytes: int | None = None,
        min_interval_per_host: float = 1.0,
        gate: HostGate | None = None,
        policy: AddressPolicy | None = None,
        allow: Sequence[IPNetwork] = (),
        resolver: Resolver = system_resolver,
        stop: threading.Event | None = None,
        max_redirects: int = 5,
    ) -> None:
        self._session = guard_session(session)
        self._user_agent = user_agent
        self._timeout = timeout
        self._max_bytes = max_bytes if max_bytes is not None else self.default_max_bytes
        self.gate = gate or HostGate(min_interval_per_host)
        self._untrusted = AddressPolicy(allow=tuple(allow)) if policy is None else policy
        trusted = policy is None and self.trusted_by_default
        self._policy = (
            AddressPolicy(allow=tuple(allow), trusted=True) if trusted else self._untrusted
        )
        self._resolver = resolver
        self.stop = stop or threading.Event()
        self._watchdog = Watchdog()
        self._max_redirects = max_redirects

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str],
        error: type[ClaimwatchError],
        what: str,
        deadline: float | None = None,
    ) -> HttpResponse:
        """GET with one deadline for everything, a capped body and redirects followed by hand.

        Each hop is checked (scheme, host, port, then the resolved address), waits its turn
        at its host, and counts toward that host's rate. 429/503 back the host off for its
        Retry-After. 304 is returned; other statuses >= 400 raise `error`, as does every
        transport failure, chained, with the URL in the message.

        Args:
            deadline: A monotonic time this request must not outlive (the poll's deadline).
        """
        ends = time.monotonic() + self._timeout
        if deadline is not None:
            ends = min(ends, deadline)
        current, origin = url, _origin(url)
        visited = {url}
        for _hop in range(self._max_redirects + 1):
            policy = self._policy if _origin(current) == origin else self._untrusted
            if not policy.trusted:
                problem = url_refusal(current)
                if problem is not None:
                    raise self._map(
                        BlockedAddressError(f"{what} {url}: refused {current}: {problem}"), error
                    )
            response = self._one(current, url, headers, policy, ends, error, what)
            if isinstance(response, HttpResponse):
                return response
            nxt = urljoin(current, response)
            if nxt in visited:
                raise error(f"{what} {url} redirects in a loop (back to {nxt})")
            visited.add(nxt)
            current = nxt
        raise error(
            f"{what} {url} redirected more than {self._max_redirects} times; stopped following"
        )

    def _one(
        self,
        url: str,
        asked: str,
        headers: Mapping[str, str],
        policy: AddressPolicy,
        ends: float,
        error: type[ClaimwatchError],
        what: str,
    ) -> HttpResponse | str:
        """One hop: the response, or the Location to follow."""
        try:
            with (
                self.gate.turn(url, deadline=ends, stop=self.stop) as turn,
                self._watchdog.scope(
                    policy=policy, resolver=self._resolver, deadline=ends, stop=self.stop
                ) as scope,
            ):
                try:
                    return self._exchange(url, asked, headers, ends, turn.host, scope, error, what)
                except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as exc:
                    if scope.expired == "stopped":
                        raise error(f"{what} {asked}: stopped (interrupted)") from exc
                    if scope.expired == "deadline" or time.monotonic() >= ends:
                        raise error(
                            f"{what} {asked} took longer than {self._timeout:g}s in total "
                            "(connect, headers and body)"
                        ) from exc
                    raise
                finally:
                    if scope.sent_at is not None:
                        turn.counted_from = scope.sent_at
        except TurnAbandoned as exc:
            raise error(f"{what} {asked}: not fetched, {exc}") from exc
        except BlockedAddressError as exc:
            raise self._map(exc, error) from exc
        except (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError) as exc:
            raise error(f"{what} {asked} timed out: {exc}") from exc
        except requests.exceptions.ConnectionError as exc:
            raise error(f"{what} {asked} could not be reached: {_reason(exc)}") from exc
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as exc:
            raise error(f"{what} {asked} failed: {exc}") from exc

    def _exchange(
        self,
        url: str,
        asked: str,
        headers: Mapping[str, str],
        ends: float,
        host: str,
        scope: RequestScope,
        error: type[ClaimwatchError],
        what: str,
    ) -> HttpResponse | str:
        remaining = max(0.001, ends - time.monotonic())
        with self._session.get(
            url,
            headers=dict(headers),
            timeout=(remaining, remaining),
            stream=True,
            allow_redirects=False,
        ) as response:
            status = response.status_code
            lowered = {k.lower(): v for k, v in response.headers.items()}
            if status in _REDIRECTS and lowered.get("location"):
                return lowered["location"]
            if status == 304:
                return HttpResponse(url, status, lowered, b"")
            if status in (429, 503):
                wait = retry_after_seconds(lowered.get("retry-after"), date=lowered.get("date"))
                self.gate.back_off(host, DEFAULT_BACK_OFF if wait is None else wait)
            if status >= 400:
                raise error(_status_message(what, asked, status, response.reason))
            declared = lowered.get("content-length", "")
            if declared.isdigit() and int(declared) > self._max_bytes:
                raise error(
                    f"{what} {asked} is {declared} bytes, over the {self._max_bytes}-byte limit; "
                    "raise max_bytes if this is expected"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in _chunks(response):
                size += len(chunk)
                if size > self._max_bytes:
                    raise error(
                        f"{what} {asked} sent more than {self._max_bytes} bytes; stopped "
                        "reading. Raise max_bytes if this is expected"
                    )
                chunks.append(chunk)
            if scope.expired == "stopped":
                raise error(f"{what} {asked}: stopped (interrupted)")
            if scope.expired is not None or time.monotonic() >= ends:
                raise error(
                    f"{what} {asked} took longer than {self._timeout:g}s in total "
                    "(connect, headers and body)"
                )
            return HttpResponse(url, status, lowered, b"".join(chunks))

    @staticmethod
    def _map(exc: BlockedAddressError, error: type[ClaimwatchError]) -> ClaimwatchError:
        return exc if issubclass(BlockedAddressError, error) else error(str(exc))


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(url)
        return (parts.scheme.lower(), (parts.hostname or "").lower(), parts.port)
    except ValueError:
        return ("", "", None)
