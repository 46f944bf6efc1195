"""The article toll, fourth round of issue 11: one test per general rule, named after its case."""

from toll_reading import toll


def test_eight_have_been_hurt_or_killed_is_neither_eight_killed_nor_eight_hurt() -> None:
    # a count joined over both outcomes ("hurt or killed") has no split: no count of either
    assert toll("Eight have been hurt or killed by gunfire.") == {}
    assert toll("Three people were killed or injured in the attacks.") == {}
    # the incident's own victims still count beside it
    text = "A girl, 2, was shot and killed on Sunday. Eight have been hurt or killed by gunfire."
    assert toll(text) == {"killed": 1}


def test_no_one_killed_or_injured_still_says_zero() -> None:
    assert toll("No one was killed or injured in the crash.") == {"killed": 0, "injured": 0}


def test_a_block_away_from_where_a_16_year_old_had_been_shot_an_hour_earlier() -> None:
    # a "where" clause dated before the story's own harm names another incident's victims
    text = (
        "A 10-year-old and a 14-year-old were shot Monday night, a block away from where a "
        "16-year-old had been shot just over an hour earlier."
    )
    assert toll(text) == {"injured": 2}
    assert toll("Five were wounded on the corner where 2 men were shot a week ago.") == {
        "injured": 5
    }
    assert toll("He was taken to a hospital, where he died.") == {"killed": 1}


def test_three_men_killed_in_a_triple_homicide_are_three_not_six() -> None:
    # the homicide's dead are the victims named beside it, never added to them
    assert toll("Three men were killed in a triple homicide Friday night.") == {"killed": 3}
    assert toll("A woman was killed in a double homicide on Sunday.") == {"killed": 2}
    assert toll("Police are investigating a double homicide in Park Hill.") == {"killed": 2}
