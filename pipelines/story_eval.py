"""Score story assignment on the shooting-news development set plus our hard negatives.

    python -m claimwatch.pipelines.story_eval [--articles DIR] [--json]

Articles go through the real SQLite store in publication order, one batch per day, so the
stored candidates, the in-batch overlay and the replay guard are all exercised. Gold is the
`incident` field: 43 incidents with two reports among 557, plus tests/data/eval's hard
negatives (same place and week, another event; the same kind of event in another city).
Pairwise scores count article pairs; B-cubed scores average per article.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.stories import CANDIDATES, WINDOW, StoryItem, assign_in_order
from claimwatch.transforms.story_terms import Rarity, article_profile

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (CI and the main checkout); CLAIMWATCH_SHARED for a worktree
# that lives elsewhere.
SHARED = Path(os.environ.get("CLAIMWATCH_SHARED") or ROOT.parent / "shared")
DEV_ARTICLES = SHARED / "data" / "shooting-news-dev" / "articles"
HARD_NEGATIVES = ROOT / "tests" / "data" / "eval" / "stories_hard_negatives.jsonl"


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    id: str
    incident: str
    published: datetime
    source: str
    url: str
    title: str
    text: str


def load_dev(directory: Path) -> list[LabelledArticle]:
    """The development split: title on the first line of each file, gold in gold.json."""
    gold = json.loads((directory / "gold.json").read_text(encoding="utf-8"))
    out = []
    for name, g in gold.items():
        title, _, text = (directory / name).read_text(encoding="utf-8").partition("\n")
        out.append(
            LabelledArticle(
                name, str(g["incident"]), _day(g["published"]), g["source"], g["url"], title, text
            )
        )
    return out


def load_negatives(path: Path = HARD_NEGATIVES) -> list[LabelledArticle]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(
                LabelledArticle(
                    d["id"],
                    d["incident"],
                    _day(d["published"]),
                    d["source"],
                    d["url"],
                    d["title"],
                    d["text"],
                )
            )
    return out


def _day(text: str) -> datetime:
    # The corpus dates documents by day; noon keeps every day's order the same in any zone.
    return datetime.fromisoformat(text).replace(hour=12, tzinfo=timezone.utc)


def assign_all(articles: Iterable[LabelledArticle], rarity: Rarity) -> tuple[dict[str, str], float]:
    """article id → story id through a real store, one batch per day; and seconds spent."""
    by_day: dict[datetime, list[LabelledArticle]] = defaultdict(list)
    for a in articles:
        by_day[a.published].append(a)
    decided: dict[str, str] = {}
    spent = 0.0
    with tempfile.TemporaryDirectory(prefix="claimwatch-story-eval-") as tmp:
        store = SqliteStore(Path(tmp) / "store.sqlite3")
        try:
            for day in sorted(by_day):
                batch = by_day[day]
                started = time.perf_counter()
                items = [
                    StoryItem(
                        a.id,
                        a.title,
                        a.source,
                        a.url,
                        a.published,
                        article_profile(a.title, a.text, extract_figures(a.text), rarity=rarity),
                    )
                    for a in batch
                ]
                assignments, stories = assign_in_order(
                    items,
                    lambda terms, since: store.stories_sharing(terms, since, CANDIDATES),
                    store.stories_of_articles([a.id for a in batch]),
                    rarity=rarity,
                )
                store.save_stories(stories)
                spent += time.perf_counter() - started
                decided.update({x.article_id: x.story_id for x in assignments})
        finally:
            store.close()
    return decided, spent


def scores(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, Any]:
    """Pairwise and B-cubed precision, recall and F1 of a clustering against gold labels."""
    ids = sorted(gold)
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        same_p, same_g = predicted[a] == predicted[b], gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    clusters: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, set[str]] = defaultdict(set)
    for i in ids:
        clusters[predicted[i]].add(i)
        classes[gold[i]].add(i)
    both = {i: len(clusters[predicted[i]] & classes[gold[i]]) for i in ids}
    b3p = sum(both[i] / len(clusters[predicted[i]]) for i in ids) / len(ids)
    b3r = sum(both[i] / len(classes[gold[i]]) for i in ids) / len(ids)
    pp = tp / (tp + fp) if tp + fp else 1.0
    pr = tp / (tp + fn) if tp + fn else 1.0
    return {
        "articles": len(ids),
        "gold_pairs": tp + fn,
        "pairs": {"tp": tp, "fp": fp, "fn": fn},
        "pairwise": _prf(pp, pr),
        "bcubed": _prf(b3p, b3r),
    }


def _prf(p: float, r: float) -> dict[str, float]:
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def evaluate(directory: Path = DEV_ARTICLES, rarity: Rarity | None = None) -> dict[str, Any]:
    articles = [*load_dev(directory), *load_negatives()]
    predicted, spent = assign_all(articles, rarity or Rarity.load())
    gold = {a.id: a.incident for a in articles}
    result = scores(predicted, gold)
    negatives = {a.id for a in load_negatives()}
    merged = sorted(
        n for n in negatives if sum(1 for p in predicted.values() if p == predicted[n]) > 1
    )
    result["hard_negatives"] = {"count": len(negatives), "merged_with_another": merged}
    dev_only = {i: g for i, g in gold.items() if i not in negatives}
    result["dev_only"] = scores({i: predicted[i] for i in dev_only}, dev_only)
    published = {a.id: a.published for a in articles}
    pairs = [ids for ids in _groups(gold).values() if len(ids) == 2]
    near = [p for p in pairs if abs(published[p[0]] - published[p[1]]) <= WINDOW]
    far = [p for p in pairs if p not in near]
    # Within the window a pair joins on what the reports share; past it (charges, trials,
    # months later) only on a person's name both give.
    result["pairs_within_window"] = {
        "pairs": len(near),
        "found": sum(1 for a, b in near if predicted[a] == predicted[b]),
    }
    result["pairs_beyond_window"] = {
        "pairs": len(far),
        "found": sum(1 for a, b in far if predicted[a] == predicted[b]),
    }
    result["ms_per_article"] = round(1000 * spent / len(articles), 3)
    result["missed_pairs"] = sorted(
        tuple(sorted(ids))
        for ids in _groups(gold).values()
        if len(ids) > 1 and len({predicted[i] for i in ids}) > 1
    )
    result["false_merges"] = sorted(
        tuple(sorted(ids)) for ids in _groups(predicted).values() if len({gold[i] for i in ids}) > 1
    )
    return result


def _groups(labels: Mapping[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for i, label in labels.items():
        out[label].append(i)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEV_ARTICLES)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not (args.articles / "gold.json").is_file():
        print(f"story eval: no development set at {args.articles} (gold.json missing)")
        return 2
    result = evaluate(args.articles)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    pw, b3 = result["pairwise"], result["bcubed"]
    print(f"{result['articles']} articles, {result['gold_pairs']} same-story pairs")
    print(f"pairwise  P {pw['precision']:.3f}  R {pw['recall']:.3f}  F1 {pw['f1']:.3f}")
    print(f"B-cubed   P {b3['precision']:.3f}  R {b3['recall']:.3f}  F1 {b3['f1']:.3f}")
    dev = result["dev_only"]["pairwise"]
    print(f"dev set alone: pairwise P {dev['precision']:.3f}  R {dev['recall']:.3f}")
    near, far = result["pairs_within_window"], result["pairs_beyond_window"]
    print(f"same-story pairs within {WINDOW.days} days: {near['found']} of {near['pairs']} found")
    print(f"same-story pairs further apart: {far['found']} of {far['pairs']} found")
    print(f"hard negatives merged: {result['hard_negatives']['merged_with_another']}")
    print(f"missed pairs: {len(result['missed_pairs'])}; false merges: {result['false_merges']}")
    print(f"{result['ms_per_article']} ms per article (profile, figures, store, decision)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
