"""Furniture with figures in it (related links, subscription lines, promos, embedded posts)
stays out of the article text; the article's own figures stay in. Evaluation pages and their
gold are in tests/data/pages/boilerplate (written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from claimwatch.connectors.boilerplate import is_boilerplate_line
from claimwatch.connectors.pages import extract_text
from claimwatch.transforms.figures import extract_figures

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages" / "boilerplate"
GOLD: dict[str, dict[str, list[str]]] = json.loads((PAGES / "gold.json").read_text())


@pytest.mark.parametrize("name", sorted(GOLD))
def test_furniture_figures_are_dropped_and_article_figures_kept(name: str) -> None:
    page = extract_text((PAGES / name).read_bytes(), f"https://news.example/{name}")
    for figure in GOLD[name]["article"]:
        assert figure in page.text, (figure, page.text)
    for figure in GOLD[name]["boilerplate"]:
        assert figure not in page.text, (figure, page.text)
    tracked = [f for f in extract_figures(page.text) if f.metric is not None]
    assert not any(b in f.sentence for f in tracked for b in GOLD[name]["boilerplate"])


@pytest.mark.parametrize(
    "line",
    [
        "Related: UN appeals for $500 million to feed the region",
        "Read more: 300 killed in border clashes last month",
        "Subscribe for N$85 a month and read without limits.",
        "Sign up for our newsletter",
        "Subscribe now for unlimited digital access from £1 a week",
        "Tickets from £7 for the next home game.",
        "— Some Account (@someaccount) November 19, 2025",
        "pic.twitter.com/abc123",
    ],
)
def test_furniture_lines_are_recognised(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The union said it would not subscribe to the plan, and 42 workers walked out.",
        "At least 37 people have died in floods across the delta since Sunday.",
        "Related talks in Cairo ended without agreement on Tuesday, officials said.",
        "Subscribers to the fund lost about $40 million, the regulator said. " * 3,  # long prose
    ],
)
def test_article_sentences_are_kept(line: str) -> None:
    assert not is_boilerplate_line(line)
