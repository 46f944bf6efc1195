"""A counted group with "including" and no commas (issue 11): the group is the count, its
share is among it. Both used to read the share alone ("Seven people including a child died"
was killed 1), a wrong figure worse than none."""

from toll_reading import evidence, toll


def test_a_group_including_one_person_without_commas_is_the_group() -> None:
    text = "Seven people including a child died in the blast."
    assert toll(text) == {"killed": 7}
    assert evidence(text, "killed") == ["Seven people"]
    assert toll("Two men including the driver were hurt.") == {"injured": 2}


def test_a_group_including_a_counted_share_without_commas_is_the_group() -> None:
    text = "Four people including two children were injured."
    assert toll(text) == {"injured": 4}
    assert evidence(text, "injured") == ["Four people"]
    assert toll("Four people including two children were killed.") == {"killed": 4}


def test_with_commas_and_shares_told_apart_nothing_changes() -> None:
    assert toll("Three people, including two children, were hurt.") == {"injured": 3}
    assert toll("Five people were shot, including one man who died.") == {"killed": 1, "injured": 4}
    assert toll("Police said the dead included a child.") == {"killed": 1}
