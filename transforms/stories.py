"""Stories: an original article joins the recent story it is most like, or starts its own.

    (article, profile, claims) in publication order
        ─candidates─▶ stories last seen ≤ 10 days ago sharing a heavy term, and stories last
                      seen ≤ 365 days ago sharing a person's surname (the store, bounded)
        ─score: cosine(profile, centroid) less a penalty for the gap (capped at 10 days),
                zero unless the evidence holds─▶ best ≥ threshold ? join : a new story

Evidence, in the order it is asked for: the two are not placed in different states; a shared
person's name (victim, suspect, relative; officials left out) is enough at any gap up to a
year, and past 10 days it is the only thing that is; otherwise two telling terms (a rare name
or word, an age, a figure) — three if they are all names of places, since a park and its
trauma hospital are how the next shooting there looks too.

Online and incremental: one pass in publication order, each article against what the store
holds plus the stories this batch already touched, so a replay or a second worker decides the
same. Cost per article is bounded: the profile is at most TOP_TERMS terms, a story's centroid
at most CENTROID_TERMS, and each store lookup returns at most CANDIDATES stories.

Why lexical profiles and not embeddings: two reports of one local event repeat its people,
streets, town, ages and counts, rarely its sentences (a rewrite can share 0.3 % of its word
5-grams with the original); weighting those by how rare they are in English (a static table,
`Rarity`) separates them from the next story in the same city without a model to download.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from claimwatch.transforms.models import Claim, Qualifier
from claimwatch.transforms.story_facts import REGION_WORDS
from claimwatch.transforms.story_terms import Profile, Rarity, distinctive, top_terms

WINDOW = timedelta(days=10)  # follow-ups inside ten days join on what the reports share
# Charges, a trial, a sentence months later join only on a person's name both give.
LONG_WINDOW = timedelta(days=365)
PERSON_PREFIX = "p:"  # person names share the store's term index with the centroid terms
CENTROID_TERMS = 96  # a story's vocabulary outgrows one article's; more than this is noise
CANDIDATES = 64  # most recent stories sharing a term: bounded work however big the store
# Same-story pairs of the development set score ≥ 0.3 far more often than different events in
# the same city that week; every day between them asks for a little more.
THRESHOLD = 0.30
PENALTY_PER_LOG_DAY = 0.04
MIN_SHARED = 2
MIN_CONTRIBUTION = 0.01  # of the cosine; "gunfire" in passing in both is not evidence
MAX_STORY_PEOPLE = 32  # the first reports' victims, suspects, relatives; witnesses come later
MIN_PLACES = 3  # a park and its trauma hospital in common are how the next shooting looks
TOPICAL = MIN_CONTRIBUTION / 2  # a topic word may weigh less than a name to count
RARE_SURNAME = 4.0  # "ocasio" (4.6): one surname that rare is one family
NAMED_BONUS = 0.05  # a shared person outweighs the few days' penalty of a follow-up


@dataclass(frozen=True, slots=True)
class StoryFigure:
    """The latest figure one story's articles give for a claim key."""

    key: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    source: str
    published: datetime
    url: str
    claim_id: str


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one event, with what they say about it.

    `terms` is the centroid: the sum of the members' profiles, cut to CENTROID_TERMS, heaviest
    first. `index_terms` are what the store looks stories up by.
    """

    id: str
    title: str
    first_seen: datetime
    last_seen: datetime
    sources: tuple[str, ...]
    article_ids: tuple[str, ...]
    terms: tuple[tuple[str, float], ...]
    claim_keys: tuple[str, ...] = ()
    figures: tuple[StoryFigure, ...] = ()
    people: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    def index_terms(self, limit: int = 16) -> tuple[str, ...]:
        return (
            *(t for t, _ in self.terms[:limit]),
            *sorted({PERSON_PREFIX + _surname(p) for p in self.people}),
        )


@dataclass(frozen=True, slots=True)
class Centroid:
    """What scoring reads of a story, worked out once per story version."""

    weights: dict[str, float]
    norm: float
    told: int  # telling terms in the centroid, as far as MIN_SHARED
    indexed: frozenset[str]

    @classmethod
    def of(cls, story: Story, rarity: Rarity) -> Centroid:
        return cls(
            weights=dict(story.terms),
            norm=math.sqrt(sum(w * w for _, w in story.terms)) or 1.0,
            told=_told(story, rarity),
            indexed=frozenset(story.index_terms()),
        )


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One original article as story assignment needs it."""

    article_id: str
    title: str
    source: str
    url: str
    published: datetime
    profile: Profile
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True, slots=True)
class Assignment:
    article_id: str
    story_id: str
    score: float  # 1.0 for the article that started the story
    new_story: bool


Candidates = Callable[[tuple[str, ...], datetime], Sequence[Story]]


def story_id_for(article_id: str) -> str:
    """A story is named after its first article, so a replay names it the same."""
    return "st-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16]


def score(
    profile: Profile,
    story: Story,
    published: datetime,
    rarity: Rarity,
    *,
    telling: Sequence[str] | None = None,
    centroid: Centroid | None = None,
) -> float:
    """Cosine of the article with the story's centroid, less a penalty for the time gap.

    Zero when they place themselves in different states, and unless they share a person's
    name or MIN_SHARED telling terms (or all the article has): one town or one age in common
    is how two different shootings in the same city look. Past WINDOW only a shared person's
    name will do. `telling` is the profile's telling terms and `centroid` the story's, when
    the caller has them already (a batch scores each story against hundreds of articles).
    """
    gap = abs((published - story.last_seen).total_seconds()) / 86400
    if gap > LONG_WINDOW.total_seconds() / 86400:
        return 0.0
    if profile.regions and story.regions and not set(profile.regions) & set(story.regions):
        return 0.0
    window = WINDOW.total_seconds() / 86400
    named = shares_person(profile.people, story.people, rarity)
    if gap > window and not named:
        return 0.0
    mine = profile.as_dict()
    if centroid is None:
        centroid = Centroid.of(story, rarity)
    weights, norm = centroid.weights, centroid.norm
    # The profile is a unit vector already: the cosine is the dot product over one norm.
    dot = sum(w * weights[t] for t, w in profile.terms if t in weights)
    value = dot / norm - PENALTY_PER_LOG_DAY * math.log1p(min(gap, window))
    if named:
        return value + NAMED_BONUS
    if telling is None:
        telling = telling_terms(profile, rarity)
    # A shared term counts as evidence only where it weighs in both, not as a passing word.
    common = [t for t in telling if mine[t] * weights.get(t, 0.0) / norm >= MIN_CONTRIBUTION]
    shared = len(common)
    # A two-line brief ("Teenager shot in Duquesne") has one telling term to share, whether it
    # is the new article or the story so far.
    if shared == 0 or shared < min(MIN_SHARED, len(telling), centroid.told):
        return 0.0
    # Places alone (a park, its trauma hospital) are how the next shooting there looks too,
    # unless the reports also share the rarer words of what happened ("stabilisation").
    if shared < MIN_PLACES and all(t in profile.names for t in common) and len(telling) > shared:
        topical = sum(
            1
            for t in telling
            if t not in profile.names and mine[t] * weights.get(t, 0.0) / norm >= TOPICAL
        )
        if shared + topical < MIN_PLACES:
            return 0.0
    return value


def shares_person(mine: Sequence[str], theirs: Sequence[str], rarity: Rarity) -> bool:
    """The same person: the same name, or a rare surname ("Devontee"/"Devonte Ocasio")."""
    if set(mine) & set(theirs):
        return True
    surnames = {_surname(p) for p in theirs}
    return any(_surname(p) in surnames and rarity.weight(_surname(p)) >= RARE_SURNAME for p in mine)


def _surname(person: str) -> str:
    return person.rpartition(" ")[2]


def _told(story: Story, rarity: Rarity) -> int:
    """Telling terms in the centroid, counted only as far as MIN_SHARED (all it needs)."""
    count = 0
    for term, _ in story.terms:
        if telling(term, rarity):
            count += 1
            if count >= MIN_SHARED:
                break
    return count


def telling(term: str, rarity: Rarity) -> bool:
    """A term that by itself says which event: a rare name or word, an age, a figure."""
    return term not in REGION_WORDS and distinctive(term, rarity)  # "calif": the whole state


def telling_terms(profile: Profile, rarity: Rarity) -> list[str]:
    return [t for t, _ in profile.terms if telling(t, rarity)]


def assign_in_order(
    items: Iterable[StoryItem],
    candidates: Candidates,
    known: Mapping[str, str],
    *,
    rarity: Rarity,
    threshold: float = THRESHOLD,
) -> tuple[list[Assignment], list[Story]]:
    """Stories for a batch of originals, decided one by one in publication order.

    Args:
        items: the batch's original articles, in any order.
        candidates: (index terms, since) → stored stories last seen since then that share a
            term (at most CANDIDATES); stories this batch changed are overlaid on them.
        known: article id → story id already stored (a replay): kept, not decided again.

    Returns:
        The assignment of every item, and every story the batch created or changed.
    """
    touched: dict[str, Story] = {}
    out: list[Assignment] = []
    centroids: dict[str, tuple[Story, Centroid]] = {}

    def centroid_of(story: Story) -> Centroid:
        held = centroids.get(story.id)
        if held is None or held[0] is not story:  # a story that changed is another version
            held = centroids[story.id] = (story, Centroid.of(story, rarity))
        return held[1]

    for item in sorted(items, key=lambda i: (i.published, i.article_id)):
        if item.article_id in known:
            out.append(Assignment(item.article_id, known[item.article_id], 1.0, False))
            continue
        (terms, since), *by_name = candidate_lookups(item)
        pool = {s.id: s for s in candidates(terms, since)}
        named, long_since = by_name[0] if by_name else ((), item.published - LONG_WINDOW)
        for lookup in by_name:
            pool.update((s.id, s) for s in candidates(*lookup))
        wanted, wanted_named = set(terms), set(named)
        for story in touched.values():
            indexed = centroid_of(story).indexed
            if (
                story.id in pool
                or (story.last_seen >= since and wanted & indexed)
                or (story.last_seen >= long_since and wanted_named & indexed)
            ):
                pool[story.id] = story
        best: tuple[float, str] | None = None
        telling = telling_terms(item.profile, rarity)
        for story in pool.values():
            value = score(
                item.profile,
                story,
                item.published,
                rarity,
                telling=telling,
                centroid=centroid_of(story),
            )
            if value >= threshold and (best is None or (value, story.id) > best):
                best = (value, story.id)
        if best is None:
            story = start_story(item)
            out.append(Assignment(item.article_id, story.id, 1.0, True))
        else:
            story = add_to_story(pool[best[1]], item)
            out.append(Assignment(item.article_id, story.id, round(best[0], 4), False))
        touched[story.id] = story
    return out, sorted(touched.values(), key=lambda s: (s.first_seen, s.id))


def candidate_lookups(item: StoryItem) -> list[tuple[tuple[str, ...], datetime]]:
    """The (index terms, since) lookups an item's decision makes in the store: its terms over
    the window, and its people's surnames a year back (months later only a person's name
    joins). Pure, so a stage can make them all before the batch is decided."""
    lookups = [(item.profile.index_terms(), item.published - WINDOW)]
    named = tuple(sorted({PERSON_PREFIX + _surname(p) for p in item.profile.people}))
    if named:
        lookups.append((named, item.published - LONG_WINDOW))
    return lookups


def start_story(item: StoryItem) -> Story:
    return Story(
        id=story_id_for(item.article_id),
        title=item.title,
        first_seen=item.published,
        last_seen=item.published,
        sources=(item.source,),
        article_ids=(item.article_id,),
        terms=item.profile.terms,
        claim_keys=tuple(sorted({c.key.as_string() for c in item.claims})),
        figures=_latest_figures((), item.claims),
        people=item.profile.people,
        regions=item.profile.regions,
    )


def add_to_story(story: Story, item: StoryItem) -> Story:
    """The story with one more article: centroid summed and cut, sources, keys, figures."""
    if item.article_id in story.article_ids:
        return story
    summed = dict(story.terms)
    for term, weight in item.profile.terms:
        summed[term] = summed.get(term, 0.0) + weight
    ranked = sorted(summed.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS]
    people = sorted({*story.people, *item.profile.people})
    return replace(
        story,
        first_seen=min(story.first_seen, item.published),
        last_seen=max(story.last_seen, item.published),
        sources=tuple(sorted({*story.sources, item.source})),
        article_ids=(*story.article_ids, item.article_id),
        terms=tuple((t, round(w, 6)) for t, w in ranked),
        claim_keys=tuple(sorted({*story.claim_keys, *(c.key.as_string() for c in item.claims)})),
        figures=_latest_figures(story.figures, item.claims),
        # The first reports' people are the ones follow-ups name; later ones add witnesses.
        people=tuple(people if len(people) <= MAX_STORY_PEOPLE else _first_people(story, item)),
        regions=tuple(sorted({*story.regions, *item.profile.regions})),
    )


def _first_people(story: Story, item: StoryItem) -> list[str]:
    extra = [p for p in item.profile.people if p not in story.people]
    return sorted([*story.people, *extra][:MAX_STORY_PEOPLE])


def _latest_figures(
    figures: Sequence[StoryFigure], claims: Iterable[Claim]
) -> tuple[StoryFigure, ...]:
    latest = {f.key: f for f in figures}
    for claim in claims:
        key = claim.key.as_string()
        candidate = StoryFigure(
            key,
            claim.value,
            claim.low,
            claim.high,
            claim.qualifier,
            claim.source,
            claim.published,
            claim.url,
            claim.id,
        )
        held = latest.get(key)
        if held is None or (candidate.published, candidate.claim_id) > (
            held.published,
            held.claim_id,
        ):
            latest[key] = candidate
    return tuple(sorted(latest.values(), key=lambda f: f.key))


def normalised_centroid(story: Story) -> Profile:
    """The centroid as a unit vector (for display and tests)."""
    return top_terms(dict(story.terms), CENTROID_TERMS)
