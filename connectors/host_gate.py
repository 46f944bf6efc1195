"""Per-host politeness shared by every request thread: one request at a time, then a delay.

    gate.turn(url) ─ waits until the host is free and its delay (or back-off) has passed ─▶
        the request runs; gate.back_off(host, seconds) on 429/503 Retry-After
    on leaving: next start = max(start + min_interval, back-off until)

Redirect hops take their own turn at the host they go to, so a redirect chain counts toward
each host's rate. The pool asks `ready_at` to pick a host that can go now.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from claimwatch.transforms.errors import ClaimwatchError


class TurnAbandoned(ClaimwatchError):
    """The wait for a host's turn was cut short by a stop or the poll's deadline."""


class Turn:
    """One request's hold on a host. `counted_from` is when the interval starts: the turn's
    start, moved to when the request was actually sent (after DNS and connect), so the host
    sees the interval between arrivals, not between our attempts."""

    def __init__(self, host: str, started: float) -> None:
        self.host = host
        self.counted_from = started


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class HostGate:
    """Exclusive, spaced turns per host.

    Args:
        min_interval: Seconds from the start of one request to a host to the start of the next.
        clock: Monotonic seconds, injectable for tests.
        max_back_off: A Retry-After longer than this is cut to it.
    """

    def __init__(
        self,
        min_interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_back_off: float = 3600.0,
    ) -> None:
        self.min_interval = min_interval
        self.max_back_off = max_back_off
        self._clock = clock
        self._busy: set[str] = set()
        self._next: dict[str, float] = {}
        self._backed_off: dict[str, float] = {}
        self._cond = threading.Condition()

    def ready_at(self, host: str) -> float:
        """When the host may next be asked (now or earlier when it is free already)."""
        with self._cond:
            return self._next.get(host, 0.0)

    def busy(self, host: str) -> bool:
        with self._cond:
            return host in self._busy

    def backed_off_until(self, host: str) -> float:
        """When the host's last 429/503 back-off ends (0.0 when it never asked)."""
        with self._cond:
            return self._backed_off.get(host, 0.0)

    def back_off(self, host: str, seconds: float) -> None:
        """Keep the host waiting `seconds` from now (capped at max_back_off)."""
        with self._cond:
            until = self._clock() + min(max(0.0, seconds), self.max_back_off)
            self._next[host] = max(self._next.get(host, 0.0), until)
            self._backed_off[host] = until
            self._cond.notify_all()

    @contextlib.contextmanager
    def turn(
        self,
        url: str,
        *,
        deadline: float | None = None,
        stop: threading.Event | None = None,
    ) -> Iterator[Turn]:
        """Hold the URL's host for one request.

        Raises:
            TurnAbandoned: `stop` was set, or the host cannot go before `deadline`.
        """
        host = host_of(url)
        with self._cond:
            while True:
                if stop is not None and stop.is_set():
                    raise TurnAbandoned(f"stopped while waiting for {host}")
                now = self._clock()
                ready = self._next.get(host, 0.0)
                if host not in self._busy and now >= ready:
                    break
                if deadline is not None and ready > deadline:
                    raise TurnAbandoned(
                        f"{host} is backed off for {ready - now:.0f}s, past this poll's deadline"
                    )
                if deadline is not None and now >= deadline:
                    raise TurnAbandoned(f"the poll's deadline passed while waiting for {host}")
                # Short waits so a stop is seen quickly even when no one notifies.
                self._cond.wait(min(max(ready - now, 0.001), 0.1))
            self._busy.add(host)
            started = now
        turn = Turn(host, started)
        try:
            yield turn
        finally:
            with self._cond:
                self._busy.discard(host)
                start = max(started, turn.counted_from)
                self._next[host] = max(self._next.get(host, 0.0), start + self.min_interval)
                self._cond.notify_all()
