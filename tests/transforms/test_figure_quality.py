"""Quality gate: figure extraction must not drop below the floors pinned in floors.json."""

import hashlib
import json
from pathlib import Path

import pytest
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.scoring import score_figures

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
FLOORS = json.loads((EVAL / "floors.json").read_text(encoding="utf-8"))["figures"]
DATA = EVAL / FLOORS["data"]


def test_the_evaluation_set_is_the_one_the_floors_were_measured_on() -> None:
    digest = hashlib.sha256(DATA.read_bytes()).hexdigest()
    assert digest == FLOORS["sha256"], (
        f"{DATA.name} changed: re-measure with `claimwatch eval --json` and update "
        "floors.json (sha256 and floors) on purpose"
    )


@pytest.fixture(scope="module")
def scores():  # type: ignore[no-untyped-def]
    cases = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    return score_figures(cases, extract_figures)


@pytest.mark.parametrize("aspect", sorted(FLOORS["floors"]))
def test_figure_quality_stays_above_its_floor(scores, aspect: str) -> None:  # type: ignore[no-untyped-def]
    floor = FLOORS["floors"][aspect]
    got = scores.aspect(aspect)
    assert got.precision >= floor["precision"], f"{aspect} precision {got.precision:.3f}"
    assert got.recall >= floor["recall"], f"{aspect} recall {got.recall:.3f}"
