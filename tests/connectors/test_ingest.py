"""poll_feeds / ingest_once end to end against the loopback server, and FeedStateStore."""

from __future__ import annotations

import itertools
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
import yaml
from claimwatch.connectors.address_policy import parse_networks
from claimwatch.connectors.feed_state import FeedCheckpoint, FeedStateStore, SeenEntry
from claimwatch.connectors.feeds import FeedClient, FeedFetchState
from claimwatch.connectors.ingest import (
    FeedConfig,
    PollResult,
    ingest_once,
    poll_feeds,
    resolve_feed_location,
)
from claimwatch.connectors.pages import PageFetcher
from claimwatch.connectors.sqlite_log import SqliteLog
from claimwatch.transforms import dedup
from claimwatch.transforms.articles import html_to_text
from claimwatch.transforms.records import decode_article
from connector_factories import LONG, paragraphs_html, rss

DATA = Path(__file__).resolve().parents[1] / "data"
CONFIG = Path(__file__).resolve().parents[2] / "config" / "feeds.yaml"
START = datetime(2025, 11, 22, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> Callable[[], datetime]:
    ticks = itertools.count()
    return lambda: START + timedelta(seconds=next(ticks))


@pytest.fixture
def state(tmp_path: Path) -> Iterator[FeedStateStore]:
    with FeedStateStore(tmp_path / "state" / "feeds.sqlite") as store:
        yield store


@pytest.fixture
def clients(session: requests.Session) -> tuple[FeedClient, PageFetcher]:
    options = {"timeout": 2.0, "max_bytes": 1_000_000, "min_interval_per_host": 0.0}
    # Page links on the loopback test server are opened on purpose, as --allow-network does.
    pages = PageFetcher(session, allow=parse_networks(["127.0.0.0/8"]), **options)  # type: ignore[arg-type]
    return FeedClient(session, **options), pages  # type: ignore[arg-type]


@pytest.fixture
def site(loopback):
    """A unique path prefix per test on the shared server, and a helper to publish under it."""
    prefix = f"/t{uuid.uuid4().hex[:8]}"

    def publish(path: str, body: str | bytes, **kw: object) -> str:
        return loopback.serve(prefix + path, body, **kw)

    publish.prefix = prefix  # type: ignore[attr-defined]
    return publish


def poll(feeds, clients, state, clock) -> PollResult:
    client, pages = clients
    return poll_feeds(feeds, client=client, pages=pages, state=state, now=clock)


# -- a mixed round -------------------------------------------------------------------------------


@pytest.fixture
def mixed(loopback, site):
    """Five feeds: full text, summaries with pages (good / 404 / JS shell), an HTML page,
    an HTTP 500, and summaries with page fetching switched off."""
    article_page = site("/pages/article.html", (DATA / "pages" / "article.html").read_bytes(),
                        content_type="text/html; charset=utf-8")  # fmt: skip
    shell_page = site("/pages/shell.html", (DATA / "pages" / "js_shell.html").read_bytes(),
                      content_type="text/html")  # fmt: skip
    full = site(
        "/full.xml",
        rss(
            [
                {"title": "Toll rises", "link": site("/a/1", "", status=404),
                 "summary": LONG[0], "content": paragraphs_html(LONG)},
                {"title": "Second", "link": site("/a/2", "", status=404),
                 "summary": LONG[1][:60], "content": paragraphs_html(LONG[1:])},
            ],
            title="Full Text Times",
        ),
        etag='"full-v1"',
    )  # fmt: skip
    summaries = site(
        "/summaries.xml",
        rss(
            [
                {"title": "Hostage remains returned, total reaches nine of 28",
                 "link": article_page, "summary": "Hamas returned five bodies."},
                {"title": "Gone", "link": loopback.url("/status/404"),
                 "summary": "A summary that survives a 404."},
                {"title": "App", "link": shell_page, "summary": "A summary behind a JS app."},
            ]
        ),
    )  # fmt: skip
    homepage = site("/home", (DATA / "feeds" / "homepage.html").read_bytes(),
                    content_type="text/html")  # fmt: skip
    no_pages_link = site("/pages/never.html", "<p>never fetched</p>", content_type="text/html")
    no_pages = site(
        "/no-pages.xml",
        rss([{"title": "Teaser", "link": no_pages_link, "summary": "Only a teaser here."}]),
    )
    feeds = [
        FeedConfig(full),
        FeedConfig(summaries, source="Summary Source"),
        FeedConfig(homepage),
        FeedConfig(loopback.url("/status/500")),
        FeedConfig(no_pages, fetch_pages=False),
    ]
    return feeds, {"article": article_page, "shell": shell_page, "never": no_pages_link}


def test_one_round_uses_full_text_fetches_pages_and_survives_bad_feeds(
    loopback, mixed, clients, state, clock
) -> None:
    feeds, urls = mixed
    result = poll(feeds, clients, state, clock)

    by_title = {a.title: a for a in result.articles}
    assert len(result.articles) == 6
    # Full text from the feed itself.
    assert by_title["Toll rises"].text == html_to_text(paragraphs_html(LONG))
    assert by_title["Toll rises"].source == "Full Text Times"
    # Summary-only entry: the page was fetched and extracted, title paragraph dropped.
    fetched = by_title["Hostage remains returned, total reaches nine of 28"]
    assert fetched.text.startswith("Hamas returned five bodies on Tuesday, bringing the total")
    assert fetched.text.count("\n\n") == 3
    assert fetched.source == "Summary Source"
    # Failed page fetch (404) and failed extraction (JS shell): the summary is kept.
    assert by_title["Gone"].text == "A summary that survives a 404."
    assert by_title["App"].text == "A summary behind a JS app."
    # Page fetching off: the teaser, and the page is never requested.
    assert by_title["Teaser"].text == "Only a teaser here."
    assert loopback.seen(urls["never"].removeprefix(loopback.base)) == []

    stats = {s.feed_url: s for s in result.stats}
    full, summaries, homepage, broken, no_pages = (stats[f.url] for f in feeds)
    assert (full.fetched, full.entries, full.new, full.full_text) == (True, 2, 2, 2)
    assert (summaries.new, summaries.pages_fetched, summaries.page_failures) == (3, 1, 2)
    assert homepage.errors == 1 and homepage.error and "returned HTML, not XML" in homepage.error
    assert broken.errors == 1 and broken.error and "HTTP 500" in broken.error
    assert (no_pages.new, no_pages.pages_fetched, no_pages.errors) == (1, 0, 0)

    assert sum("kept the feed summary" in w for w in result.warnings) == 2
    assert sum("returned HTML" in w or "HTTP 500" in w for w in result.warnings) == 2
    assert {c.feed_url for c in result.checkpoints} == {feeds[i].url for i in (0, 1, 4)}

    health = state.health(feeds[2].url)
    assert health is not None
    assert health.consecutive_failures == 1
    assert health.failing_since is not None
    assert health.failing_since == health.last_failure
    assert health.last_error and "returned HTML" in health.last_error


def test_nothing_is_marked_seen_until_commit_so_a_crash_loses_nothing(
    mixed, clients, state, clock
) -> None:
    feeds, _ = mixed
    first = poll(feeds, clients, state, clock)
    # The caller crashed before appending: nothing was committed, the same articles return.
    again = poll(feeds, clients, state, clock)
    assert [a.id for a in again.articles] == [a.id for a in first.articles]
    assert state.fetch_state(feeds[0].url) is None


def test_after_commit_a_second_poll_emits_nothing_and_sends_validators(
    loopback, mixed, clients, state, clock
) -> None:
    feeds, urls = mixed
    first = poll(feeds, clients, state, clock)
    state.commit(first.checkpoints)
    assert state.health(feeds[1].url).source == "Summary Source"  # type: ignore[union-attr]
    assert state.health(feeds[0].url).source == "Full Text Times"  # type: ignore[union-attr]
    page_path = urls["article"].removeprefix(loopback.base)
    page_hits = len(loopback.seen(page_path))

    second = poll(feeds, clients, state, clock)

    assert second.articles == ()
    stats = {s.feed_url: s for s in second.stats}
    assert stats[feeds[0].url].not_modified  # the ETag came back: 304
    assert stats[feeds[1].url].fetched and stats[feeds[1].url].new == 0
    assert len(loopback.seen(page_path)) == page_hits  # seen entries are not re-fetched
    assert state.fetch_state(feeds[0].url) == FeedFetchState(etag='"full-v1"')
    assert state.health(feeds[2].url).consecutive_failures == 2  # type: ignore[union-attr]


def test_an_edited_entry_is_emitted_again_as_a_new_version(site, clients, state, clock) -> None:
    item = {"title": "Toll", "link": site("/a/9", "", status=404), "guid": "a-9",
            "summary": "s", "content": paragraphs_html(LONG)}  # fmt: skip
    url = site("/edited.xml", rss([item]))
    first = poll([FeedConfig(url)], clients, state, clock)
    state.commit(first.checkpoints)

    edited = dict(item, content=paragraphs_html([LONG[0].replace("420", "425"), *LONG[1:]]))
    site("/edited.xml", rss([edited]))
    second = poll([FeedConfig(url)], clients, state, clock)

    (before,) = first.articles
    (after,) = second.articles
    assert after.canonical_url == before.canonical_url
    assert after.id != before.id
    assert "At least 425 Palestinians" in after.text


def test_an_untitled_entry_takes_the_page_title(site, clients, state, clock) -> None:
    page = site("/p.html", (DATA / "pages" / "article.html").read_bytes(), content_type="text/html")
    url = site("/untitled.xml", rss([{"title": "", "link": page, "summary": "s"}]))
    (article,) = poll([FeedConfig(url)], clients, state, clock).articles
    assert article.title == "Hostage remains returned, total reaches nine of 28"
    assert article.text.startswith("Hamas returned five bodies")


def test_entry_without_any_text_is_skipped_and_retried_later(
    loopback, site, clients, state, clock
) -> None:
    url = site(
        "/empty-entry.xml",
        rss([{"title": "Nothing", "link": loopback.url("/status/404"), "summary": ""}]),
    )
    result = poll([FeedConfig(url)], clients, state, clock)
    assert result.articles == ()
    assert result.stats[0].errors == 1
    assert any("has no text" in w for w in result.warnings)
    state.commit(result.checkpoints)
    assert state.health(url).entries_seen == 0  # type: ignore[union-attr]


# -- ingest_once with the real embedded log --------------------------------------------------------


def demo_feeds() -> list[FeedConfig]:
    listed = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["feeds"]
    return [
        FeedConfig(
            resolve_feed_location(f["url"], CONFIG.parent), f.get("source"), f["fetch_pages"]
        )
        for f in listed
    ]


def test_demo_feeds_ingest_into_the_log_once(tmp_path: Path, clients, state, clock) -> None:
    log = SqliteLog(tmp_path / "log.sqlite")
    client, pages = clients
    try:
        first = ingest_once(
            demo_feeds(), client=client, pages=pages, state=state, log=log, now=clock
        )
        second = ingest_once(
            demo_feeds(), client=client, pages=pages, state=state, log=log, now=clock
        )
        batch = log.read_batch("test", 100)
    finally:
        log.close()

    assert len(first.articles) == 15  # 14 + the Wire Service rewrite (config/demo item 11a)
    assert all(s.full_text == s.new for s in first.stats)  # no page fetches for the demo
    assert {a.source for a in first.articles} == {
        "Gaza Monitor", "Wire Service", "Daily Courier", "Regional Times",
    }  # fmt: skip
    assert second.articles == ()
    assert all(s.not_modified for s in second.stats)  # unchanged files count as 304
    assert len(batch) == 15
    assert {decode_article(r.payload).id for r in batch.records} == {a.id for a in first.articles}
    # The log holds them in publication order across feeds, whatever order the feeds were
    # polled in, so an original reaches dedup before a copy another feed carried.
    published = [decode_article(r.payload).published for r in batch.records]
    assert published == sorted(published)


def test_demo_repost_and_syndicated_copy_are_what_dedup_expects(clients, state, clock) -> None:
    articles = poll(demo_feeds(), clients, state, clock).articles

    reposts = [a for a in articles if a.url.endswith("?utm_source=rss&utm_medium=feed")]
    (repost,) = reposts
    (original,) = [a for a in articles if a.url == repost.url.split("?")[0]]
    assert repost.id != original.id
    assert repost.canonical_url == original.canonical_url
    assert repost.content_hash == original.content_hash

    (wire,) = [
        a for a in articles if a.title == "Hamas returns five more bodies of deceased hostages"
    ]
    (copy,) = [a for a in articles if a.source == "Daily Courier" and "nine of 28" in a.title]
    assert copy.content_hash != wire.content_hash
    assert copy.text.endswith("© Daily Courier 2025")

    def signature(a):  # type: ignore[no-untyped-def]
        return dedup.signature_for(a.id, a.canonical_url, a.text, a.published, a.source)

    verdict = dedup.decide_duplicate(signature(copy), [signature(wire)])
    assert verdict.duplicate_of == wire.id
    assert verdict.reason == "near_duplicate"


def test_a_failed_append_commits_nothing_and_the_next_round_re_emits(
    tmp_path: Path, clients, state, clock
) -> None:
    client, pages = clients
    log = SqliteLog(tmp_path / "log.sqlite")
    log.close()  # appending to a closed log raises, like a crash between poll and append
    with pytest.raises(Exception):  # noqa: B017 - whatever the log raises must propagate
        ingest_once(demo_feeds(), client=client, pages=pages, state=state, log=log, now=clock)

    retry = poll(demo_feeds(), clients, state, clock)
    assert len(retry.articles) == 15


# -- FeedStateStore --------------------------------------------------------------------------------


def test_state_store_records_validators_fingerprints_and_cadence(tmp_path: Path) -> None:
    path = tmp_path / "feeds.sqlite"
    url = "https://a.example/rss"
    day = timedelta(days=1)
    entries = tuple(
        SeenEntry(f"fp{i}", f"id{i}", START - (3 - i) * day) for i in range(4)
    )  # published daily
    with FeedStateStore(path) as store:
        assert store.fetch_state(url) is None
        assert store.unseen(url, ["fp0", "fp1"]) == {"fp0", "fp1"}
        store.commit([FeedCheckpoint(url, START, '"e1"', "Sat, 22 Nov 2025 08:00:00 GMT", entries)])

    with FeedStateStore(path) as store:  # survives reopening
        assert store.fetch_state(url) == FeedFetchState('"e1"', "Sat, 22 Nov 2025 08:00:00 GMT")
        assert store.unseen(url, ["fp0", "fp3", "fp9"]) == {"fp9"}
        assert store.unseen("https://other.example/rss", ["fp0"]) == {"fp0"}
        cadence = store.cadence(url)
        assert cadence.entries == 4
        assert cadence.median_gap == day
        assert cadence.last == START
        assert not cadence.overdue(START + 2 * day)
        assert cadence.overdue(START + 5 * day)
        health = store.health(url)
        assert health is not None
        assert (health.entries_seen, health.consecutive_failures) == (4, 0)
        assert health.last_success == START


def test_state_store_counts_consecutive_failures_until_a_success(state: FeedStateStore) -> None:
    url = "https://a.example/rss"
    state.record_failure(url, "feed https://a.example/rss returned HTTP 500", START, source="A")
    state.record_failure(url, "feed https://a.example/rss timed out", START + timedelta(hours=1))
    health = state.health(url)
    assert health is not None
    assert health.consecutive_failures == 2
    assert health.last_error == "feed https://a.example/rss timed out"
    assert health.last_failure == START + timedelta(hours=1)
    assert health.failing_since == START  # the start of the streak, not the latest failure
    assert health.source == "A"  # kept when a later call does not name it

    state.record_not_modified(url, START + timedelta(hours=2))
    health = state.health(url)
    assert health is not None
    assert health.consecutive_failures == 0
    assert health.failing_since is None
    assert health.last_success == START + timedelta(hours=2)
    state.record_failure(url, "feed https://a.example/rss timed out", START + timedelta(hours=3))
    assert state.health(url).failing_since == START + timedelta(hours=3)  # type: ignore[union-attr]
    assert [h.feed_url for h in state.all_health()] == [url]


def test_state_store_prunes_old_fingerprints(state: FeedStateStore) -> None:
    url = "https://a.example/rss"
    state.commit([FeedCheckpoint(url, START, None, None, (SeenEntry("old", "o", None),))])
    state.commit(
        [
            FeedCheckpoint(
                url, START + timedelta(days=30), None, None, (SeenEntry("new", "n", None),)
            )
        ]
    )
    assert state.prune(START + timedelta(days=1)) == 1
    assert state.unseen(url, ["old", "new"]) == {"old"}


def test_state_store_handles_more_fingerprints_than_sqlite_parameters(
    state: FeedStateStore,
) -> None:
    url = "https://big.example/rss"
    seen = tuple(SeenEntry(f"fp{i}", f"id{i}", None) for i in range(1200))
    state.commit([FeedCheckpoint(url, START, None, None, seen)])
    asked = [f"fp{i}" for i in range(1500)]
    assert state.unseen(url, asked) == {f"fp{i}" for i in range(1200, 1500)}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("demo/a.xml", "/etc/claimwatch/demo/a.xml"),
        ("/srv/feeds/a.xml", "/srv/feeds/a.xml"),
        ("https://a.example/rss", "https://a.example/rss"),
        ("file:///srv/a.xml", "file:///srv/a.xml"),
    ],
)
def test_resolve_feed_location(url: str, expected: str) -> None:
    assert resolve_feed_location(url, Path("/etc/claimwatch")) == expected


def test_state_file_from_before_the_source_columns_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE feeds (feed_url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
        " last_success TEXT, last_failure TEXT, consecutive_failures INTEGER NOT NULL DEFAULT 0,"
        " last_error TEXT);"
        "INSERT INTO feeds (feed_url, etag) VALUES ('https://a.example/rss', '\"e0\"');"
    )
    db.commit()
    db.close()
    with FeedStateStore(path) as store:
        assert store.fetch_state("https://a.example/rss") == FeedFetchState('"e0"')
        store.record_failure("https://a.example/rss", "boom", START, source="A")
        health = store.health("https://a.example/rss")
        assert health is not None
        assert (health.source, health.failing_since) == ("A", START)
