"""Page furniture that trafilatura keeps and that holds figures which are not the article's.

    PRUNE_XPATH ─▶ trafilatura drops these subtrees before it extracts: related-link lists,
                   newsletter and subscription boxes, promos, embedded posts, asides
    drop_boilerplate_lines(paragraphs) ─▶ the same kinds when they come without markup:
                   "Related: …", "Subscribe for N$85 a month", "Tickets from £7",
                   "— Name (@handle) November 19, 2025", "pic.twitter.com/…"

A figure in "Related: $7.25 million payout for …" is another story's headline; a figure in
"Sign up for N$85 a month" is a price. Neither is a claim of this article, and a wrong
money claim is worse than none. Line rules fire only on short lines, so a long article
paragraph that mentions a subscription is kept.
"""

from __future__ import annotations

import re

# Substrings of class or id that mark furniture (lower-case, as sites write them).
_MARKERS = (
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "sign-up",
    "promo",
    "recommended",
    "read-more",
    "readmore",
    "more-stories",
    "most-read",
    "most-popular",
    "trending",
    "outbrain",
    "taboola",
    "social-share",
    "share-bar",
    "twitter-tweet",
    "instagram-media",
    "tiktok-embed",
    "embed-post",
    "paywall",
    "sponsored",
)
PRUNE_XPATH: list[str] = [
    "//aside",
    "//iframe",
    "//form",
    "//blockquote[@data-instgrm-permalink or @cite]",
    *(f"//*[contains(@class, '{m}') or contains(@id, '{m}')]" for m in _MARKERS),
]

# A line this long is prose; furniture lines are a headline or a call to action.
_SHORT = 180
_LINE_RULES = tuple(
    re.compile(rx, re.I)
    for rx in (
        # related / more links
        r"^(related|read more|read also|also read|see also|more on this|more from|recommended"
        r"|most read|trending|you may also like|watch|listen)\b\s*[:|\-–—]",
        r"^(related (stories|articles|coverage|content|links))\b",
        # newsletter / subscription / sign-up calls to action
        r"^(subscribe|sign up|join|get|start|try|become a (member|subscriber)|support us|already"
        r" a subscriber)\b.*\b(newsletter|subscription|subscriber|access|trial|membership|inbox"
        r"|e-?mail|a month|per month|/month|a year|per year|a week)\b",
        r"\bnewsletter\b|\bsubscribe (now|today|for|to our)\b|\bunlimited (digital )?access\b",
        # ticket and offer promos
        r"^(get |buy |book )?tickets?\b.{0,40}\b(from|for|at)\b",
        r"^(offer|deal|sale|save)\b.{0,40}[$£€]",
        # embedded posts
        r"^[—–-]\s*.{1,60}\(@\w{1,30}\)\s+\w+ \d{1,2}, \d{4}$",
        r"pic\.twitter\.com/|^a post shared by\b|instagram\.com/p/",
    )
)


def is_boilerplate_line(line: str) -> bool:
    """True for a short line that is furniture (see the module docstring)."""
    text = line.strip()
    if not text or len(text) > _SHORT:
        return False
    return any(rule.search(text) for rule in _LINE_RULES)


def drop_boilerplate_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """(kept, dropped) lines, in order."""
    kept: list[str] = []
    dropped: list[str] = []
    for line in lines:
        (dropped if is_boilerplate_line(line) else kept).append(line)
    return kept, dropped
