"""Quality gate for the article toll: the blind set and the shooting-news development set.

The shooting-news articles are the publishers' text and live outside the repository
(../shared/data/shooting-news-dev/articles); without them that half skips with the reason.
"""

import hashlib
import json
from pathlib import Path

import pytest
from claimwatch.pipelines.toll_eval import (
    SENTENCE_SETS,
    agreement,
    baseline_counts,
    claimwatch_counts,
    read_blind,
    report,
    score_blind,
    shooting_news_cases,
    shooting_news_dir,
)

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
FLOORS = json.loads((EVAL / "floors.json").read_text(encoding="utf-8"))["toll"]
BLIND = EVAL / FLOORS["blind"]["data"]


def test_the_blind_set_is_the_one_the_floors_were_measured_on() -> None:
    digest = hashlib.sha256(BLIND.read_bytes()).hexdigest()
    assert digest == FLOORS["blind"]["sha256"], (
        f"{BLIND.name} changed: it is a blind set, so it is not edited after its first run"
    )


@pytest.mark.parametrize("aspect", sorted(FLOORS["blind"]["floors"]))
def test_blind_toll_stays_above_its_floor(aspect: str) -> None:
    scores = score_blind(read_blind(BLIND)).as_dict()
    assert scores[aspect] >= FLOORS["blind"]["floors"][aspect], f"{aspect} {scores[aspect]}"


BLIND2 = EVAL / FLOORS["blind2"]["data"]


def test_the_second_blind_set_is_the_one_its_floors_were_measured_on() -> None:
    digest = hashlib.sha256(BLIND2.read_bytes()).hexdigest()
    assert digest == FLOORS["blind2"]["sha256"], (
        f"{BLIND2.name} changed: it is a blind set, so it is not edited after its first run"
    )


@pytest.mark.parametrize("aspect", sorted(FLOORS["blind2"]["floors"]))
def test_second_blind_toll_stays_above_its_floor(aspect: str) -> None:
    scores = score_blind(read_blind(BLIND2)).as_dict()
    assert scores[aspect] >= FLOORS["blind2"]["floors"][aspect], f"{aspect} {scores[aspect]}"


BLIND3 = EVAL / FLOORS["blind3"]["data"]


def test_the_third_blind_set_is_the_one_its_floors_were_measured_on() -> None:
    digest = hashlib.sha256(BLIND3.read_bytes()).hexdigest()
    assert digest == FLOORS["blind3"]["sha256"], (
        f"{BLIND3.name} changed: it is a blind set, so it is not edited after its first run"
    )


@pytest.mark.parametrize("aspect", sorted(FLOORS["blind3"]["floors"]))
def test_third_blind_toll_stays_above_its_floor(aspect: str) -> None:
    scores = score_blind(read_blind(BLIND3)).as_dict()
    assert scores[aspect] >= FLOORS["blind3"]["floors"][aspect], f"{aspect} {scores[aspect]}"


@pytest.fixture(scope="module")
def shooting_news():  # type: ignore[no-untyped-def]
    folder = shooting_news_dir()
    if folder is None:
        pytest.skip("shooting-news set absent: ../shared/data/shooting-news-dev/articles")
    cases = shooting_news_cases(folder)
    ours, _ = agreement(cases, claimwatch_counts)
    base, _ = agreement(cases, baseline_counts)
    return ours, base


@pytest.mark.parametrize("aspect", sorted(FLOORS["shooting_news"]["floors"]))
def test_shooting_news_agreement_stays_above_its_floor(shooting_news, aspect: str) -> None:  # type: ignore[no-untyped-def]
    ours, _ = shooting_news
    got = ours.as_dict()[aspect]
    assert got >= FLOORS["shooting_news"]["floors"][aspect], f"{aspect} {got:.3f}"


def test_claimwatch_beats_the_regex_baseline_on_every_measure(shooting_news) -> None:  # type: ignore[no-untyped-def]
    ours, base = shooting_news
    for aspect in ("killed", "injured", "both", "multi_both"):
        assert ours.as_dict()[aspect] > base.as_dict()[aspect], aspect


VARIED = EVAL / FLOORS["varied"]["data"]


def test_the_varied_dev_set_is_the_one_its_floors_were_measured_on() -> None:
    digest = hashlib.sha256(VARIED.read_bytes()).hexdigest()
    assert digest == FLOORS["varied"]["sha256"], (
        f"{VARIED.name} changed: re-measure (claimwatch eval --toll) before moving its floors"
    )


@pytest.mark.parametrize("aspect", sorted(FLOORS["varied"]["floors"]))
def test_varied_toll_stays_above_its_floor(aspect: str) -> None:
    # in-sample: the sixth round's rules came from this set's misses
    scores = score_blind(read_blind(VARIED)).as_dict()
    assert scores[aspect] >= FLOORS["varied"]["floors"][aspect], f"{aspect} {scores[aspect]}"


BLIND4 = EVAL / FLOORS["blind4"]["data"]


def test_the_fourth_blind_set_is_the_one_its_floors_were_measured_on() -> None:
    digest = hashlib.sha256(BLIND4.read_bytes()).hexdigest()
    assert digest == FLOORS["blind4"]["sha256"], (
        f"{BLIND4.name} changed: it is a blind set, so it is not edited after its first run"
    )


@pytest.mark.parametrize("aspect", sorted(FLOORS["blind4"]["floors"]))
def test_fourth_blind_toll_stays_above_its_floor(aspect: str) -> None:
    scores = score_blind(read_blind(BLIND4)).as_dict()
    assert scores[aspect] >= FLOORS["blind4"]["floors"][aspect], f"{aspect} {scores[aspect]}"


VARIED2 = EVAL / FLOORS["varied2"]["data"]


def test_the_varied2_dev_set_is_the_one_its_floors_were_measured_on() -> None:
    digest = hashlib.sha256(VARIED2.read_bytes()).hexdigest()
    assert digest == FLOORS["varied2"]["sha256"], (
        f"{VARIED2.name} changed: re-measure (claimwatch eval --toll) before moving its floors"
    )


@pytest.mark.parametrize("aspect", sorted(FLOORS["varied2"]["floors"]))
def test_varied2_toll_stays_above_its_floor(aspect: str) -> None:
    # in-sample: the eighth round's rules came from this set's misses
    scores = score_blind(read_blind(VARIED2)).as_dict()
    assert scores[aspect] >= FLOORS["varied2"]["floors"][aspect], f"{aspect} {scores[aspect]}"


def test_held_out_failures_stay_unprinted_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    report(1000)
    shown = capsys.readouterr().out
    held = [s for s in SENTENCE_SETS if s.held_out]
    assert [s.key for s in held] == ["blind3", "blind4"]
    missed: list[str] = []
    for sentence_set in held:
        cases = read_blind(sentence_set.path)
        missed_here: list[str] = []
        score_blind(cases, missed_here)
        assert not any(f"{case['id']} gold" in shown for case in cases)
        assert (f"held out: {len(missed_here)} failures not shown" in shown) == bool(missed_here)
        missed += missed_here
    report(1000, held_out_failures=True)
    asked = capsys.readouterr().out
    assert all(line in asked for line in missed)
