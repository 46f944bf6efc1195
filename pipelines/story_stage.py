"""Beam stage: every article of the batch gets a story, decided in publication order.

    (article, figures, origin) ─KeyBatchForStories─▶ ("batch", all) ─GroupBatchForStories─▶
        AssignStories: originals against the store's recent stories and each other;
        duplicates take their original's story ─▶ (article(story_id), figures, origin)

Like dedup, one worker decides the whole batch, because an article may join a story that
an earlier article of the same batch started.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import apache_beam as beam
from apache_beam.metrics.metric import Metrics
from claimwatch.connectors.store import Store
from claimwatch.pipelines import resources
from claimwatch.pipelines.analysis_pool import AnalysisPool, active_pool
from claimwatch.pipelines.backends import StoreSpec
from claimwatch.transforms.claims import claims_from_figures, to_alert
from claimwatch.transforms.models import Alert, Article, Claim, Figure
from claimwatch.transforms.stories import (
    CANDIDATES,
    Story,
    StoryItem,
    assign_in_order,
    candidate_lookups,
)
from claimwatch.transforms.story_claims import History, changes_in_story_group
from claimwatch.transforms.story_terms import Profile, Rarity, article_profile

NAMESPACE = "claimwatch"


class AssignStories(beam.DoFn):  # type: ignore[misc]
    """(key, the batch's (article, figures)) → each with its story_id; stories stored."""

    def __init__(self, store: StoreSpec) -> None:
        self._spec = store
        self._store: Store | None = None
        self._rarity: Rarity | None = None
        self.joined = Metrics.counter(NAMESPACE, "stories_joined")
        self.started = Metrics.counter(NAMESPACE, "stories_started")

    def setup(self) -> None:
        self._store = self._spec.open()
        self._rarity = resources.rarity()  # once per process

    def teardown(self) -> None:
        if self._store is not None:
            self._store.close()

    def process(
        self, keyed: tuple[str, Iterable[tuple[Article, list[Figure], Any]]]
    ) -> Iterator[tuple[Article, list[Figure], Any]]:
        assert self._store is not None and self._rarity is not None, "setup() runs first"
        store, rarity = self._store, self._rarity
        pool = active_pool()
        # (article, figures, origin): the origin rides along for later stages' dead letters.
        batch = list(keyed[1])
        items = [(a, f) for a, f, _ in batch]
        origins = {a.id: o for a, _, o in batch}
        originals = [(a, f) for a, f in items if a.duplicate_of is None]
        known = store.stories_of_articles([a.id for a, _ in items] + _originals_of(items))
        story_items = [
            StoryItem(
                article_id=a.id,
                title=a.title,
                source=a.source,
                url=a.url,
                published=a.published,
                profile=_profile(a, f, rarity, pool),
                claims=tuple(claims_from_figures(a, f)),
            )
            for a, f in originals
        ]
        # The stored stories do not change while the batch is decided (they are saved after
        # it), so every lookup its decisions make is made up front, in one round trip.
        lookups = list(
            dict.fromkeys(
                look
                for item in story_items
                if item.article_id not in known
                for look in candidate_lookups(item)
            )
        )
        found = dict(zip(lookups, store.stories_sharing_many(lookups, CANDIDATES), strict=True))

        def candidates(terms: tuple[str, ...], since: datetime) -> list[Story]:
            hit = found.get((terms, since))
            return hit if hit is not None else store.stories_sharing(terms, since, CANDIDATES)

        assignments, stories = assign_in_order(story_items, candidates, known, rarity=rarity)
        store.save_stories(stories)
        decided = {**known, **{x.article_id: x.story_id for x in assignments}}
        for x in assignments:
            (self.started if x.new_story else self.joined).inc()
        for article, figures in items:
            story = decided.get(article.id)
            if story is None and article.duplicate_of is not None:
                story = decided.get(article.duplicate_of)  # a copy tells its original's story
            yield replace(article, story_id=story), figures, origins[article.id]


def _profile(
    article: Article, figures: list[Figure], rarity: Rarity, pool: AnalysisPool | None
) -> Profile:
    """The analysis pool's profile of the article when it has one, else computed here."""
    analysis = pool.take(article) if pool is not None else None
    if analysis is not None and analysis.profile is not None:
        return analysis.profile
    return article_profile(article.title, article.text, figures, rarity=rarity)


def _originals_of(items: list[tuple[Article, list[Figure]]]) -> list[str]:
    return [a.duplicate_of for a, _ in items if a.duplicate_of is not None]


class AssignStoriesToBatch(beam.PTransform):  # type: ignore[type-arg]
    """The whole batch under one key, then AssignStories (one worker, publication order)."""

    def __init__(self, store: StoreSpec) -> None:
        super().__init__()
        self._store = store

    def expand(self, items: Any) -> Any:
        return (
            items
            | "KeyBatchForStories" >> beam.Map(lambda item: ("batch", item))
            | "GroupBatchForStories" >> beam.GroupByKey()
            | "AssignStories" >> beam.ParDo(AssignStories(self._store))
        )


def story_group_alerts(
    history: History, new: list[Claim], conflict_window: timedelta, detected_at: datetime
) -> list[Alert]:
    """Alerts for one group of dated counts (story_claims.py), each against its story too.

    `history` is key → its stored claims: the store's claim_history, or a batch's prefetch."""
    return [
        to_alert(change, detected_at=detected_at, history=basis)
        for change, basis in changes_in_story_group(new, history, conflict_window=conflict_window)
    ]
