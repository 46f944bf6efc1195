"""parse_feed golden tests on tests/data/feeds, and FeedClient against a loopback server."""

from __future__ import annotations

import itertools
import logging
import os
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
import requests
from claimwatch.connectors.feeds import FeedClient, FeedFetchState, parse_feed
from claimwatch.connectors.http import USER_AGENT, local_path
from claimwatch.transforms.errors import ClaimwatchError, FeedError, FeedFormatError

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


def parse(name: str, *, feed_url: str | None = None, source: str | None = None, **kw: str):
    body = (FEEDS / name).read_bytes()
    return parse_feed(
        body, feed_url=feed_url or f"https://feeds.example/{name}", source=source, **kw
    )


# -- parse_feed: formats ---------------------------------------------------------------------


def test_rss20_entries_are_parsed_with_resolved_links_plain_summaries_and_utc_dates() -> None:
    entries = parse("rss20.xml", feed_url="https://herald.example/feeds/world.rss")

    assert [e.title for e in entries] == [
        "Ceasefire toll rises to at least 420",
        "Aid convoy reaches the north",
        "Permalink only in the guid",
        "No link at all",
    ]  # the item without any link is kept, under a urn: nothing to fetch, no URL made up
    first = entries[0]
    assert first.url == "https://herald.example/2025/11/19/toll-420"  # relative link resolved
    assert first.source == "Example Herald"  # the feed's title
    assert first.feed_url == "https://herald.example/feeds/world.rss"
    assert first.entry_id == "herald-1001"
    assert first.author == "Lina Haddad"
    assert first.published == datetime(2025, 11, 19, 11, 0, tzinfo=timezone.utc)  # +0200 → UTC
    # The summary is plain text: tags gone, the double-escaped ampersand decoded once.
    assert (
        first.summary == "The ministry said 420 people had been killed & more than 1,150 injured."
    )
    assert first.content_is_html
    assert first.content is not None
    assert "At least 420 Palestinians" in first.content
    assert "track()" not in first.content  # feedparser's sanitiser drops scripts


def test_rss20_without_content_or_date_has_none_and_guid_permalink_becomes_the_url() -> None:
    _, second, third, linkless = parse("rss20.xml")

    assert second.content is None
    assert second.published is None
    assert second.summary == "A short summary with no full text."
    assert third.url == "https://herald.example/2025/11/17/guid-only"
    assert third.published == datetime(2025, 11, 17, 8, 0, tzinfo=timezone.utc)
    assert linkless.url.startswith("urn:claimwatch:entry:")
    assert linkless.entry_id.startswith("sha256:")  # no guid: the id comes from the content
    assert parse("rss20.xml")[3].entry_id == linkless.entry_id  # and is stable


def test_explicit_source_overrides_the_feed_title() -> None:
    entries = parse("rss20.xml", source="Herald (config)")
    assert {e.source for e in entries} == {"Herald (config)"}


def test_source_defaults_to_the_host_when_the_feed_has_no_title() -> None:
    entries = parse("untitled.xml", feed_url="https://www.notitle.example/rss")
    assert entries[0].source == "notitle.example"


def test_atom_content_is_taken_and_relative_links_resolve_against_the_feed_url() -> None:
    first, second = parse("atom.xml", feed_url="https://wire.example/feeds/world.atom")

    assert first.url == "https://wire.example/feeds/world/us-troops-250"
    assert first.source == "Wire Example: World"
    assert first.entry_id == "tag:wire.example,2025:us-troops-250"
    assert first.published == datetime(2025, 11, 21, 14, 30, tzinfo=timezone.utc)
    assert first.summary == "The U.S. will contribute up to 250 troops."
    assert first.content_is_html
    assert "<p>Indonesia has offered 20,000 soldiers.</p>" in (first.content or "")
    assert first.author == "Wire Example"

    assert second.title == "Bodies returned: 11 of 28"  # an HTML title comes out as text
    assert second.published == datetime(2025, 11, 20, 17, 10, tzinfo=timezone.utc)  # updated
    assert second.content == "Hamas handed over two more bodies, bringing the total to 11 of 28."
    assert not second.content_is_html


def test_json_feed_items_are_read_without_feedparser() -> None:
    first, second, linkless = parse("jsonfeed.json", feed_url="https://json.example/feed.json")
    assert linkless.entry_id == "json-3" and linkless.url.startswith("urn:claimwatch:entry:")

    assert first.source == "JSON Example News"
    assert first.url == "https://json.example/2025/11/20/hostages"
    assert first.content_is_html
    assert first.content == (
        "<p>Hamas handed over two more bodies.</p><p>The total is now 11 of 28.</p>"
    )
    assert first.summary == "The total is now 11 of 28."
    assert first.published == datetime(2025, 11, 20, 17, 10, tzinfo=timezone.utc)
    assert first.author == "Noa Levi"

    assert second.url == "https://json.example/2025/11/19/plain"
    assert second.content == "Plain text content, no markup."
    assert not second.content_is_html
    assert second.author == "JSON Example desk"  # the feed's authors when the item has none
    assert second.entry_id == "json-2"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"items": []}', "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "does not parse"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": 3}', "without an items list"),
    ],
)
def test_json_that_is_not_a_usable_json_feed_is_a_format_error(body: bytes, message: str) -> None:
    with pytest.raises(FeedFormatError, match=message):
        parse_feed(body, feed_url="https://api.example/v1/news")


# -- parse_feed: broken and wrong bodies -------------------------------------------------------


def test_bozo_feed_that_still_yields_entries_is_kept_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="claimwatch.connectors.feeds"):
        entries = parse("bozo.xml")

    assert [e.url for e in entries] == [
        "https://careless.example/a/1",
        "https://careless.example/a/2",
    ]
    assert entries[0].title == "Talks & truce: what next"
    assert any("malformed but usable" in r.getMessage() for r in caplog.records)


def test_html_page_is_rejected_with_a_hint_and_the_feeds_it_advertises() -> None:
    with pytest.raises(FeedFormatError) as info:
        parse("homepage.html", feed_url="https://herald.example/")

    message = str(info.value)
    assert "feed https://herald.example/ returned HTML, not XML" in message
    assert "home page" in message
    assert "https://herald.example/feeds/all.rss" in message
    assert isinstance(info.value, FeedError)
    assert isinstance(info.value, ClaimwatchError)


@pytest.mark.parametrize("body", [b"", b"   \n\t", b"\xef\xbb\xbf\n"])
def test_empty_body_is_a_format_error(body: bytes) -> None:
    with pytest.raises(FeedFormatError, match="empty body"):
        parse_feed(body, feed_url="https://herald.example/rss")


def test_empty_file_is_a_format_error() -> None:
    with pytest.raises(FeedFormatError, match="empty body"):
        parse("empty.xml")


def test_xml_that_is_not_a_feed_is_a_format_error() -> None:
    with pytest.raises(FeedFormatError, match="RSS, Atom or JSON Feed"):
        parse("not_a_feed.xml")


def test_garbage_bytes_are_a_format_error() -> None:
    with pytest.raises(FeedFormatError):
        parse_feed(b"\x00\x01\x02 this is not xml <<<", feed_url="https://x.example/f")


def test_latin1_declared_but_utf8_body_is_decoded_as_utf8() -> None:
    (entry,) = parse("latin1_declared_utf8.xml")
    assert entry.title == "Café talks – what’s next"
    assert entry.summary == "Ministers met at the Café de la Paix."
    assert entry.source == "Café Press"


def test_real_latin1_body_is_still_decoded_as_latin1() -> None:
    (entry,) = parse("latin1.xml")
    assert entry.title == "Café crème"
    assert entry.summary == "Déjà vu at the café."


def test_utf8_declared_but_latin1_body_is_recovered(caplog: pytest.LogCaptureFixture) -> None:
    body = (FEEDS / "latin1.xml").read_bytes().replace(b"ISO-8859-1", b"UTF-8")
    with caplog.at_level(logging.WARNING, logger="claimwatch.connectors.feeds"):
        (entry,) = parse_feed(body, feed_url="https://cafe.example/rss")
    assert entry.title == "Café crème"
    assert any("malformed but usable" in r.getMessage() for r in caplog.records)


def test_http_charset_applies_when_the_xml_declares_none() -> None:
    body = "<rss version='2.0'><channel><title>Ç</title><item><title>Déjà</title>"
    body += "<link>https://c.example/1</link></item></channel></rss>"
    (entry,) = parse_feed(
        body.encode("cp1252"),
        feed_url="https://c.example/rss",
        content_type="text/xml; charset=windows-1252",
    )
    assert (entry.title, entry.source) == ("Déjà", "Ç")


def test_demo_feeds_parse_with_full_text_and_dates() -> None:
    demo = Path(__file__).resolve().parents[2] / "config" / "demo"
    entries = [
        e for f in sorted(demo.glob("*.*")) if f.suffix != ".md"
        for e in parse_feed(f.read_bytes(), feed_url=str(f))
    ]  # fmt: skip
    assert len(entries) == 15
    assert all(e.content and e.content_is_html and e.published for e in entries)
    assert all(e.url.startswith("https://") and ".example/" in e.url for e in entries)


# -- FeedClient against the loopback server -----------------------------------------------------


def client(session: requests.Session, **kw: float) -> FeedClient:
    options: dict[str, float] = {"timeout": 2.0, "max_bytes": 1_000_000, "min_interval_per_host": 0}
    options.update(kw)
    return FeedClient(
        session,
        user_agent=USER_AGENT,
        timeout=options["timeout"],
        max_bytes=int(options["max_bytes"]),
        min_interval_per_host=options["min_interval_per_host"],
    )


def test_200_returns_the_body_validators_and_sends_a_user_agent_naming_the_project(
    loopback, session: requests.Session
) -> None:
    url = loopback.url("/data/feeds/rss20.xml")
    fetch = client(session).fetch(url)

    assert not fetch.not_modified
    assert fetch.status == 200
    assert fetch.body == (FEEDS / "rss20.xml").read_bytes()
    assert fetch.etag and fetch.etag.startswith('"')
    assert fetch.last_modified
    sent = loopback.seen("/data/feeds/rss20.xml")[-1].headers
    assert sent["User-Agent"].startswith("claimwatch/")
    assert "https://github.com/" in sent["User-Agent"]
    assert "application/rss+xml" in sent["Accept"]
    assert "If-None-Match" not in sent


def test_gzip_body_is_decompressed(loopback, session: requests.Session) -> None:
    fetch = client(session).fetch(loopback.url("/gzip/feeds/rss20.xml"))
    assert fetch.body == (FEEDS / "rss20.xml").read_bytes()


def test_decompression_bomb_is_cut_by_its_decompressed_size(
    loopback, session: requests.Session
) -> None:
    with pytest.raises(FeedError, match="more than 200000 bytes"):
        client(session, max_bytes=200_000).fetch(loopback.url("/gzip-zeros/50000000"))


def test_redirect_is_followed_and_the_final_url_kept(loopback, session: requests.Session) -> None:
    fetch = client(session).fetch(loopback.url("/redirect/feeds/atom.xml"))
    assert fetch.final_url == loopback.url("/data/feeds/atom.xml")
    assert fetch.body == (FEEDS / "atom.xml").read_bytes()


def test_304_with_etag_is_not_modified_and_keeps_the_validators(
    loopback, session: requests.Session
) -> None:
    url = loopback.url("/data/feeds/atom.xml")
    feeds = client(session)
    first = feeds.fetch(url)
    second = feeds.fetch(url, first.state)

    assert second.not_modified
    assert second.status == 304
    assert second.body == b""
    assert second.etag == first.etag
    assert loopback.seen("/data/feeds/atom.xml")[-1].headers["If-None-Match"] == first.etag


def test_if_modified_since_alone_also_gets_a_304(loopback, session: requests.Session) -> None:
    url = loopback.url("/data/feeds/bozo.xml")
    first = client(session).fetch(url)
    second = client(session).fetch(url, FeedFetchState(last_modified=first.last_modified))
    assert second.not_modified
    assert second.last_modified == first.last_modified


def test_json_feed_over_http_parses_with_its_content_type(
    loopback, session: requests.Session
) -> None:
    url = loopback.url("/data/feeds/jsonfeed.json")
    fetch = client(session).fetch(url)
    assert fetch.content_type == "application/feed+json"
    entries = parse_feed(fetch.body, feed_url=url, content_type=fetch.content_type)
    assert len(entries) == 3
    assert entries[1].url == loopback.url("/2025/11/19/plain")


@pytest.mark.parametrize(
    ("status", "hint"),
    [(404, "check the URL"), (410, "remove it"), (500, "retried"), (503, "retried")],
)
def test_http_error_status_is_a_feed_error_naming_the_url(
    loopback, session: requests.Session, status: int, hint: str
) -> None:
    url = loopback.url(f"/status/{status}")
    with pytest.raises(FeedError, match=hint) as info:
        client(session).fetch(url)
    assert url in str(info.value)
    assert f"HTTP {status}" in str(info.value)


def test_slow_response_times_out_as_a_feed_error(loopback, session: requests.Session) -> None:
    url = loopback.url("/slow/3")
    started = time.monotonic()
    with pytest.raises(FeedError, match=r"took longer than 0.4s in total") as info:
        client(session, timeout=0.4).fetch(url)
    assert time.monotonic() - started < 2.5
    assert info.value.__cause__ is not None  # chained: a read timeout or the cut socket
    assert url in str(info.value)


def test_a_body_that_trickles_past_the_deadline_is_cut(loopback, session: requests.Session) -> None:
    started = time.monotonic()
    with pytest.raises(FeedError, match="longer than"):
        client(session, timeout=0.5).fetch(loopback.url("/drip/4"))
    assert time.monotonic() - started < 3


def test_oversized_streamed_body_is_cut_with_an_error(loopback, session: requests.Session) -> None:
    url = loopback.url("/big/5000000")
    with pytest.raises(FeedError, match="more than 100000 bytes") as info:
        client(session, max_bytes=100_000).fetch(url)
    assert url in str(info.value)


def test_oversized_declared_length_is_refused_before_reading(
    loopback, session: requests.Session
) -> None:
    with pytest.raises(FeedError, match="over the 1000-byte limit"):
        client(session, max_bytes=1000).fetch(loopback.url("/big-declared/999999"))


def test_connection_refused_is_a_feed_error(
    closed_port_url: str, session: requests.Session
) -> None:
    with pytest.raises(FeedError, match="could not be reached") as info:
        client(session).fetch(closed_port_url)
    assert closed_port_url in str(info.value)
    assert isinstance(info.value.__cause__, requests.exceptions.ConnectionError)


def test_one_host_is_hit_at_most_once_per_interval(loopback, session: requests.Session) -> None:
    feeds = client(session, min_interval_per_host=0.3)
    path = "/data/feeds/untitled.xml"
    before = len(loopback.seen(path))
    for _ in range(3):
        feeds.fetch(loopback.url(path))
    arrivals = [r.at for r in loopback.seen(path)[before:]]
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert len(gaps) == 2
    assert all(gap >= 0.28 for gap in gaps), gaps


# -- FeedClient on local files ------------------------------------------------------------------


def test_local_path_and_file_url_read_from_disk(session: requests.Session) -> None:
    path = FEEDS / "rss20.xml"
    by_path = client(session).fetch(str(path))
    by_url = client(session).fetch(path.as_uri())
    assert by_path.body == by_url.body == path.read_bytes()
    assert by_path.last_modified


def test_unchanged_local_file_is_not_modified_and_a_touched_one_is_read(
    tmp_path: Path, session: requests.Session
) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes((FEEDS / "atom.xml").read_bytes())
    feeds = client(session)
    first = feeds.fetch(str(path))
    assert feeds.fetch(str(path), first.state).not_modified
    os.utime(path, (time.time() + 10, time.time() + 10))
    assert not feeds.fetch(str(path), first.state).not_modified


def test_missing_local_file_is_a_feed_error(tmp_path: Path, session: requests.Session) -> None:
    with pytest.raises(FeedError, match="cannot be read") as info:
        client(session).fetch(str(tmp_path / "nope.xml"))
    assert isinstance(info.value.__cause__, OSError)


def test_oversized_local_file_is_a_feed_error(tmp_path: Path, session: requests.Session) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(FeedError, match="over the 1000-byte limit"):
        client(session, max_bytes=1000).fetch(str(path))


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("https://a.example/feed", None),
        ("http://a.example/feed", None),
        ("file:///srv/feeds/a%20b.xml", Path("/srv/feeds/a b.xml")),
        ("/srv/feeds/a.xml", Path("/srv/feeds/a.xml")),
        ("demo/a.xml", Path("demo/a.xml")),
    ],
)
def test_local_path(location: str, expected: Path | None) -> None:
    assert local_path(location) == expected
