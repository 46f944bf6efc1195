"""Quality gate: story assignment must not drop below the floors in story_floors.json.

Runs on the shooting-news development split in ../shared (the article texts are the
publishers' and stay out of this repository) plus our own hard negatives; skips, saying
why, where the split is absent.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from claimwatch.pipelines.story_eval import DEV_ARTICLES, HARD_NEGATIVES, evaluate

FLOORS = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "eval" / "story_floors.json").read_text()
)


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    if not (DEV_ARTICLES / "gold.json").is_file():
        pytest.skip(
            f"shooting-news development split not found at {DEV_ARTICLES}; "
            "set CLAIMWATCH_SHARED to the folder holding data/shooting-news-dev"
        )
    return evaluate(DEV_ARTICLES)


def test_the_sets_are_the_ones_the_floors_were_measured_on() -> None:
    if not (DEV_ARTICLES / "gold.json").is_file():
        pytest.skip(f"shooting-news development split not found at {DEV_ARTICLES}")
    assert (
        hashlib.sha256((DEV_ARTICLES / "gold.json").read_bytes()).hexdigest()
        == (FLOORS["gold_sha256"])
    ), "the development split changed: re-measure and update story_floors.json on purpose"
    assert hashlib.sha256(HARD_NEGATIVES.read_bytes()).hexdigest() == FLOORS["negatives_sha256"]


@pytest.mark.parametrize(
    ("family", "measure"),
    [(f, m) for f, floors in FLOORS["floors"].items() for m in floors],
)
def test_scores_stay_above_their_floors(result: dict[str, Any], family: str, measure: str) -> None:
    floor = FLOORS["floors"][family][measure]
    assert result[family][measure] >= floor, (
        f"{family} {measure} {result[family][measure]} fell below its floor {floor}; "
        f"missed pairs {result['missed_pairs']}, false merges {result['false_merges']}"
    )
