"""Claims about an incident carry the article's toll (issue 11, item 2's last sentence)."""

from claimwatch.transforms.claims import claim_key, claims_from_article, claims_from_figures
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.models import Claim
from factories import TOLL_BODY, article


def incident(text: str) -> list[Claim]:
    a = article("shooting-1", text=text)
    return [
        c
        for c in claims_from_article(a, extract_figures(text))
        if c.key.metric in ("killed", "injured")
    ]


def values(claims: list[Claim]) -> dict[str, float | None]:
    return {c.key.metric: c.value if c.value is not None else c.low for c in claims}


def test_one_dead_and_three_others_wounded_is_one_claim_each_with_the_toll_value() -> None:
    text = (
        "Police said one person is dead and three others were wounded in a shooting on Main "
        "Street. The three wounded were taken to a hospital."
    )
    claims = incident(text)
    assert values(claims) == {"killed": 1, "injured": 3}
    killed = next(c for c in claims if c.key.metric == "killed")
    assert killed.figure_text == "one person"
    assert killed.quote.startswith("Police said one person is dead")
    assert text[killed.start : killed.end] == killed.figure_text


def test_a_man_shot_and_killed_is_a_claim_though_no_number_is_written() -> None:
    text = "A man was shot and killed Saturday night on Elm Street, police said."
    claims = incident(text)
    assert values(claims) == {"killed": 1}
    (claim,) = claims
    assert (claim.figure_text, claim.quote) == ("A man", text)
    assert claim.key.as_string() == "killed|people|*|2026-11-23"  # the publication's day


def test_shot_then_died_gives_no_claim_of_zero_injured() -> None:
    assert values(incident("A man was shot Friday. He died at the hospital.")) == {"killed": 1}


def test_headline_count_and_body_victims_give_one_claim_per_metric() -> None:
    text = (
        "Man killed, two hurt in Elm Street shooting\n"
        "A man was shot and killed Saturday night on Elm Street, police said. Two other people "
        "were wounded and taken to a hospital."
    )
    per_figure = claims_from_figures(article("a", text=text), extract_figures(text))
    assert [c.value for c in per_figure if c.key.metric == "killed"] == [2]  # "two hurt"
    claims = incident(text)
    assert values(claims) == {"killed": 1, "injured": 2}
    assert len(claims) == 2
    injured = next(c for c in claims if c.key.metric == "injured")
    assert "Two other people were wounded" in injured.quote


def test_the_toll_claim_takes_the_key_of_the_figure_it_rests_on() -> None:
    text = "Five people were wounded on Tuesday outside a nightclub, police said."
    a = article("shooting-2", text=text)
    figures = extract_figures(text)
    (figure,) = [f for f in figures if f.metric == "injured"]
    (claim,) = claims_from_article(a, figures)
    assert claim.key == claim_key(figure, a.published)
    assert (claim.key.period, claim.value) == ("2026-11-17", 5)  # the Tuesday before


def test_a_running_total_keeps_its_per_figure_claims() -> None:
    a = article("gaza-1")  # "Israel has killed at least 400 Palestinians … since the ceasefire"
    figures = extract_figures(TOLL_BODY.format(n=400))
    assert claims_from_article(a, figures) == claims_from_figures(a, figures)


def test_an_article_the_toll_does_not_speak_of_keeps_its_claims() -> None:
    text = "The U.S. will send up to 200 troops to the coordination centre."
    a = article("troops-1", text=text)
    figures = extract_figures(text)
    assert claims_from_article(a, figures) == claims_from_figures(a, figures)


def test_toll_claim_ids_are_deterministic_and_differ_per_metric() -> None:
    text = "Police said one person is dead and three others were wounded in a shooting."
    first, second = incident(text), incident(text)
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == 2
