"""Build Articles from feed entries, and turn feed HTML into paragraph text.

    FeedEntry + body text ─build_article─▶ Article(id, canonical_url, content_hash, ...)
    content:encoded HTML  ─html_to_text──▶ paragraphs separated by blank lines

Pure: no HTTP, no clocks. The caller passes the fetch time in.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

from claimwatch.transforms.dedup import canonical_url, content_hash
from claimwatch.transforms.models import Article, FeedEntry

# Elements that end a paragraph; text on either side becomes separate paragraphs.
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
# Elements whose text is never article text.
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "head"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f]+")
_BLANKS = re.compile(r"\n{3,}")


class _TextCollector(HTMLParser):
    """Collects text, turning block boundaries into blank lines and <br> into newlines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Newlines inside a paragraph's source are layout, not structure.
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Plain text from an HTML fragment, one paragraph per block, blank lines between.

    Tolerates unclosed tags and stray markup (html.parser never raises on bad HTML); script
    and style contents are dropped; entities are decoded.

    Args:
        html: An HTML fragment or document, e.g. an RSS item's content:encoded.

    Returns:
        Paragraphs joined by "\\n\\n", each with whitespace folded; "" when there is no text.
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    raw = "".join(collector.parts)
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    text = _BLANKS.sub("\n\n", "\n".join(lines))
    return text.strip()


def looks_like_html(text: str) -> bool:
    """True when the text carries tags worth stripping (feeds are inconsistent about it)."""
    return bool(re.search(r"<\s*(?:p|br|div|span|a|em|strong|b|i|ul|li|h[1-6])\b", text, re.I))


def article_id(url: str, text_hash: str) -> str:
    """First 16 hex of sha256(url + newline + content hash): replaying the same bytes at the
    same URL gives the same id; the same text under another URL is another article."""
    return hashlib.sha256(f"{url}\n{text_hash}".encode()).hexdigest()[:16]


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def strip_title(text: str, title: str) -> str:
    """The text without a leading paragraph that repeats the title (pages often start so)."""
    body = text.strip()
    head, _, rest = body.partition("\n")
    if title.strip() and rest.strip() and _fold(head) == _fold(title):
        return rest.strip()
    return body


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def build_article(
    entry: FeedEntry,
    text: str,
    *,
    fetched: datetime,
    published: datetime | None = None,
) -> Article:
    """The Article for a feed entry whose body text is `text`.

    Args:
        entry: The feed entry (its raw URL, source, title, author, feed URL).
        text: The body text, title-free: from the feed's full content, the fetched page or,
            failing both, the summary.
        fetched: When the text was obtained.
        published: Overrides the entry's date, e.g. a date the page itself carries.

    Returns:
        An Article whose id hashes the raw URL (not the canonical one), so a re-post under a
        tracking URL is a separate article that dedup then marks `duplicate_of` the first.
    """
    body = strip_title(text, entry.title)
    digest = content_hash(body)
    # A feed without dates still needs an event time; the fetch time is the earliest moment
    # we know the article existed, so it is the honest fallback.
    moment = published or entry.published or fetched
    return Article(
        id=article_id(entry.url, digest),
        url=entry.url,
        canonical_url=canonical_url(entry.url),
        source=entry.source,
        title=entry.title.strip(),
        text=body,
        published=_utc(moment),
        fetched=_utc(fetched),
        content_hash=digest,
        author=entry.author,
        feed_url=entry.feed_url,
    )


# Content this much longer than the summary is the article, not a longer teaser.
FULL_TEXT_MARGIN = 200
# Content this long is an article even when the summary repeats it in full.
FULL_TEXT_MIN_CHARS = 1500


def entry_text(entry: FeedEntry) -> str:
    """The feed's own content for an entry as plain text ("" when it has none)."""
    if not entry.content:
        return ""
    return html_to_text(entry.content) if entry.content_is_html else entry.content.strip()


def carries_full_text(content_text: str, summary: str) -> bool:
    """Does the feed's content carry the whole article, so no page fetch is needed?

    Feeds put anything from a teaser to the full article in content:encoded; a teaser is
    about as long as the summary, the article is clearly longer or simply long.
    """
    if not content_text.strip():
        return False
    return (
        len(content_text) >= len(summary) + FULL_TEXT_MARGIN
        or len(content_text) >= FULL_TEXT_MIN_CHARS
    )


def entry_fingerprint(entry: FeedEntry) -> str:
    """Entry id plus a hash of what the feed says about it: an edited entry is new again."""
    said = "\n".join((entry.title, entry.summary, entry.content or ""))
    return hashlib.sha256(f"{entry.entry_id}\n{content_hash(said)}".encode()).hexdigest()[:32]
