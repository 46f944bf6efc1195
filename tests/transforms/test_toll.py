"""The article toll and counted mentions, one test per case listed in issue 11."""

import pytest
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.mentions import find_mentions
from claimwatch.transforms.numbers import find_quantities
from claimwatch.transforms.toll import article_toll


def toll(text: str) -> dict[str, float | None]:
    return {
        m: (c.value if c.value is not None else c.low)
        for m, c in article_toll(text, extract_figures(text)).items()
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man was shot and killed Saturday night, police said.", {"killed": 1}),
        ("A teenager was shot and killed near a bus stop.", {"killed": 1}),
        ("A 9-year-old girl was shot while sitting on her porch.", {"injured": 1}),
        ("A woman and her son were killed when a gunman opened fire.", {"killed": 2}),
        ("Two teens were wounded in a drive-by shooting.", {"injured": 2}),
        ("Mother, 2 children found dead in apartment", {"killed": 3}),
        ("Police said the death of a man and his toddler is a homicide.", {"killed": 2}),
    ],
)
def test_implicit_counts(text: str, expected: dict[str, float]) -> None:
    assert toll(text) == expected


def test_shot_without_outcome_is_injured_unless_death_reported() -> None:
    assert toll("Six people were shot early Sunday at a party.") == {"injured": 6}
    assert toll("A man was shot Friday. He died at the hospital.") == {"killed": 1, "injured": 0}


def test_one_of_the_five_people_shot_has_died() -> None:
    assert toll("One of the five people shot outside the club has died.") == {
        "killed": 1,
        "injured": 4,
    }


def test_one_person_dead_and_three_others_wounded() -> None:
    assert toll("Police said one person is dead and three others were wounded.") == {
        "killed": 1,
        "injured": 3,
    }


def test_one_dead_two_hurt() -> None:
    assert toll("One dead, two hurt in overnight shooting") == {"killed": 1, "injured": 2}


def test_killed_12_and_more_than_40_were_injured() -> None:
    assert toll("The gunman killed 12 and more than 40 were injured.") == {
        "killed": 12,
        "injured": 40,
    }


def test_age_is_not_a_count() -> None:
    assert toll("Police: Gunman kills man, 18, in parking lot") == {"killed": 1}
    assert toll("Gabriela Pitones, 16, was killed early Wednesday.") == {"killed": 1}


def test_3000_block_is_an_address() -> None:
    text = "Officers went to the 3000 block of West Madison, where a man was shot."
    assert toll(text) == {"injured": 1}


def test_news_19_is_a_station() -> None:
    text = "A woman was killed in the shooting, News 19 has learned."
    assert toll(text) == {"killed": 1}


def test_statistics_about_other_incidents_are_no_toll() -> None:
    assert toll("So far this year, 133 children have been killed in the city.") == {}
    text = "A man was shot and killed Sunday. It was the city's 45th homicide of the year."
    assert toll(text) == {"killed": 1}


def test_the_toll_rose_from_5_to_7() -> None:
    figures = extract_figures("The death toll rose from 5 to 7.")
    assert [(f.value, f.role) for f in figures if f.metric == "killed"] == [
        (5, "previous"),
        (7, "current"),
    ]
    assert toll("The death toll rose from 5 to 7.")["killed"] == 7


def test_surpassed_3000_is_exact_3000() -> None:
    (figure,) = [f for f in extract_figures("The death toll surpassed 3,000.") if f.metric]
    assert (figure.value, figure.qualifier) == (3000, "exact")


@pytest.mark.parametrize(
    ("text", "value", "low", "qualifier"),
    [
        ("Scores of people were wounded.", None, 40, "at_least"),
        ("a half million people fled", 500_000, 500_000, "exact"),
        ("a quarter million people fled", 250_000, 250_000, "exact"),
        ("16.4 million people need aid", 16_400_000, 16_400_000, "exact"),
    ],
)
def test_number_words(text: str, value: float | None, low: float, qualifier: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.low, q.qualifier) == (value, low, qualifier)


def test_scores_of_reaches_the_figures() -> None:
    (figure,) = extract_figures("Scores of people were wounded.")
    assert (figure.metric, figure.low, figure.qualifier) == ("injured", 40, "at_least")


def test_a_victim_named_later_is_not_counted_twice() -> None:
    text = (
        "A man was shot and killed outside a store on Elm Street.\n"
        "The victim, identified as 32-year-old Marcus Hill, was pronounced dead at the scene."
    )
    assert toll(text) == {"killed": 1}


def test_another_victim_is_added() -> None:
    text = "A man was killed Saturday. Police said another man was also killed."
    assert toll(text) == {"killed": 2}


def test_metric_not_spoken_of_is_absent() -> None:
    assert toll("The city council met on Tuesday to discuss the budget.") == {}


def test_each_counted_mention_keeps_its_evidence_span() -> None:
    sentence = "Police said a woman and her son were killed."
    (mention,) = find_mentions(sentence)
    assert sentence[mention.start : mention.end] == mention.text == "a woman and her son"
    text = "Headline\nPolice said a woman and her son were killed."
    (evidence,) = article_toll(text)["killed"].evidence
    assert text[evidence.start : evidence.end] == "a woman and her son"


def test_page_furniture_lines_are_skipped() -> None:
    text = "Man shot in Elm Street\nA man was shot Sunday.\n0:43 Homeless man found dead in park"
    assert toll(text) == {"injured": 1}
