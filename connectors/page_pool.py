"""Article pages fetched in parallel across hosts, one at a time per host, within a deadline.

    jobs ─▶ one queue per host ─▶ N workers take the next job whose host is free and due
              (HostGate: the interval since its last request, or its 429/503 back-off)
            fetch ─ release the host ─▶ body to the calling thread ─▶ extract_text
            ─▶ PageOutcome per job
            429/503 with a back-off that ends before the deadline: the job waits at its host

A stop (Ctrl-C) or the deadline ends the pool: jobs not started, and those cut in flight,
come back `attempted=False`, so the caller can leave their entries for the next poll.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimwatch.connectors.address_policy import BlockedAddressError
from claimwatch.connectors.host_gate import host_of
from claimwatch.connectors.pages import ExtractedPage, PageFetcher, extract_text
from claimwatch.transforms.errors import ExtractionError, FetchError

log = logging.getLogger(__name__)

# Enough to keep a 100 ms page fetch from idling while 1 s host delays pass elsewhere;
# more threads only contend for the GIL during extraction.
DEFAULT_WORKERS = 16
# A worker still inside a request when the pool stops gets this long to notice the cut.
_STOP_GRACE = 1.0


@dataclass(frozen=True, slots=True)
class PageJob:
    key: int
    url: str


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """What became of one job.

    `attempted` is False when the pool stopped before the page was fetched (stop, deadline);
    `retryable` says whether a later poll should try again after a failure.
    """

    page: ExtractedPage | None = None
    error: str | None = None
    attempted: bool = True
    retryable: bool = False


class _Board:
    """The per-host queues and which hosts a worker holds; guarded by one condition."""

    def __init__(self, jobs: Sequence[PageJob]) -> None:
        self.queues: dict[str, deque[tuple[PageJob, int]]] = {}
        for job in jobs:
            self.queues.setdefault(host_of(job.url), deque()).append((job, 0))
        self.claimed: set[str] = set()
        self.in_flight = 0
        self.cond = threading.Condition()


def fetch_pages(
    jobs: Sequence[PageJob],
    fetcher: PageFetcher,
    *,
    workers: int = DEFAULT_WORKERS,
    deadline: float | None = None,
    attempts_in_poll: int = 2,
) -> dict[int, PageOutcome]:
    """Fetch every job's page in worker threads and extract its text here; outcome per key.

    Extraction is CPU work: done in the calling thread, one page at a time, it neither
    fights the fetching threads for the GIL nor runs trafilatura's first-use set-up in
    sixteen threads at once.

    Args:
        jobs: Pages to fetch; order within a host is kept.
        fetcher: Its gate spaces requests per host; its `stop` ends the pool early.
        workers: Threads fetching at once (across different hosts).
        deadline: A monotonic time: nothing starts after it, requests in flight are cut.
        attempts_in_poll: Tries per page within this poll when its host asks us to wait.
    """
    board = _Board(jobs)
    fetched: queue.SimpleQueue[tuple[PageJob, bytes | PageOutcome]] = queue.SimpleQueue()
    threads = [
        threading.Thread(
            target=_work,
            args=(board, fetcher, deadline, attempts_in_poll, fetched.put),
            name=f"claimwatch-page-{n}",
            daemon=True,  # a worker stuck in DNS must not keep the process alive after Ctrl-C
        )
        for n in range(max(1, min(workers, len(board.queues))))
    ]
    for thread in threads:
        thread.start()
    outcomes: dict[int, PageOutcome] = {}
    stopped_at: float | None = None
    while True:
        try:
            job, result = fetched.get(timeout=0.05)
        except queue.Empty:
            if not any(t.is_alive() for t in threads):
                if fetched.empty():
                    break
                continue
            if stopped_at is None and (fetcher.stop.is_set() or _past(deadline)):
                stopped_at = time.monotonic()
                with board.cond:
                    board.cond.notify_all()
            if stopped_at is not None and time.monotonic() - stopped_at > _STOP_GRACE:
                break
            continue
        outcomes[job.key] = result if isinstance(result, PageOutcome) else _extract(job, result)
    unfinished = PageOutcome(error="not fetched: the poll stopped", attempted=False)
    for job in jobs:
        outcomes.setdefault(job.key, unfinished)
    return outcomes


def _extract(job: PageJob, body: bytes) -> PageOutcome:
    try:
        return PageOutcome(page=extract_text(body, job.url))
    except ExtractionError as exc:
        return PageOutcome(error=str(exc))


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _take(
    board: _Board, fetcher: PageFetcher, deadline: float | None
) -> tuple[PageJob, int, str] | None:
    """The next job whose host is free and due; None when there is nothing left to do."""
    gate = fetcher.gate
    with board.cond:
        while True:
            if fetcher.stop.is_set() or _past(deadline):
                return None
            now = time.monotonic()
            soonest: float | None = None
            for host, queue in board.queues.items():
                if not queue or host in board.claimed:
                    continue
                ready = gate.ready_at(host)
                if ready <= now and not gate.busy(host):
                    job, tries = queue.popleft()
                    board.claimed.add(host)
                    board.in_flight += 1
                    return job, tries, host
                soonest = ready if soonest is None else min(soonest, ready)
            if soonest is None and board.in_flight == 0:
                return None  # every queue empty and no job in flight that could come back
            wait = 0.05 if soonest is None else min(max(soonest - now, 0.001), 0.05)
            board.cond.wait(wait)


_REQUEUE = "requeue"


def _work(
    board: _Board,
    fetcher: PageFetcher,
    deadline: float | None,
    attempts_in_poll: int,
    deliver: Callable[[tuple[PageJob, bytes | PageOutcome]], None],
) -> None:
    while (taken := _take(board, fetcher, deadline)) is not None:
        job, tries, host = taken
        result: bytes | PageOutcome | str = PageOutcome(error="the worker failed")
        try:
            result = _fetch(job, tries, host, fetcher, deadline, attempts_in_poll)
        finally:
            with board.cond:
                if result == _REQUEUE:  # before in_flight drops, so no worker sees "all done"
                    board.queues[host].appendleft((job, tries + 1))
                board.claimed.discard(host)
                board.in_flight -= 1
                board.cond.notify_all()
        if not isinstance(result, str):
            deliver((job, result))


def _fetch(
    job: PageJob,
    tries: int,
    host: str,
    fetcher: PageFetcher,
    deadline: float | None,
    attempts_in_poll: int,
) -> bytes | PageOutcome | str:
    try:
        return fetcher.fetch(job.url, deadline=deadline)
    except BlockedAddressError as exc:
        return PageOutcome(error=str(exc))  # no later poll changes where a link points
    except FetchError as exc:
        if fetcher.stop.is_set() or _past(deadline):
            return PageOutcome(error=str(exc), attempted=False)
        ready = fetcher.gate.ready_at(host)
        backed_off = fetcher.gate.backed_off_until(host) > time.monotonic()
        if backed_off and tries + 1 < attempts_in_poll and (deadline is None or ready < deadline):
            log.info("page %s: %s; trying again when %s lets us", job.url, exc, host)
            return _REQUEUE
        return PageOutcome(error=str(exc), retryable=True)
