"""`claimwatch deliver`, `alerts --undelivered`, `alerts test-send` and `dead-letters`."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TextIO

from claimwatch.connectors.log import ArticleLog
from claimwatch.connectors.store import Store
from claimwatch.pipelines.alerting import alert_service_for
from claimwatch.pipelines.alerting.sample import test_send as send_sample
from claimwatch.pipelines.alerting.worker import DeliveryWorker, drain_outbox
from claimwatch.pipelines.backends import log_spec, store_spec
from claimwatch.pipelines.output import (
    ALERT_HEADERS,
    alert_row,
    alert_table_rows,
    write_jsonl,
    write_table,
)
from claimwatch.pipelines.settings import Settings
from claimwatch.transforms.errors import RecordError
from claimwatch.transforms.records import decode_article, iso


def deliver(
    settings: Settings,
    *,
    once: bool,
    webhooks: Sequence[str],
    secret: str | None,
    stop: Any,
    say: Any,
    requeue_failed: bool = False,
) -> int:
    """Drain the outbox: once (what is due now, with quick retries) or until stopped.

    `requeue_failed` first puts every pair a receiver refused for good back to pending (after
    the receiver was fixed): the same alert id and bytes go out again.
    """
    service = alert_service_for(settings, extra_webhooks=webhooks, webhook_secret=secret)
    if not service.channels:
        say("no alert channels are configured (see config/alerts.yaml or --alert-webhook)")
        return 1
    spec = store_spec(settings)
    if requeue_failed:
        store = spec.open()
        try:
            again = requeue_failed_pairs(store, channels=tuple(service.channels))
        finally:
            store.close()
        say(f"re-queued {again} refused alert messages")
    if once:
        report = drain_outbox(service, spec, should_stop=stop.is_set)
        say(
            f"delivered {len(report.delivered)} alert messages, {len(report.retrying)} to retry "
            f"later, {len(report.failed)} refused"
        )
        return 0
    worker = DeliveryWorker(service, spec, say=say).start()
    try:
        while not stop.wait(3600):
            pass
    finally:
        worker.stop()
    return 0


def requeue_failed_pairs(store: Store, *, channels: tuple[str, ...]) -> int:
    """Every failed pair of these channels back to pending, due now; attempts are kept."""
    failed = [d for d in store.undelivered() if d.status == "failed" and d.channel in channels]
    for pair in failed:
        store.record_delivery(replace(pair, status="pending", not_before=None))
    return len(failed)


def undelivered(store: Store, out: TextIO, *, fmt: str, limit: int | None) -> None:
    """Every (alert, channel) pair not delivered, with its state: the outbox's truth."""
    pairs = store.undelivered(limit)
    alerts = {a.id: a for a in store.alerts_by_ids([p.alert_id for p in pairs])}
    if fmt == "jsonl":
        for pair in pairs:
            alert = alerts.get(pair.alert_id)
            row: dict[str, Any] = alert_row(alert) if alert else {"id": pair.alert_id}
            row["delivery"] = {
                "channel": pair.channel,
                "status": pair.status,
                "attempts": pair.attempts,
                "last_error": pair.last_error,
                "next_attempt": iso(pair.not_before),
            }
            write_jsonl([row], out)
        return
    rows = []
    for pair in pairs:
        alert = alerts.get(pair.alert_id)
        base = alert_table_rows([alert])[0][:5] if alert else ["", "", "", "", pair.alert_id]
        rows.append([*base, pair.channel, pair.status, str(pair.attempts), pair.last_error or ""])
    write_table(rows, [*ALERT_HEADERS[:5], "channel", "status", "attempts", "last error"], out)


def test_send(settings: Settings, webhooks: Sequence[str], secret: str | None, out: TextIO) -> int:
    """Send a marked sample alert to every channel; report each result."""
    service = alert_service_for(settings, extra_webhooks=webhooks, webhook_secret=secret)
    if not service.channels:
        out.write("no alert channels are configured (see config/alerts.yaml)\n")
        return 1
    results = send_sample(service.channels)
    for name, error in results.items():
        out.write(f"{name}: {'ok' if error is None else 'FAILED: ' + error}\n")
    return 0 if all(error is None for error in results.values()) else 1


def dead_letters(settings: Settings, out: TextIO, *, fmt: str, requeue: Sequence[str]) -> int:
    """List dead letters, or put the named ones (or "all") back on the log."""
    store = store_spec(settings).open()
    try:
        letters = store.dead_letters()
        if requeue:
            wanted = {d.id for d in letters} if list(requeue) == ["all"] else set(requeue)
            unknown = wanted - {d.id for d in letters}
            if unknown:
                print(f"claimwatch: no dead letter with id {sorted(unknown)}", file=sys.stderr)
                return 1
            return _requeue(settings, store, [d for d in letters if d.id in wanted], out)
        for letter in letters:
            row = {
                "id": letter.id,
                "stage": letter.stage,
                "reason": letter.reason,
                "partition": letter.partition,
                "offset": letter.offset,
                "created": iso(letter.created),
                "bytes": len(letter.payload),
            }
            if fmt == "jsonl":
                row["payload"] = letter.payload.decode("utf-8", "backslashreplace")
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        if fmt != "jsonl":
            write_table(
                [
                    [d.id, d.stage, f"{d.partition}:{d.offset}", str(len(d.payload)), d.reason]
                    for d in letters
                ],
                ["id", "stage", "log position", "bytes", "reason"],
                out,
            )
    finally:
        store.close()
    return 0


def _requeue(settings: Settings, store: Store, letters: list[Any], out: TextIO) -> int:
    article_log: ArticleLog = log_spec(settings).open()
    done, failed = [], 0
    try:
        for letter in letters:
            try:
                article = decode_article(letter.payload)
            except RecordError as exc:
                failed += 1
                out.write(f"{letter.id}: still undecodable, kept: {exc}\n")
                continue
            article_log.append([article])
            done.append(letter.id)
    finally:
        article_log.close()
    store.remove_dead_letters(done)
    out.write(f"re-queued {len(done)} dead letters; {failed} kept\n")
    return 0 if not failed else 1
