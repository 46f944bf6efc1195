"""Figure extraction before issue 11 against figures + toll now, interleaved in one process.

    git archive 59f21de transforms | tar -x -C /tmp/before
    python bench/toll_interleaved.py --before /tmp/before/transforms --rounds 5
    python bench/toll_interleaved.py --before /tmp/before/transforms --rounds 3 --parse

On a machine shared with other jobs the speed drifts between runs; timing both variants on
the same 50 articles one right after the other, chunk by chunk, keeps the ratio honest. The
old transforms/ tree is copied to a temporary package (its `claimwatch.transforms` imports
renamed) so both versions load side by side. Prints the median per-chunk ratio and the
totals; the articles are read in place (../shared/data/shooting-news-dev/articles).
With --parse the toll reads with its parse fallback (transforms/dependency_reader.py; the
model is loaded before timing starts, as a worker loads it once).
"""

from __future__ import annotations

import argparse
import importlib
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from toll_extract import _texts  # noqa: E402  (bench/ is not a package)


def _load_before(tree: Path, into: Path) -> object:
    package = into / "cw_before"
    shutil.copytree(tree, package)
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        source.write_text(re.sub(r"claimwatch\.transforms", "cw_before", text), encoding="utf-8")
    sys.path.insert(0, str(into))
    return importlib.import_module("cw_before.figures")


def _cold() -> None:
    """Forget the kept sentence quantities: a timed run reads each article as a new one.

    (Repeating the same 50 articles would otherwise find every sentence already read; a
    version without the cache has nothing to clear.)
    """
    numbers = importlib.import_module("claimwatch.transforms.numbers")
    clear = getattr(getattr(numbers, "sentence_quantities", None), "cache_clear", None)
    if clear is not None:
        clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="an old transforms/ folder")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--parse", action="store_true", help="the toll with its parse fallback")
    args = parser.parse_args(argv)
    from claimwatch.transforms.figures import extract_figures
    from claimwatch.transforms.toll import FallbackReader, article_toll

    reader: FallbackReader | None = None
    if args.parse:
        from claimwatch.transforms.dependency_reader import DependencyReader

        reader = DependencyReader.load()

    texts = _texts(None)
    chunks = [texts[i : i + 50] for i in range(0, len(texts), 50)]
    with tempfile.TemporaryDirectory() as tmp:
        before = _load_before(args.before, Path(tmp))
        old = before.extract_figures  # type: ignore[attr-defined]
        ratios: list[float] = []
        spent = {"before": 0.0, "after": 0.0, "figures": 0.0}
        for _ in range(args.rounds):
            for chunk in chunks:
                timed = {}
                for name, run in (
                    ("before", lambda c: [old(t) for t in c]),
                    (
                        "after",
                        lambda c: [article_toll(t, extract_figures(t), fallback=reader) for t in c],
                    ),
                    ("figures", lambda c: [extract_figures(t) for t in c]),
                ):
                    _cold()
                    start = time.process_time()
                    run(chunk)
                    timed[name] = time.process_time() - start
                    spent[name] += timed[name]
                ratios.append(timed["after"] / timed["before"])
    per = {k: v * 1000 / len(texts) / args.rounds for k, v in spent.items()}
    q1, _, q3 = statistics.quantiles(ratios)
    print(
        f"figures+toll / figures-before: median {statistics.median(ratios):.3f} per chunk "
        f"(quartiles {q1:.3f}-{q3:.3f}), {spent['after'] / spent['before']:.3f} in total; "
        f"CPU ms/article: before {per['before']:.2f}, figures now {per['figures']:.2f}, "
        f"figures+toll now {per['after']:.2f} ({args.rounds} rounds x {len(chunks)} chunks)"
        + (" with the parse fallback" if args.parse else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
