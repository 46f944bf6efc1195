"""Scorers for the evaluation sets in tests/data/eval: pure functions over cases and a predictor.

    numbers.jsonl ─score_numbers(cases, find_quantities)─▶ NumberScores (pass rate, failures)
    figures.jsonl ─score_figures(cases, extract_figures)─▶ FigureScores (P/R/F1 per aspect)

Figures are matched to gold by character-span overlap of the number phrase in the case text,
one to one, largest overlap first. Each aspect is scored on its own: a matched figure with the
right number but the wrong metric counts as a true positive for detection and value and as
both a false positive and a false negative for metric, so one mistake lowers exactly one row.
The callers read the files; nothing here does I/O.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimwatch.transforms.models import Figure
from claimwatch.transforms.numbers import Quantity

Case = Mapping[str, Any]
_AMOUNT_KINDS = ("count", "money")
_NUMBER_FIELDS = ("text", "value", "low", "high", "qualifier")
_OPTIONAL_FIELDS = ("kind", "unit", "out_of")  # compared only when the gold entry has them
ASPECTS = ("detection", "value", "metric", "subject", "role")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


# ---------------------------------------------------------------------------- numbers


@dataclass(frozen=True, slots=True)
class NumberFailure:
    """One case whose count/money quantities differ from the gold list."""

    case_id: str
    text: str
    expected: tuple[Mapping[str, Any], ...]
    got: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True, slots=True)
class NumberScores:
    """Pass rate of a number finder on the normalisation table."""

    cases: int
    passed: int
    negatives: int  # cases whose gold list is empty
    negatives_passed: int
    failures: tuple[NumberFailure, ...]

    @property
    def pass_rate(self) -> float:
        return self.passed / self.cases if self.cases else 0.0

    @property
    def positive_pass_rate(self) -> float:
        positives = self.cases - self.negatives
        return (self.passed - self.negatives_passed) / positives if positives else 0.0

    @property
    def negative_pass_rate(self) -> float:
        return self.negatives_passed / self.negatives if self.negatives else 0.0

    def table(self) -> str:
        positives = self.cases - self.negatives
        rows = [
            ("all cases", self.passed, self.cases, self.pass_rate),
            (
                "with amounts",
                self.passed - self.negatives_passed,
                positives,
                self.positive_pass_rate,
            ),
            ("negatives", self.negatives_passed, self.negatives, self.negative_pass_rate),
        ]
        lines = [f"{'numbers':<14}{'passed':>8}{'cases':>8}{'rate':>8}"]
        lines += [f"{name:<14}{p:>8}{n:>8}{r:>8.3f}" for name, p, n, r in rows]
        return "\n".join(lines)


def quantity_fields(quantity: Quantity, like: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The gold-comparable fields of a Quantity (optional ones only when `like` has them)."""
    fields = {name: getattr(quantity, name) for name in _NUMBER_FIELDS}
    for name in _OPTIONAL_FIELDS:
        if like is None or name in like:
            fields[name] = getattr(quantity, name)
    return fields


def _quantity_matches(quantity: Quantity, gold: Mapping[str, Any]) -> bool:
    fields = quantity_fields(quantity, gold)
    return all(_same(fields[name], gold.get(name)) for name in fields)


def score_numbers(cases: Iterable[Case], find: Callable[[str], Sequence[Quantity]]) -> NumberScores:
    """Run `find` on every case; a case passes when its count/money quantities equal `expect`.

    Args:
        cases: mappings with "id", "text" and "expect" (a list of gold quantities with text,
            value, low, high, qualifier and optionally kind, unit, out_of).
        find: a number finder such as `claimwatch.transforms.numbers.find_quantities`.

    Returns:
        Counts, the pass rate and every failing case with what was expected and found.
    """
    total = passed = negatives = negatives_passed = 0
    failures: list[NumberFailure] = []
    for case in cases:
        expect: list[Mapping[str, Any]] = list(case["expect"])
        got = [q for q in find(case["text"]) if q.kind in _AMOUNT_KINDS]
        ok = len(got) == len(expect) and all(
            _quantity_matches(q, g) for q, g in zip(got, expect, strict=True)
        )
        total += 1
        negatives += not expect
        if ok:
            passed += 1
            negatives_passed += not expect
        else:
            failures.append(
                NumberFailure(
                    case_id=str(case["id"]),
                    text=case["text"],
                    expected=tuple(expect),
                    got=tuple(quantity_fields(q) for q in got),
                )
            )
    return NumberScores(total, passed, negatives, negatives_passed, tuple(failures))


# ---------------------------------------------------------------------------- figures


@dataclass(frozen=True, slots=True)
class PRF:
    """True positives, false positives and false negatives of one aspect."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class FigureFailure:
    """One disagreement: a missed gold figure, a spurious prediction, or a wrong aspect."""

    case_id: str
    problem: str  # "missed", "spurious", or the aspect that differs: "value", "metric"…
    gold: Mapping[str, Any] | None
    predicted: Mapping[str, Any] | None
    text: str


@dataclass(frozen=True, slots=True)
class FigureScores:
    """Precision, recall and F1 of a figure extractor, per aspect."""

    cases: int
    gold: int
    predicted: int
    detection: PRF
    value: PRF
    metric: PRF
    subject: PRF
    role: PRF
    failures: tuple[FigureFailure, ...]

    def aspect(self, name: str) -> PRF:
        if name not in ASPECTS:
            raise ValueError(f"unknown aspect {name!r}: choose one of {', '.join(ASPECTS)}")
        prf: PRF = getattr(self, name)
        return prf

    def table(self) -> str:
        lines = [
            f"figures: {self.cases} cases, {self.gold} gold, {self.predicted} predicted",
            f"{'aspect':<11}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}",
        ]
        for name in ASPECTS:
            s = self.aspect(name)
            lines.append(
                f"{name:<11}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                f"{s.tp:>6}{s.fp:>6}{s.fn:>6}"
            )
        return "\n".join(lines)


def gold_span(case_text: str, gold: Mapping[str, Any]) -> tuple[int, int]:
    """Where a gold figure's text sits in the case text: its "start" if given, else the
    first occurrence.

    Raises:
        ValueError: the figure's text is not in the case text (a broken gold file).
    """
    phrase = str(gold["text"])
    start = gold.get("start")
    if start is None:
        start = case_text.find(phrase)
        if start < 0:
            raise ValueError(f"gold figure {phrase!r} is not in the case text {case_text!r}")
    elif case_text[start : start + len(phrase)] != phrase:
        raise ValueError(f"gold figure {phrase!r} is not at {start} in {case_text!r}")
    return int(start), int(start) + len(phrase)


def figure_fields(figure: Figure) -> dict[str, Any]:
    return {
        "text": figure.text,
        "start": figure.start,
        "end": figure.end,
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "qualifier": figure.qualifier,
        "metric": figure.metric,
        "subject": figure.subject,
        "role": figure.role,
        "out_of": figure.out_of,
    }


def _aspect_ok(aspect: str, gold: Mapping[str, Any], fig: Figure) -> bool:
    if aspect == "value":
        return all(
            _same(getattr(fig, name), gold.get(name)) for name in ("value", "low", "high")
        ) and fig.qualifier == gold.get("qualifier")
    if aspect == "role":
        return bool(fig.role == gold.get("role", "current"))
    return bool(getattr(fig, aspect) == gold.get(aspect))


def _match(spans: list[tuple[int, int]], figures: list[Figure]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs, largest span overlap first."""
    pairs = []
    for g, (gs, ge) in enumerate(spans):
        for p, fig in enumerate(figures):
            overlap = min(ge, fig.end) - max(gs, fig.start)
            if overlap > 0:
                pairs.append((-overlap, g, p))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for _, g, p in pairs:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            matched.append((g, p))
    return matched


def score_figures(
    gold_cases: Iterable[Case], predict: Callable[[str], Sequence[Figure]]
) -> FigureScores:
    """Score a figure extractor against gold sentences.

    Args:
        gold_cases: mappings with "id", "text" and "figures" (gold figures with text, value,
            low, high, qualifier, metric, subject, optional role, start, out_of).
        predict: text → figures, e.g. `claimwatch.transforms.figures.extract_figures`; only
            figures whose metric is not None count as predictions.

    Returns:
        Per-aspect counts (detection, value, metric, subject, role) and the failures.
    """
    counts = {aspect: [0, 0, 0] for aspect in ASPECTS}  # tp, fp, fn
    failures: list[FigureFailure] = []
    n_cases = n_gold = n_pred = 0
    for case in gold_cases:
        text = case["text"]
        golds: list[Mapping[str, Any]] = list(case["figures"])
        spans = [gold_span(text, g) for g in golds]
        figures = [f for f in predict(text) if f.metric is not None]
        n_cases += 1
        n_gold += len(golds)
        n_pred += len(figures)
        matched = _match(spans, figures)
        hits = {aspect: 0 for aspect in ASPECTS}
        for g, p in matched:
            hits["detection"] += 1
            for aspect in ASPECTS[1:]:
                if _aspect_ok(aspect, golds[g], figures[p]):
                    hits[aspect] += 1
                else:
                    failures.append(
                        FigureFailure(
                            str(case["id"]), aspect, golds[g], figure_fields(figures[p]), text
                        )
                    )
        for aspect in ASPECTS:
            counts[aspect][0] += hits[aspect]
            counts[aspect][1] += len(figures) - hits[aspect]
            counts[aspect][2] += len(golds) - hits[aspect]
        matched_g = {g for g, _ in matched}
        matched_p = {p for _, p in matched}
        failures += [
            FigureFailure(str(case["id"]), "missed", golds[g], None, text)
            for g in range(len(golds))
            if g not in matched_g
        ]
        failures += [
            FigureFailure(str(case["id"]), "spurious", None, figure_fields(f), text)
            for p, f in enumerate(figures)
            if p not in matched_p
        ]
    prf = {aspect: PRF(*c) for aspect, c in counts.items()}
    return FigureScores(
        cases=n_cases,
        gold=n_gold,
        predicted=n_pred,
        detection=prf["detection"],
        value=prf["value"],
        metric=prf["metric"],
        subject=prf["subject"],
        role=prf["role"],
        failures=tuple(failures),
    )
