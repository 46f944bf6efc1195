"""build_article, html_to_text and the feed-text helpers: pure, table-driven."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from claimwatch.transforms.articles import (
    build_article,
    carries_full_text,
    entry_fingerprint,
    entry_text,
    html_to_text,
    strip_title,
)
from claimwatch.transforms.dedup import canonical_url, content_hash
from claimwatch.transforms.models import FeedEntry

FETCHED = datetime(2025, 11, 22, 8, 0, tzinfo=timezone.utc)
BODY = (
    "At least 420 Palestinians have been killed since the ceasefire began, the ministry said.\n\n"
    "More than 1,150 people have been injured."
)


def entry(**changes: object) -> FeedEntry:
    base = FeedEntry(
        feed_url="https://gazamonitor.example/rss",
        source="Gaza Monitor",
        url="https://gazamonitor.example/2025/11/19/toll-420",
        title="Gaza toll rises to at least 420",
        summary="At least 420 Palestinians have been killed.",
        content=None,
        content_is_html=False,
        published=datetime(2025, 11, 19, 11, 0, tzinfo=timezone.utc),
        entry_id="gm-420",
        author="Gaza Monitor staff",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# -- build_article -------------------------------------------------------------------------------


def test_article_id_hashes_the_raw_url_and_the_content_hash() -> None:
    article = build_article(entry(), BODY, fetched=FETCHED)

    expected_hash = content_hash(BODY)
    assert article.content_hash == expected_hash
    url = "https://gazamonitor.example/2025/11/19/toll-420"
    assert article.id == hashlib.sha256(f"{url}\n{expected_hash}".encode()).hexdigest()[:16]
    assert article.canonical_url == canonical_url(url)
    assert article.text == BODY
    assert article.source == "Gaza Monitor"
    assert article.title == "Gaza toll rises to at least 420"
    assert article.author == "Gaza Monitor staff"
    assert article.feed_url == "https://gazamonitor.example/rss"
    assert article.published == datetime(2025, 11, 19, 11, 0, tzinfo=timezone.utc)
    assert article.fetched == FETCHED
    assert article.version == 1
    assert article.duplicate_of is None


def test_a_repost_under_a_tracking_url_is_a_separate_article_with_the_same_canonical_url() -> None:
    original = build_article(entry(), BODY, fetched=FETCHED)
    repost = build_article(
        entry(url=original.url + "?utm_source=rss&utm_medium=feed"), BODY, fetched=FETCHED
    )

    assert repost.id != original.id
    assert repost.canonical_url == original.canonical_url
    assert repost.content_hash == original.content_hash


def test_same_url_and_text_give_the_same_id_whenever_fetched() -> None:
    first = build_article(entry(), BODY, fetched=FETCHED)
    again = build_article(entry(), BODY + "\n", fetched=FETCHED + timedelta(hours=5))
    assert again.id == first.id


def test_edited_text_at_the_same_url_is_a_new_id() -> None:
    first = build_article(entry(), BODY, fetched=FETCHED)
    edited = build_article(entry(), BODY.replace("420", "425"), fetched=FETCHED)
    assert edited.id != first.id
    assert edited.canonical_url == first.canonical_url


@pytest.mark.parametrize(
    ("feed_date", "override", "expected"),
    [
        (None, None, FETCHED),  # no date anywhere: the fetch time
        (datetime(2025, 11, 19, 11, 0, tzinfo=timezone.utc), None, datetime(2025, 11, 19, 11, 0)),
        (None, datetime(2025, 11, 18, 7, 0, tzinfo=timezone.utc), datetime(2025, 11, 18, 7, 0)),
        (  # an explicit date (e.g. from the page) wins over the feed's
            datetime(2025, 11, 19, 11, 0, tzinfo=timezone.utc),
            datetime(2025, 11, 18, 7, 0, tzinfo=timezone.utc),
            datetime(2025, 11, 18, 7, 0),
        ),
        (datetime(2025, 11, 19, 13, 0, tzinfo=timezone(timedelta(hours=2))), None,
         datetime(2025, 11, 19, 11, 0)),
        (datetime(2025, 11, 19, 11, 0), None, datetime(2025, 11, 19, 11, 0)),  # naive is UTC
    ],
)  # fmt: skip
def test_published_falls_back_to_fetched_and_is_utc(
    feed_date: datetime | None, override: datetime | None, expected: datetime
) -> None:
    article = build_article(entry(published=feed_date), BODY, fetched=FETCHED, published=override)
    assert article.published == expected.replace(tzinfo=timezone.utc)
    assert article.published.utcoffset() == timedelta(0)


def test_a_leading_paragraph_repeating_the_title_is_dropped() -> None:
    text = "Gaza toll rises to  at least 420\n\n" + BODY
    article = build_article(entry(), text, fetched=FETCHED)
    assert article.text == BODY
    assert article.content_hash == content_hash(BODY)


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Title\n\nBody", "Title", "Body"),
        ("TITLE\nBody", "title", "Body"),
        ("Title", "Title", "Title"),  # never strip the only paragraph
        ("Other\n\nBody", "Title", "Other\n\nBody"),
        ("Title\n\nBody", "", "Title\n\nBody"),
    ],
)
def test_strip_title(text: str, title: str, expected: str) -> None:
    assert strip_title(text, title) == expected


# -- html_to_text --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<p>Line one<br>line two</p>", "Line one\nline two"),
        ("<p>Fish &amp; chips &#8211; &lt;cheap&gt;</p>", "Fish & chips – <cheap>"),
        ("<p>Text</p><script>var x = '<p>no</p>';</script><style>p{}</style>", "Text"),
        ("<div><p>Unclosed <b>bold <i>italic</div><p>Next", "Unclosed bold italic\n\nNext"),
        ("<ul><li>First</li><li>Second</li></ul>", "First\n\nSecond"),
        (
            "<h2>Heading</h2>Loose text\nwrapped  over\tlines",
            "Heading\n\nLoose text wrapped over lines",
        ),
        ("Plain text, no tags", "Plain text, no tags"),
        ("", ""),
        ("<p> </p><p>\n</p>", ""),
        ("<p>Non&nbsp;breaking</p>", "Non breaking"),
    ],
)
def test_html_to_text(html: str, expected: str) -> None:
    assert html_to_text(html) == expected


# -- feed text helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "summary", "expected"),
    [
        ("", "A summary.", False),
        ("A summary.", "A summary.", False),  # a teaser repeated in content
        ("A summary. " + "More text. " * 30, "A summary.", True),  # clearly longer
        ("x" * 1600, "x" * 1600, True),  # the full article in both fields
        ("x" * 300, "y" * 250, False),  # only a little longer: still a teaser
    ],
)
def test_carries_full_text(content: str, summary: str, expected: bool) -> None:
    assert carries_full_text(content, summary) is expected


def test_entry_text_converts_html_content_and_keeps_plain_content() -> None:
    assert entry_text(entry(content="<p>A</p><p>B</p>", content_is_html=True)) == "A\n\nB"
    assert entry_text(entry(content="  plain  ", content_is_html=False)) == "plain"
    assert entry_text(entry(content=None)) == ""


def test_entry_fingerprint_changes_when_the_entry_is_edited_and_only_then() -> None:
    base = entry(content="<p>At least 420 killed.</p>", content_is_html=True)
    assert entry_fingerprint(base) == entry_fingerprint(replace(base))
    assert entry_fingerprint(base) == entry_fingerprint(replace(base, author="Someone else"))
    assert entry_fingerprint(base) != entry_fingerprint(
        replace(base, content="<p>At least 425 killed.</p>")
    )
    assert entry_fingerprint(base) != entry_fingerprint(replace(base, entry_id="gm-421"))


def test_transforms_import_no_io_libraries() -> None:
    code = (
        "import sys, claimwatch.transforms.articles, claimwatch.transforms.dedup\n"
        "bad = [m for m in ('requests', 'feedparser', 'trafilatura', 'apache_beam', 'kafka',"
        " 'elasticsearch', 'urllib3') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""
