"""Dump what extraction gives, so a speed change can be shown to change none of it.

    python bench/extract_identity.py --out /tmp/before.jsonl     # on the old code
    python bench/extract_identity.py --out /tmp/after.jsonl      # on the new code
    cmp /tmp/before.jsonl /tmp/after.jsonl                       # byte-identical, or not

One JSON line (sorted keys) per text: its figures (`extract_figures`), the quantities of the
whole text and of every sentence figures read (`find_quantities`), the toll
(`article_toll(text, figures)`) and the counted mentions per sentence (`sentence_mentions`).
Texts: the 600 shooting-news dev articles (../shared/data/shooting-news-dev/articles, read in
place, never copied), then every `text` of the eval sets in tests/data/eval (the toll sets,
held-out blind set 3 included, figures.jsonl, numbers.jsonl, the story set, whose records
are also read as title + newline + text). Only the dump is written: nothing here prints a
sentence, so the held-out set can be compared without being read. Runs under
PYTHONHASHSEED=0 (it re-executes itself so) to keep any set order fixed; `--limit N` dumps
the first N articles only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from toll_extract import _shooting_news_dir  # noqa: E402  (bench/ is not a package)

EVAL = ROOT / "tests" / "data" / "eval"
SETS = (
    "toll_blind.jsonl",
    "toll_blind2.jsonl",
    "toll_blind3.jsonl",
    "toll_varied_dev.jsonl",
    "figures.jsonl",
    "numbers.jsonl",
    "stories_hard_negatives.jsonl",
)


def _plain(value: object) -> object:
    """A JSON-ready copy: dataclasses by field, sets sorted, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)  # type: ignore[type-var]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _texts(limit: int | None) -> Iterator[tuple[str, str, str]]:
    folder = _shooting_news_dir()
    if folder is None:
        raise SystemExit("the shooting-news set is absent (../shared/data/shooting-news-dev)")
    for path in sorted(folder.glob("*.txt"))[:limit]:
        yield "shooting-news-dev", path.stem, path.read_text(encoding="utf-8")
    for name in SETS:
        for n, line in enumerate((EVAL / name).read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            record = json.loads(line)
            ident = str(record.get("id", n))
            yield name, ident, record["text"]
            if record.get("title"):
                yield name, f"{ident}+title", f"{record['title']}\n{record['text']}"


def _dump(text: str) -> dict[str, object]:
    from claimwatch.transforms.figures import candidate_sentences, extract_figures
    from claimwatch.transforms.numbers import find_quantities
    from claimwatch.transforms.toll import article_toll, sentence_mentions

    figures = extract_figures(text)
    return {
        "figures": _plain(figures),
        "quantities": _plain(find_quantities(text)),
        "sentence_quantities": [_plain(find_quantities(s.text)) for s in candidate_sentences(text)],
        "toll": _plain(article_toll(text, figures)),
        "mentions": [[_plain(s), _plain(found)] for s, found in sentence_mentions(text)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the JSON-lines file to write")
    parser.add_argument("--limit", type=int, default=None, help="dev articles to dump")
    args = parser.parse_args(argv)
    count = 0
    with args.out.open("w", encoding="utf-8") as out:
        for name, ident, text in _texts(args.limit):
            row = {"set": name, "id": ident, **_dump(text)}
            out.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} texts dumped to {args.out}")
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])
    sys.exit(main())
