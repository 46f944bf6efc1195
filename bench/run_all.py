"""The benchmark set, one script after another (never two at once: the machine has 2 cores).

    python bench/run_all.py            # quick set, ~6–8 minutes (estimated): `make bench`
    python bench/run_all.py --full     # the README's figures, ~45 minutes, needs the stack

quick: stages (500 articles), embedded end to end (1k ×3), baseline extraction (500 ×3),
       dedup scaling (10k, 100k), latency (60 samples), batch overhead
full:  stages (1k), embedded end to end (1k and 5k ×3), baseline extraction and end to end
       (1k ×3), dedup scaling (10k, 100k, 1M), latency (60 samples), batch overhead,
       stack end to end (1k ×3)

Each script writes bench/results/<name>.json; this one adds bench/results/summary.json and
prints the summary table against the targets.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from typing import Any

from common import BENCH, PYTHON, RESULTS, table, write_result

QUICK = [
    ("stages", ["stages.py", "--articles", "500", "--repeat", "3", "--html", "100"]),
    ("e2e_embedded", ["e2e_embedded.py", "--sizes", "1000", "--repeat", "3"]),
    ("baseline", ["baseline_spacy.py", "--articles", "500", "--repeat", "3", "--skip-e2e"]),
    ("dedup_scaling", ["dedup_scaling.py", "--sizes", "10000,100000"]),
    ("latency", ["latency.py", "--samples", "60"]),
    ("batch_overhead", ["batch_overhead.py", "--batches", "8"]),
]
FULL = [
    ("stages", ["stages.py", "--articles", "1000", "--repeat", "3", "--html", "200"]),
    ("e2e_embedded", ["e2e_embedded.py", "--sizes", "1000,5000", "--repeat", "3"]),
    ("baseline", ["baseline_spacy.py", "--articles", "1000", "--repeat", "3"]),
    ("dedup_scaling", ["dedup_scaling.py", "--sizes", "10000,100000,1000000"]),
    ("latency", ["latency.py", "--samples", "60"]),
    ("batch_overhead", ["batch_overhead.py", "--batches", "8"]),
    ("stack_e2e", ["stack_e2e.py", "--articles", "1000", "--repeat", "3"]),
]


def load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def summary() -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    st = load("stages")
    if st:
        slowest = min(st["stages"], key=lambda s: s["articles_per_s"])
        rows.append(
            (
                "slowest stage",
                "—",
                f"{slowest['name']}: {slowest['articles_per_s']}/s "
                f"({slowest['ms_per_article']} ms/article)",
                "",
            )
        )
    e2e = load("e2e_embedded")
    for size in (e2e or {}).get("sizes", []):
        a = size["articles_per_s"] or {}
        rows.append(
            (
                f"embedded end to end, {size['articles']} articles",
                "≥250/s (on stack)",
                f"{a.get('median')}/s ({a.get('min')}–{a.get('max')})",
                f"peak RSS {size['peak_rss_mb']} MB",
            )
        )
    stack = load("stack_e2e")
    for mode in ("cli", "harness"):
        r = (stack or {}).get(mode)
        if r:
            a = r.get("articles_per_s")
            rows.append(
                (
                    f"Kafka → Beam → ES ({mode})",
                    "≥250/s",
                    f"{a['median']}/s ({a['min']}–{a['max']})" if a else "failed",
                    (r.get("error") or f"peak RSS {r.get('peak_rss_mb')} MB")[-90:],
                )
            )
    base = load("baseline")
    if base:
        ext = base["extraction"]
        rows.append(
            (
                "extraction vs full spaCy",
                "≥5×",
                f"{ext['ratio_claimwatch_over_baseline']}×",
                f"{ext['articles_per_s']['claimwatch']['median']}/s vs "
                f"{ext['articles_per_s']['baseline']['median']}/s",
            )
        )
        if "end_to_end" in base:
            e = base["end_to_end"]
            rows.append(
                (
                    "end to end vs full spaCy",
                    "≥5×",
                    f"{e['ratio_claimwatch_over_baseline']}×",
                    f"{e['articles_per_s']['claimwatch']['median']}/s vs "
                    f"{e['articles_per_s']['baseline']['median']}/s",
                )
            )
        q = ext["quality"]
        rows.append(
            (
                "figure numbers F1 (generated gold)",
                "≥ baseline",
                f"{q['claimwatch_numbers']['f1']} vs {q['baseline_numbers']['f1']}",
                "synthetic text; see eval_figures for the labelled set",
            )
        )
    lat = load("latency")
    if lat:
        rows.append(
            (
                "publication → alert latency",
                "p95 < 2 s",
                f"p50 {lat['p50_s']} s, p95 {lat['p95_s']} s",
                f"{lat['samples']} samples, worker {lat['worker_peak_rss_mb']} MB",
            )
        )
    bo = load("batch_overhead")
    if bo:
        rows.append(
            (
                "fixed cost per batch (1 article)",
                "—",
                f"{bo['warm_median_s']} s",
                f"{bo['warm_min_s']}–{bo['warm_max_s']} s; first {bo['first_s']} s",
            )
        )
    dd = load("dedup_scaling")
    for p in (dd or {}).get("points", []):
        rows.append(
            (
                f"dedup, {p['signatures']:,} signatures",
                "—",
                f"{p['dedupe_ms_per_article']} ms/article",
                f"lookup p50 {p['lookup_ms_median']} ms, save {p['save_ms_per_article']} ms",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run the benchmark set")
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--only", help="comma-separated names to run")
    args = parser.parse_args(argv)
    plan = FULL if args.full else QUICK
    if args.only:
        plan = [p for p in plan if p[0] in args.only.split(",")]
    timings = {}
    for name, cmd in plan:
        print(f"\n== {name}: python bench/{' '.join(cmd)}", flush=True)
        started = time.perf_counter()
        proc = subprocess.run([PYTHON, str(BENCH / cmd[0]), *cmd[1:]], check=False)
        timings[name] = round(time.perf_counter() - started, 1)
        if proc.returncode != 0:
            print(f"!! {name} failed with exit code {proc.returncode}", file=sys.stderr)
    rows = summary()
    print("\n" + table(rows, ("measure", "target", "measured", "note")))
    write_result(
        "summary", {"mode": "full" if args.full else "quick", "seconds": timings, "rows": rows}
    )
    print(f"\ntotal {sum(timings.values()):.0f} s: {timings}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
