"""Per-stage throughput on the embedded default, each stage timed alone on the same corpus.

    feed parse ─▶ text extraction ─▶ decode ─▶ dedup ─▶ figures ─▶ entities ─▶ claims ─▶ store

Each stage calls the same core/connector functions the Beam DoFns call, in the same way
(one article per call where the DoFn does that), without Beam around them, so the sum of the
stages against the end-to-end time shows what the runner itself costs.

    python bench/stages.py                 # 1000 generated articles, 3 runs per stage
    python bench/stages.py --articles 2000 --repeat 5 --corpus /tmp/corpus

Prints a table; writes bench/results/stages.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from common import ensure_corpus, load_articles, load_gold, table, timed, write_result


def run(corpus: Path, *, repeat: int, html_pages: int) -> dict[str, Any]:
    from claimwatch.connectors.feeds import parse_feed
    from claimwatch.connectors.pages import extract_text
    from claimwatch.connectors.sqlite_store import SqliteStore
    from claimwatch.connectors.store import Extraction
    from claimwatch.transforms.claims import (
        alerts_for_changes,
        claims_from_figures,
        detect_changes,
    )
    from claimwatch.transforms.dedup import dedupe_in_order
    from claimwatch.transforms.entities import EntityExtractor
    from claimwatch.transforms.figures import extract_figures, figure_fingerprint
    from claimwatch.transforms.records import decode_article, encode_article

    articles = load_articles(corpus)
    n = len(articles)
    feeds = sorted((corpus / "feeds").glob("*.xml"))
    bodies = [(str(p), p.read_bytes()) for p in feeds]
    pages = [p.read_bytes() for p in sorted((corpus / "pages").glob("*.html"))][:html_pages]
    payloads = [encode_article(a) for a in articles]
    timings = []

    entries = sum(len(parse_feed(b, feed_url=u)) for u, b in bodies)
    timings.append(
        timed(
            "feed parse (feedparser, RSS with full text)",
            entries,
            lambda: [parse_feed(b, feed_url=u) for u, b in bodies],
            repeat=repeat,
        )
    )
    if pages:
        timings.append(
            timed(
                "text extraction (trafilatura, generated pages)",
                len(pages),
                lambda: [extract_text(p, f"https://x.example/{i}") for i, p in enumerate(pages)],
                repeat=repeat,
            )
        )
    timings.append(
        timed("decode log record", n, lambda: [decode_article(p) for p in payloads], repeat=repeat)
    )

    figures_by_id = {a.id: extract_figures(a.text) for a in articles}
    fingerprints = {k: figure_fingerprint(v) for k, v in figures_by_id.items()}
    tmp = Path(tempfile.mkdtemp(prefix="claimwatch-bench-stages-"))
    state: dict[str, Any] = {}

    def fresh_store() -> None:
        if "store" in state:
            state["store"].close()
        path = tmp / f"store-{len(list(tmp.iterdir()))}.sqlite3"
        state["store"] = SqliteStore(path)

    def dedup(with_fingerprint: bool) -> list[Any]:
        store = state["store"]
        items = [
            (
                a.id,
                a.canonical_url,
                a.text,
                a.published,
                a.source,
                figure_fingerprint(extract_figures(a.text))
                if with_fingerprint
                else fingerprints[a.id],
            )
            for a in articles
        ]
        results = dedupe_in_order(
            items,
            lambda s: store.signatures_matching(s.canonical_url, s.content_hash, s.bands),
            store.versions_at,
        )
        store.save_signatures([r.signature for r in results if r.duplicate_of is None])
        state["dedup"] = results
        return results

    timings.append(
        timed(
            "dedup: signatures + decision + save (store: empty at start)",
            n,
            lambda: dedup(False),
            repeat=repeat,
            setup=fresh_store,
        )
    )
    timings.append(
        timed(
            "dedup as DecideDuplicates runs it (+ extract_figures for the fingerprint)",
            n,
            lambda: dedup(True),
            repeat=repeat,
            setup=fresh_store,
            note="the DoFn extracts figures once here and again in ExtractFigures",
        )
    )
    dedup_quality = _dedup_quality(state["dedup"], load_gold(corpus))
    duplicates = {r.article_id for r in state["dedup"] if r.duplicate_of}
    originals = [a for a in articles if a.id not in duplicates]
    m = len(originals)

    timings.append(
        timed(
            "figures (extract_figures, whole text)",
            m,
            lambda: [extract_figures(a.text) for a in originals],
            repeat=repeat,
        )
    )
    ner = EntityExtractor.load(scope="figures")

    def entities(extractor: Any) -> list[Any]:
        # As ExtractFigures does: batches of up to 64 articles (BatchForNlp), the figures
        # already found telling which sentences hold a tracked figure, one pipe() per batch.
        out = []
        for i in range(0, m, 64):
            chunk = originals[i : i + 64]
            out.extend(
                extractor.extract_many(
                    [a.text for a in chunk], [figures_by_id[a.id] for a in chunk]
                )
            )
        return out

    timings.append(
        timed(
            "entities (spaCy NER on tracked-figure sentences, batches of 64, as the DoFn)",
            m,
            lambda: entities(ner),
            repeat=repeat,
        )
    )
    # en_core_web_sm's NER has its own embedded tok2vec; with tagger and parser disabled the
    # shared tok2vec component feeds no one, yet EntityExtractor.load keeps it running.
    import spacy
    from claimwatch.transforms.entities import available_model

    lean = EntityExtractor(
        spacy.load(
            available_model() or "",
            disable=["parser", "lemmatizer", "tagger", "attribute_ruler", "tok2vec"],
        )
    )
    timings.append(
        timed(
            "entities, unused tok2vec component also disabled (not the product)",
            m,
            lambda: entities(lean),
            repeat=repeat,
        )
    )
    same = entities(lean) == entities(ner)
    timings[-1].note = f"same entities as the product: {same}"
    entities_by_id = dict(zip([a.id for a in originals], entities(ner), strict=True))

    claims_by_key: dict[str, list[Any]] = defaultdict(list)
    for a in originals:
        for c in claims_from_figures(a, figures_by_id[a.id]):
            claims_by_key[c.key.as_string()].append(c)
    n_claims = sum(len(v) for v in claims_by_key.values())

    def claims_stage() -> int:
        built = 0
        for a in originals:
            built += len(claims_from_figures(a, figures_by_id[a.id]))
        window = timedelta(hours=24)
        now = datetime.now(timezone.utc)
        alerts = 0
        for new in claims_by_key.values():
            changes = detect_changes([], new, conflict_window=window)
            # What DetectClaimChanges runs: every change's alert from one pass over the key.
            alerts += len(alerts_for_changes(changes, new, detected_at=now))
        state["alerts"] = alerts
        return built

    timings.append(
        timed(
            "claims (build + detect_changes + to_alert, all keys in one batch)",
            m,
            claims_stage,
            repeat=repeat,
            note=f"{n_claims} claims over {len(claims_by_key)} keys",
        )
    )

    def store_writes() -> None:
        store = state["store"]
        for i in range(0, n, 256):  # StoreArticles: batches of up to 256
            store.save_articles(articles[i : i + 256])
        for i in range(0, m, 64):  # ExtractFigures: one write per batch of up to 64
            store.save_extractions(
                [
                    Extraction(a.id, tuple(entities_by_id[a.id]), tuple(figures_by_id[a.id]))
                    for a in originals[i : i + 64]
                ]
            )
        now = datetime.now(timezone.utc)
        for key, new in claims_by_key.items():  # DetectClaimChanges: per key
            history = store.claim_history(key)
            changes = detect_changes(history, new)
            store.save_claims(new)
            store.save_alerts(alerts_for_changes(changes, [*history, *new], detected_at=now))

    timings.append(
        timed(
            "store writes (SQLite: articles, extractions, claim history read, claims, alerts)",
            n,
            store_writes,
            repeat=repeat,
            setup=fresh_store,
            note="includes detect_changes per key against the stored history",
        )
    )
    state["store"].close()

    rows = [
        (
            t.name,
            t.items,
            f"{t.per_second:,.0f}",
            f"{t.ms_per_item:.2f}",
            f"{min(t.items / s for s in t.seconds):,.0f}–"
            f"{max(t.items / s for s in t.seconds):,.0f}",
        )
        for t in timings
    ]
    print(table(rows, ("stage", "items", "articles/s", "ms/article", "min–max /s")))
    print(
        f"dedup on the corpus: {dedup_quality}\n"
        f"originals {m} of {n}; figures {sum(len(v) for v in figures_by_id.values())}; "
        f"claims {n_claims} over {len(claims_by_key)} keys; alerts {state['alerts']}"
    )
    return {
        "corpus": str(corpus),
        "articles": n,
        "originals": m,
        "repeat": repeat,
        "stages": [t.as_dict() for t in timings],
        "dedup_quality": dedup_quality,
        "claims": n_claims,
        "claim_keys": len(claims_by_key),
    }


def _dedup_quality(results: list[Any], gold: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Verdicts against what the generator made: re-posts and syndicated copies are copies."""
    found: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for r in results:
        kind = gold.get(r.article_id, {}).get("kind", "original")
        total[kind] += 1
        found[kind] += bool(r.duplicate_of)
    return {kind: {"flagged_duplicate": found[kind], "of": total[kind]} for kind in sorted(total)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="per-stage throughput")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--html", type=int, default=200, help="pages for text extraction")
    parser.add_argument("--corpus", type=Path, help="default: /tmp/claimwatch-bench/corpus-N")
    args = parser.parse_args(argv)
    corpus = args.corpus or Path(f"/tmp/claimwatch-bench/corpus-{args.articles}")
    ensure_corpus(corpus, args.articles, html=args.html)
    result = run(corpus, repeat=args.repeat, html_pages=args.html)
    print(f"wrote {write_result('stages', result)}")
    print(json.dumps({"dedup_quality": result["dedup_quality"]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
