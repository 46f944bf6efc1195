"""A poll against real loopback servers: bad items stay per item, pages in parallel but polite
per host, Retry-After, pages owed and fetched later as new versions, Ctrl-C and deadlines."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
from claimwatch.connectors.feed_state import FeedStateStore
from claimwatch.connectors.ingest import (
    RETRY_BASE,
    FeedConfig,
    PollLimits,
    PollResult,
    ingest_once,
    poll_feeds,
)
from claimwatch.connectors.sqlite_log import SqliteLog
from claimwatch.transforms import dedup
from claimwatch.transforms.records import decode_article
from connector_factories import LONG, article_page, loopback_clients, rss
from loopback_server import Loopback, serve_on

START = datetime(2025, 11, 22, 8, 0, tzinfo=timezone.utc)


class Clock:
    """Wall time for the poll, moved by hand between polls."""

    def __init__(self) -> None:
        self.now = START
        self._ticks = itertools.count()

    def __call__(self) -> datetime:
        return self.now + timedelta(milliseconds=next(self._ticks))

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def state(tmp_path: Path) -> Iterator[FeedStateStore]:
    with FeedStateStore(tmp_path / "feeds.sqlite3") as store:
        yield store


@pytest.fixture
def prefix() -> str:
    return f"/p{uuid.uuid4().hex[:8]}"


def poll(
    feeds: list[FeedConfig],
    session: requests.Session,
    state: FeedStateStore,
    clock: Callable[[], datetime],
    *,
    interval: float = 0.0,
    limits: PollLimits | None = None,
    stop_after: float | None = None,
) -> PollResult:
    client, pages = loopback_clients(session, interval=interval)
    if stop_after is not None:
        threading.Timer(stop_after, client.stop.set).start()
    result = poll_feeds(
        feeds, client=client, pages=pages, state=state, now=clock, limits=limits or PollLimits()
    )
    state.commit(result.checkpoints)
    return result


# -- per-entry faults ---------------------------------------------------------------------------


def test_broken_items_are_skipped_with_reasons_and_every_good_entry_is_kept(
    loopback: Loopback, session: requests.Session, state: FeedStateStore, clock: Clock, prefix: str
) -> None:
    full = "<p>" + "</p><p>".join(LONG) + "</p>"
    items = [
        {"title": "Good one", "link": "https://good.example/1", "content": full},
        {"title": "Bad port", "link": "http://host:99999/", "content": full},
        {"title": "Port abc", "link": "http://host:abc/", "content": full},
        {"title": "AT proto", "link": "at://did:plc:abc123/app.bsky.feed.post/3k", "content": full},
        {"title": "Bad date", "link": "https://good.example/3", "content": full, "date": "garbage"},
        {"title": "Good two", "link": "https://good.example/2", "content": full},
    ]
    broken = loopback.serve(f"{prefix}/broken.xml", rss(items))
    other = loopback.serve(
        f"{prefix}/other.xml",
        rss([{"title": "Elsewhere", "link": "https://other.example/9", "content": full}]),
    )
    result = poll([FeedConfig(broken), FeedConfig(other)], session, state, clock)

    assert sorted(a.url for a in result.articles) == [
        "https://good.example/1",
        "https://good.example/2",
        "https://other.example/9",
    ]
    stats = result.stats_for(broken)
    assert stats is not None
    assert (stats.entries, stats.new, stats.skipped) == (6, 2, 4)
    assert dict(stats.skip_reasons) == {"bad_url": 3, "bad_date": 1}
    assert sum("skipped an item (bad_url)" in w for w in result.warnings) == 3
    assert "99999" in " ".join(result.warnings)
    (record,) = [p for p in state.polls() if p.feed_url == broken]
    assert (record.status, record.new, record.skipped) == ("ok", 2, 4)


# -- pages: parallel across hosts, polite per host ---------------------------------------------


def test_pages_run_in_parallel_across_hosts_and_one_at_a_time_per_host(
    loopback: Loopback, session: requests.Session, state: FeedStateStore, clock: Clock, prefix: str
) -> None:
    hosts = [f"127.0.0.{n}" for n in range(60, 64)]
    with (
        serve_on(hosts[0]) as a,
        serve_on(hosts[1]) as b,
        serve_on(hosts[2]) as c,
        serve_on(hosts[3]) as d,
    ):
        servers = [a, b, c, d]
        items = []
        for server in servers:
            for n in range(3):
                url = server.serve(
                    f"{prefix}/{n}", article_page(f"Story {n}"), content_type="text/html", delay=0.2
                )
                items.append({"title": f"Story {n}", "link": url, "summary": "short"})
        feed = loopback.serve(f"{prefix}/feed.xml", rss(items))
        result = poll([FeedConfig(feed)], session, state, clock, interval=0.5)

    stats = result.stats_for(feed)
    assert stats is not None and stats.pages_fetched == 12
    spans = []
    for server in servers:
        arrivals = sorted(r.at for r in server.requests if r.path.startswith(prefix))
        assert len(arrivals) == 3
        # Each host: the next request starts only after the previous answered (0.2 s) and
        # the interval (0.5 s) since its start has passed.
        # (Measured at the server, so a first connection's set-up can shorten a gap a little.)
        assert all(b - a >= 0.4 for a, b in itertools.pairwise(arrivals)), arrivals
        spans.append((arrivals[0], arrivals[-1]))
    # Hosts overlap in time: the pool works on all of them at once.
    assert max(s for s, _ in spans) < min(e for _, e in spans)


def test_retry_after_backs_the_host_off_and_its_other_pages_wait(
    loopback: Loopback, session: requests.Session, state: FeedStateStore, clock: Clock, prefix: str
) -> None:
    with serve_on("127.0.0.70") as host:
        first = host.serve(f"{prefix}/1", article_page("One"), content_type="text/html")
        second = host.serve(f"{prefix}/2", article_page("Two"), content_type="text/html")
        host.serve_first(f"{prefix}/1", status=429, headers={"Retry-After": "1"})
        items = [
            {"title": "One", "link": first, "summary": "short"},
            {"title": "Two", "link": second, "summary": "short"},
        ]
        feed = loopback.serve(f"{prefix}/feed.xml", rss(items))
        result = poll([FeedConfig(feed)], session, state, clock)

        refused = host.seen(f"{prefix}/1")[0].at
        later = [r.at for r in host.requests if r.at > refused]
    stats = result.stats_for(feed)
    assert stats is not None and (stats.pages_fetched, stats.page_failures) == (2, 0)
    assert len(later) == 2 and min(later) - refused >= 0.95  # nothing on that host for 1 s


def test_a_redirect_loop_is_stopped_and_each_hop_counts_as_a_request(
    session: requests.Session,
) -> None:
    with serve_on("127.0.0.71") as host:
        _, pages = loopback_clients(session)
        with pytest.raises(Exception, match="redirects in a loop"):
            pages.fetch(host.url("/self-redirect"))
        assert len(host.seen("/self-redirect")) == 1
        with pytest.raises(Exception, match="redirected more than 5 times"):
            pages.fetch(host.url("/hop/0"))
        assert len([r for r in host.requests if r.path.startswith("/hop/")]) == 6


def test_a_gzip_bomb_page_is_cut_at_the_size_cap(session: requests.Session) -> None:
    with serve_on("127.0.0.72") as host:
        _, pages = loopback_clients(session, max_bytes=100_000)
        with pytest.raises(Exception, match="more than 100000 bytes"):
            pages.fetch(host.url("/gzip-zeros/50000000"))


# -- pages owed: retried later, a new version, bounded ----------------------------------------


def test_a_page_that_failed_arrives_on_a_later_poll_as_a_new_version_of_the_article(
    loopback: Loopback, session: requests.Session, state: FeedStateStore, clock: Clock, prefix: str
) -> None:
    with serve_on("127.0.0.73") as host:
        page = host.serve(f"{prefix}/story", article_page("Story"), content_type="text/html")
        host.serve_first(f"{prefix}/story", status=500)
        summary = "At least 420 killed, the ministry said."
        feed = loopback.serve(
            f"{prefix}/feed.xml", rss([{"title": "Story", "link": page, "summary": summary}])
        )
        first = poll([FeedConfig(feed)], session, state, clock)
        again = poll([FeedConfig(feed)], session, state, clock)  # not due yet
        owed_after_again = state.pending_pages(feed)
        clock.advance(RETRY_BASE)
        late = poll([FeedConfig(feed)], session, state, clock)
        clock.advance(RETRY_BASE * 100)
        after = poll([FeedConfig(feed)], session, state, clock)
        fetched = len(host.seen(f"{prefix}/story"))

    (v1,) = first.articles
    assert v1.text == summary
    assert again.articles == () and owed_after_again == 1  # owed, not yet due
    (v2,) = late.articles
    assert (v2.url, v2.published) == (v1.url, v1.published)  # same article, same event time
    assert v2.id != v1.id and "1,150 injured" in v2.text
    assert after.articles == () and fetched == 2 and state.pending_pages(feed) == 0
    stats = late.stats_for(feed)
    assert stats is not None and stats.pages_late == 1
    # Dedup calls it version 2 of the same article, not a copy of the first.
    decided = dedup.dedupe_in_order(
        [(a.id, a.canonical_url, a.text, a.published, a.source, ()) for a in (v1, v2)],
        stored_candidates=lambda sig: [],
        stored_versions=lambda url: [],
    )
    assert [(d.version, d.duplicate_of) for d in decided] == [(1, None), (2, None)]


def test_a_page_that_keeps_failing_is_given_up_after_the_attempts(
    loopback: Loopback, session: requests.Session, state: FeedStateStore, clock: Clock, prefix: str
) -> None:
    with serve_on("127.0.0.74") as host:
        page = host.serve(f"{prefix}/dead", "", status=500, content_type="text/plain")
        feed = loopback.serve(
            f"{prefix}/feed.xml", rss([{"title": "Dead", "link": page, "summary": "short text"}])
        )
        limits = PollLimits(page_attempts=3)
        for _ in range(6):
            poll([FeedConfig(feed)], session, state, clock, limits=limits)
            clock.advance(RETRY_BASE * 100)
        assert len(host.seen(f"{prefix}/dead")) == 3
    assert state.pending_pages(feed) == 0


# -- stopping and deadlines --------------------------------------------------------------------


def test_a_stop_ends_the_poll_within_two_seconds_and_keeps_what_was_fetched(
    loopback: Loopback,
    session: requests.Session,
    state: FeedStateStore,
    clock: Clock,
    prefix: str,
    tmp_path: Path,
) -> None:
    with serve_on("127.0.0.75") as fast, serve_on("127.0.0.76") as slow:
        quick = fast.serve(f"{prefix}/quick", article_page("Quick"), content_type="text/html")
        stuck = slow.url("/slow-headers/20")
        items = [
            {"title": "Quick", "link": quick, "summary": "short"},
            {"title": "Stuck", "link": stuck, "summary": "short"},
        ]
        feed = loopback.serve(f"{prefix}/feed.xml", rss(items))
        client, pages = loopback_clients(session, timeout=30.0)
        threading.Timer(1.0, client.stop.set).start()
        started = time.monotonic()
        log = SqliteLog(tmp_path / "log.sqlite3")
        try:
            result = ingest_once(
                [FeedConfig(feed)], client=client, pages=pages, state=state, log=log, now=clock
            )
            elapsed = time.monotonic() - started
            stored = [decode_article(r.payload) for r in log.read_batch("test", 10).records]
        finally:
            log.close()

    assert elapsed < 3.0  # the stop came at 1 s; the slow page would have held 20 s
    assert [a.title for a in result.articles] == ["Quick"]
    stats = result.stats_for(feed)
    assert stats is not None and stats.deferred == 1
    assert [a.title for a in stored] == ["Quick"]  # in the log, committed
    assert [p.status for p in state.polls()] == ["stopped"]
    # The stuck entry was not marked seen: the next poll finds it new again.
    fresh = state.unseen(feed, _fingerprints(loopback, f"{prefix}/feed.xml", feed))
    assert len(fresh) == 1


def _fingerprints(loopback: Loopback, path: str, feed: str) -> list[str]:
    from claimwatch.connectors.feeds import parse_feed
    from claimwatch.transforms.articles import entry_fingerprint

    return [entry_fingerprint(e) for e in parse_feed(loopback.routes[path].body, feed_url=feed)]


def test_the_poll_deadline_cuts_a_server_that_sends_headers_slowly(
    loopback: Loopback, session: requests.Session, state: FeedStateStore, clock: Clock, prefix: str
) -> None:
    with serve_on("127.0.0.77") as slow:
        items = [{"title": "Stuck", "link": slow.url("/slow-headers/20"), "summary": "short"}]
        feed = loopback.serve(f"{prefix}/feed.xml", rss(items))
        started = time.monotonic()
        result = poll(
            [FeedConfig(feed)],
            session,
            state,
            clock,
            limits=PollLimits(deadline=time.monotonic() + 1.0),
        )
        elapsed = time.monotonic() - started
    assert elapsed < 2.5
    stats = result.stats_for(feed)
    assert stats is not None and (stats.deferred, stats.new) == (1, 0)


def test_one_request_deadline_covers_headers_sent_slowly(session: requests.Session) -> None:
    with serve_on("127.0.0.78") as slow:
        _, pages = loopback_clients(session, timeout=0.8)
        started = time.monotonic()
        with pytest.raises(Exception, match=r"took longer than 0.8s in total"):
            pages.fetch(slow.url("/slow-headers/10"))
        assert time.monotonic() - started < 2.0  # each header line came within any read timeout
