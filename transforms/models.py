"""Records that cross module boundaries: frozen, slotted, built new and never mutated.

FeedEntry --(connectors)--> Article --(dedup)--> Article(duplicate_of=...)
Article --(entities, figures)--> Entity, Figure --(claims)--> Claim --(compare)--> Alert
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, get_args

Qualifier = Literal[
    "exact", "at_least", "more_than", "up_to", "less_than", "approximately", "range"
]
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)

Metric = Literal[
    "killed",
    "injured",
    "missing",
    "displaced",
    "detained",
    "hostages",
    "remains",
    "troops",
    "aid",
    "money",
    "other",
]
METRICS: tuple[Metric, ...] = get_args(Metric)

ChangeKind = Literal["new", "increase", "decrease", "revision", "conflict"]
CHANGE_KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item as a feed lists it, before any page fetch."""

    feed_url: str
    source: str
    url: str
    title: str
    summary: str
    content: str | None  # full text when the feed carries it (content:encoded, Atom content)
    content_is_html: bool
    published: datetime | None
    entry_id: str
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A news article as it travels through the log and the pipeline.

    `id` is derived from content (url + content hash), so replaying the same bytes yields the
    same id; `version` counts distinct contents seen at the same canonical URL.
    """

    id: str
    url: str
    canonical_url: str
    source: str
    title: str
    text: str
    published: datetime
    fetched: datetime
    content_hash: str
    version: int = 1
    author: str | None = None
    feed_url: str | None = None
    duplicate_of: str | None = None
    duplicate_reason: str | None = None  # "canonical_url", "content_hash" or "near_duplicate"
    story_id: str | None = None  # the story it belongs to (transforms/stories.py)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity with its character span in the article text."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in text, with what it counts and the span a person can check.

    `value` is the exact number or None when only bounds are known; `low`/`high` carry ranges
    and bounds. `metric` is None for numbers that count nothing we track (years, times, ages…).
    `start`/`end` index the article text; `sentence` is the quote around it.
    """

    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None
    metric: Metric | None
    subject: str | None
    start: int
    end: int
    sentence: str
    place: str | None = None
    period: str | None = None
    cumulative: bool = False
    # "current": the figure as of now; "previous": a figure the text says was superseded
    # ("up from 200"); "increment": an addition ("five more bodies") rather than a total;
    # "part": a share of a figure already given ("one of the five bodies").
    role: Literal["current", "previous", "increment", "part"] = "current"
    out_of: float | None = None  # "9 of 28": 28


@dataclass(frozen=True, slots=True)
class ClaimKey:
    """What a figure is a claim about: the same key means the same quantity."""

    metric: Metric
    subject: str
    place: str | None = None
    period: str | None = None

    def as_string(self) -> str:
        return "|".join((self.metric, self.subject, self.place or "*", self.period or "*"))


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's figure for a claim key, with its provenance."""

    id: str  # deterministic: article id + figure span
    key: ClaimKey
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    source: str
    url: str
    article_id: str
    canonical_url: str
    published: datetime
    quote: str
    figure_text: str
    start: int
    end: int
    cumulative: bool = False
    unit: str | None = None
    out_of: float | None = None
    story_id: str | None = None  # the story of the article it comes from


@dataclass(frozen=True, slots=True)
class Change:
    """What `compare` decided about a claim against the one before it."""

    kind: ChangeKind
    previous: Claim | None
    current: Claim
    correction: bool = False  # a cumulative count went down: a correction, never good news
    reason: str = ""


@dataclass(frozen=True, slots=True)
class SourceValue:
    """The latest figure one source gives for a key."""

    source: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    published: datetime
    url: str


@dataclass(frozen=True, slots=True)
class ConflictSummary:
    """How sources disagree on one key: conservative (lowest), best (median), low, high."""

    key: ClaimKey
    sources: tuple[SourceValue, ...]
    conservative: float | None
    best: float | None
    low: float | None
    high: float | None

    @property
    def disagree(self) -> bool:
        values = {s.value if s.value is not None else (s.low, s.high) for s in self.sources}
        return len(values) > 1


@dataclass(frozen=True, slots=True)
class Alert:
    """A claim change worth telling a subscriber, with the evidence for both sides."""

    id: str  # deterministic: key + previous claim id + current claim id
    claim_key: str
    metric: Metric
    subject: str
    change: ChangeKind
    previous: Claim | None
    current: Claim
    detected_at: datetime
    correction: bool = False
    reason: str = ""
    sources: tuple[SourceValue, ...] = field(default_factory=tuple)
    # The alert rules that routed it, decided once in event time when it was stored
    # (transforms/alert_rules.route_alerts); empty when no rule wanted it.
    rules: tuple[str, ...] = ()
    story_id: str | None = None  # the story of the current claim's article
