"""`claimwatch run --once --workers N` against `--workers 1` on one input: speed-up and identity.

    corpus (generated, or real text replayed as feeds) ─▶ run --once --workers 1 / N,
        alternating, each from an empty data dir ─▶ wall clock, CPU, peak RSS per run
    snapshot (articles, claim history, alerts; `detected_at` dropped) ─▶ rows differing

    python bench/workers.py --articles 5000 --workers 2 --repeat 3
    python bench/workers.py --real /work/shared/data/shooting-news-dev/articles --repeat 3
    python bench/workers.py --articles 3000 --stack --repeat 3     # Kafka + Elasticsearch

Exit status 1 when any run's store differs from the first `--workers 1` run. Prints a table;
writes bench/results/workers[_real|_stack].json.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import yaml
from common import PYTHON, ensure_corpus, table, time_v, write_result
from kafka_identity import CW, ES, KAFKA, cleanup, differences, snapshot


def real_corpus(folder: Path) -> Path:
    out = Path(f"/tmp/claimwatch-bench/real-by-outlet-{folder.name}")
    if not (out / "config.yaml").exists():
        subprocess.run(
            [
                PYTHON,
                str(Path(__file__).with_name("generate_corpus.py")),
                "--out",
                str(out),
                "--replay",
                str(folder),
            ],
            check=True,
        )
    return out


def config_for(corpus: Path, work: Path, batch: int, stack: bool) -> tuple[Path, str | None]:
    feeds = yaml.safe_load((corpus / "config.yaml").read_text())["feeds"]
    body: dict[str, Any] = {"feeds": feeds, "pipeline": {"batch_size": batch}}
    tag = None
    if stack:
        tag = f"cwbench-w-{uuid.uuid4().hex[:8]}"
        body["kafka"] = {"bootstrap": KAFKA, "topic": f"{tag}.articles"}
        body["elasticsearch"] = {"url": ES, "index_prefix": f"{tag}-"}
    path = work / f"{tag or 'embedded'}-{uuid.uuid4().hex[:6]}.yaml"
    path.write_text(yaml.safe_dump(body))
    return path, tag


def one(corpus: Path, work: Path, workers: int, batch: int, stack: bool) -> dict[str, Any]:
    config, tag = config_for(corpus, work, batch, stack)
    data = work / f"data-{uuid.uuid4().hex[:6]}"
    try:
        info = time_v(
            [
                CW,
                "run",
                "--once",
                "--quiet",
                "--workers",
                str(workers),
                "--config",
                str(config),
                "--data-dir",
                str(data),
            ],
            env={**_env(), "CLAIMWATCH_WORKERS": str(workers)},
        )
        info["snapshot"] = snapshot(config, data) if info["returncode"] == 0 else None
    finally:
        if tag:
            cleanup(f"{tag}.articles", f"{tag}-")
        shutil.rmtree(data, ignore_errors=True)
    return info


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--real", type=Path, help="a folder of real .txt/.html articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stack", action="store_true", help="Kafka + Elasticsearch")
    args = parser.parse_args(argv)
    corpus = (
        real_corpus(args.real)
        if args.real
        else ensure_corpus(Path(f"/tmp/claimwatch-bench/corpus-{args.articles}"), args.articles)
    )
    n = sum(1 for _ in (corpus / "articles.jsonl").open())
    runs: dict[int, list[dict[str, Any]]] = {1: [], args.workers: []}
    with tempfile.TemporaryDirectory(prefix="cw-workers-") as tmp:
        for i in range(args.repeat):
            for w in (1, args.workers):  # alternate, so load drifts hit both alike
                info = one(corpus, Path(tmp), w, args.batch_size, args.stack)
                runs[w].append(info)
                cpu = info.get("user_s", 0) + info.get("sys_s", 0)
                print(
                    f"  run {i + 1}, --workers {w}: {info['wall_s']:.1f}s "
                    f"({n / info['wall_s']:.1f}/s), cpu {cpu:.0f}s, "
                    f"peak {info.get('peak_rss_mb')} MB, rc {info['returncode']}",
                    flush=True,
                )
    reference = runs[1][0]["snapshot"]
    diffs = {
        w: [differences(reference, r["snapshot"]) if r["snapshot"] else None for r in rs]
        for w, rs in runs.items()
    }
    rows = []
    medians = {}
    for w, rs in runs.items():
        walls = [r["wall_s"] for r in rs]
        medians[w] = statistics.median(walls)
        rows.append(
            [
                f"--workers {w}",
                f"{n / medians[w]:.1f}",
                f"{n / max(walls):.1f}–{n / min(walls):.1f}",
                f"{medians[w]:.1f}",
                f"{max(r.get('peak_rss_mb', 0) for r in rs):.0f}",
                str(diffs[w]),
            ]
        )
    print(
        f"{n} articles from {corpus}, batches of {args.batch_size}"
        + (", Kafka + ES" if args.stack else "")
    )
    print(
        table(
            rows,
            [
                "run --once",
                "articles/s (median)",
                "min–max",
                "wall s",
                "peak RSS MB",
                "rows differing",
            ],
        )
    )
    speedup = medians[1] / medians[args.workers]
    print(f"speed-up --workers {args.workers} vs 1: {speedup:.2f}x")
    for rs in runs.values():
        for r in rs:
            r.pop("snapshot", None)
    name = "workers" + ("_real" if args.real else "") + ("_stack" if args.stack else "")
    write_result(
        name,
        {
            "args": {k: str(v) for k, v in vars(args).items()},
            "articles": n,
            "speedup": speedup,
            "differences": diffs,
            "runs": runs,
        },
    )
    identical = all(d is not None and not any(d.values()) for ds in diffs.values() for d in ds)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
