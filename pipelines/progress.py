"""A one-line progress bar (done / total, rate, ETA) for long runs over a backlog.

Drawn only on a terminal: redirected to a file or a CI log it says nothing, so logs keep
the plain per-batch lines instead of carriage returns.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO


class ProgressBar:
    """`update(done, total)` redraws; `close()` ends the line.

    Args:
        stream: where to draw (stderr in the CLI).
        enabled: draw at all; None means "when `stream` is a terminal".
        clock: monotonic seconds, injectable for tests.
        unit: what is counted, for the line ("articles").
        width: characters of the bar itself.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
        unit: str = "articles",
        width: int = 30,
    ) -> None:
        self.stream = stream
        self.enabled = _is_terminal(stream) if enabled is None else enabled
        self.clock = clock
        self.unit = unit
        self.width = width
        self._started: float | None = None
        self._first_done = 0
        self._drawn = False

    def start(self) -> None:
        """Measure the rate from now, with nothing done yet (else from the first update)."""
        self._started, self._first_done = self.clock(), 0

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if self._started is None:
            self._started, self._first_done = now, done
        self.stream.write("\r" + self.line(done, total, now - self._started) + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def line(self, done: int, total: int, elapsed: float) -> str:
        """The bar as text: `[#####-----] 500/1,000 articles  50.0/s  ETA 0:00:10`."""
        total = max(total, done)
        share = done / total if total else 1.0
        filled = round(share * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        rate = (done - self._first_done) / elapsed if elapsed > 0 else 0.0
        left = total - done
        eta = _clock_time(left / rate) if rate > 0 else "--:--:--"
        return f"[{bar}] {done:,}/{total:,} {self.unit}  {rate:.1f}/s  ETA {eta}"

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


def _clock_time(seconds: float) -> str:
    whole = int(seconds + 0.5)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False
