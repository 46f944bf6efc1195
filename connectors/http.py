"""HTTP helpers shared by feeds.py and pages.py: polite, capped GETs; errors name the URL.

    get_capped(session, url, ...) ─HttpResponse(url, status, headers, body)─▶ the caller
        │ HostThrottle: one hit per host per min_interval (shareable across clients)
        │ streamed read capped at max_bytes, a deadline on the whole body
        └ every requests/urllib3 exception mapped to the caller's error class, chained

`local_path` tells a location on disk (a path or file:// URL) from one to fetch over HTTP.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import requests
import urllib3
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


class HostThrottle:
    """Waits so that one host is hit at most once per `min_interval` seconds.

    The clock and sleep are injectable so a test can observe the waits without sleeping.
    """

    def __init__(
        self,
        min_interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_interval = min_interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> float:
        """Block until the URL's host may be hit again; returns the seconds waited."""
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            now = self._clock()
            last = self._last.get(host)
            delay = 0.0 if last is None else max(0.0, last + self.min_interval - now)
            self._last[host] = now + delay
        if delay > 0:
            self._sleep(delay)
        return delay


@dataclass(frozen=True, slots=True)
class HttpResponse:
    url: str
    status: int
    headers: Mapping[str, str]  # lower-cased names
    body: bytes


_CHUNK = 64 * 1024


def get_capped(
    session: requests.Session,
    url: str,
    *,
    headers: Mapping[str, str],
    timeout: float,
    max_bytes: int,
    throttle: HostThrottle,
    error: type[ClaimwatchError],
    what: str,
) -> HttpResponse:
    """GET with a streamed read that stops at max_bytes and a deadline on the whole body.

    304 is returned as a response; other statuses >= 400 raise `error`. Every requests
    exception is mapped to `error`, chained, with the URL in the message.
    """
    throttle.wait(url)
    started = time.monotonic()
    try:
        with session.get(
            url, headers=dict(headers), timeout=(timeout, timeout), stream=True
        ) as response:
            status = response.status_code
            lowered = {k.lower(): v for k, v in response.headers.items()}
            if status == 304:
                return HttpResponse(response.url, status, lowered, b"")
            if status >= 400:
                raise error(_status_message(what, url, status, response.reason))
            declared = lowered.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise error(
                    f"{what} {url} is {declared} bytes, over the {max_bytes}-byte limit; "
                    "raise max_bytes if this is expected"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in _chunks(response):
                size += len(chunk)
                if size > max_bytes:
                    raise error(
                        f"{what} {url} sent more than {max_bytes} bytes; stopped reading. "
                        "Raise max_bytes if this is expected"
                    )
                if time.monotonic() - started > timeout:
                    raise error(f"{what} {url} took longer than {timeout:g}s to send its body")
                chunks.append(chunk)
            return HttpResponse(response.url, status, lowered, b"".join(chunks))
    except (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError) as exc:
        raise error(f"{what} {url} timed out after {timeout:g}s: {exc}") from exc
    except requests.exceptions.ConnectionError as exc:
        raise error(f"{what} {url} could not be reached: {_reason(exc)}") from exc
    except requests.exceptions.TooManyRedirects as exc:
        raise error(f"{what} {url} redirects in a loop: {exc}") from exc
    except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as exc:
        raise error(f"{what} {url} failed: {exc}") from exc


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
    """What FeedClient and PageFetcher share: a session, their limits and a host throttle.

    Args:
        session: The requests session to use (tests pass one pointed at loopback).
        user_agent: Sent with every request; names the project.
        timeout: Seconds for connect and for each read.
        max_bytes: Larger bodies are cut off with an error (the subclass's default when None).
        min_interval_per_host: Seconds between two requests to the same host.
        throttle: Share one between clients so feeds and pages on a host count together.
    """

    default_max_bytes = 5 * 1024 * 1024

    def __init__(
        self,
        session: requests.Session,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 20.0,
        max_bytes: int | None = None,
        min_interval_per_host: float = 1.0,
        throttle: HostThrottle | None = None,
    ) -> None:
        self._session = session
        self._user_agent = user_agent
        self._timeout = timeout
        self._max_bytes = max_bytes if max_bytes is not None else self.default_max_bytes
        self.throttle = throttle or HostThrottle(min_interval_per_host)
