"""Builders the connector tests share: RSS documents, article pages, clients on loopback."""

from __future__ import annotations

from xml.sax.saxutils import escape

import requests
from claimwatch.connectors.address_policy import parse_networks
from claimwatch.connectors.feeds import FeedClient
from claimwatch.connectors.host_gate import HostGate
from claimwatch.connectors.pages import PageFetcher

LONG = [
    "At least 420 Palestinians have been killed and more than 1,150 injured since the "
    "ceasefire began in October, the Gaza health ministry said on Wednesday.",
    "The ministry said the new deaths included three people killed in an air strike east of "
    "Gaza City late on Tuesday. Relatives said the three were collecting firewood.",
    "The Israeli military said the strike hit a cell preparing to attack troops near the "
    "yellow line, the boundary behind which its forces withdrew under the truce.",
]
# The test servers live on loopback; page links there are opened on purpose.
LOOPBACK = parse_networks(["127.0.0.0/8"])


def rss(items: list[dict[str, str]], title: str = "Loopback Feed") -> str:
    """An RSS 2.0 document; an item's `pubDate` defaults to a fixed day in November 2025."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{escape(title)}</title><link>https://loop.example/</link>",
    ]
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>")
        parts.append(f"<guid>{escape(item.get('guid', item['link']))}</guid>")
        parts.append(f"<pubDate>{item.get('date', 'Wed, 19 Nov 2025 11:00:00 GMT')}</pubDate>")
        parts.append(f"<description>{escape(item.get('summary', ''))}</description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def article_page(title: str, paragraphs: list[str] | None = None) -> str:
    """A small HTML article page with enough text for extraction."""
    body = paragraphs_html(paragraphs or LONG)
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"  # noqa: E501


def loopback_clients(
    session: requests.Session, *, interval: float = 0.0, timeout: float = 2.0, **kw: object
) -> tuple[FeedClient, PageFetcher]:
    """A FeedClient and a PageFetcher sharing one gate and one stop, loopback opened."""
    gate = HostGate(interval)
    feeds = FeedClient(session, timeout=timeout, gate=gate, allow=LOOPBACK, **kw)  # type: ignore[arg-type]
    pages = PageFetcher(
        session,
        timeout=timeout,
        gate=gate,
        allow=LOOPBACK,
        stop=feeds.stop,
        **kw,  # type: ignore[arg-type]
    )
    return feeds, pages
