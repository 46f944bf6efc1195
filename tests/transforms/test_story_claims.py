"""One event's dated counts, from two sources on two days, compared within their story."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest
from claimwatch.transforms.models import Claim, ClaimKey
from claimwatch.transforms.story_claims import (
    changes_in_story_group,
    comparison_group,
    is_story_group,
    sibling_keys,
)
from factories import claim

SUNDAY = ClaimKey("killed", "people", None, "2016-10-16")
MONDAY = replace(SUNDAY, period="2016-10-17")
WEDNESDAY = replace(SUNDAY, period="2016-10-19")


def count(n: int, value: float, key: ClaimKey, hours: float, source: str, story: str | None):
    return replace(
        claim(n, value, key=key, hours=hours, source=source, story_id=story), cumulative=False
    )


def stored(*claims: Claim):
    by_key: dict[str, list[Claim]] = {}
    for c in claims:
        by_key.setdefault(c.key.as_string(), []).append(c)

    def history(key: str) -> Sequence[Claim]:
        return by_key.get(key, [])

    return history


def kinds(changes) -> list[tuple[str, str | None, str]]:
    return [(ch.kind, ch.previous.id if ch.previous else None, ch.current.id) for ch, _ in changes]


def test_the_next_days_report_of_the_same_figure_corroborates_a_different_one_conflicts() -> None:
    first = count(1, 1, SUNDAY, 0, "Sun-Times", "st-park")
    same = count(2, 1, MONDAY, 20, "ABC7", "st-park")
    other = count(3, 2, MONDAY, 21, "WGN", "st-park")

    changes = changes_in_story_group([same, other], stored(first))

    # ABC7 agreed with the Sun-Times; WGN differs from the latest of them.
    assert kinds(changes) == [("conflict", "claim-2", "claim-3")]
    _, basis = changes[0]
    assert [c.id for c in basis] == ["claim-1", "claim-2", "claim-3"]  # the alert's sources


def test_the_same_source_a_day_later_is_its_own_update() -> None:
    first = count(1, 0, SUNDAY, 0, "Sun-Times", "st-park")
    died = count(2, 1, MONDAY, 30, "Sun-Times", "st-park")

    assert kinds(changes_in_story_group([died], stored(first))) == [
        ("increase", "claim-1", "claim-2")
    ]


@pytest.mark.parametrize(
    ("earlier", "why"),
    [
        (count(1, 3, SUNDAY, 0, "Sun-Times", "st-other-shooting"), "another story"),
        (count(1, 3, SUNDAY, 0, "Sun-Times", None), "no story"),
        (count(1, 3, replace(MONDAY, period="2016-10-14"), 0, "Sun-Times", "st-park"), "3 days"),
    ],
)
def test_counts_of_other_events_are_not_compared(earlier: Claim, why: str) -> None:
    later = count(2, 1, MONDAY, 20, "ABC7", "st-park")

    assert kinds(changes_in_story_group([later], stored(earlier))) == [("new", None, "claim-2")], (
        why
    )


def test_the_keys_own_history_comes_before_the_story() -> None:
    story_day_before = count(1, 5, SUNDAY, 0, "Sun-Times", "st-park")
    same_key = count(2, 1, MONDAY, 10, "ABC7", "st-park")
    update = count(3, 2, MONDAY, 12, "ABC7", "st-park")

    changes = changes_in_story_group([update], stored(story_day_before, same_key))

    assert kinds(changes) == [("increase", "claim-2", "claim-3")]


def test_decided_in_publication_order_and_a_replay_decides_nothing() -> None:
    a = count(1, 1, SUNDAY, 0, "Sun-Times", "st-park")
    b = count(2, 2, MONDAY, 20, "ABC7", "st-park")

    forward = changes_in_story_group([a, b], stored())
    backward = changes_in_story_group([b, a], stored())

    assert (
        kinds(forward)
        == kinds(backward)
        == [
            ("new", None, "claim-1"),
            ("conflict", "claim-1", "claim-2"),
        ]
    )
    assert changes_in_story_group([a, b], stored(a, b)) == []


def test_only_dated_counts_of_people_are_grouped_by_family() -> None:
    toll = ClaimKey("killed", "palestinians", None, "since ceasefire")
    monday = count(1, 1, MONDAY, 0, "ABC7", "st-park")
    wednesday = count(2, 1, WEDNESDAY, 0, "ABC7", "st-park")

    assert comparison_group(monday) == comparison_group(wednesday)
    assert is_story_group(comparison_group(monday))
    assert comparison_group(claim(3, 400, key=toll)) == toll.as_string()
    assert not is_story_group(toll.as_string())
    assert sibling_keys(MONDAY) == (SUNDAY, replace(SUNDAY, period="2016-10-18"))
    assert sibling_keys(toll) == ()
