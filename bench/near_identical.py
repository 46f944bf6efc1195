"""Dedup cost per batch on one story told again and again: 2,000 near-identical items.

    one text, the toll moving on (2,000 versions, each at its own URL, other figures)
      + every 50th version syndicated (another source, byline, footer, SAME figures)
    ─▶ RSS feeds ─▶ claimwatch run --once (embedded, pipeline.batch_size 500)
    ─▶ seconds per batch, read off the CLI's "batch N:" progress lines as they appear

Before candidates were bounded (issue 10) every version was a candidate for every later one:
6 → 36 → 65 → 89 s per batch of 500. The target is every batch within 1.5× of the first.
The store is checked too: every syndicated copy flagged, no version flagged.

    python bench/near_identical.py --items 2000 --repeat 3

Prints a table; writes bench/results/near_identical.json.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import statistics
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from common import PYTHON, table, write_result
from generate_corpus import GoldFigure, Item, write

CW = str(Path(PYTHON).with_name("claimwatch"))
T0 = datetime(2025, 11, 1, 6, 0, tzinfo=timezone.utc)
_BATCH = re.compile(r"batch (\d+): (\d+) records processed")

TEXT = (
    "Israeli strikes have killed at least {killed} Palestinians and injured more than "
    "{injured} others since the ceasefire began in October, the Gaza health ministry said on "
    "Monday in its daily update.",
    "The ministry said the dead included dozens of children and that rescue teams were still "
    "searching the rubble of buildings in the north of the territory. Israel's military said "
    "it had struck militants who approached the line that marks the areas its troops still "
    "hold, and accused Hamas of breaching the truce.",
    "Mediators from Egypt, Qatar and Turkey met in Cairo to discuss the second phase of the "
    "plan, which foresees an international stabilisation force, a technocratic administration "
    "and the disarmament of the armed groups. Aid agencies said crossings remained too "
    "restricted for the volume of food and medicine needed before winter.",
    "Residents described long queues at the few working bakeries and water points, and "
    "hospital staff said fuel shortages were forcing them to ration electricity between "
    "wards. The United Nations called again for unhindered access for humanitarian convoys.",
)


def versions(n: int, every: int) -> list[Item]:
    """n versions of the story (killed/injured moving on) plus a syndicated copy of some."""
    items = []
    for i in range(n):
        killed, injured = 400 + i, 1100 + 3 * i
        paragraphs = tuple(p.format(killed=killed, injured=f"{injured:,}") for p in TEXT)
        gold = (
            GoldFigure("killed", killed, killed, None, f"at least {killed}"),
            GoldFigure("injured", injured, injured, None, f"more than {injured:,}"),
        )
        published = T0 + timedelta(minutes=10 * i)
        items.append(
            Item(
                source="Gaza Monitor",
                url=f"https://gazamonitor.example/2025/11/toll-update-{i:05d}",
                guid=f"gm-{i:05d}",
                title=f"Gaza toll since ceasefire: update {i}",
                author="Staff",
                published=published,
                paragraphs=paragraphs,
                gold=gold,
                kind="original",
            )
        )
        if i % every == every - 1:
            items.append(
                Item(
                    source="Daily Courier",
                    url=f"https://dailycourier.example/wire/gaza-toll-{i:05d}",
                    guid=f"dc-{i:05d}",
                    title=f"Gaza toll since ceasefire: update {i}",
                    author="Wire staff",
                    published=published + timedelta(minutes=3),
                    paragraphs=(
                        "By Wire Service staff.",
                        *paragraphs,
                        "This story was provided by Wire Service. All rights reserved.",
                    ),
                    gold=gold,
                    kind="syndicated",
                )
            )
    return items


def corpus(out: Path, n: int, every: int) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    write(versions(n, every), out)
    config = out / "config.yaml"
    config.write_text(config.read_text() + "pipeline:\n  batch_size: 500\n", encoding="utf-8")
    return config


def run_once(config: Path, data: Path) -> dict[str, Any]:
    """One `run --once`; seconds per batch from the moment each progress line appears."""
    shutil.rmtree(data, ignore_errors=True)
    cmd = [CW, "run", "--once", "--config", str(config), "--data-dir", str(data)]
    started = time.perf_counter()
    marks: list[tuple[int, float, float]] = []
    polled_at: tuple[float, float] | None = None
    with subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True) as p:
        assert p.stderr is not None
        for line in p.stderr:
            now, cpu = time.perf_counter(), cpu_seconds(p.pid)
            if polled_at is None and line.startswith("polled "):
                polled_at = (now, cpu)
            if m := _BATCH.search(line):
                marks.append((int(m[2]), now, cpu))
        p.wait()
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode})")
    assert polled_at is not None, "no 'polled' line"
    batch_s, batch_cpu_s = [], []
    last, last_cpu = polled_at
    for _, t, cpu in marks:
        batch_s.append(round(t - last, 2))
        batch_cpu_s.append(round(cpu - last_cpu, 2))
        last, last_cpu = t, cpu
    return {
        "wall_s": round(time.perf_counter() - started, 2),
        "batch_s": batch_s,
        # CPU seconds of the claimwatch process per batch (user + system, from /proc): on a
        # shared machine this shows growth that wall-clock noise hides.
        "batch_cpu_s": batch_cpu_s,
        "records": marks[-1][0] if marks else 0,
        "dedup": flagged(data / "store.sqlite3"),
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process, from /proc/<pid>/stat."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def flagged(store: Path) -> dict[str, int]:
    with sqlite3.connect(store) as db:
        rows = db.execute(
            "SELECT json_extract(doc, '$.url'), duplicate_of FROM articles"
        ).fetchall()
    copies = [dup for url, dup in rows if "dailycourier" in url]
    versions_ = [dup for url, dup in rows if "gazamonitor" in url]
    return {
        "copies": len(copies),
        "copies_flagged": sum(1 for d in copies if d),
        "versions": len(versions_),
        "versions_flagged": sum(1 for d in versions_ if d),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="dedup cost per batch, near-identical items")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--copy-every", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimwatch-bench/near-identical"))
    args = parser.parse_args(argv)
    config = corpus(args.work / "corpus", args.items, args.copy_every)
    runs = []
    for i in range(args.repeat):
        run = run_once(config, args.work / "data")
        print(f"  run {i + 1}: batches {run['batch_s']} s, {run['dedup']}", flush=True)
        runs.append(run)
    # Full batches only: the last one holds the remainder (40 of the 2,040 items).
    full = args.items // 500
    rows = []
    for b in range(full):
        wall = [r["batch_s"][b] for r in runs]
        cpu = [r["batch_cpu_s"][b] for r in runs]
        first_wall = statistics.median(r["batch_s"][0] for r in runs)
        first_cpu = statistics.median(r["batch_cpu_s"][0] for r in runs)
        rows.append(
            (
                b + 1,
                statistics.median(wall),
                f"{min(wall)}–{max(wall)}",
                round(statistics.median(wall) / first_wall, 2),
                statistics.median(cpu),
                f"{min(cpu)}–{max(cpu)}",
                round(statistics.median(cpu) / first_cpu, 2),
            )
        )
    print(
        table(
            rows,
            ("batch", "wall s", "min–max", "× first", "CPU s", "min–max", "× first"),
        )
    )
    worst = max(row[3] for row in rows)
    worst_cpu = max(row[6] for row in rows)
    print(f"worst full batch / first (medians): wall {worst}, CPU {worst_cpu}")
    path = write_result(
        "near_identical",
        {"items": args.items, "runs": runs, "worst_wall": worst, "worst_cpu": worst_cpu},
    )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
