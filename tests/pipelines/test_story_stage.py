"""AssignStories in a real Beam pipeline over a real SQLite store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import apache_beam as beam
from apache_beam.testing import test_pipeline
from apache_beam.testing.util import assert_that, equal_to
from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.pipelines.backends import StoreSpec
from claimwatch.pipelines.stages import Origin
from claimwatch.pipelines.story_stage import AssignStoriesToBatch
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.models import Article
from claimwatch.transforms.stories import story_id_for

T0 = datetime(2015, 2, 4, 18, 0, tzinfo=timezone.utc)
FIRST = (
    "2 adults, 2 children killed in Stokes County murder-suicide",
    "STOKES COUNTY, N.C. -- Deputies found Coleton Tarpley, his wife Amanda and their sons "
    "Charlie and Coleton dead at their home on Ralph Boyles Road on Wednesday morning, the "
    "Stokes County Sheriff's Office said. The boys attended Poplar Springs Elementary School.",
)
SECOND = (
    "Parents, 2 children dead in Stokes County murder-suicide",
    "The shooting deaths of a husband, wife and their two children inside a Stokes County home "
    "on Ralph Boyles Road are being investigated as a murder-suicide, deputies said. Deputies "
    "identified the parents as Coleton Lee Tarpley, 36, and Amanda Tarpley; both boys went to "
    "Poplar Springs Elementary.",
)
ELSEWHERE = (
    "Clerk wounded in robbery at Memphis gas station",
    "MEMPHIS, Tenn. -- A gas station clerk on Lamar Avenue was shot in the arm during a robbery "
    "late Thursday, Memphis police said. The gunman fled on foot toward Airways Boulevard.",
)


def article(n: str, doc: tuple[str, str], hours: float, **changes: str | None) -> Article:
    title, text = doc
    return Article(
        id=n,
        url=f"https://news.example/{n}",
        canonical_url=f"http://news.example/{n}",
        source=f"Outlet {n}",
        title=title,
        text=text,
        published=T0 + timedelta(hours=hours),
        fetched=T0 + timedelta(hours=hours, minutes=5),
        content_hash=f"hash-{n}",
        **changes,  # type: ignore[arg-type]
    )


def run(spec: StoreSpec, articles: list[Article]) -> None:
    # (article, figures, origin): the origin rides along for later stages' dead letters.
    items = [
        (a, extract_figures(a.text), Origin(0, n, a.id.encode())) for n, a in enumerate(articles)
    ]
    with test_pipeline.TestPipeline() as pipeline:
        out = (
            pipeline
            | beam.Create(items, reshuffle=False)
            | AssignStoriesToBatch(spec)
            | beam.Map(lambda item: (item[0].id, item[0].story_id))
        )
        expected = {
            "a": story_id_for("a"),
            "b": story_id_for("a"),
            "c": story_id_for("c"),
            "copy": story_id_for("a"),
        }
        assert_that(out, equal_to(sorted(expected.items())))


def test_a_batch_gets_its_stories_and_a_replay_changes_nothing(tmp_path: Path) -> None:
    spec = StoreSpec("sqlite", str(tmp_path / "store.sqlite3"))
    batch = [
        article("b", SECOND, 20),  # arrives first, published later
        article("a", FIRST, 0),
        article("c", ELSEWHERE, 3),
        article("copy", FIRST, 1, duplicate_of="a", duplicate_reason="near_duplicate"),
    ]
    run(spec, batch)
    store = SqliteStore(spec.location)
    try:
        first = store.stories()
    finally:
        store.close()

    run(spec, batch)  # a crash before commit replays the slice
    store = SqliteStore(spec.location)
    try:
        assert store.stories() == first
    finally:
        store.close()
    assert [(s.id, s.article_ids) for s in first] == [
        (story_id_for("a"), ("a", "b")),
        (story_id_for("c"), ("c",)),
    ]
