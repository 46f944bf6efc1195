"""The story methods of every Store: SQLite here, Elasticsearch with the integration stack."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.transforms.records import iso
from claimwatch.transforms.stories import Story, StoryFigure
from claimwatch.transforms.story_records import story_to_dict

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


def story(n: int, *terms: str, days: float = 0, articles: tuple[str, ...] = ()) -> Story:
    seen = T0 + timedelta(days=days)
    return Story(
        id=f"st-{n}",
        title=f"Story {n}",
        first_seen=seen,
        last_seen=seen,
        sources=("Wire",),
        article_ids=articles or (f"art-{n}",),
        terms=tuple((t, round(1.0 / (i + 1), 6)) for i, t in enumerate(terms)),
        claim_keys=("killed|people|*|2026-03-01",),
        figures=(
            StoryFigure(
                "killed|people|*|2026-03-01", 4, None, None, "exact", "Wire", seen,
                f"https://wire.example/{n}", f"claim-{n}",
            ),
        ),
    )  # fmt: skip


def test_stories_round_trip_first_seen_first(store: Any) -> None:
    late, early = story(1, "tarpley", days=2), story(2, "stokes")
    store.save_stories([late, early])

    assert store.stories() == [early, late]
    assert store.stories(limit=1) == [early]


def test_candidates_share_a_term_and_fall_in_the_window_latest_first(store: Any) -> None:
    store.save_stories(
        [
            story(1, "tarpley", "stokes", days=0),
            story(2, "stokes", days=3),
            story(3, "chicago", days=3),
            story(4, "stokes", days=-30),
        ]
    )
    found = store.stories_sharing(["stokes", "boyles"], T0 - timedelta(days=1), 10)

    assert [s.id for s in found] == ["st-2", "st-1"]
    assert [s.id for s in store.stories_sharing(["stokes"], T0 - timedelta(days=1), 1)] == ["st-2"]
    assert store.stories_sharing([], T0, 10) == []
    lookups = [
        (("stokes", "boyles"), T0 - timedelta(days=1)),
        ((), T0),
        (("chicago",), T0 + timedelta(days=10)),
        (("stokes",), T0 - timedelta(days=60)),
    ]
    assert store.stories_sharing_many(lookups, 2) == [
        store.stories_sharing(terms, since, 2) for terms, since in lookups
    ]


def test_resaving_a_story_moves_its_index_and_members(store: Any) -> None:
    first = story(1, "tarpley", articles=("a1",))
    store.save_stories([first])
    grown = replace(
        first,
        last_seen=T0 + timedelta(days=5),
        article_ids=("a1", "a2"),
        terms=(("boyles", 1.0),),
    )
    store.save_stories([grown])
    store.save_stories([grown])  # a replay writes the same thing again

    assert store.stories() == [grown]
    assert store.stories_sharing(["tarpley"], T0 - timedelta(days=1), 10) == []
    assert store.stories_sharing(["boyles"], T0 + timedelta(days=4), 10) == [grown]
    assert store.stories_of_articles(["a1", "a2", "a3"]) == {"a1": "st-1", "a2": "st-1"}
    assert store.stories_of_articles([]) == {}


def test_a_resave_at_the_same_time_drops_the_terms_the_centroid_lost(store: Any) -> None:
    first = story(1, "tarpley", "stokes")
    store.save_stories([first])
    same_time = replace(first, terms=(("stokes", 1.0), ("boyles", 0.5)))
    store.save_stories([same_time])

    since = T0 - timedelta(days=1)
    assert store.stories_sharing(["tarpley"], since, 10) == []
    assert store.stories_sharing(["stokes"], since, 10) == [same_time]
    assert store.stories_sharing(["boyles"], since, 10) == [same_time]


def test_a_story_is_found_by_a_persons_surname(store: Any) -> None:
    named = replace(story(1, "ocala"), people=("benetria robinson",), regions=("FL",))
    store.save_stories([named])

    assert store.stories_sharing(["p:robinson"], T0 - timedelta(days=300), 10) == [named]


# An embedded store written before story_postings keeps finding its stories after the upgrade.
OLD_LAYOUT = """
CREATE TABLE stories (
    id TEXT PRIMARY KEY, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE story_terms (
    term TEXT NOT NULL, story_id TEXT NOT NULL, last_seen TEXT NOT NULL,
    PRIMARY KEY (term, story_id)) WITHOUT ROWID;
CREATE INDEX story_terms_recent ON story_terms(term, last_seen);
CREATE INDEX story_terms_story ON story_terms(story_id);
"""


def test_old_postings_are_moved_and_replaced_on_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    old = story(1, "tarpley", "stokes")
    db = sqlite3.connect(path)
    db.executescript(OLD_LAYOUT)
    doc = story_to_dict(old)
    db.execute(
        "INSERT INTO stories VALUES (?, ?, ?, ?)",
        (old.id, iso(old.first_seen), iso(old.last_seen), json.dumps(doc)),
    )
    db.executemany(
        "INSERT INTO story_terms VALUES (?, ?, ?)",
        [(t, old.id, iso(old.last_seen)) for t in doc["index_terms"]],
    )
    db.commit()
    db.close()

    store = SqliteStore(path)
    try:
        since = T0 - timedelta(days=1)
        assert store.stories_sharing(["tarpley"], since, 10) == [old]
        store.save_stories([replace(old, terms=(("boyles", 1.0),))])
        assert store.stories_sharing(["tarpley"], since, 10) == []
        assert [s.id for s in store.stories_sharing(["boyles"], since, 10)] == [old.id]
    finally:
        store.close()
    tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert "story_terms" not in tables


def test_a_story_read_again_after_a_resave_is_its_new_version(store: Any) -> None:
    # Both stores keep decoded stories between reads; a resave must not be answered from that.
    store.save_stories([story(1, "tarpley", "stokes")])
    lookups = [(("stokes",), T0 - timedelta(days=1)), (("tarpley",), T0 - timedelta(days=1))]
    assert [[s.title for s in found] for found in store.stories_sharing_many(lookups, 5)] == [
        ["Story 1"],
        ["Story 1"],
    ]
    store.save_stories([replace(story(1, "tarpley", "stokes"), title="Story 1, updated")])

    again = store.stories_sharing_many(lookups, 5)

    assert [[s.title for s in found] for found in again] == [["Story 1, updated"]] * 2
