"""Pages: fetch an article's HTML politely, and extract its main text with trafilatura.

    PageFetcher.fetch(url) ──bytes──▶ extract_text(html, url) ──▶ ExtractedPage(title, text, ...)
        │ streamed read capped at max_bytes, one hit per host per interval (shareable
        │ with FeedClient), errors mapped to FetchError naming the URL
        └ extract_text is pure: trafilatura is only given the HTML, never a URL to fetch

Used when a feed carries a summary only.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone

import charset_normalizer
from claimwatch.connectors.boilerplate import PRUNE_XPATH, drop_boilerplate_lines
from claimwatch.connectors.http import PoliteClient
from claimwatch.transforms.errors import ExtractionError, FetchError
from trafilatura import bare_extraction

log = logging.getLogger(__name__)

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
# News pages run 100-500 kB; a few reach 2 MB with inline scripts. 5 MB stops videos and dumps.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# trafilatura's time grows linearly, about 0.7-1 s per MB of markup on one core here; after scripts
# and styles are stripped, 1.5 MB of HTML holds any article several times over.
MAX_HTML_CHARS = 1_500_000
# A real article, even a brief, has a few sentences; less is a menu, a paywall or a stub.
MIN_TEXT_CHARS = 150
# Far longer than any article; a page past this is a transcript or a live blog dump.
MAX_TEXT_CHARS = 200_000

_NOT_TEXT = re.compile(r"<(script|style|noscript|svg|template)\b.*?</\1\s*>", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", re.I)


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """The main text of a page, paragraphs separated by blank lines, plus its metadata."""

    title: str | None
    text: str
    author: str | None
    published: datetime | None
    boilerplate: tuple[str, ...] = ()  # lines dropped as furniture (related, subscribe, ...)


class PageFetcher(PoliteClient):
    """Fetches article pages with the same politeness and caps as FeedClient.

    Args:
        session: The requests session to use.
        user_agent: Sent on every request; names the project and where to read about it.
        timeout: Seconds for the whole request (connect, headers, body, redirects).
        max_bytes: A larger body is an error (FetchError), never silently truncated.
        min_interval_per_host: Seconds between two requests to the same host.
        gate: Share FeedClient's so feeds and pages on one host count together.
        policy / allow: Page links are untrusted: public unicast only, plus `allow` networks.
    """

    default_max_bytes = DEFAULT_MAX_BYTES

    def fetch(self, url: str, *, deadline: float | None = None) -> bytes:
        """The page's raw bytes.

        Raises:
            BlockedAddressError: The link, or a redirect, points where untrusted URLs may not go.
            FetchError: Unreachable, timed out, an HTTP error status, not HTML, or too large.
        """
        response = self.get(
            url,
            headers={"User-Agent": self._user_agent, "Accept": PAGE_ACCEPT},
            error=FetchError,
            what="page",
            deadline=deadline,
        )
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and not (
            content_type.startswith("text/") or "html" in content_type or "xml" in content_type
        ):
            raise FetchError(
                f"page {url} is {content_type}, not HTML: claimwatch reads articles, not files"
            )
        body: bytes = response.body
        return body


def extract_text(
    html: bytes | str,
    url: str,
    *,
    max_chars: int = MAX_HTML_CHARS,
    min_text_chars: int = MIN_TEXT_CHARS,
) -> ExtractedPage:
    """The main article text of a page, without navigation, ads or comments.

    Args:
        html: The page as bytes (the encoding is sniffed) or already decoded.
        url: The page's URL, for metadata heuristics only; nothing is fetched.
        max_chars: Markup beyond this (after scripts and styles are dropped) is cut off.
        min_text_chars: Less text than this means the page holds no article.

    Returns:
        The page with its text as paragraphs separated by blank lines, the title's own
        paragraph removed from the top, and the title, author and date when the page says.

    Raises:
        ExtractionError: The page has no article text (a paywall, a JS-only page, a video).
    """
    markup = decode_html(html) if isinstance(html, bytes) else html
    markup = _NOT_TEXT.sub(" ", markup)
    if len(markup) > max_chars:
        log.warning(
            "page %s has %d chars of markup; reading the first %d", url, len(markup), max_chars
        )
        markup = markup[:max_chars]
    try:
        doc = bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            prune_xpath=PRUNE_XPATH,
            date_extraction_params={
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
                "original_date": True,
                "extensive_search": False,
            },
        )
    except (ValueError, TypeError, AttributeError) as exc:  # lxml/trafilatura on odd trees
        raise ExtractionError(f"page {url} could not be parsed: {exc}") from exc
    raw = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = _clean(getattr(doc, "title", None))
    text, dropped = _paragraphs(raw, title)
    if len(text) < min_text_chars:
        raise ExtractionError(
            f"page {url} has no article text ({len(text)} chars from {len(markup)} chars of "
            "HTML): is it a paywall, a page built by JavaScript, or a video?"
        )
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS].rsplit("\n\n", 1)[0]
    return ExtractedPage(
        title=title,
        text=text,
        author=_clean(getattr(doc, "author", None)),
        published=_date(getattr(doc, "date", None)),
        boilerplate=tuple(dropped),
    )


# Single-byte Latin code pages a detector confuses with each other on mostly-English text;
# windows-1252 is what the web means by them (the WHATWG encoding standard maps latin-1 to it).
_LATIN_FAMILY = frozenset(
    {"cp1250", "cp1252", "latin_1", "iso8859_1", "iso8859_15", "iso8859_2", "cp1257", "ascii"}
)


def decode_html(body: bytes, *, declared: str | None = None) -> str:
    """Bytes to text, without trusting a charset label the bytes contradict.

    Valid UTF-8 wins over any label (CMSes stamp latin-1 on UTF-8 far more often than latin-1
    happens to be valid UTF-8). Otherwise the label (the HTTP header's `declared`, else the
    page's <meta>) is used when the bytes decode under it; latin-1 is read as windows-1252.
    A label that fails (a page saying utf-8 and sending windows-1252 smart quotes) is
    replaced by charset_normalizer's guess, windows-1252 among the Latin code pages.
    """
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(body[:4096])
    label = declared or (meta.group(1).decode("ascii") if meta else None)
    if label:
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            log.debug("unknown charset %r; detecting", label)
        else:
            if codec in ("latin-1", "iso8859-1", "ascii"):
                codec = "cp1252"
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                log.debug("page says %s but its bytes are not; detecting", label)
    return body.decode(_detect(body), errors="replace")


def _detect(body: bytes) -> str:
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    guess = codecs.lookup(best.encoding).name.replace("-", "_") if best else "cp1252"
    if guess in _LATIN_FAMILY:
        try:
            body.decode("cp1252")
        except UnicodeDecodeError:
            return guess
        return "cp1252"
    return guess


def _paragraphs(text: str, title: str | None) -> tuple[str, list[str]]:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    kept, dropped = drop_boilerplate_lines(lines)
    return "\n\n".join(kept), dropped


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(value.split()) or None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"):
        try:
            moment = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc)
    return None
