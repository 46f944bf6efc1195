"""Per-article cost of figure extraction with and without the article toll (issue 11).

    python bench/toll_extract.py --repeat 3            # medians of 3 over the shooting-news dev set
    python bench/toll_extract.py --figures-only        # figures alone
    PYTHONPATH=SHIM python bench/toll_extract.py --figures-only --label before
                                     # the "before" row: SHIM/claimwatch/transforms links to the
                                     # transforms/ of the commit before issue 11 (59f21de)

Reads the articles from ../shared/data/shooting-news-dev/articles (never copied into the repo);
prints ms/article per variant, median and min-max of the runs, and writes
bench/results/toll_extract.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shooting_news_dir() -> Path | None:
    # the same places pipelines/toll_eval.py looks; kept here so the "before" row can run
    # on code from before that module existed
    relative = Path("shared") / "data" / "shooting-news-dev" / "articles"
    found = [ROOT.parent / relative, ROOT.parent.parent / relative]
    return next((c for c in found if (c / "gold.json").is_file()), None)


def _texts(limit: int | None) -> list[str]:
    folder = _shooting_news_dir()
    if folder is None:
        raise SystemExit("the shooting-news set is absent (../shared/data/shooting-news-dev)")
    files = sorted(folder.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files[:limit]]


def _time(func: Callable[[str], object], texts: list[str]) -> float:
    # CPU time of this process: on a machine shared with other jobs, wall time mostly
    # measures the neighbours
    _cold()
    start = time.process_time()
    for text in texts:
        func(text)
    return (time.process_time() - start) * 1000 / len(texts)


def _cold() -> None:
    """Forget the kept sentence quantities, so a repeat reads every article as a new one."""
    numbers = importlib.import_module("claimwatch.transforms.numbers")
    clear = getattr(getattr(numbers, "sentence_quantities", None), "cache_clear", None)
    if clear is not None:
        clear()


def _variants(figures_only: bool) -> dict[str, Callable[[str], object]]:
    from claimwatch.transforms.figures import extract_figures

    out: dict[str, Callable[[str], object]] = {"figures": extract_figures}
    if not figures_only:
        toll = importlib.import_module("claimwatch.transforms.toll")

        def both(text: str) -> object:
            return toll.article_toll(text, extract_figures(text))

        out["figures+toll"] = both
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--figures-only", action="store_true")
    parser.add_argument("--label", default="", help="suffix of the results file")
    args = parser.parse_args(argv)
    texts = _texts(args.limit)
    variants = _variants(args.figures_only)
    runs: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.repeat):
        for name, func in variants.items():  # interleaved, so drift hits both alike
            runs[name].append(_time(func, texts))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    import claimwatch.transforms.figures as figures_module

    result = {
        "code": str(Path(figures_module.__file__).resolve().parent),
        "articles": len(texts),
        "commit": commit,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load": Path("/proc/loadavg").read_text().split()[:3],
        "ms_per_article": {k: {"median": statistics.median(v), "runs": v} for k, v in runs.items()},
    }
    for name, values in runs.items():
        print(
            f"{name:<14} {statistics.median(values):7.2f} CPU ms/article "
            f"(min {min(values):.2f}, max {max(values):.2f}) on {len(texts)} articles"
        )
    out = ROOT / "bench" / "results" / "toll_extract.json"
    suffix = f"_{args.label}" if args.label else ""
    out = out.with_name(f"toll_extract{suffix}.json")
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
