"""The article toll as varied outlets write casualty reports (issue 11, eighth round): one test
per general rule, named after the case in tests/data/eval/toll_varied2_dev.jsonl it came from."""

from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.toll import article_toll


def toll(text: str) -> dict[str, float | None]:
    return {
        m: (c.value if c.value is not None else c.low)
        for m, c in article_toll(text, extract_figures(text)).items()
    }


def evidence(text: str, metric: str) -> list[str]:
    return [e.text for e in article_toll(text, extract_figures(text))[metric].evidence]


def test_288_passengers_lost_their_lives_and_over_1000_were_injured() -> None:
    # "over", "about", "around" before a number are a hedge, not a preposition ending the phrase
    text = "Over 1,000 were injured in the triple-train collision near Balasore."
    assert toll(text) == {"injured": 1000}
    assert evidence(text, "injured") == ["Over 1,000"]
    text = "The blast killed over 20 people and injured around 30."
    assert toll(text) == {"killed": 20, "injured": 30}
    # a preposition before other words stays one
    assert toll("They argued over two hours before a man was shot.") == {"injured": 1}
