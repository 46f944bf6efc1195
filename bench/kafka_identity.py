"""Kafka + Elasticsearch against the embedded default: the same answers, and a replay is a no-op.

    corpus (generate_corpus.py, N articles, seed 1) ─┬─ claimwatch run --once  (embedded)
                                                    └─ claimwatch run --once  (Kafka + ES)
    compare what the stores hold: articles (duplicate_of, version…), claim history, alerts
    then rewind the Kafka consumer by `--rewind` records per partition (a crash after the
    store wrote, before the commit), run again, compare again

    python bench/kafka_identity.py --articles 3000 --batch-size 500 --repeat 3

Uses the running stack (CLAIMWATCH_KAFKA / CLAIMWATCH_ELASTICSEARCH, default the shared
ports), a fresh topic and index prefix per run, deleted afterwards. Writes
bench/results/kafka_identity.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import yaml
from common import PYTHON, ensure_corpus, table, time_v, write_result

CW = str(Path(PYTHON).with_name("claimwatch"))
KAFKA = os.environ.get("CLAIMWATCH_KAFKA", "127.0.0.1:19092")
ES = os.environ.get("CLAIMWATCH_ELASTICSEARCH", "http://127.0.0.1:19200")


def snapshot(config: Path, data_dir: Path) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for part, extra in (("articles", []), ("claims", ["--history"]), ("alerts", [])):
        text = subprocess.run(
            [
                CW,
                part,
                "--format",
                "jsonl",
                *extra,
                "--config",
                str(config),
                "--data-dir",
                str(data_dir),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        for row in rows:
            row.pop("detected_at", None)  # wall clock of the run
        out[part] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    return out


def differences(a: dict[str, Any], b: dict[str, Any]) -> dict[str, int]:
    """Rows in one snapshot and not the other, per part (0 everywhere = identical)."""
    diff = {}
    for part in a:
        left = {json.dumps(r, sort_keys=True) for r in a[part]}
        right = {json.dumps(r, sort_keys=True) for r in b[part]}
        diff[part] = len(left ^ right)
    return diff


def rewind(topic: str, by: int) -> None:
    from kafka import KafkaConsumer, TopicPartition
    from kafka.structs import OffsetAndMetadata

    consumer = KafkaConsumer(
        bootstrap_servers=KAFKA, group_id="claimwatch-pipeline", enable_auto_commit=False
    )
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        consumer.assign(tps)
        consumer.commit(
            {
                tp: OffsetAndMetadata(max(0, (consumer.committed(tp) or 0) - by), "", -1)
                for tp in tps
            }
        )
    finally:
        consumer.close()


def cleanup(topic: str, prefix: str) -> None:
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=KAFKA)
    try:
        doomed = [t for t in admin.list_topics() if t in (topic, f"{topic}.dlq")]
        if doomed:
            admin.delete_topics(doomed)
    finally:
        admin.close()
    request = urllib.request.Request(f"{ES}/{prefix}*", method="DELETE")
    urllib.request.urlopen(request).close()


def one_run(corpus: Path, work: Path, batch: int, rewind_by: int) -> dict[str, Any]:
    feeds = yaml.safe_load((corpus / "config.yaml").read_text())["feeds"]
    tag = f"cwbench-id-{uuid.uuid4().hex[:8]}"
    topic, prefix = f"{tag}.articles", f"{tag}-"
    embedded, stack = work / f"{tag}-embedded.yaml", work / f"{tag}-stack.yaml"
    embedded.write_text(yaml.safe_dump({"feeds": feeds, "pipeline": {"batch_size": batch}}))
    stack.write_text(
        yaml.safe_dump(
            {
                "feeds": feeds,
                "pipeline": {"batch_size": batch},
                "kafka": {"bootstrap": KAFKA, "topic": topic},
                "elasticsearch": {"url": ES, "index_prefix": prefix},
            }
        )
    )
    data_e, data_s = work / f"{tag}-embedded", work / f"{tag}-stack"
    try:
        run_e = time_v(
            [CW, "run", "--once", "--quiet", "--config", str(embedded), "--data-dir", str(data_e)]
        )
        run_s = time_v(
            [CW, "run", "--once", "--quiet", "--config", str(stack), "--data-dir", str(data_s)]
        )
        want, got = snapshot(embedded, data_e), snapshot(stack, data_s)
        rewind(topic, rewind_by)
        replay = time_v(
            [CW, "run", "--once", "--quiet", "--config", str(stack), "--data-dir", str(data_s)]
        )
        after = snapshot(stack, data_s)
    finally:
        cleanup(topic, prefix)
    return {
        "embedded": run_e,
        "stack": run_s,
        "replay": replay,
        "counts": {part: len(rows) for part, rows in want.items()},
        "duplicates": sum(1 for a in want["articles"] if a["duplicate_of"]),
        "stack_vs_embedded": differences(want, got),
        "replay_vs_before": differences(got, after),
        "replay_changed_versions": sorted(
            {(a["id"], a["version"]) for a in after["articles"]}
            - {(a["id"], a["version"]) for a in got["articles"]}
        )[:20],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--rewind", type=int, default=83, help="records per partition")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = ensure_corpus(Path(f"/tmp/claimwatch-bench-corpus-{args.articles}"), args.articles)
    runs = []
    with tempfile.TemporaryDirectory(prefix="cw-identity-") as tmp:
        for _ in range(args.repeat):
            runs.append(one_run(corpus, Path(tmp), args.batch_size, args.rewind))
            print(json.dumps({k: runs[-1][k] for k in ("stack_vs_embedded", "replay_vs_before")}))
    med = {
        k: statistics.median(r[k]["wall_s"] for r in runs) for k in ("embedded", "stack", "replay")
    }
    rows = [
        [
            k,
            f"{med[k]:.1f}",
            f"{min(r[k]['wall_s'] for r in runs):.1f}–{max(r[k]['wall_s'] for r in runs):.1f}",
            f"{args.articles / med[k]:.1f}" if k != "replay" else "—",
        ]
        for k in ("embedded", "stack", "replay")
    ]
    print(table(rows, ["run --once", "wall s (median)", "min–max", "articles/s"]))
    print("differences stack vs embedded:", [r["stack_vs_embedded"] for r in runs])
    print("differences after replay:", [r["replay_vs_before"] for r in runs])
    write_result(
        "kafka_identity",
        {"args": vars(args), "median_wall_s": med, "runs": runs},
    )
    identical = all(not any(r["stack_vs_embedded"].values()) for r in runs)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
