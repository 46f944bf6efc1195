"""How the toll tests read an article: its toll as {metric: value}, and an entry's evidence.

One home for the helpers every round's toll tests use (test_toll*.py); a vague count ("dozens")
reads as its low bound.
"""

from __future__ import annotations

from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.toll import article_toll


def toll(text: str) -> dict[str, float | None]:
    return {
        m: (c.value if c.value is not None else c.low)
        for m, c in article_toll(text, extract_figures(text)).items()
    }


def evidence(text: str, metric: str) -> list[str]:
    return [e.text for e in article_toll(text, extract_figures(text))[metric].evidence]
