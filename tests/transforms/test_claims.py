import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from claimwatch.transforms.claims import (
    alerts_for_changes,
    claim_key,
    claims_from_figures,
    compare,
    detect_changes,
    same_figure,
    summarise,
    to_alert,
)
from claimwatch.transforms.models import Article, Claim, ClaimKey, Figure

T0 = datetime(2025, 10, 20, 12, tzinfo=timezone.utc)
KEY = ClaimKey("killed", "palestinians", None, "since ceasefire")


def claim(
    value: float,
    *,
    source: str = "Wire",
    hours: float = 0,
    url: str | None = None,
    qualifier: str = "at_least",
    cumulative: bool = True,
    ident: str | None = None,
) -> Claim:
    url = url or f"http://{source.lower()}.example/{value}"
    return Claim(
        id=ident or f"{source}-{value}-{hours}",
        key=KEY,
        value=value,
        low=value,
        high=None,
        qualifier=qualifier,
        source=source,
        url=url,
        article_id=f"art-{source}-{hours}",
        canonical_url=url,
        published=T0 + timedelta(hours=hours),
        quote=f"at least {value} killed",
        figure_text=f"at least {value}",
        start=0,
        end=10,
        cumulative=cumulative,
    )


@pytest.mark.parametrize(
    ("previous", "current", "kind", "correction"),
    [
        (None, claim(400), "new", False),
        (claim(400), claim(420, hours=30), "increase", False),
        (claim(400, url="http://w/s"), claim(420, hours=2, url="http://w/s"), "revision", False),
        (claim(420), claim(400, hours=30), "revision", True),  # own cumulative count went down
        (claim(400), claim(380, source="Times", hours=2), "conflict", False),
        (claim(400), claim(380, source="Times", hours=72), "conflict", False),  # lower cumulative
        (claim(400), claim(450, source="Times", hours=72), "increase", False),
        (claim(300, cumulative=False), claim(250, hours=48, cumulative=False), "decrease", False),
    ],
)
def test_compare_kinds(previous: Claim | None, current: Claim, kind: str, correction: bool) -> None:
    change = compare(previous, current)
    assert change is not None
    assert (change.kind, change.correction) == (kind, correction)


def test_same_figure_from_another_source_corroborates_quietly() -> None:
    assert compare(claim(400), claim(400, source="Times", hours=1)) is None


def test_replay_decides_nothing_twice() -> None:
    first = [claim(400), claim(420, hours=30)]
    assert len(detect_changes([], first)) == 2
    assert detect_changes(first, first) == []


def test_order_is_publication_time_not_arrival() -> None:
    late_first = [claim(420, hours=30), claim(400)]
    kinds = [c.kind for c in detect_changes([], late_first)]
    assert kinds == ["new", "increase"]


def test_late_figure_older_than_the_sources_latest_does_not_alert() -> None:
    history = [claim(420, hours=30)]
    assert detect_changes(history, [claim(400)]) == []


def test_source_compares_with_its_own_last_figure_first() -> None:
    history = [claim(400), claim(380, source="Times", hours=1)]
    changes = detect_changes(history, [claim(420, hours=40)])
    assert [(c.kind, c.previous.value if c.previous else None) for c in changes] == [
        ("increase", 400)
    ]


def test_summary_conservative_best_low_high() -> None:
    s = summarise(
        [
            claim(400),
            claim(380, source="Times", hours=1),
            claim(450, source="Post", hours=2),
            claim(420, hours=3),
        ]
    )
    assert s is not None
    assert [v.source for v in s.sources] == ["Times", "Post", "Wire"]
    assert (s.conservative, s.best, s.low, s.high) == (380, 420, 380, 450)
    assert s.disagree


def test_alert_ids_are_deterministic() -> None:
    change = compare(claim(400), claim(420, hours=30))
    assert change is not None
    a = to_alert(change, detected_at=T0, history=[claim(400)])
    b = to_alert(change, detected_at=T0 + timedelta(days=1), history=[claim(400)])
    assert a.id == b.id


def figure(**kw: object) -> Figure:
    base = dict(
        text="at least 400",
        value=400.0,
        low=400.0,
        high=None,
        qualifier="at_least",
        unit=None,
        metric="killed",
        subject="palestinians",
        start=10,
        end=22,
        sentence="…",
        place=None,
        period="since ceasefire",
        cumulative=True,
    )
    base.update(kw)
    return Figure(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fig", "expected"),
    [
        (figure(), "killed|palestinians|*|since ceasefire"),
        (figure(role="previous"), None),
        (figure(role="increment"), None),
        (figure(metric=None), None),
        (figure(subject=None), "killed|people|*|since ceasefire"),
        (
            figure(subject="people", place="khan younis", period="on monday"),
            "killed|people|khan younis|2025-10-20",
        ),
        (
            figure(subject="us troops", metric="troops", period=None, place="gaza"),
            "troops|us troops|*|*",
        ),
        (figure(subject=None, metric="money"), None),
        (figure(subject="people", period=None, cumulative=False), "killed|people|*|2025-10-20"),
        (figure(role="part"), None),
    ],
)
def test_claim_keys(fig: Figure, expected: str | None) -> None:
    key = claim_key(fig, T0)  # T0 is a Monday
    assert (key.as_string() if key else None) == expected


def test_first_figure_wins_when_an_article_repeats_a_key() -> None:
    article = Article(
        id="a",
        url="http://x/a",
        canonical_url="http://x/a",
        source="X",
        title="t",
        text="…",
        published=T0,
        fetched=T0,
        content_hash="h",
    )
    claims = claims_from_figures(
        article, [figure(), replace(figure(), value=999.0, start=50, end=53)]
    )
    assert [c.value for c in claims] == [400.0]


def test_new_source_agreeing_with_any_earlier_source_is_quiet() -> None:
    history = [claim(420), claim(380, source="Courier", hours=1)]
    assert detect_changes(history, [claim(420, source="Times", hours=2)]) == []


def _reference_changes(history: list[Claim], new_claims: list[Claim]) -> list[object]:
    """detect_changes as first written: a pass over the whole timeline per new claim."""

    def order(c: Claim) -> tuple[datetime, str]:
        return (c.published, c.id)

    known = {c.id for c in history}
    timeline = sorted(history, key=order)
    changes = []
    for new in sorted(new_claims, key=order):
        if new.id in known:
            continue
        earlier = [c for c in timeline if order(c) < order(new)]
        later_same = [c for c in timeline if c.source == new.source and order(c) > order(new)]
        timeline = sorted([*timeline, new], key=order)
        known.add(new.id)
        if later_same:
            continue
        own = [c for c in earlier if c.source == new.source]
        others = {c.source: c for c in earlier if c.source != new.source}
        if own:
            change = compare(own[-1], new)
        elif any(same_figure(c, new) for c in others.values()):
            change = None
        elif others:
            change = compare(max(others.values(), key=order), new)
        else:
            change = compare(None, new)
        if change is not None:
            changes.append(change)
    return changes


def _random_claims(rng: random.Random, count: int, tag: str) -> list[Claim]:
    return [
        claim(
            rng.choice([100, 120, 120, 150, 90]),
            source=rng.choice(["Wire", "Times", "Post", "Herald"]),
            hours=rng.choice([0, 1, 2, 5, 30, 48, 49, 100]),
            cumulative=rng.random() < 0.7,
            ident=f"{tag}-{i:03d}",
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("seed", range(40))
def test_detect_changes_decides_as_the_pass_over_the_whole_timeline_did(seed: int) -> None:
    rng = random.Random(seed)
    history = _random_claims(rng, rng.randint(0, 30), "h")
    new = _random_claims(rng, rng.randint(1, 30), "n") + rng.sample(history, min(3, len(history)))
    assert detect_changes(history, new) == _reference_changes(history, new)


@pytest.mark.parametrize("seed", range(40))
def test_alerts_for_changes_give_each_change_the_alert_of_its_own_history(seed: int) -> None:
    rng = random.Random(seed)
    history = _random_claims(rng, rng.randint(0, 30), "h")
    new = _random_claims(rng, rng.randint(1, 30), "n")
    changes = detect_changes(history, new)
    timeline = sorted(
        {c.id: c for c in [*history, *new]}.values(), key=lambda c: (c.published, c.id)
    )
    expected = [
        to_alert(
            change,
            detected_at=T0,
            history=[
                c
                for c in timeline
                if (c.published, c.id) <= (change.current.published, change.current.id)
            ],
        )
        for change in changes
    ]
    assert alerts_for_changes(changes, [*history, *new], detected_at=T0) == expected
