"""Person names and regions an article gives: what tells one local event from the next."""

from __future__ import annotations

import pytest
from claimwatch.transforms.story_facts import people, regions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The victim, 19-year-old Benetria Robinson, died at the scene.", ("benetria robinson",)),
        ("Lakim Anthony Faust, 23, was charged.", ("lakim faust",)),  # first and last name
        ("Police Chief Hassan Aden said the shooting was not random.", ()),  # an official
        ("Lt. Ryan Robbins asked witnesses to call.", ()),
        ("She died. Ryan Robbins, her cousin, said she loved basketball.", ("ryan robbins",)),
        ("He was taken to Ben Taub Hospital.", ()),  # an institution
        ("Cedar Rapids police said the man was hurt.", ()),  # a town, by what follows
        ("It happened in Cedar Rapids on Friday.", ()),  # a town, by what precedes
        ("The Chicago Sun-Times reported it.", ()),
        ("Officers found Kayla Dixon, Alexis Malone and a baby.", ("alexis malone", "kayla dixon")),
    ],
)
def test_people_are_the_parties_not_officials_places_or_institutions(
    text: str, expected: tuple[str, ...]
) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OCALA, Fla. -- A man was shot.", ("FL",)),
        ("a fatal shooting in Quincy, Washington on Sunday", ("WA",)),
        ("QUINCY, Ill. -- A Quincy man died.", ("IL",)),
        ("in La Porte, Texas, and later Houston, La Porte police said", ("TX",)),  # "La" needs "."
        ("GAZA CITY -- The ministry said.", ()),
    ],
)
def test_regions_are_the_states_a_report_places_itself_in(
    text: str, expected: tuple[str, ...]
) -> None:
    assert regions(text) == expected
