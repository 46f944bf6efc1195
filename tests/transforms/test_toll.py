"""The article toll and counted mentions, one test per case listed in issue 11."""

import pytest
from claimwatch.transforms.casualty_lexicon import CASUALTY_HINT, CASUALTY_HINT_FIRST
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.mentions import find_mentions
from claimwatch.transforms.numbers import find_quantities
from claimwatch.transforms.toll import article_toll
from toll_reading import toll


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
    # no sentence says whether anyone else was hurt: no injured entry, not an inferred zero
    assert toll("A man was shot Friday. He died at the hospital.") == {"killed": 1}
    # a zero the words state keeps its entry and its span
    text = "A man was shot Friday. He died at the hospital. No one else was hurt."
    assert toll(text) == {"killed": 1, "injured": 0}


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


# -- second round: general rules found on the development set, one test per case ----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a condition beside the shot is the condition of one of them
        (
            "A 12-year-old was in critical condition after he and three others were shot.",
            {"injured": 4},
        ),
        ("Two men were shot; one is in critical condition.", {"injured": 2}),
        # "including" names one of the group, not one more
        ("Five people were shot, including one man who was shot 10 times.", {"injured": 5}),
        # a bare count hurt beside the shot is among them
        ("6 Shot, One Critically Hurt in Bar Shootout", {"injured": 6}),
        # "he and four others": the man named before is one of the five
        (
            "A man died Tuesday night after he and four others were shot in front of a home.",
            {"killed": 1, "injured": 4},
        ),
        # an object list goes on after a comma when a person noun follows
        (
            "The shooting deaths of a husband, wife and their two children are investigated.",
            {"killed": 4},
        ),
        ("Both men inside the car were killed.", {"killed": 2}),
        ("Five people, four of them teenagers, were shot at a party.", {"injured": 5}),
        ("Her parents were killed in the attack.", {"killed": 2}),
    ],
)
def test_general_rules_of_the_second_round(text: str, expected: dict[str, float]) -> None:
    assert toll(text) == expected


def test_three_killed_and_27_wounded_over_a_stretch_is_a_roundup() -> None:
    text = "He was one of three people killed and 27 wounded over an eight-hour stretch."
    assert toll(text) == {}


def test_the_27_after_killed_and_is_never_a_death_count() -> None:
    found = find_mentions("Three people were killed and 27 wounded in the city.")
    assert ("killed", 27.0) not in [(m.outcome, m.value) for m in found]


def test_in_another_shooting_is_another_incident() -> None:
    text = "A man was shot Sunday. Six people were injured in another shooting nearby."
    assert toll(text) == {"injured": 1}


def test_a_crowd_of_people_is_not_a_count_of_victims() -> None:
    found = find_mentions("Officers found a crowd of 75 people and a man who had been shot.")
    assert all(m.value != 75 for m in found)


def test_mother_of_three_counts_her_children_not_victims() -> None:
    found = find_mentions("Jane Doe, a 25-year-old mother of three, was fatally shot.")
    assert all(m.value != 3 for m in found)


# -- missing, detained, hostages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two hikers are missing after a flash flood swept the canyon.", {"missing": 2}),
        ("Two people remain unaccounted for after the blast.", {"missing": 2}),
        ("Three fishermen were reported missing on Sunday.", {"missing": 3}),
        ("Police arrested two men in connection with the robbery.", {"detained": 2}),
        ("A suspect was taken into custody Sunday.", {"detained": 1}),
        ("The gunman held four people hostage for six hours.", {"hostages": 4}),
        ("Three children were kidnapped from their school on Monday.", {"hostages": 3}),
        ("Two aid workers were taken hostage near the border.", {"hostages": 2}),
    ],
)
def test_missing_detained_and_hostages_are_counted(text: str, expected: dict[str, float]) -> None:
    assert toll(text) == expected


def test_a_shooting_with_an_arrest_counts_both_apart() -> None:
    text = "A man was shot and killed Saturday; police said the suspect was arrested."
    assert toll(text) == {"killed": 1, "detained": 1}


def test_the_missing_girl_found_dead_is_killed_not_missing() -> None:
    assert toll("The missing girl was found dead on Tuesday.") == {"killed": 1}


def test_a_status_sentence_never_adds_to_the_harmed() -> None:
    # read for "hostages" alone: "deceased" there counts no death
    text = "Hamas returned the bodies of five deceased hostages on Tuesday."
    assert "killed" not in toll(text)


def test_status_counts_keep_their_evidence() -> None:
    text = "Headline\nPolice arrested two men on Friday."
    (evidence,) = article_toll(text)["detained"].evidence
    assert text[evidence.start : evidence.end] == "two men"


def _alternatives(group: str) -> list[str]:
    """The top-level branches of "(?:a|b(?:c|d)|e)"."""
    body = group[3:-1] if group.startswith("(?:") else group
    out, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        if ch == "(" and body[i - 1 : i] != "\\":
            depth += 1
        elif ch == ")" and body[i - 1 : i] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
    return [*out, body[start:]]


def _first_letters(branch: str) -> set[str]:
    if branch.startswith("(?:"):
        depth = 0
        for i, ch in enumerate(branch):
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth == 0:
                return {c for b in _alternatives(branch[: i + 1]) for c in _first_letters(b)}
    return {branch[0]}


def test_the_casualty_gate_knows_the_first_letter_of_every_hint_word() -> None:
    # the toll's page scan skips positions whose letter opens no hint word
    pattern = CASUALTY_HINT.pattern
    assert pattern.startswith("\\b(?:") and pattern.endswith(")\\b")
    letters = {c for b in _alternatives(pattern[2:-2]) for c in _first_letters(b)}
    assert letters == set(CASUALTY_HINT_FIRST)
