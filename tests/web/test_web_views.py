"""The pure parts of the web app: grouping, filters, pages, the chart, links and tokens."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from claimwatch.pipelines.web.app import claim_url, quote_parts, safe_href
from claimwatch.pipelines.web.chart import timeline_chart, value_range
from claimwatch.pipelines.web.serve import is_loopback, read_token
from claimwatch.pipelines.web.views import ClaimFilter, group_claims, last_change, select
from claimwatch.transforms.errors import ConfigError
from claimwatch.transforms.models import Claim, ClaimKey

T0 = datetime(2025, 11, 14, 9, 30, tzinfo=timezone.utc)
KILLED = ClaimKey("killed", "palestinians", None, "since ceasefire")
TROOPS = ClaimKey("troops", "us troops", "gaza")


def claim(n: int, key: ClaimKey, value: float, source: str, hours: int, **extra) -> Claim:
    return Claim(
        id=f"c{n}",
        key=key,
        value=value,
        low=extra.pop("low", value),
        high=extra.pop("high", None),
        qualifier=extra.pop("qualifier", "at_least"),
        source=source,
        url=f"https://{source.lower().replace(' ', '')}.example/{n}",
        article_id=f"a{n}",
        canonical_url=f"https://x.example/{n}",
        published=T0 + timedelta(hours=hours),
        quote=f"At least {value:g} were killed",
        figure_text=f"At least {value:g}",
        start=0,
        end=10,
    )


HISTORY = [
    claim(1, KILLED, 400, "Gaza Monitor", 0),
    claim(2, KILLED, 400, "Gaza Monitor", 10),  # a repeat: not a change
    claim(3, KILLED, 420, "Gaza Monitor", 20),
    claim(4, KILLED, 380, "Daily Courier", 30),
    claim(5, KILLED, 380, "Daily Courier", 40),  # a repeat again
]
TROOP_HISTORY = [claim(6, TROOPS, 200, "Wire", 5, qualifier="up_to")]


def test_group_claims_summarises_each_key() -> None:
    rows = group_claims([*HISTORY, *TROOP_HISTORY])
    killed, troops = rows
    assert (killed.key, killed.current.value, killed.claims) == (KILLED.as_string(), 380, 5)
    assert killed.sources == ("Daily Courier", "Gaza Monitor")
    assert killed.disagree and (killed.summary.conservative, killed.summary.high) == (380, 420)
    assert killed.last_change == T0 + timedelta(hours=30)  # the repeat at 40 h is not a change
    assert not troops.disagree and troops.last_change == T0 + timedelta(hours=5)


def test_last_change_of_a_key_that_never_moved_is_its_first_figure() -> None:
    same = [claim(n, KILLED, 400, "Gaza Monitor", n) for n in range(3)]
    assert last_change(same) == T0


@pytest.mark.parametrize(
    ("wanted", "keys"),
    [
        (ClaimFilter(metric="troops"), ["troops"]),
        (ClaimFilter(subject="PALEST"), ["killed"]),
        (ClaimFilter(place="gaz"), ["troops"]),
        (ClaimFilter(source="Daily Courier"), ["killed"]),
        (ClaimFilter(source="Daily"), []),  # a source is picked from a list: exact
        (ClaimFilter(sort="-last_change"), ["troops", "killed"]),
        (ClaimFilter(), ["killed", "troops"]),
    ],
)
def test_filters_and_sort(wanted: ClaimFilter, keys: list[str]) -> None:
    rows, page = select(group_claims([*HISTORY, *TROOP_HISTORY]), wanted, 1, 100)
    assert [r.current.key.metric for r in rows] == keys
    assert page.total == len(keys)


def test_pages_are_cut_and_clamped() -> None:
    many = [claim(n, replace(KILLED, subject=f"s{n:03}"), n, "S", n) for n in range(250)]
    rows = group_claims(sorted(many, key=lambda c: c.key.as_string()))
    first, page = select(rows, ClaimFilter(), 1, 100)
    assert (len(first), page.count, first[0].current.key.subject) == (100, 3, "s249")
    last, page = select(rows, ClaimFilter(), 99, 100)
    assert (page.number, len(last), last[-1].current.key.subject) == (3, 50, "s000")


def test_chart_has_one_series_per_source_and_links_each_point() -> None:
    anchors = [f"claim-{i}" for i in range(len(HISTORY))]
    chart = timeline_chart(HISTORY, anchors, ["x"] * len(HISTORY))
    assert chart is not None
    assert [s.source for s in chart.series] == ["Daily Courier", "Gaza Monitor"]
    assert [p.anchor for s in chart.series for p in s.points] == [
        "claim-3",
        "claim-4",
        "claim-0",
        "claim-1",
        "claim-2",
    ]
    gaza = chart.series[1].points
    assert gaza[0].x < gaza[1].x < gaza[2].x  # later is right
    assert gaza[2].y < gaza[0].y  # 420 is drawn above 400
    left, top, right, bottom = chart.plot
    assert all(
        top <= p.y <= bottom and left <= p.x <= right for s in chart.series for p in s.points
    )


def test_chart_of_nothing_numeric_is_none_and_ranges_get_bars() -> None:
    vague = replace(HISTORY[0], value=None, low=None, high=None)
    assert timeline_chart([vague], ["a"], ["x"]) is None
    ranged = replace(HISTORY[0], value=None, low=15, high=25, qualifier="range")
    chart = timeline_chart([ranged], ["a"], ["15–25"])
    assert chart is not None
    only = chart.series[0].points[0]
    assert only.low_y is not None and only.high_y is not None and only.high_y < only.low_y


@pytest.mark.parametrize(
    ("values", "expected"),
    [([400, 420], (390.0, 430.0)), ([5], (4.5, 5.5)), ([0], (0.0, 0.5)), ([0, 10], (0.0, 15.0))],
)
def test_value_range(values: list[float], expected: tuple[float, float]) -> None:
    assert value_range(values) == expected


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://news.example/a?b=1", True),
        ("http://news.example/a", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>1</script>", False),
        ("file:///etc/passwd", False),
        ("//news.example/a", False),
        ("https:///nohost", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_links_become_links(url: str | None, kept: bool) -> None:
    assert (safe_href(url) is not None) is kept


def test_quote_parts_and_claim_urls() -> None:
    assert quote_parts("Israel has killed at least 400 people", "at least 400") == (
        "Israel has killed ",
        "at least 400",
        " people",
    )
    assert quote_parts("no figure here", "at least 400") == ("no figure here", "", "")
    assert claim_url("killed|a/b?c#d|*|*") == "/claims/killed%7Ca%2Fb%3Fc%23d%7C%2A%7C%2A"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.5", False),
        ("my-laptop.local", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_read_token(tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("  abc123\n", encoding="utf-8")
    assert read_token(token, "from-env") == "abc123"  # the file wins
    assert read_token(None, " from-env ") == "from-env"
    assert read_token(None, "  ") is None and read_token(None, None) is None
    (tmp_path / "empty").write_text("\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is empty"):
        read_token(tmp_path / "empty", None)
    with pytest.raises(ConfigError, match="cannot read the token file"):
        read_token(tmp_path / "missing", None)
