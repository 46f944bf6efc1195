"""Rendering: one wording, every channel form, and article text that cannot inject anything."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Any

import pytest
from claimwatch.connectors.channels.slack import slack_body, slack_escape, slack_link
from claimwatch.transforms.alert_text import (
    format_quantity,
    headline,
    html_text,
    json_payload,
    plain_text,
    render_alert,
    render_health,
)
from claimwatch.transforms.health import HealthAlert
from claimwatch.transforms.models import Alert, Claim, ClaimKey, SourceValue

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)
EVIL = "Officials said <script>alert(1)</script> <@U123> <!channel> *bold* & <https://evil.example|click>"


def claim(
    low: float,
    *,
    source: str = "Reuters",
    quote: str = "At least 400 Palestinians were killed, officials said.",
    url: str = "https://www.reuters.example/world/gaza-toll",
    hours_ago: float = 2,
) -> Claim:
    return Claim(
        id=f"c-{low}",
        key=ClaimKey("killed", "palestinians"),
        value=None,
        low=low,
        high=None,
        qualifier="at_least",
        source=source,
        url=url,
        article_id="a",
        canonical_url=url,
        published=NOW - timedelta(hours=hours_ago),
        quote=quote,
        figure_text=f"at least {low:.0f}",
        start=0,
        end=10,
        cumulative=True,
    )


def make_alert(**changes: Any) -> Alert:
    base = Alert(
        id="alert-1",
        claim_key="killed|palestinians|*|*",
        metric="killed",
        subject="palestinians",
        change="increase",
        previous=claim(400),
        current=claim(
            420,
            source="AP",
            quote="The toll rose to at least 420, the ministry said.",
            url="https://apnews.example/article/gaza?id=1&lang=en",
            hours_ago=0,
        ),
        detected_at=NOW,
        sources=(
            SourceValue(
                "Reuters",
                None,
                400,
                None,
                "at_least",
                NOW - timedelta(hours=2),
                "https://www.reuters.example/world/gaza-toll",
            ),
            SourceValue(
                "AP",
                None,
                420,
                None,
                "at_least",
                NOW,
                "https://apnews.example/article/gaza?id=1&lang=en",
            ),
        ),
    )
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high", "expected"),
    [
        ("exact", 400, None, None, "400"),
        ("at_least", None, 400, None, "at least 400"),
        ("at_least", 400, None, None, "at least 400"),
        ("more_than", None, 1100, None, "more than 1,100"),
        ("up_to", None, None, 200, "up to 200"),
        ("less_than", None, None, 50, "fewer than 50"),
        ("approximately", 300, None, None, "about 300"),
        ("range", None, 15, 20, "15–20"),
        ("exact", 2.5, None, None, "2.5"),
        ("exact", 1_250_000, None, None, "1,250,000"),
        ("exact", None, None, None, "an unknown number"),
    ],
)
def test_qualifier_rendering(
    qualifier: str, value: float | None, low: float | None, high: float | None, expected: str
) -> None:
    assert format_quantity(qualifier, value, low, high) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("alert", "expected"),
    [
        (make_alert(), "Killed — palestinians: at least 400 → at least 420 (increase)"),
        (make_alert(previous=None, change="new"), "Killed — palestinians: at least 420 (new)"),
        (
            make_alert(change="decrease", correction=True, previous=claim(430)),
            "CORRECTION: Killed — palestinians: at least 430 → at least 420 (decrease, correction)",
        ),
        (
            make_alert(change="conflict"),
            "Killed — palestinians: at least 400 → at least 420 (conflict)",
        ),
    ],
)
def test_headline(alert: Alert, expected: str) -> None:
    assert headline(alert) == expected


def test_a_part_of_a_whole_says_of_what() -> None:
    def part(claim: Claim, value: float) -> Claim:
        return replace(claim, value=value, low=None, qualifier="exact", out_of=28)

    alert = make_alert(
        metric="remains",
        subject="deceased hostages",
        previous=part(claim(9), 9),
        current=part(make_alert().current, 11),
    )
    assert headline(alert) == "Remains — deceased hostages: 9 of 28 → 11 of 28 (increase)"


def test_plain_text_carries_key_change_and_every_source_with_quote_link_and_time() -> None:
    text = plain_text(make_alert(), rule="casualties")
    assert text.splitlines()[0] == "Killed — palestinians: at least 400 → at least 420 (increase)"
    assert "Change: increase" in text
    assert "Claim key: killed|palestinians|*|*" in text
    assert "Rule: casualties" in text
    assert "“At least 400 Palestinians were killed, officials said.”" in text
    assert "“The toll rose to at least 420, the ministry said.”" in text
    assert "https://www.reuters.example/world/gaza-toll" in text
    assert "Before: at least 400 — Reuters, 2026-11-23 06:00 UTC" in text
    assert "Now: at least 420 — AP, 2026-11-23 08:00 UTC" in text
    assert "  - AP: at least 420 (2026-11-23 08:00 UTC) https://apnews.example/" in text


def test_correction_is_flagged_loudly_in_every_form() -> None:
    corrected = make_alert(change="decrease", correction=True, previous=claim(430))
    message = render_alert(corrected)
    assert message.text.startswith("!!! CORRECTION")
    assert "not good news" in message.text
    assert message.subject.startswith("CORRECTION:")
    assert "CORRECTION" in message.html and "#b00020" in message.html
    assert slack_body(message)["blocks"][1]["text"]["text"].startswith("⚠️ CORRECTION")
    assert message.payload["correction"] is True


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def evil_alert() -> Alert:
    return make_alert(
        subject="<b>palestinians</b>",
        current=claim(
            420,
            source='AP"><img src=x onerror=alert(1)>',
            quote=EVIL,
            url='https://apnews.example/a"><script>x</script>',
            hours_ago=0,
        ),
        previous=claim(400, url="javascript:alert(1)"),
    )


def test_html_escapes_every_piece_of_article_text() -> None:
    page = html_text(evil_alert())
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    # The quote survives as text, visibly, not as markup.
    assert EVIL in "".join(parser.text)
    # Only http(s) links; the javascript: URL is shown as plain text, never as an href.
    assert parser.hrefs == ['https://apnews.example/a"><script>x</script>'] + [
        s.url for s in evil_alert().sources
    ]
    assert all(h.startswith("https://") for h in parser.hrefs)


def _slack_strings(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(object type, text) of every text object in a Slack payload."""
    found = [("fallback", payload["text"])]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("plain_text", "mrkdwn") and "text" in node:
                found.append((node["type"], node["text"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(payload["blocks"])
    return found


def test_slack_payload_cannot_mention_link_or_format_from_article_text() -> None:
    payload = slack_body(render_alert(evil_alert()))
    raw = json.dumps(payload, ensure_ascii=False)
    for injected in ("<@U123>", "<!channel>", "<script>", "<https://evil.example|click>"):
        assert injected not in raw
    assert "&lt;@U123&gt;" in raw and "&lt;!channel&gt;" in raw and "&amp;" in raw
    assert payload["mrkdwn"] is False  # the fallback text shows *bold* literally
    for kind, text in _slack_strings(payload):
        if kind == "mrkdwn":
            # The only mrkdwn is links we built: <escaped url|fixed label>, nothing else.
            assert re.fullmatch(r"<https?://[^<>|\s]+\|open article>", text), text
        assert "<" not in text.replace("<http", "")  # no raw angle brackets from article text
    assert any("*bold*" in text for kind, text in _slack_strings(payload) if kind == "plain_text")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/a?b=1&c=2", "<https://x.example/a?b=1&amp;c=2|open>"),
        ("https://x.example/a|<!channel>", "<https://x.example/a%7C&lt;!channel&gt;|open>"),
        ("javascript:alert(1)", None),
        ("mailto:a@b.example", None),
    ],
)
def test_slack_links(url: str, expected: str | None) -> None:
    assert slack_link(url, "open") == expected


def test_long_slack_text_is_cut_without_splitting_an_entity() -> None:
    long_quote = "&" * 5000
    payload = slack_body(
        render_alert(make_alert(current=replace(make_alert().current, quote=long_quote)))
    )
    for block in payload["blocks"]:
        text = block.get("text", {}).get("text", "")
        assert len(text) <= 3000
        assert re.fullmatch(r"(?:[^&]|&amp;|&lt;|&gt;)*…?", text, flags=re.S), text[-20:]


def test_money_is_less_than_people_are_fewer_than() -> None:
    assert format_quantity("less_than", None, None, 50, "USD") == "less than 50 USD"
    assert format_quantity("at_least", 5e6, None, None, "USD") == "at least 5,000,000 USD"


def test_slack_escape_only_touches_the_three_characters() -> None:
    assert slack_escape("a & b < c > d *e* _f_") == "a &amp; b &lt; c &gt; d *e* _f_"


def test_json_payload_is_alert_to_dict_plus_the_wording() -> None:
    payload = json_payload(make_alert(), rule="casualties")
    assert payload["kind"] == "claim"
    assert payload["id"] == "alert-1"
    assert payload["previous"]["low"] == 400 and payload["current"]["low"] == 420
    assert payload["current"]["quote"] == "The toll rose to at least 420, the ministry said."
    assert payload["headline"] == headline(make_alert())
    assert payload["text"] == plain_text(make_alert(), rule="casualties")
    assert payload["rule"] == "casualties" and payload["test"] is False
    json.dumps(payload)  # serialisable as is


def test_test_messages_are_marked_in_every_form() -> None:
    message = render_alert(make_alert(), test=True)
    assert message.subject.startswith("[TEST]")
    assert message.text.startswith("[TEST]")
    assert "[TEST]" in message.html
    assert slack_body(message)["text"].startswith("[TEST]")
    assert message.payload["test"] is True


def test_health_messages_are_their_own_kind() -> None:
    alert = HealthAlert(
        id="health-abc",
        condition="feed_failing",
        subject="https://feeds.example/rss",
        source="Example <News>",
        status="firing",
        severity="critical",
        message="feed https://feeds.example/rss failed 3 polls in a row: <@U1>",
        episode="2026-11-23T06:00:00Z",
        detected_at=NOW,
        since=NOW - timedelta(hours=1),
    )
    message = render_health(alert)
    assert message.kind == "health"
    assert message.payload["kind"] == "health"
    assert message.payload["condition"] == "feed_failing"
    assert "alert" not in message.payload and "claim_key" not in message.payload
    assert message.subject == (
        "[claimwatch health] CRITICAL: feed failing — https://feeds.example/rss"
    )
    assert "<@U1>" not in json.dumps(slack_body(message))
    assert "&lt;@U1&gt;" in message.html
