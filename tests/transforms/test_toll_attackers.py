"""Attackers who died, told apart inside the killed count (issue 11): the toll counts them, as
the Gun Violence Archive does, and says how many of the killed they are, for readers (and
evaluation sets) that count victims only."""

from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.toll import TollCount, article_toll, toll_to_dict, victims_only


def read(text: str) -> dict[str, TollCount]:
    return article_toll(text, extract_figures(text))


def attackers(text: str) -> float:
    return read(text)["killed"].attackers


def test_a_suicide_after_the_victims_is_one_attacker_among_the_killed() -> None:
    text = "A gunman killed three people at a mall before turning the gun on himself, police said."
    assert read(text)["killed"].value == 4
    assert attackers(text) == 1
    assert attackers("A man shot his wife and then killed himself.") == 1
    assert attackers("He shot and killed his mother and his sister, then himself.") == 1


def test_an_attacker_told_dead_apart_is_one_attacker() -> None:
    text = "A suicide bomber killed 12 people at a market. The bomber also died."
    assert read(text)["killed"].value == 13
    assert attackers(text) == 1


def test_a_count_said_to_include_its_attacker() -> None:
    text = "Five people, including the gunman, were killed."
    assert read(text)["killed"].value == 5
    assert attackers(text) == 1


def test_victims_alone_have_no_attackers() -> None:
    assert attackers("Two men were killed and a woman was wounded.") == 0
    assert attackers("Three people were killed, including a police officer.") == 0
    assert attackers("A woman killed in the crash was named as Jane Doe.") == 0


def test_victims_only_takes_the_attackers_out_and_drops_a_count_of_attackers_alone() -> None:
    text = "A gunman killed three people at a mall before turning the gun on himself."
    assert victims_only(read(text))["killed"].value == 3
    text = "A man shot his wife and then killed himself."
    left = victims_only(read(text))
    assert "killed" not in left and left["injured"].value == 1
    untouched = read("Two men were killed and a woman was wounded.")
    assert victims_only(untouched) == untouched


def test_extract_json_shows_attackers_only_where_there_are_some() -> None:
    shown = toll_to_dict(read("Five people, including the gunman, were killed."))
    assert shown["killed"]["attackers"] == 1
    assert "attackers" not in toll_to_dict(read("Two men were killed."))["killed"]
