"""Score the number finder and the figure extractor on tests/data/eval, and time them.

    claimwatch eval                  # tables + throughput (also: python bench/eval_figures.py)
    claimwatch eval --json           # one JSON object, for CI or a results table
    claimwatch eval --failures 20    # also print the first 20 failures of each
    claimwatch eval --toll           # only the article toll: shooting-news dev set + blind set

Throughput is measured on "articles" built by joining consecutive figure sentences until each
holds ARTICLE_WORDS words, about the length of a wire story, so runs stay comparable.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from claimwatch.transforms.numbers import find_quantities
from claimwatch.transforms.records import number
from claimwatch.transforms.scoring import (
    ASPECTS,
    FigureScores,
    NumberScores,
    score_figures,
    score_numbers,
)

EVAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "eval"
ARTICLE_WORDS = 550  # a wire story runs 400-800 words
MIN_SECONDS = 1.0  # repeat timing runs until at least this long, so small sets still time well


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_extract_figures() -> Callable[[str], Sequence[Any]]:
    """The project's extract_figures, imported only when asked for."""
    try:
        from claimwatch.transforms.figures import extract_figures
    except ImportError as exc:
        raise SystemExit(
            "bench/eval_figures.py: claimwatch.transforms.figures.extract_figures is not "
            f"available ({exc}); the figure scores need it. Run with --numbers-only to score "
            "the number finder alone."
        ) from exc
    return extract_figures


def throughput(func: Callable[[str], object], texts: list[str]) -> dict[str, float]:
    """Calls per second of `func` over `texts`, repeated for at least MIN_SECONDS."""
    chars = sum(len(t) for t in texts)
    runs = 0
    start = time.perf_counter()
    while True:
        for text in texts:
            func(text)
        runs += 1
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_SECONDS:
            break
    return {
        "texts": len(texts),
        "runs": runs,
        "seconds": round(elapsed, 3),
        "per_second": round(runs * len(texts) / elapsed, 1),
        "chars_per_second": round(runs * chars / elapsed),
    }


def articles(sentences: list[str]) -> list[str]:
    docs: list[str] = []
    current: list[str] = []
    for sentence in sentences:
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= ARTICLE_WORDS:
            docs.append(" ".join(current))
            current = []
    if current:
        docs.append(" ".join(current))
    return docs


def number_json(scores: NumberScores) -> dict[str, Any]:
    return {
        "cases": scores.cases,
        "passed": scores.passed,
        "pass_rate": round(scores.pass_rate, 4),
        "negatives": scores.negatives,
        "negatives_passed": scores.negatives_passed,
        "positive_pass_rate": round(scores.positive_pass_rate, 4),
        "negative_pass_rate": round(scores.negative_pass_rate, 4),
    }


def figure_json(scores: FigureScores) -> dict[str, Any]:
    out: dict[str, Any] = {
        "cases": scores.cases,
        "gold": scores.gold,
        "predicted": scores.predicted,
    }
    for name in ASPECTS:
        s = scores.aspect(name)
        out[name] = {
            "precision": round(s.precision, 4),
            "recall": round(s.recall, 4),
            "f1": round(s.f1, 4),
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
        }
    return out


def _brief(fields: Any) -> str:
    if fields is None:
        return "-"
    keys = ("text", "value", "low", "high", "qualifier", "metric", "subject", "role", "out_of")
    return " ".join(
        f"{k}={number(v) if isinstance(v, float) else v}"
        for k, v in fields.items()
        if k in keys and v is not None
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=Path, default=EVAL / "numbers.jsonl")
    parser.add_argument("--figures", type=Path, default=EVAL / "figures.jsonl")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--failures",
        type=int,
        default=0,
        metavar="N",
        help="print the first N failures of each scorer",
    )
    parser.add_argument(
        "--numbers-only",
        action="store_true",
        help="score the number finder alone (no extract_figures needed)",
    )
    parser.add_argument(
        "--toll",
        action="store_true",
        help="score only the article toll (shooting-news dev set and the blind set)",
    )
    parser.add_argument(
        "--held-out-failures",
        action="store_true",
        help="with --toll --failures: print the held-out blind set's failures too",
    )
    parser.add_argument(
        "--toll-parse",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --toll: score the toll with its parse fallback "
        "(default: $CLAIMWATCH_TOLL_PARSE, else off)",
    )
    args = parser.parse_args(argv)
    if args.toll:
        from claimwatch.pipelines.resources import toll_parse_enabled
        from claimwatch.pipelines.toll_eval import report
        from claimwatch.transforms.dependency_reader import DependencyReader

        reader = DependencyReader.load() if toll_parse_enabled(args.toll_parse) else None
        toll_scores = report(
            args.failures,
            quiet=args.json,
            held_out_failures=args.held_out_failures,
            fallback=reader,
        )
        if args.json:
            print(json.dumps({"toll": toll_scores}, indent=2))
        return 0

    number_cases = read_jsonl(args.numbers)
    figure_cases = read_jsonl(args.figures)
    sentences = [c["text"] for c in figure_cases]
    docs = articles(sentences)
    result: dict[str, Any] = {}

    numbers = score_numbers(number_cases, find_quantities)
    result["numbers"] = number_json(numbers)
    speed = {"find_quantities_articles": throughput(find_quantities, docs)}

    figures = None
    if not args.numbers_only:
        extract = load_extract_figures()
        figures = score_figures(figure_cases, extract)
        result["figures"] = figure_json(figures)
        speed["extract_figures_articles"] = throughput(extract, docs)
    result["throughput"] = speed

    from claimwatch.pipelines.toll_eval import report

    if args.json:
        result["toll"] = report(0, quiet=True)
        print(json.dumps(result, indent=2))
        return 0
    print(numbers.table())
    for f in numbers.failures[: args.failures]:
        print(f"  {f.case_id} {f.text!r}")
        print(f"    expected {[_brief(e) for e in f.expected]}")
        print(f"    got      {[_brief(g) for g in f.got]}")
    if figures is not None:
        print()
        print(figures.table())
        for ff in figures.failures[: args.failures]:
            print(f"  {ff.case_id} {ff.problem:<9} gold[{_brief(ff.gold)}]")
            print(f"  {'':<14}pred[{_brief(ff.predicted)}]  {ff.text!r}")
    print()
    words = sum(len(d.split()) for d in docs) / len(docs)
    print(f"throughput on {len(docs)} articles of ~{words:.0f} words:")
    for name, t in speed.items():
        print(
            f"  {name:<28}{t['per_second']:>9.1f} articles/s  {t['chars_per_second']:>10} chars/s"
        )
    if not args.numbers_only:
        print()
        report(args.failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
