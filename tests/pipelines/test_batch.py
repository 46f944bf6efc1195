"""The Beam graph over real SQLite log and store files, on the in-process runner."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from claimwatch.connectors.sqlite_log import SqliteLog
from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.pipelines.backends import StoreSpec
from claimwatch.pipelines.batch import drain_log
from claimwatch.pipelines.settings import PipelineSettings
from claimwatch.transforms.dedup import canonical_url, content_hash
from claimwatch.transforms.models import Article

T0 = datetime(2025, 10, 20, 9, tzinfo=timezone.utc)
NOW = datetime(2025, 11, 1, tzinfo=timezone.utc)

BODY = (
    "Israel has killed at least {n} Palestinians and injured over 1,100 others since the "
    "ceasefire began in October, the Gaza health ministry said. Channel 13 reported that "
    "the talks would continue through 2027. The ministry said rescue teams were still "
    "searching the rubble in Khan Younis and Gaza City for people missing after the strikes."
)


def article(ident: str, url: str, source: str, hours: float, text: str) -> Article:
    return Article(
        id=ident,
        url=url,
        canonical_url=canonical_url(url),
        source=source,
        title=ident,
        text=text,
        published=T0 + timedelta(hours=hours),
        fetched=NOW,
        content_hash=content_hash(text),
    )


@pytest.fixture
def paths(tmp_path: Path) -> tuple[SqliteLog, StoreSpec]:
    return SqliteLog(tmp_path / "log.sqlite3"), StoreSpec("sqlite", str(tmp_path / "store.sqlite3"))


def run(log: SqliteLog, spec: StoreSpec) -> list[str]:
    stats = drain_log(log, spec, PipelineSettings(batch_size=3), clock=lambda: NOW)
    return stats.alert_ids


def test_story_moves_duplicates_stay_quiet_and_replay_is_silent(
    paths: tuple[SqliteLog, StoreSpec],
) -> None:
    log, spec = paths
    wire = BODY.format(n=400)
    log.append(
        [
            article("a1", "https://wire.example/gaza-toll", "Wire", 0, wire),
            article("a2", "https://wire.example/gaza-toll?utm_source=rss", "Wire", 1, wire),
            article(
                "a3",
                "https://courier.example/world/toll",
                "Courier",
                2,
                "By Jane Roe\n\n" + wire + "\n\n© Daily Courier 2025. All rights reserved.",
            ),
            article("a4", "https://wire.example/gaza-toll-2", "Wire", 30, BODY.format(n=420)),
            article("a5", "https://times.example/toll", "Times", 31, BODY.format(n=380)),
        ]
    )
    alert_ids = run(log, spec)
    store = SqliteStore(spec.location)
    dupes = {a.id: (a.duplicate_of, a.duplicate_reason) for a in store.articles()}
    assert dupes["a2"] == ("a1", "content_hash")
    assert dupes["a3"] == ("a1", "near_duplicate")
    assert dupes["a1"] == (None, None) and dupes["a4"] == (None, None)

    alerts = {
        (a.claim_key, a.change, a.previous.value if a.previous else None, a.current.value)
        for a in store.alerts()
    }
    assert ("killed|palestinians|*|since ceasefire", "new", None, 400) in alerts
    assert ("killed|palestinians|*|since ceasefire", "increase", 400, 420) in alerts
    assert ("killed|palestinians|*|since ceasefire", "conflict", 420, 380) in alerts
    # Neither the re-post nor the syndicated copy said anything new.
    assert all(a.current.article_id not in ("a2", "a3") for a in store.alerts())
    assert len(alert_ids) == len(store.alerts())

    # The same records again (a replay after a crash before commit) add nothing.
    log2 = SqliteLog(log.path)
    log2.append([article("a1", "https://wire.example/gaza-toll", "Wire", 0, wire)])
    assert run(log2, spec) == []
    assert len(store.alerts()) == len(alerts)


def test_poison_record_goes_to_dead_letters_and_the_rest_flows(
    paths: tuple[SqliteLog, StoreSpec],
) -> None:
    log, spec = paths
    log.append_raw([(None, b"\xff\xfe not json")])
    log.append([article("a1", "https://wire.example/x", "Wire", 0, BODY.format(n=400))])
    run(log, spec)
    letters = log.dead_letters()
    assert len(letters) == 1 and "not UTF-8 JSON" in letters[0].reason
    assert [a.id for a in SqliteStore(spec.location).articles()] == ["a1"]
    assert log.lag("claimwatch-pipeline") == 0
