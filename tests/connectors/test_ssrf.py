"""Untrusted page links reach public unicast addresses only, checked after DNS and per hop.

Only loopback is ever connected to. Private, link-local, metadata, multicast and reserved
ranges are tested through the pure policy and through an injected resolver: the refusal
comes before any socket is opened, so no packet leaves for them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
import requests
from claimwatch.connectors.address_policy import (
    AddressPolicy,
    BlockedAddressError,
    parse_networks,
    url_refusal,
)
from claimwatch.connectors.feeds import FeedClient
from claimwatch.connectors.pages import PageFetcher
from claimwatch.transforms.errors import ConfigError, FeedError, FetchError

LOOPBACK = parse_networks(["127.0.0.0/8"])


def pages(session: requests.Session, **kw: object) -> PageFetcher:
    return PageFetcher(session, timeout=2.0, min_interval_per_host=0, **kw)  # type: ignore[arg-type]


class Resolver:
    """Answers from a table, and records every name it was asked."""

    def __init__(self, table: dict[str, Sequence[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> Sequence[str]:
        self.asked.append(host)
        return self.table[host]


# -- the pure policy ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("0.0.0.0", "this network"),
        ("::", "unspecified"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.1.1", "private"),
        ("::ffff:192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "broadcast"),
        ("192.0.2.10", "documentation"),
        ("2001:db8::1", "documentation"),
        ("198.18.0.1", "benchmarking"),
        ("2002:7f00:1::1", "loopback"),  # 6to4 wrapping 127.0.0.1
    ],
)
def test_internal_and_special_ranges_are_refused_with_their_name(address: str, reason: str) -> None:
    refusal = AddressPolicy().refusal(address)
    assert refusal is not None and reason in refusal and address.split("%")[0] in refusal


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_unicast_is_allowed(address: str) -> None:
    assert AddressPolicy().refusal(address) is None


def test_allow_networks_open_exactly_their_ranges() -> None:
    policy = AddressPolicy.from_cidrs(["10.20.0.0/16", "127.0.0.0/8"])
    assert policy.refusal("10.20.3.4") is None
    assert policy.refusal("127.0.0.2") is None
    assert policy.refusal("::ffff:10.20.3.4") is None
    assert "private" in (policy.refusal("10.21.0.1") or "")
    assert "metadata" in (policy.refusal("169.254.169.254") or "")


def test_a_bad_cidr_is_a_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"'10.0.0.0/33'"):
        parse_networks(["10.0.0.0/33"])


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme 'file'"),
        ("gopher://example.com/", "scheme 'gopher'"),
        ("at://did:plc:abc123/app.bsky.feed.post/3k", "not a valid URL|scheme 'at'"),
        ("http://host:99999/", "not a valid URL"),
        ("http://host:abc/", "not a valid URL"),
        ("http:///path", "no host"),
        ("http://user:pw@example.com/", "credentials"),
        ("http://exa mple.com/", "whitespace"),
    ],
)
def test_url_refusals_say_what_is_wrong(url: str, reason: str) -> None:
    refusal = url_refusal(url)
    assert refusal is not None
    assert any(part in refusal for part in reason.split("|")), refusal


def test_plain_http_and_https_urls_pass() -> None:
    assert url_refusal("https://example.com:8443/a?b=c") is None
    assert url_refusal("http://[2001:db8::1]/") is None  # the address is checked after DNS


# -- real loopback servers -----------------------------------------------------------------------


def test_a_page_on_loopback_is_refused_by_default_and_fetched_when_allowed(
    loopback, session: requests.Session
) -> None:
    url = loopback.serve("/ssrf/secret", "<p>secret</p>", content_type="text/html")
    before = len(loopback.seen("/ssrf/secret"))
    with pytest.raises(BlockedAddressError, match=r"127.0.0.1 is loopback"):
        pages(session).fetch(url)
    assert len(loopback.seen("/ssrf/secret")) == before  # refused before connecting

    with requests.Session() as fresh:
        assert pages(fresh, allow=LOOPBACK).fetch(url) == b"<p>secret</p>"


def test_localhost_and_ipv6_loopback_links_are_refused(session: requests.Session) -> None:
    for url in ("http://localhost:9/x", "http://[::1]:9/x", "http://127.1:9/x"):
        with pytest.raises(BlockedAddressError, match="loopback"):
            pages(session).fetch(url)


def test_a_redirect_from_an_allowed_host_to_loopback_is_refused(
    loopback, second_loopback, session: requests.Session
) -> None:
    target = loopback.serve("/ssrf/inside", "<p>inside</p>", content_type="text/html")
    start = second_loopback.serve(
        "/ssrf/out", "", status=302, content_type="text/plain", headers={"Location": target}
    )
    only_second = parse_networks(["127.0.0.2/32"])
    with pytest.raises(BlockedAddressError, match=r"127.0.0.1 is loopback"):
        pages(session, allow=only_second).fetch(start)
    assert loopback.seen("/ssrf/inside") == []
    assert len(second_loopback.seen("/ssrf/out")) == 1


def test_a_name_that_resolves_to_loopback_is_refused(loopback, session: requests.Session) -> None:
    port = loopback.base.rsplit(":", 1)[1]
    resolver = Resolver({"news.example": ["127.0.0.1"]})
    with pytest.raises(BlockedAddressError, match=r"news.example: 127.0.0.1 is loopback"):
        pages(session, resolver=resolver).fetch(f"http://news.example:{port}/ssrf/secret")
    assert resolver.asked == ["news.example"]


def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(
    second_loopback, session: requests.Session
) -> None:
    second_loopback.serve("/ssrf/pinned", "<p>pinned</p>", content_type="text/html")
    port = second_loopback.base.rsplit(":", 1)[1]
    resolver = Resolver({"pinned.example": ["127.0.0.2"]})
    fetcher = pages(session, resolver=resolver, allow=parse_networks(["127.0.0.2/32"]))
    assert fetcher.fetch(f"http://pinned.example:{port}/ssrf/pinned") == b"<p>pinned</p>"
    assert second_loopback.seen("/ssrf/pinned")[-1].headers["Host"] == f"pinned.example:{port}"


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (["10.0.0.5"], "private"),
        (["192.168.0.10"], "private"),
        (["169.254.169.254"], "cloud metadata"),
        (["fe80::1"], "link-local"),
        (["224.0.0.1"], "multicast"),
        (["240.1.2.3"], "reserved"),
        # One public answer beside an internal one is how DNS rebinding gets in.
        (["127.0.0.2", "10.0.0.5"], "private"),
    ],
)
def test_dns_answers_pointing_inside_are_refused_before_any_connection(
    session: requests.Session, answer: list[str], reason: str
) -> None:
    # The resolver's answers are refused before a socket is opened; allowing 127.0.0.2 makes
    # the mixed answer's first address acceptable on its own.
    resolver = Resolver({"inside.example": answer})
    fetcher = pages(session, resolver=resolver, allow=parse_networks(["127.0.0.2/32"]))
    with pytest.raises(BlockedAddressError, match=reason):
        fetcher.fetch("http://inside.example/latest")


def test_a_pooled_connection_opened_for_a_trusted_feed_is_not_reused_for_a_page(
    loopback, session: requests.Session
) -> None:
    feed = loopback.url("/data/feeds/rss20.xml")
    FeedClient(session, timeout=2.0, min_interval_per_host=0).fetch(feed)  # trusted: allowed
    with pytest.raises(BlockedAddressError, match="loopback"):
        pages(session).fetch(loopback.url("/data/pages/article.html"))


def test_configured_feeds_are_trusted_but_a_redirect_off_their_origin_is_checked(
    loopback, second_loopback, session: requests.Session
) -> None:
    elsewhere = second_loopback.serve("/ssrf/feed.xml", "<rss version='2.0'><channel/></rss>")
    start = loopback.serve(
        "/ssrf/moved", "", status=301, content_type="text/plain", headers={"Location": elsewhere}
    )
    client = FeedClient(session, timeout=2.0, min_interval_per_host=0)
    assert client.fetch(loopback.url("/redirect/feeds/rss20.xml")).status == 200  # same origin
    with pytest.raises(FeedError, match=r"127.0.0.2 is loopback"):
        client.fetch(start)
    assert second_loopback.seen("/ssrf/feed.xml") == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "http://h:99999/"])
def test_non_http_links_are_refused_without_a_request(session: requests.Session, url: str) -> None:
    with pytest.raises(FetchError, match="refused"):
        pages(session).fetch(url)
