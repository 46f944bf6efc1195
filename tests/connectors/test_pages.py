"""PageFetcher against the loopback server; extract_text on real-shaped and broken pages."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
import requests
from claimwatch.connectors.address_policy import parse_networks
from claimwatch.connectors.pages import PageFetcher, decode_html, extract_text
from claimwatch.transforms.errors import ExtractionError, FetchError

LOOPBACK = parse_networks(["127.0.0.0/8"])  # the test server; page links are public-only otherwise
PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


def fetcher(session: requests.Session, *, timeout: float = 2.0, max_bytes: int = 1_000_000):
    return PageFetcher(
        session,
        timeout=timeout,
        max_bytes=max_bytes,
        min_interval_per_host=0,
        user_agent="t/1",
        allow=LOOPBACK,
    )


# -- PageFetcher ---------------------------------------------------------------------------------


def test_fetch_returns_the_page_bytes(loopback, session: requests.Session) -> None:
    body = fetcher(session).fetch(loopback.url("/data/pages/article.html"))
    assert body == (PAGES / "article.html").read_bytes()
    assert loopback.seen("/data/pages/article.html")[-1].headers["User-Agent"] == "t/1"


@pytest.mark.parametrize("status", [403, 404, 500])
def test_http_error_is_a_fetch_error_naming_the_url(
    loopback, session: requests.Session, status: int
) -> None:
    url = loopback.url(f"/status/{status}")
    with pytest.raises(FetchError, match=f"page {url} returned HTTP {status}"):
        fetcher(session).fetch(url)


def test_non_html_content_is_refused(loopback, session: requests.Session) -> None:
    url = loopback.serve("/files/report.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    with pytest.raises(FetchError, match="application/pdf, not HTML"):
        fetcher(session).fetch(url)


def test_slow_page_times_out(loopback, session: requests.Session) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"took longer than|timed out"):
        fetcher(session, timeout=0.3).fetch(loopback.url("/slow/3"))
    assert time.monotonic() - started < 2


def test_oversized_page_is_cut_with_an_error(loopback, session: requests.Session) -> None:
    with pytest.raises(FetchError, match="more than 50000 bytes"):
        fetcher(session, max_bytes=50_000).fetch(loopback.url("/big/3000000"))


def test_connection_refused_is_a_fetch_error(
    closed_port_url: str, session: requests.Session
) -> None:
    with pytest.raises(FetchError, match="could not be reached") as info:
        fetcher(session).fetch(closed_port_url)
    assert isinstance(info.value.__cause__, requests.exceptions.ConnectionError)


# -- extract_text ----------------------------------------------------------------------------------


def test_article_text_comes_without_navigation_ads_footer_or_title() -> None:
    page = extract_text((PAGES / "article.html").read_bytes(), "https://herald.example/a")

    assert page.title == "Hostage remains returned, total reaches nine of 28"
    assert page.author == "Lina Haddad"
    assert page.published == datetime(2025, 11, 18, 19, 20, tzinfo=timezone.utc)
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Hamas returned five bodies on Tuesday")
    assert paragraphs[-1].endswith("until every body has been returned.")
    for junk in ("Subscribe", "ADVERTISEMENT", "Most read", "All rights reserved", "999999"):
        assert junk not in page.text


def test_broken_html_still_yields_its_paragraphs() -> None:
    page = extract_text((PAGES / "broken.html").read_bytes(), "https://herald.example/b")
    assert page.text.startswith("Indonesia has offered 20,000 soldiers")
    assert "would probably enter through Egypt." in page.text
    assert "never text" not in page.text  # script content is not article text
    assert page.text.count("\n\n") >= 3


def test_utf8_page_labelled_latin1_decodes_as_utf8() -> None:
    page = extract_text((PAGES / "mislabelled_utf8.html").read_bytes(), "https://x.example/c")
    assert "Café de la Paix on Thursday – the third meeting" in page.text
    assert "“We’re closer than ever,” one délégué said" in page.text


def test_windows_1252_page_decodes_by_its_declared_charset() -> None:
    page = extract_text((PAGES / "cp1252.html").read_bytes(), "https://x.example/d")
    assert page.title == "Déjà vu"
    assert page.text.startswith("The café reopened on Saturday – for the first time")
    assert "“business is back”" in page.text


def test_page_without_article_text_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="no article text") as info:
        extract_text((PAGES / "js_shell.html").read_bytes(), "https://x.example/app")
    assert "https://x.example/app" in str(info.value)


def test_empty_page_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        extract_text(b"", "https://x.example/empty")


def test_huge_page_is_capped_and_still_extracted_quickly(caplog: pytest.LogCaptureFixture) -> None:
    paragraph = "<p>Paragraph {i} of a very long live blog about the ceasefire talks in Cairo.</p>"
    body = "".join(paragraph.format(i=i) for i in range(60_000))  # about 5 MB of markup
    script = "<script>" + "var x = 1;" * 200_000 + "</script>"  # 2 MB that is never text
    html = f"<html><head>{script}</head><body><article>{body}</article></body></html>"
    assert len(html) > 6_000_000

    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="claimwatch.connectors.pages"):
        page = extract_text(html.encode(), "https://x.example/live", max_chars=300_000)
    elapsed = time.monotonic() - started

    assert elapsed < 10, elapsed
    assert page.text.startswith("Paragraph 0 of a very long live blog")
    assert len(page.text) < 300_000
    assert "var x" not in page.text
    assert any("reading the first 300000" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Café – ok".encode(), "Café – ok"),
        (b"\xef\xbb\xbfBOM caf\xc3\xa9", "BOM café"),
        (b'<meta charset="iso-8859-1">caf\xe9', '<meta charset="iso-8859-1">café'),
        (b'<meta charset="windows-1252">\x93quoted\x94', '<meta charset="windows-1252">“quoted”'),
        (b"no charset caf\xe9 \x96 dash", "no charset café – dash"),
        (b'<meta charset="no-such-codec">caf\xe9', '<meta charset="no-such-codec">café'),
    ],
)
def test_decode_html(body: bytes, expected: str) -> None:
    assert decode_html(body) == expected


# -- a charset label the bytes contradict --------------------------------------------------------

QUOTED = (
    "“We will not stop,” the minister’s spokesman said on Tuesday — adding that 42 people were "
    "hurt when the café on the square was hit, and that rescue teams were still searching."
)


@pytest.mark.parametrize("label", ["utf-8", "shift_jis", "iso-8859-1", "bogus-charset"])
def test_a_lying_charset_label_does_not_turn_smart_quotes_into_replacement_characters(
    label: str,
) -> None:
    html = f'<html><head><meta charset="{label}"><title>T</title></head><body><article>'
    html += f"<p>{QUOTED}</p><p>{QUOTED}</p></article></body></html>"
    page = extract_text(html.encode("cp1252"), "https://x.example/lie")
    assert "\ufffd" not in page.text
    assert "“We will not stop,” the minister’s spokesman" in page.text
    assert "café" in page.text


def test_a_true_single_byte_label_is_kept() -> None:
    text = "Привет, это короткая новость о погоде в городе и области на сегодня и завтра."
    body = f'<meta charset="windows-1251"><p>{text}</p>'.encode("cp1251")
    assert text in decode_html(body)
