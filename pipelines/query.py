"""`claimwatch articles|claims|alerts`: what the store holds, as JSON lines or a table."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from claimwatch.pipelines.backends import store_spec
from claimwatch.pipelines.output import (
    ALERT_HEADERS,
    CLAIM_HEADERS,
    alert_row,
    alert_table_rows,
    article_row,
    claim_row,
    claim_table_rows,
    write_jsonl,
    write_table,
)
from claimwatch.pipelines.settings import Settings


def query(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if args.what == "alerts" and args.action == "test-send":
        from claimwatch.pipelines.alerting.commands import test_send

        return test_send(settings, args.alert_webhook, args.alert_secret, out)
    store = store_spec(settings).open()
    try:
        if args.what == "articles":
            rows = [article_row(a) for a in store.articles(args.limit)]
            if args.format == "jsonl":
                write_jsonl(rows, out)
            else:
                write_table(
                    [
                        [
                            (r["published"] or "")[:16],
                            r["source"],
                            r["title"],
                            (r["duplicate_of"] or "")
                            + (f" ({r['duplicate_reason']})" if r["duplicate_of"] else ""),
                            r["story_id"] or "",
                        ]
                        for r in rows
                    ],
                    ["published", "source", "title", "duplicate_of", "story"],
                    out,
                )
        elif args.what == "claims":
            rows = _claims(store, args)
            if args.format == "jsonl":
                write_jsonl(rows, out)
            else:
                write_table(claim_table_rows(rows), CLAIM_HEADERS, out)
        else:
            if args.undelivered:
                from claimwatch.pipelines.alerting.commands import undelivered

                undelivered(store, out, fmt=args.format, limit=args.limit)
                return 0
            alerts = store.alerts(args.limit)
            if args.format == "jsonl":
                write_jsonl((alert_row(a) for a in alerts), out)
            else:
                write_table(alert_table_rows(alerts), ALERT_HEADERS, out)
    finally:
        store.close()
    return 0


def _claims(store: Any, args: argparse.Namespace) -> list[dict[str, Any]]:
    keys = [args.key] if args.key else store.claim_keys()
    rows: list[dict[str, Any]] = []
    for key in keys:
        history = store.claim_history(key)
        if not history or (args.metric and history[0].key.metric != args.metric):
            continue
        if args.history:
            rows.extend(claim_row(c) for c in history)
        else:
            rows.append(claim_row(history[-1], history))
    return rows[: args.limit] if args.limit else rows
