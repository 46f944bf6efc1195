"""Small pure helpers the feed parsers share: plain text from feed fields, dates, hosts."""

from __future__ import annotations

import calendar
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from claimwatch.transforms.articles import html_to_text, looks_like_html


def plain(text: str) -> str:
    """Feed text fields as plain text: tags stripped, entities decoded, whitespace folded."""
    text = text.strip()
    if looks_like_html(text) or "&" in text:
        return str(html_to_text(text))
    return " ".join(text.split())


def host_name(url: str) -> str:
    """A name for a feed without a title: its host, or its file name."""
    try:
        parts = urlsplit(url)
        if parts.hostname:
            return parts.hostname.removeprefix("www.")
    except ValueError:
        return url
    return Path(unquote(parts.path or url)).stem or url


def struct_time_utc(value: time.struct_time | None) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime; None when out of range."""
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def iso_date(value: Any) -> datetime | None:
    """An RFC 3339 date (JSON Feed) as an aware UTC datetime; None when unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
