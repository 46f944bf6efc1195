"""One polling round over the configured feeds, turning new entries into Articles.

    for each feed (in order):  fetch ─▶ read_feed ─▶ entries + skipped (counted by reason)
      new entries:  feed content is the article ─▶ text
                    else fetch_pages ─▶ a page job          linkless / off ─▶ the summary
      pages owed from earlier polls (state.due_pages) ─▶ page jobs
    fetch_pages: all page jobs at once, parallel across hosts, one at a time per host
    per entry:  page ─▶ text | failed ─▶ summary now, page owed (retried, bounded)
                not attempted (Ctrl-C, deadline) ─▶ left unseen for the next poll
    PollResult(articles, stats, warnings, checkpoints)
    caller:  log.append(articles)  then  state.commit(checkpoints)      (ingest_once does both)

Nothing is recorded as seen until the caller commits after the append, so a crash between
the two re-emits entries (the log's dedup absorbs them) rather than losing them. One bad
feed never stops the others, and one bad item never stops its feed: errors are logged,
counted and recorded for `claimwatch feeds` and health checks. A page that arrives on a
later poll is the same article at the same URL with the page's text: a new version.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from claimwatch.connectors.feed_entry import ParsedFeed, SkippedEntry, is_linkless
from claimwatch.connectors.feed_state import FeedCheckpoint, FeedStateStore, SeenEntry
from claimwatch.connectors.feeds import FeedClient, FeedFetch, read_feed
from claimwatch.connectors.http import local_path
from claimwatch.connectors.log import ArticleLog
from claimwatch.connectors.page_pool import DEFAULT_WORKERS, PageJob, PageOutcome, fetch_pages
from claimwatch.connectors.pages import PageFetcher
from claimwatch.connectors.poll_records import PendingPage, PollRecord, PollStatus
from claimwatch.transforms.articles import (
    build_article,
    carries_full_text,
    entry_fingerprint,
    entry_text,
)
from claimwatch.transforms.errors import FeedError
from claimwatch.transforms.models import Article, FeedEntry

logger = logging.getLogger(__name__)

# Tries for a page across polls (the first included) before the summary is final.
DEFAULT_PAGE_ATTEMPTS = 4
# After the n-th failure the page waits RETRY_BASE * 4**(n-1): 5 min, 20 min, 80 min.
RETRY_BASE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class PollLimits:
    """How long a poll may run and how hard it pushes.

    deadline: A time.monotonic() moment after which nothing new starts and requests in
        flight are cut; None for no limit.
    """

    deadline: float | None = None
    workers: int = DEFAULT_WORKERS
    page_attempts: int = DEFAULT_PAGE_ATTEMPTS


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One feed to poll, as config/feeds.yaml lists it.

    `url` is an http(s) URL, a file:// URL or a path (resolve relative paths with
    `resolve_feed_location` before building this). `source` defaults to the feed's title.
    """

    url: str
    source: str | None = None
    fetch_pages: bool = True


@dataclass(frozen=True, slots=True)
class FeedStats:
    """What one poll of one feed did."""

    feed_url: str
    fetched: bool = False  # a body came back and parsed
    not_modified: bool = False
    entries: int = 0  # items the feed lists
    new: int = 0  # articles emitted
    full_text: int = 0  # articles whose text came from the feed itself
    pages_fetched: int = 0  # articles whose text came from the page
    page_failures: int = 0  # page fetch or extraction failed: the summary was kept
    errors: int = 0  # the feed failed (1), plus entries dropped for having no text
    error: str | None = None
    skipped: int = 0  # items left out (bad URL, id or date; see skip_reasons)
    skip_reasons: tuple[tuple[str, int], ...] = ()
    pages_late: int = 0  # pages owed from an earlier poll that arrived: new versions
    deferred: int = 0  # entries left unseen for the next poll (stopped, deadline)


@dataclass(frozen=True, slots=True)
class PollResult:
    """Articles to append, and the checkpoints to commit once they are in the log."""

    articles: tuple[Article, ...]
    stats: tuple[FeedStats, ...]
    warnings: tuple[str, ...]
    checkpoints: tuple[FeedCheckpoint, ...]

    def stats_for(self, feed_url: str) -> FeedStats | None:
        return next((s for s in self.stats if s.feed_url == feed_url), None)


def resolve_feed_location(url: str, base_dir: Path) -> str:
    """A relative path in a feeds file resolves against the file's folder; URLs are kept."""
    path = local_path(url)
    if path is None or path.is_absolute() or url.startswith("file:"):
        return url
    return str((base_dir / path).resolve())


def poll_feeds(
    feeds: Sequence[FeedConfig],
    *,
    client: FeedClient,
    pages: PageFetcher,
    state: FeedStateStore,
    now: Callable[[], datetime],
    limits: PollLimits = PollLimits(),
    parse: FeedParse | None = None,
) -> PollResult:
    """Fetch every feed once and build Articles for entries not seen before.

    Args:
        feeds: The feeds to poll, in order.
        client: Fetches feed bodies (conditional GET, politeness, size cap).
        pages: Fetches article pages for feeds that carry summaries only; its `stop` event
            (shared with `client`) ends the poll early, keeping what was fetched.
        state: Per-feed validators, seen fingerprints and pages owed; only read here, plus
            failure bookkeeping. Commit `PollResult.checkpoints` after appending the articles.
        now: The clock, injected so tests and replays control time.
        limits: The poll's deadline, page workers and page attempts.
        parse: Parses the fetched bodies, in order (default: one after another here).

    Returns:
        The new articles in feed order, per-feed stats, human-readable warnings, and the
        checkpoints that mark these entries seen.
    """
    keys = itertools.count(1)  # page job keys, unique within this poll
    fetched = [
        _fetch_one(feed, client=client, state=state, now=now, limits=limits) for feed in feeds
    ]
    # Parsing is pure and CPU-bound: `parse` may spread it over processes (run --workers).
    bodies = [
        ParseJob(f.body, w.feed.url, w.feed.source, f.content_type)
        for w, f in fetched
        if f is not None
    ]
    parsed = iter((parse or parse_each)(bodies))
    work = [
        _plan_one(w, next(parsed) if f is not None else None, state=state, keys=keys)
        for w, f in fetched
    ]
    jobs = [job for w in work for job in w.jobs()]
    outcomes = fetch_pages(jobs, pages, workers=limits.workers, deadline=limits.deadline)
    stopped = client.stop.is_set() or pages.stop.is_set()
    articles: list[Article] = []
    stats: list[FeedStats] = []
    warnings: list[str] = []
    checkpoints: list[FeedCheckpoint] = []
    for w in work:
        outcome = _finish_one(w, outcomes, now=now, limits=limits, stopped=stopped)
        articles.extend(outcome.articles)
        stats.append(outcome.stats)
        warnings.extend(outcome.warnings)
        if outcome.checkpoint is not None:
            checkpoints.append(outcome.checkpoint)
    return PollResult(tuple(articles), tuple(stats), tuple(warnings), tuple(checkpoints))


def ingest_once(
    feeds: Sequence[FeedConfig],
    *,
    client: FeedClient,
    pages: PageFetcher,
    state: FeedStateStore,
    log: ArticleLog,
    now: Callable[[], datetime],
    limits: PollLimits = PollLimits(),
    parse: FeedParse | None = None,
) -> PollResult:
    """poll_feeds, append the articles to the log, then commit the checkpoints.

    If the append raises, nothing is committed and the next poll emits the same entries.
    """
    result = poll_feeds(
        feeds, client=client, pages=pages, state=state, now=now, limits=limits, parse=parse
    )
    if result.articles:
        # Publication order across feeds: the pipeline reads the log in slices, and an
        # original must reach dedup before the copies another feed carried in the same poll.
        log.append(sorted(result.articles, key=lambda a: (a.published, a.id)))
    state.commit(result.checkpoints)
    return result


# -- one feed, in two halves around the shared page fetch ---------------------------------------


@dataclass(slots=True)
class _Item:
    entry: FeedEntry
    fingerprint: str | None  # None for a page owed from an earlier poll (already seen)
    text: str = ""  # the text when no page is needed
    job: int | None = None  # the page job's key
    retry: PendingPage | None = None
    full_text: bool = False


@dataclass(slots=True)
class _Work:
    """What the first half learned about one feed (internal, filled in as it goes)."""

    feed: FeedConfig
    started: datetime
    polled: bool = True  # False when the poll stopped before this feed
    error: str | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    entries: int = 0
    source: str | None = None
    skipped: list[SkippedEntry] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    job_urls: dict[int, str] = field(default_factory=dict)

    def jobs(self) -> list[PageJob]:
        return [PageJob(key, url) for key, url in self.job_urls.items()]


def _warn(work: _Work, message: str) -> None:
    logger.warning("%s", message)
    work.warnings.append(message)


@dataclass(frozen=True, slots=True)
class ParseJob:
    """One fetched feed body to parse: what `read_feed` takes."""

    body: bytes
    feed_url: str
    source: str | None
    content_type: str | None


FeedParse = Callable[[Sequence[ParseJob]], list["ParsedFeed | FeedError"]]


def parse_job(job: ParseJob) -> ParsedFeed | FeedError:
    """Parse one body; a malformed feed is returned as its error, not raised."""
    try:
        return read_feed(
            job.body, feed_url=job.feed_url, source=job.source, content_type=job.content_type
        )
    except FeedError as exc:
        return exc


def parse_job_with_texts(job: ParseJob) -> ParsedFeed | FeedError:
    """parse_job, plus every entry's text: for a worker process, whose time is free, while
    in place only the unseen entries' texts are worth working out."""
    parsed = parse_job(job)
    if isinstance(parsed, FeedError):
        return parsed
    return replace(parsed, texts=tuple(entry_text(e) for e in parsed.entries))


def parse_each(jobs: Sequence[ParseJob]) -> list[ParsedFeed | FeedError]:
    return [parse_job(job) for job in jobs]


def _fetch_one(
    feed: FeedConfig,
    *,
    client: FeedClient,
    state: FeedStateStore,
    now: Callable[[], datetime],
    limits: PollLimits,
) -> tuple[_Work, FeedFetch | None]:
    """The feed's body when there is one to parse (not stopped, not failed, not a 304)."""
    work = _Work(feed, started=now())
    if client.stop.is_set() or (
        limits.deadline is not None and time.monotonic() >= limits.deadline
    ):
        work.polled = False
        return work, None
    try:
        fetch = client.fetch(feed.url, state.fetch_state(feed.url), deadline=limits.deadline)
    except FeedError as exc:
        _failed(work, exc, state)
        return work, None
    work.etag, work.last_modified = fetch.etag, fetch.last_modified
    if fetch.not_modified:
        work.not_modified = True
        return work, None
    return work, fetch


def _failed(work: _Work, exc: FeedError, state: FeedStateStore) -> None:
    feed = work.feed
    work.error = str(exc)
    logger.warning("feed %s failed: %s", feed.url, work.error)
    work.warnings.append(work.error)
    state.record_failure(feed.url, work.error, work.started, source=feed.source)
    state.record_poll(PollRecord(feed.url, work.started, "failed", error=work.error))


def _plan_one(
    work: _Work,
    parsed: ParsedFeed | FeedError | None,
    *,
    state: FeedStateStore,
    keys: Iterator[int],
) -> _Work:
    feed = work.feed
    if isinstance(parsed, FeedError):
        _failed(work, parsed, state)
        return work
    if not work.polled or work.error is not None:
        return work
    if parsed is not None:
        work.entries = len(parsed.entries) + len(parsed.skipped)
        work.source = feed.source or (parsed.entries[0].source if parsed.entries else None)
        for skip in parsed.skipped:
            _warn(work, f"feed {feed.url}: skipped an item ({skip.reason}): {skip.detail}")
        work.skipped.extend(parsed.skipped)
        unique: dict[str, FeedEntry] = {}
        text_of: dict[str, str] = {}
        for index, entry in enumerate(parsed.entries):
            fingerprint = entry_fingerprint(entry)
            if fingerprint not in unique:  # a feed listing an item twice
                unique[fingerprint] = entry
                if parsed.texts:
                    text_of[fingerprint] = parsed.texts[index]
        fresh = state.unseen(feed.url, unique)
        for fingerprint, entry in unique.items():
            if fingerprint in fresh:
                text = text_of[fingerprint] if fingerprint in text_of else entry_text(entry)
                work.items.append(_plan(work, entry, fingerprint, next(keys), text))
    for owed in state.due_pages(feed.url, work.started):
        key = next(keys)
        work.job_urls[key] = owed.entry.url
        work.items.append(_Item(owed.entry, None, job=key, retry=owed))
    return work


def _plan(work: _Work, entry: FeedEntry, fingerprint: str, key: int, content: str) -> _Item:
    if carries_full_text(content, entry.summary):
        return _Item(entry, fingerprint, text=content, full_text=True)
    if work.feed.fetch_pages and not is_linkless(entry.url):
        work.job_urls[key] = entry.url
        return _Item(entry, fingerprint, text=max(content, entry.summary, key=len), job=key)
    return _Item(entry, fingerprint, text=max(content, entry.summary, key=len))


@dataclass(frozen=True, slots=True)
class _FeedOutcome:
    articles: tuple[Article, ...]
    stats: FeedStats
    warnings: tuple[str, ...]
    checkpoint: FeedCheckpoint | None


@dataclass(slots=True)
class _Tally:
    full_text: int = 0
    pages: int = 0
    late: int = 0
    failures: int = 0
    dropped: int = 0
    deferred: int = 0
    skips: Counter[str] = field(default_factory=Counter)


def _finish_one(
    work: _Work,
    outcomes: dict[int, PageOutcome],
    *,
    now: Callable[[], datetime],
    limits: PollLimits,
    stopped: bool,
) -> _FeedOutcome:
    feed = work.feed
    if not work.polled:
        stats = FeedStats(feed.url, error="not polled: the poll stopped", deferred=1)
        return _FeedOutcome((), stats, (), None)
    if work.error is not None:
        stats = FeedStats(feed.url, errors=1, error=work.error)
        return _FeedOutcome((), stats, tuple(work.warnings), None)

    tally = _Tally(skips=Counter(s.reason for s in work.skipped))
    articles: list[Article] = []
    seen: list[SeenEntry] = []
    pending: list[PendingPage] = []
    resolved: list[str] = []
    for item in work.items:
        outcome = outcomes.get(item.job) if item.job is not None else None
        if outcome is not None and not outcome.attempted:
            tally.deferred += item.retry is None  # a fresh entry stays unseen; a retry stays owed
            continue
        article = _article_for(work, item, outcome, tally, now=now)
        if item.retry is not None:
            if article is not None:
                articles.append(article)
                resolved.append(item.entry.url)
            else:
                _owe_again(work, item.retry, outcome, pending, resolved, now=now, limits=limits)
            continue
        if article is None:
            continue
        articles.append(article)
        assert item.fingerprint is not None
        seen.append(SeenEntry(item.fingerprint, item.entry.entry_id, item.entry.published))
        if outcome is not None and outcome.page is None and outcome.retryable:
            first = PendingPage(feed.url, item.entry, article.published, 0, work.started, "")
            _owe_again(work, first, outcome, pending, resolved, now=now, limits=limits)
        elif outcome is not None and outcome.page is not None:
            resolved.append(item.entry.url)  # an edited entry whose page was owed

    status: PollStatus = "not_modified" if work.not_modified else "ok"
    if stopped and tally.deferred:
        status = "stopped"
    skip_reasons = tuple(sorted(tally.skips.items()))
    skipped = sum(tally.skips.values())
    stats = FeedStats(
        feed.url,
        fetched=not work.not_modified,
        not_modified=work.not_modified,
        entries=work.entries,
        new=len(articles),
        full_text=tally.full_text,
        pages_fetched=tally.pages,
        page_failures=tally.failures,
        errors=tally.dropped,
        skipped=skipped,
        skip_reasons=skip_reasons,
        pages_late=tally.late,
        deferred=tally.deferred,
    )
    record = PollRecord(
        feed.url,
        work.started,
        status,
        entries=work.entries,
        new=len(articles),
        skipped=skipped,
        failed=tally.failures,
        deferred=tally.deferred,
        skip_reasons=skip_reasons,
    )
    checkpoint = FeedCheckpoint(
        feed_url=feed.url,
        fetched_at=work.started,
        etag=work.etag,
        last_modified=work.last_modified,
        entries=tuple(seen),
        source=work.source,
        pending=tuple(pending),
        resolved=tuple(resolved),
        poll=record,
        touch_validators=not work.not_modified,
    )
    return _FeedOutcome(tuple(articles), stats, tuple(work.warnings), checkpoint)


def _article_for(
    work: _Work,
    item: _Item,
    outcome: PageOutcome | None,
    tally: _Tally,
    *,
    now: Callable[[], datetime],
) -> Article | None:
    entry, text, published = item.entry, item.text, item.entry.published
    if item.retry is not None:
        published = item.retry.published  # the first version's event time
    if outcome is not None and outcome.page is not None:
        page = outcome.page
        text = page.text
        published = published or page.published
        if not entry.title and page.title:
            entry = replace(entry, title=page.title)
        if item.retry is not None:
            tally.late += 1
        else:
            tally.pages += 1
    elif outcome is not None:
        if item.retry is not None:
            return None  # still owed; the summary version is already in the log
        tally.failures += 1
        _warn(work, f"kept the feed summary for {entry.url}: {outcome.error}")
    elif item.full_text:
        tally.full_text += 1
    if not text.strip():
        # Not marked seen: if the feed fills the entry in later, it is picked up then.
        _warn(work, f"entry {entry.url} in feed {work.feed.url} has no text; skipped it")
        tally.dropped += 1
        return None
    try:
        return build_article(entry, text, fetched=now(), published=published)
    except ValueError as exc:  # urllib's parsing of a URL that passed our checks
        _warn(work, f"feed {work.feed.url}: skipped an item (bad_url): {entry.url!r}: {exc}")
        tally.skips["bad_url"] += 1
        return None


def _owe_again(
    work: _Work,
    owed: PendingPage,
    outcome: PageOutcome | None,
    pending: list[PendingPage],
    resolved: list[str],
    *,
    now: Callable[[], datetime],
    limits: PollLimits,
) -> None:
    if outcome is None or outcome.page is not None:
        return
    attempts = owed.attempts + 1
    if not outcome.retryable or attempts >= limits.page_attempts:
        if owed.attempts:
            _warn(work, f"gave up on the page {owed.entry.url} after {attempts} tries")
            resolved.append(owed.entry.url)
        return
    later = now() + RETRY_BASE * 4 ** (attempts - 1)
    error = outcome.error or ""
    pending.append(replace(owed, attempts=attempts, next_attempt=later, last_error=error))
