from datetime import datetime, timezone

import pytest
from claimwatch.transforms.change_size import ChangeSize, change_size
from claimwatch.transforms.models import Claim, ClaimKey

KEY = ClaimKey("killed", "palestinians", "gaza")


def claim(value=None, low=None, high=None, qualifier="exact") -> Claim:
    return Claim(
        id="c",
        key=KEY,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        source="S",
        url="https://example.org/a",
        article_id="a",
        canonical_url="https://example.org/a",
        published=datetime(2025, 11, 14, tzinfo=timezone.utc),
        quote="q",
        figure_text="t",
        start=0,
        end=1,
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (claim(400), claim(420), ChangeSize(20, 5.0)),
        (claim(420), claim(412), ChangeSize(-8, -1.9)),
        (claim(200, qualifier="up_to"), claim(250, qualifier="up_to"), ChangeSize(50, 25.0)),
        # a range is compared by its middle: 15–25 → 30 is +10 from 20
        (claim(low=15, high=25, qualifier="range"), claim(30), ChangeSize(10, 50.0)),
        # a bound alone ("at least 9") counts as its number
        (claim(low=9, qualifier="at_least"), claim(11), ChangeSize(2, 22.22)),
        # from zero there is no percent, only the difference
        (claim(0), claim(3), ChangeSize(3, None)),
    ],
)
def test_change_size(old: Claim, new: Claim, expected: ChangeSize) -> None:
    assert change_size(old, new) == expected


def test_first_figure_and_no_number_have_no_size() -> None:
    assert change_size(None, claim(400)) is None
    assert change_size(claim(400), claim(qualifier="approximately")) is None
