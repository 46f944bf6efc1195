"""The Beam graph over real SQLite log and store files, on the in-process runner: dedup,
alerts routed into the outbox in event time, and every stage's dead letters in the store."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from claimwatch.connectors.sqlite_log import SqliteLog
from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.pipelines.alerting.commands import dead_letters
from claimwatch.pipelines.backends import StoreSpec
from claimwatch.pipelines.batch import RunStats, drain_log
from claimwatch.pipelines.settings import PipelineSettings, Settings
from claimwatch.transforms.alert_rules import AlertRule
from claimwatch.transforms.models import Article
from claimwatch.transforms.records import article_to_dict
from factories import T0, TOLL_BODY, article

TOLL = "killed|palestinians|*|since ceasefire"
RULES = (
    AlertRule(
        "casualties",
        channels=("hook", "file"),
        metrics=("killed",),
        min_abs_change=5,
        cooldown=timedelta(minutes=30),
    ),
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data directory laid out as the CLI lays it out (log.sqlite3, store.sqlite3)."""
    return tmp_path / "data"


def open_log(data: Path) -> SqliteLog:
    return SqliteLog(data / "log.sqlite3")


def spec(data: Path) -> StoreSpec:
    return StoreSpec("sqlite", str(data / "store.sqlite3"))


def run(data: Path, *, rules: tuple[AlertRule, ...] = (), batch_size: int = 3) -> RunStats:
    log = open_log(data)
    try:
        settings = PipelineSettings(batch_size=batch_size)
        return drain_log(log, spec(data), settings, clock=lambda: T0, rules=rules)
    finally:
        log.close()


def story() -> list[Article]:
    wire = TOLL_BODY.format(n=400)
    return [
        article("a1", url="https://wire.example/gaza-toll", hours=0, text=wire),
        article("a2", url="https://wire.example/gaza-toll?utm_source=rss", hours=1, text=wire),
        article(
            "a3",
            url="https://courier.example/world/toll",
            source="Courier",
            hours=2,
            text="By Jane Roe\n\n" + wire + "\n\n© Daily Courier 2025. All rights reserved.",
        ),
        article("a4", url="https://wire.example/gaza-toll-2", hours=30,
                text=TOLL_BODY.format(n=420)),
        article("a5", url="https://times.example/toll", source="Times", hours=31,
                text=TOLL_BODY.format(n=380)),
    ]  # fmt: skip


def test_story_moves_duplicates_stay_quiet_and_replay_is_silent(data: Path) -> None:
    data.mkdir()
    open_log(data).append(story())
    stats = run(data)
    store = SqliteStore(spec(data).location)
    dupes = {a.id: (a.duplicate_of, a.duplicate_reason) for a in store.articles()}
    assert dupes["a2"] == ("a1", "content_hash")
    assert dupes["a3"] == ("a1", "near_duplicate")
    assert dupes["a1"] == (None, None) and dupes["a4"] == (None, None)

    alerts = {
        (a.claim_key, a.change, a.previous.value if a.previous else None, a.current.value)
        for a in store.alerts()
    }
    assert (TOLL, "new", None, 400) in alerts
    assert (TOLL, "increase", 400, 420) in alerts
    assert (TOLL, "conflict", 420, 380) in alerts
    # Neither the re-post nor the syndicated copy said anything new.
    assert all(a.current.article_id not in ("a2", "a3") for a in store.alerts())
    assert stats.new_alerts == len(store.alerts())
    assert stats.dead_letters == 0 and store.dead_letters() == []
    # Without rules nothing is routed: no pending deliveries.
    assert store.undelivered() == [] and all(a.rules == () for a in store.alerts())

    # The same records again (a replay after a crash before commit) add nothing.
    open_log(data).append([story()[0]])
    assert run(data).new_alerts == 0
    assert len(store.alerts()) == len(alerts)


def test_routed_alerts_are_stored_with_their_pending_deliveries(data: Path) -> None:
    data.mkdir()
    open_log(data).append(story())
    stats = run(data, rules=RULES)
    store = SqliteStore(spec(data).location)
    by_change = {a.change: a for a in store.alerts() if a.claim_key == TOLL}
    # "new" is quiet by default; the increase passes the floors; a conflict passes everything.
    assert by_change["new"].rules == ()
    assert by_change["increase"].rules == ("casualties",)
    assert by_change["conflict"].rules == ("casualties",)
    pairs = [(d.alert_id, d.channel, d.status, d.attempts) for d in store.undelivered()]
    increase, conflict = by_change["increase"].id, by_change["conflict"].id
    # Oldest publication first, one pair per routed alert and channel.
    assert pairs == [
        (increase, "file", "pending", 0),
        (increase, "hook", "pending", 0),
        (conflict, "file", "pending", 0),
        (conflict, "hook", "pending", 0),
    ]
    pair = store.undelivered()[0]
    assert pair.claim_key == TOLL
    assert pair.published == by_change["increase"].current.published
    assert stats.counters["deliveries_queued"] == 4

    # A pair delivered meanwhile stays delivered when the slice is replayed.
    store.record_delivery(replace(pair, status="delivered", attempts=1))
    open_log(data).append(story()[3:])
    assert run(data, rules=RULES).new_alerts == 0
    assert len(store.undelivered()) == 3
    assert store.deliveries(increase)[0].status == "delivered"


def test_cooldown_is_measured_in_publication_time_however_the_log_is_sliced(
    tmp_path: Path,
) -> None:
    def toll(ident: str, n: int, hours: float) -> Article:
        return article(ident, url=f"https://wire.example/{ident}", hours=hours,
                       text=TOLL_BODY.format(n=n))  # fmt: skip

    # 20 minutes after the 420 (inside the 30 min cooldown), then 70 minutes after it.
    articles = [toll("b1", 400, 0), toll("b2", 420, 5), toll("b3", 440, 5 + 1 / 3),
                toll("b4", 470, 5 + 7 / 6)]  # fmt: skip
    routed: list[dict[str, tuple[str, ...]]] = []
    for batch_size in (1, 10):
        data = tmp_path / f"batch-{batch_size}"
        data.mkdir()
        open_log(data).append(articles)
        run(data, rules=RULES, batch_size=batch_size)
        store = SqliteStore(spec(data).location)
        routed.append(
            {f"{a.current.value:g}": a.rules for a in store.alerts() if a.claim_key == TOLL}
        )
        store.close()
    one_by_one, together = routed
    assert (
        one_by_one
        == together
        == {
            "400": (),  # new
            "420": ("casualties",),
            "440": (),  # 20 minutes after the last routed figure: cooling down
            "470": ("casualties",),
        }
    )


HUGE = (
    "Israel has killed at least 500 Palestinians since the ceasefire began "
    + "and more " * 120_000
    + "."
)  # one sentence past spaCy's 1,000,000-character limit: entity extraction raises


def test_a_poison_record_and_an_extraction_failure_become_dead_letters_the_rest_flows(
    data: Path,
) -> None:
    data.mkdir()
    log = open_log(data)
    poison = b"\xff\xfe not json"
    log.append_raw([(None, poison)])
    log.append([article("huge", hours=0, text=HUGE)])
    log.append([article("ok", hours=1, text=TOLL_BODY.format(n=400))])
    records = {r.offset: r.payload for r in log.read_batch("inspect", 10).records}
    stats = run(data, rules=RULES)
    store = SqliteStore(spec(data).location)
    decode, extract = sorted(store.dead_letters(), key=lambda d: d.offset or 0)
    assert (decode.stage, decode.payload) == ("decode", poison)
    assert "not UTF-8 JSON" in decode.reason and records[decode.offset or 0] == poison
    assert extract.stage == "extract" and "E088" in extract.reason
    assert extract.payload == records[extract.offset or 0]  # the original bytes, not a copy
    assert json.loads(extract.payload)["id"] == "huge"
    assert stats.dead_letters == 2 and stats.counters["dead_letters_extract"] == 1
    # The good article went all the way; the slice was committed; the log keeps no copy.
    assert {a.current.article_id for a in store.alerts()} == {"ok"}
    assert log.lag("claimwatch-pipeline") == 0 and log.dead_letters() == []

    settings = Settings(data_dir=data)
    out = io.StringIO()
    # Undecodable bytes cannot go back on the log: kept, and the exit status says so.
    assert dead_letters(settings, out, fmt="table", requeue=[decode.id]) == 1
    assert "still undecodable, kept" in out.getvalue()
    assert dead_letters(settings, out, fmt="table", requeue=["no-such-id"]) == 1
    # After a fix, the extraction failure is re-queued: it leaves the store, joins the log …
    assert dead_letters(settings, out, fmt="table", requeue=[extract.id]) == 0
    assert "re-queued 1 dead letters; 0 kept" in out.getvalue()
    assert [d.id for d in store.dead_letters()] == [decode.id]
    assert log.lag("claimwatch-pipeline") == 1
    # … and is processed again (here it still fails, so it is a dead letter at its new place).
    run(data, rules=RULES)
    again = [d for d in store.dead_letters() if d.stage == "extract"]
    assert len(again) == 1 and again[0].offset is not None
    assert again[0].offset > (extract.offset or 0) and again[0].payload == extract.payload


def test_a_record_with_a_lone_surrogate_is_a_dead_letter_not_a_stuck_slice(data: Path) -> None:
    data.mkdir()
    log = open_log(data)
    doc = article_to_dict(article("bad", text="At least 400 people were killed \ud800 in Gaza."))
    log.append_raw([(None, json.dumps(doc).encode())])  # "\\ud800": valid JSON, not text
    log.append([article("ok", hours=1)])
    run(data)
    store = SqliteStore(spec(data).location)
    assert [d.stage for d in store.dead_letters()] == ["decode"]
    assert [a.id for a in store.articles()] == ["ok"]
