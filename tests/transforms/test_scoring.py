"""The scorers themselves, on tiny hand cases whose right answer is known."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import pytest
from claimwatch.transforms.models import Figure
from claimwatch.transforms.numbers import Quantity
from claimwatch.transforms.scoring import PRF, gold_span, score_figures, score_numbers

TEXT = "Israel has killed at least 400 Palestinians and injured over 1,100 others."
GOLD: list[dict[str, Any]] = [
    {
        "id": "t1",
        "text": TEXT,
        "figures": [
            {
                "text": "at least 400",
                "value": 400,
                "low": 400,
                "high": None,
                "qualifier": "at_least",
                "metric": "killed",
                "subject": "palestinians",
            },
            {
                "text": "over 1,100",
                "value": 1100,
                "low": 1100,
                "high": None,
                "qualifier": "more_than",
                "metric": "injured",
                "subject": "palestinians",
            },
        ],
    }
]


def _figure(text: str, phrase: str, **overrides: Any) -> Figure:
    start = text.index(phrase)
    fields: dict[str, Any] = {
        "text": phrase,
        "value": None,
        "low": None,
        "high": None,
        "qualifier": "exact",
        "unit": None,
        "metric": None,
        "subject": None,
        "start": start,
        "end": start + len(phrase),
        "sentence": text,
    }
    fields.update(overrides)
    return Figure(**fields)


KILLED = _figure(
    TEXT,
    "at least 400",
    value=400.0,
    low=400.0,
    qualifier="at_least",
    metric="killed",
    subject="palestinians",
)
INJURED = _figure(
    TEXT,
    "over 1,100",
    value=1100.0,
    low=1100.0,
    qualifier="more_than",
    metric="injured",
    subject="palestinians",
)


def _predict(*figures: Figure) -> Callable[[str], Sequence[Figure]]:
    return lambda text: list(figures)


def _rates(prf: PRF) -> tuple[float, float, float]:
    return prf.precision, prf.recall, prf.f1


def test_perfect_prediction_scores_one_everywhere() -> None:
    scores = score_figures(GOLD, _predict(KILLED, INJURED))
    for aspect in ("detection", "value", "metric", "subject", "role"):
        assert _rates(scores.aspect(aspect)) == (1.0, 1.0, 1.0), aspect
    assert scores.failures == ()
    assert (scores.cases, scores.gold, scores.predicted) == (1, 2, 2)


def test_wrong_metric_lowers_metric_only() -> None:
    scores = score_figures(GOLD, _predict(KILLED, replace(INJURED, metric="killed")))
    assert _rates(scores.metric) == (0.5, 0.5, 0.5)
    for aspect in ("detection", "value", "subject", "role"):
        assert _rates(scores.aspect(aspect)) == (1.0, 1.0, 1.0), aspect
    assert [f.problem for f in scores.failures] == ["metric"]
    assert scores.failures[0].gold is not None and scores.failures[0].gold["metric"] == "injured"


def test_wrong_subject_lowers_subject_only() -> None:
    scores = score_figures(GOLD, _predict(KILLED, replace(INJURED, subject="others")))
    assert _rates(scores.subject) == (0.5, 0.5, 0.5)
    assert _rates(scores.metric) == (1.0, 1.0, 1.0)
    assert _rates(scores.value) == (1.0, 1.0, 1.0)


def test_wrong_bound_or_qualifier_lowers_value_only() -> None:
    wrong_qualifier = replace(INJURED, qualifier="exact", high=1100.0)
    scores = score_figures(GOLD, _predict(KILLED, wrong_qualifier))
    assert scores.value == PRF(tp=1, fp=1, fn=1)
    assert scores.detection == PRF(tp=2, fp=0, fn=0)


def test_missed_figure_lowers_recall_not_precision() -> None:
    scores = score_figures(GOLD, _predict(KILLED))
    assert scores.detection == PRF(tp=1, fp=0, fn=1)
    assert _rates(scores.metric)[:2] == (1.0, 0.5)
    assert [f.problem for f in scores.failures] == ["missed"]


def test_spurious_figure_lowers_precision_and_metricless_figures_are_ignored() -> None:
    text = "At least 400 were killed on October 7, 2023, Channel 13 said."
    case = {
        "id": "t2",
        "text": text,
        "figures": [
            {
                "text": "At least 400",
                "value": 400,
                "low": 400,
                "high": None,
                "qualifier": "at_least",
                "metric": "killed",
                "subject": None,
            }
        ],
    }
    right = _figure(
        text, "At least 400", value=400.0, low=400.0, qualifier="at_least", metric="killed"
    )
    channel = _figure(text, "13", value=13.0, low=13.0, high=13.0)  # metric None: ignored
    year = _figure(text, "2023", value=2023.0, low=2023.0, high=2023.0, metric="killed")
    scores = score_figures([case], _predict(right, channel, year))
    assert scores.predicted == 2
    assert scores.detection == PRF(tp=1, fp=1, fn=0)
    assert [f.problem for f in scores.failures] == ["spurious"]


def test_partial_span_overlap_still_matches() -> None:
    bare = replace(KILLED, text="400", start=TEXT.index("400"), end=TEXT.index("400") + 3)
    scores = score_figures(GOLD, _predict(bare, INJURED))
    assert scores.detection == PRF(tp=2, fp=0, fn=0)


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    text = "Up to 200 troops, up from an earlier commitment of 200."
    second = text.rindex("200")
    case = {
        "id": "t3",
        "text": text,
        "figures": [
            {
                "text": "Up to 200",
                "value": 200,
                "low": None,
                "high": 200,
                "qualifier": "up_to",
                "metric": "troops",
                "subject": "troops",
            },
            {
                "text": "200",
                "start": second,
                "value": 200,
                "low": 200,
                "high": 200,
                "qualifier": "exact",
                "metric": "troops",
                "subject": "troops",
                "role": "previous",
            },
        ],
    }
    current = _figure(
        text,
        "Up to 200",
        value=200.0,
        high=200.0,
        qualifier="up_to",
        metric="troops",
        subject="troops",
    )
    previous = replace(
        current,
        text="200",
        start=second,
        end=second + 3,
        value=200.0,
        low=200.0,
        high=200.0,
        qualifier="exact",
    )  # role left "current"
    scores = score_figures([case], _predict(current, previous))
    assert scores.detection == PRF(tp=2, fp=0, fn=0)
    assert scores.value == PRF(tp=2, fp=0, fn=0)
    assert scores.role == PRF(tp=1, fp=1, fn=1)


def test_gold_span_uses_start_for_repeated_text_and_rejects_missing_text() -> None:
    text = "200 now, 200 before"
    assert gold_span(text, {"text": "200"}) == (0, 3)
    assert gold_span(text, {"text": "200", "start": 9}) == (9, 12)
    with pytest.raises(ValueError, match="not at 3"):
        gold_span(text, {"text": "200", "start": 3})
    with pytest.raises(ValueError, match="is not in the case text"):
        gold_span(text, {"text": "300"})


def test_figure_table_prints_every_aspect() -> None:
    table = score_figures(GOLD, _predict(KILLED)).table()
    for aspect in ("detection", "value", "metric", "subject", "role"):
        assert aspect in table
    assert "2 gold, 1 predicted" in table


def test_unknown_aspect_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown aspect"):
        score_figures(GOLD, _predict()).aspect("place")


# ---------------------------------------------------------------------------- numbers


def _q(
    text: str,
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: Any,
    kind: Any = "count",
    unit: str | None = None,
) -> Quantity:
    return Quantity(text, 0, len(text), value, low, high, qualifier, kind, unit)


NUMBER_CASES: list[Mapping[str, Any]] = [
    {
        "id": "a",
        "text": "at least 400 died in 2024",
        "expect": [
            {
                "text": "at least 400",
                "value": 400,
                "low": 400,
                "high": None,
                "qualifier": "at_least",
                "kind": "count",
            }
        ],
    },
    {"id": "b", "text": "through 2027", "expect": []},
]


def test_score_numbers_counts_passes_and_negatives() -> None:
    def find(text: str) -> list[Quantity]:
        if text.startswith("at least"):
            return [
                _q("at least 400", 400, 400, None, "at_least"),
                _q("2024", 2024, 2024, 2024, "exact", "year"),
            ]
        return [_q("2027", 2027, 2027, 2027, "exact", "year")]

    scores = score_numbers(NUMBER_CASES, find)
    assert (scores.cases, scores.passed, scores.negatives, scores.negatives_passed) == (2, 2, 1, 1)
    assert scores.pass_rate == 1.0 and scores.failures == ()


def test_score_numbers_fails_a_case_on_any_field_or_an_extra_amount() -> None:
    def find(text: str) -> list[Quantity]:
        if text.startswith("at least"):
            return [_q("at least 400", 400, 400, 400, "at_least")]  # high should be None
        return [_q("2027", 2027, 2027, 2027, "exact", "count")]  # a year taken for a count

    scores = score_numbers(NUMBER_CASES, find)
    assert scores.passed == 0
    assert [f.case_id for f in scores.failures] == ["a", "b"]
    assert scores.failures[1].got[0]["kind"] == "count"
    assert "negatives" in scores.table()


def test_score_numbers_compares_optional_fields_only_when_gold_has_them() -> None:
    case: dict[str, Any] = {
        "id": "c",
        "text": "$3 billion",
        "expect": [
            {"text": "$3 billion", "value": 3e9, "low": 3e9, "high": 3e9, "qualifier": "exact"}
        ],
    }
    found = [_q("$3 billion", 3e9, 3e9, 3e9, "exact", "money", "USD")]
    assert score_numbers([case], lambda text: found).passed == 1
    strict = {**case, "expect": [{**case["expect"][0], "unit": "EUR"}]}
    assert score_numbers([strict], lambda text: found).passed == 0
