"""End to end on the real stack: feeds ─▶ Kafka ─▶ Beam ─▶ Elasticsearch, `claimwatch run --once`.

Two ways, each timed from outside (wall clock, peak RSS):
  cli      `claimwatch run --once --config <feeds + kafka + elasticsearch>`, as a user runs it
  harness  the same steps in-process (poll_once ─▶ Kafka ─▶ drain_log ─▶ Elasticsearch) with a
           store spec that builds ElasticsearchStore with its real keyword names; used only
           because the CLI path fails at this commit (StoreSpec.open passes index_prefix= and
           text_analyzer=, ElasticsearchStore takes prefix= and analyzer=). No alert delivery.

    claimwatch stack status ── healthy? use it (and leave it running: someone else started it)
                             └ not up? `claimwatch stack up`, run, `claimwatch stack down`
    per run: a fresh Kafka topic and index prefix (cwbench-<n>-), so runs never see each
    other's data and nobody else's indices are touched; the bench indices are deleted after.

    python bench/stack_e2e.py --articles 1000 --repeat 3

Prints a table; writes bench/results/stack_e2e.json (the error, when the run fails).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import PYTHON, ensure_corpus, table, time_v, write_result

KAFKA = "127.0.0.1:19092"
ES = "http://127.0.0.1:19200"
CW = str(Path(PYTHON).with_name("claimwatch"))


def stack_state() -> str:
    """ "healthy", "starting" (a process is there but not answering yet) or "stopped"."""
    out = subprocess.run([CW, "stack", "status"], capture_output=True, text=True, check=False)
    text = out.stdout + out.stderr
    if text.count("(healthy)") >= 2:
        return "healthy"
    return "starting" if "running pid" in text else "stopped"


def wait_for_stack(timeout: float = 180) -> str:
    """Another engineer's stack may be (re)starting: wait for it rather than start a second."""
    deadline = time.monotonic() + timeout
    state = stack_state()
    while state == "starting" and time.monotonic() < deadline:
        time.sleep(5)
        state = stack_state()
    return state


def es_count(prefix: str, index: str) -> int | None:
    try:
        with urllib.request.urlopen(f"{ES}/{prefix}{index}/_count", timeout=10) as resp:
            import json

            return int(json.loads(resp.read())["count"])
    except OSError:
        return None


def es_delete(prefix: str) -> None:
    req = urllib.request.Request(f"{ES}/{prefix}*", method="DELETE")
    with contextlib.suppress(OSError):
        urllib.request.urlopen(req, timeout=30).close()


@dataclass(frozen=True, slots=True)
class EsSpec:
    """StoreSpec's shape, opening ElasticsearchStore with the keywords it actually takes."""

    kind: str
    location: str
    index_prefix: str

    def open(self) -> Any:
        from claimwatch.connectors.es_store import ElasticsearchStore

        return ElasticsearchStore(self.location, prefix=self.index_prefix)


def harness(config: Path, data: Path) -> None:
    """poll once into Kafka, drain through Beam into Elasticsearch (app.run without delivery)."""
    from datetime import datetime, timezone

    from claimwatch.pipelines.app import poll_once
    from claimwatch.pipelines.backends import log_spec
    from claimwatch.pipelines.batch import drain_log
    from claimwatch.pipelines.settings import load_settings

    settings = load_settings(config, data_dir=str(data))
    assert settings.elasticsearch is not None
    data.mkdir(parents=True, exist_ok=True)
    article_log = log_spec(settings).open()
    clock = lambda: datetime.now(timezone.utc)  # noqa: E731
    try:
        poll = poll_once(settings, article_log, clock)
        spec = EsSpec(
            "elasticsearch", settings.elasticsearch.url, settings.elasticsearch.index_prefix
        )
        stats = drain_log(article_log, spec, settings.pipeline, clock=clock)  # type: ignore[arg-type]
    finally:
        article_log.close()
    print(
        f"harness: polled {poll.new_articles}, processed {stats.records} in "
        f"{stats.seconds:.1f}s, {len(stats.alert_ids)} alerts, {stats.dead_letters} dead",
        file=sys.stderr,
    )


def run(corpus: Path, repeat: int, work: Path, mode: str) -> dict[str, Any]:
    n = sum(1 for _ in (corpus / "articles.jsonl").open())
    started_here = False
    state = wait_for_stack()
    if state == "starting":
        return {"error": "the stack is running but not healthy after 180 s"}
    if state == "stopped":
        up = subprocess.run([CW, "stack", "up"], capture_output=True, text=True, check=False)
        if up.returncode != 0:
            return {"error": f"stack up failed: {up.stderr.strip()[-2000:]}"}
        started_here = True
    runs = []
    try:
        for i in range(repeat):
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            tag = f"cwbench-{int(time.time())}-{i}"
            config = work / "config.yaml"
            config.write_text(
                (corpus / "config.yaml").read_text(encoding="utf-8")
                + f"kafka:\n  bootstrap: {KAFKA}\n  topic: {tag}\n"
                + f"elasticsearch:\n  url: {ES}\n  index_prefix: {tag}-\n",
                encoding="utf-8",
            )
            if mode == "cli":
                cmd = [
                    CW,
                    "run",
                    "--once",
                    "--quiet",
                    "--config",
                    str(config),
                    "--data-dir",
                    str(work / "data"),
                ]
            else:
                cmd = [PYTHON, __file__, "--harness", str(config), str(work / "data")]
            info = time_v(cmd)
            info["articles_indexed"] = es_count(f"{tag}-", "articles")
            info["claims_indexed"] = es_count(f"{tag}-", "claim-history")
            info["articles_per_s"] = round(n / info["wall_s"], 1)
            runs.append(info)
            print(f"  run {i + 1}: {info}", flush=True)
            es_delete(f"{tag}-")
            if info["returncode"] != 0:
                break
    finally:
        if started_here:
            subprocess.run([CW, "stack", "down"], capture_output=True, check=False)
    ok = [r for r in runs if r["returncode"] == 0]
    result: dict[str, Any] = {
        "mode": mode,
        "articles": n,
        "runs": runs,
        "stack_started_here": started_here,
    }
    if ok:
        rates = [r["articles_per_s"] for r in ok]
        result["articles_per_s"] = {
            "median": statistics.median(rates),
            "min": min(rates),
            "max": max(rates),
        }
        result["peak_rss_mb"] = max(r.get("peak_rss_mb", 0) for r in ok)
    else:
        result["error"] = "claimwatch run failed: " + " | ".join(runs[-1]["stderr_tail"])
    return result


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) == 4 and sys.argv[1] == "--harness":
        harness(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description="Kafka → Beam → Elasticsearch end to end")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--modes", default="cli,harness")
    args = parser.parse_args(argv)
    corpus = args.corpus or Path(f"/tmp/claimwatch-bench/corpus-{args.articles}")
    ensure_corpus(corpus, args.articles)
    results = {}
    rows = []
    for mode in args.modes.split(","):
        result = run(corpus, args.repeat, Path("/tmp/claimwatch-bench/stack-e2e"), mode)
        results[mode] = result
        if "articles_per_s" in result:
            a = result["articles_per_s"]
            rows.append(
                (
                    mode,
                    result["articles"],
                    a["median"],
                    f"{a['min']}–{a['max']}",
                    result["peak_rss_mb"],
                    "",
                )
            )
        else:
            rows.append((mode, result["articles"], "—", "—", "—", result.get("error", "")[-160:]))
    print(
        table(rows, ("mode", "articles", "articles/s (median)", "min–max", "peak RSS MB", "error"))
    )
    print(f"wrote {write_result('stack_e2e', results)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
