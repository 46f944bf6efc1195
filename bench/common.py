"""Shared by the benchmark scripts: corpus loading, timing, tables, machine info, JSON results."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
PYTHON = sys.executable

sys.path.insert(0, str(BENCH))


def ensure_corpus(out: Path, articles: int, *, seed: int = 1, html: int = 0) -> Path:
    """Generate the corpus once per (size, seed); reuse it when it is already there."""
    marker = out / "articles.jsonl"
    pages_ok = not html or len(list((out / "pages").glob("*.html"))) >= html
    if marker.exists() and sum(1 for _ in marker.open()) == articles and pages_ok:
        return out
    from generate_corpus import generate, write

    items = generate(articles=articles, sources=8, seed=seed)
    write(items, out, html_pages=html)
    return out


def load_articles(corpus: Path) -> list[Any]:
    from claimwatch.transforms.records import article_from_dict

    with (corpus / "articles.jsonl").open(encoding="utf-8") as fh:
        return [article_from_dict(json.loads(line)) for line in fh]


def load_gold(corpus: Path) -> dict[str, dict[str, Any]]:
    with (corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        return {d["article_id"]: d for d in map(json.loads, fh)}


@dataclass
class Timing:
    """Repeated measurements of one stage over `items` items."""

    name: str
    items: int
    seconds: list[float]
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def per_second(self) -> float:
        return self.items / self.median if self.median else float("inf")

    @property
    def ms_per_item(self) -> float:
        return 1000 * self.median / self.items if self.items else 0.0

    def as_dict(self) -> dict[str, Any]:
        rates = [self.items / s for s in self.seconds if s]
        return {
            **asdict(self),
            "median_s": round(self.median, 4),
            "articles_per_s": round(self.per_second, 1),
            "articles_per_s_min": round(min(rates), 1) if rates else None,
            "articles_per_s_max": round(max(rates), 1) if rates else None,
            "ms_per_article": round(self.ms_per_item, 3),
        }


def timed(
    name: str,
    items: int,
    fn: Callable[[], Any],
    *,
    repeat: int = 3,
    setup: Callable[[], Any] | None = None,
    note: str = "",
) -> Timing:
    """Run `fn` `repeat` times (after `setup`, untimed, each time) and keep every duration."""
    seconds = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        started = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - started)
    return Timing(name, items, seconds, note)


def table(rows: Sequence[Sequence[Any]], header: Sequence[str]) -> str:
    cells = [[str(c) for c in header], *[[str(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "status",
            "--porcelain",
            "--",
            "transforms",
            "connectors",
            "pipelines",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split("\n")
    return {
        "product_uncommitted_changes": [line for line in dirty if line],
        "nproc": os.cpu_count(),
        "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "cpu": cpu,
        "mem_gb": mem_gb,
        "python": platform.python_version(),
        "git_commit": commit,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def write_result(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(
        json.dumps({"machine": machine(), **payload}, indent=2, default=str) + "\n",
        encoding="utf-8",
    )
    return path


def peak_rss_mb_children() -> float:
    """Peak RSS of the largest waited-for child process so far (Linux reports kB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def time_v(cmd: Sequence[str], *, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command under /usr/bin/time -v: wall seconds, peak RSS, exit code, stderr tail."""
    tfile = Path(f"/tmp/claimwatch-bench-time-{os.getpid()}.txt")
    started = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-v", "-o", str(tfile), *cmd],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    wall = time.perf_counter() - started
    info: dict[str, Any] = {"wall_s": round(wall, 3), "returncode": proc.returncode}
    for line in tfile.read_text().splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size"):
            info["peak_rss_mb"] = round(int(line.rsplit(":", 1)[1]) / 1024, 1)
        elif line.startswith("User time"):
            info["user_s"] = float(line.rsplit(":", 1)[1])
        elif line.startswith("System time"):
            info["sys_s"] = float(line.rsplit(":", 1)[1])
    tfile.unlink(missing_ok=True)
    info["stderr_tail"] = proc.stderr.strip().splitlines()[-5:]
    return info
