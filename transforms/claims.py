"""Claims: figures keyed by what they measure, compared over publication time.

    Figure ─claims_from_figures─▶ Claim(key = metric|subject|place|period)
    Article + figures ─claims_from_article─▶ the same, an incident's killed/injured from its toll
    history(key) + new claims ─detect_changes─▶ Change ─to_alert─▶ Alert

A source is compared first with its own last figure for the key (its revision, increase or
decrease); its first figure for a key is compared with what other sources said (conflict when
close in time, else a move). Equal figures from another source corroborate and stay quiet.
Syndicated copies never get here: dedup drops them before extraction.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from claimwatch.transforms.casualty_lexicon import OTHER_INCIDENT
from claimwatch.transforms.lexicon import GENERIC_SUBJECTS
from claimwatch.transforms.models import (
    Alert,
    Article,
    Change,
    Claim,
    ClaimKey,
    ConflictSummary,
    Figure,
    SourceValue,
)
from claimwatch.transforms.toll import TOLL_METRICS, TollCount, article_toll

CONFLICT_WINDOW = timedelta(hours=24)  # two sources a day apart describe the same moment
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PERSON_METRICS = frozenset({"killed", "injured", "missing", "displaced", "detained"})
PERSON_METRICS = _PERSON_METRICS  # for story_claims.py: which dated keys are one event's count


def claim_key(figure: Figure, published: datetime) -> ClaimKey | None:
    """The key a figure is a claim about, or None when it is not a trackable claim."""
    if figure.metric is None or figure.role != "current":
        return None
    subject = figure.subject
    if subject is None:
        if figure.metric not in _PERSON_METRICS:
            return None
        subject = "people"  # "the death toll rose to 420": a toll of people
    # Nationality subjects carry their place; generic ones ("12 people") need it to mean much.
    place = figure.place if subject in GENERIC_SUBJECTS else None
    period = _resolve_period(figure.period, published)
    if period is None and figure.metric in _PERSON_METRICS and not figure.cumulative:
        # "three people were killed in a strike": an event of that day, not a running total.
        period = published.date().isoformat()
    return ClaimKey(figure.metric, subject, place, period)


def _resolve_period(period: str | None, published: datetime) -> str | None:
    """Relative days ("on tuesday", "yesterday") become dates, so weeks don't collide."""
    if period is None:
        return None
    day: date | None = None
    words = period.split()
    if words[-1] in _WEEKDAYS and words[0] == "on":
        back = (published.weekday() - _WEEKDAYS.index(words[-1])) % 7
        day = published.date() - timedelta(days=back)
    elif period in ("on today", "on overnight"):
        day = published.date()
    elif period == "on yesterday":
        day = published.date() - timedelta(days=1)
    elif period.startswith("past "):
        return f"{period} to {published.date().isoformat()}"
    return day.isoformat() if day else period


def claims_from_figures(article: Article, figures: Iterable[Figure]) -> list[Claim]:
    """One claim per trackable figure; the first figure wins when a key repeats."""
    out: dict[str, Claim] = {}
    for figure in figures:
        key = claim_key(figure, article.published)
        if key is None or (figure.value is None and figure.low is None and figure.high is None):
            continue
        out.setdefault(key.as_string(), _claim(article, figure, key))
    return list(out.values())


_DAY = re.compile(r"\d{4}-\d\d-\d\d$")


def claims_from_article(
    article: Article,
    figures: Sequence[Figure],
    toll: Mapping[str, TollCount] | None = None,
) -> list[Claim]:
    """The article's claims, with the main incident's killed and injured taken from its toll.

    A shooting report names its victims in many ways ("a man was shot", "two people were
    wounded", "the victim, 25, died"): one claim per figure would key the scattered mentions
    and let the first one win. Where the toll speaks of a metric, the figures of that metric
    about the incident give way to one claim carrying the toll's value and evidence, keyed
    to the incident's day. A running total over a period ("400 killed since the ceasefire")
    is no incident: an article stating one for a metric keeps its per-figure claims for it.
    `toll` is article_toll(article.text, figures) when it was computed already (the analysis).
    """
    running = {
        f.metric
        for f in figures
        if f.cumulative and f.period is not None and not OTHER_INCIDENT.search(f.sentence)
    }
    counts = {
        metric: count
        for metric, count in (
            toll if toll is not None else article_toll(article.text, figures)
        ).items()
        if metric in TOLL_METRICS  # the harmed; the toll's missing/detained/hostages stay apart
        and metric not in running
        and count.evidence
        and (count.value or count.low)
    }
    if not counts:
        return claims_from_figures(article, figures)
    incident = [f for f in figures if f.metric in counts and _about_incident(f, article)]
    out = [_toll_claim(article, c, _toll_key(article, c, incident)) for c in counts.values()]
    taken = {c.key.as_string() for c in out}
    replaced = set(incident)
    rest = claims_from_figures(article, [f for f in figures if f not in replaced])
    return out + [c for c in rest if c.key.as_string() not in taken]


def _about_incident(figure: Figure, article: Article) -> bool:
    """A count of one day ("on Tuesday", or the publication's) or a toll with no period."""
    key = claim_key(figure, article.published)
    if key is None:
        return False
    return bool(_DAY.match(key.period)) if key.period else figure.cumulative


def _toll_key(article: Article, count: TollCount, incident: Sequence[Figure]) -> ClaimKey:
    """People, the place of the figure the toll rests on (else the first incident figure's),
    and the incident's day: every outlet's report of one incident meets on one key."""
    resting = [
        f
        for f in incident
        if f.metric == count.metric
        and any(e.start < f.end and f.start < e.end for e in count.evidence)
    ]
    anchor = next((claim_key(f, article.published) for f in [*resting, *incident]), None)
    day = article.published.date().isoformat()
    if anchor is None:
        return ClaimKey(count.metric, "people", None, day)
    period = anchor.period if anchor.period and _DAY.match(anchor.period) else day
    return ClaimKey(count.metric, "people", anchor.place, period)


def _toll_claim(article: Article, count: TollCount, key: ClaimKey) -> Claim:
    spans = sorted(count.evidence, key=lambda e: e.start)
    first = spans[0]
    # the quote is every sentence the count rests on, in the article's order
    quote = " … ".join(dict.fromkeys(e.sentence for e in spans if e.sentence))
    ident = hashlib.sha1(f"{article.id}:toll:{count.metric}".encode()).hexdigest()[:16]
    return Claim(
        id=ident,
        key=key,
        value=count.value,
        low=count.low,
        high=count.high,
        qualifier=count.qualifier,
        source=article.source,
        url=article.url,
        article_id=article.id,
        canonical_url=article.canonical_url,
        published=article.published,
        quote=quote or first.text,
        figure_text=first.text,
        start=first.start,
        end=first.end,
        story_id=article.story_id,
    )


def _claim(article: Article, figure: Figure, key: ClaimKey) -> Claim:
    ident = hashlib.sha1(f"{article.id}:{figure.start}:{figure.end}".encode()).hexdigest()[:16]
    return Claim(
        id=ident,
        key=key,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        qualifier=figure.qualifier,
        source=article.source,
        url=article.url,
        article_id=article.id,
        canonical_url=article.canonical_url,
        published=article.published,
        quote=figure.sentence,
        figure_text=figure.text,
        start=figure.start,
        end=figure.end,
        cumulative=figure.cumulative,
        unit=figure.unit,
        out_of=figure.out_of,
        story_id=article.story_id,
    )


def point(claim: Claim | SourceValue) -> float | None:
    """One number to order by: the value, the middle of a range, or the known bound."""
    if claim.value is not None:
        return float(claim.value)
    if claim.low is not None and claim.high is not None:
        return (float(claim.low) + float(claim.high)) / 2
    bound = claim.low if claim.low is not None else claim.high
    return float(bound) if bound is not None else None


def same_figure(a: Claim, b: Claim) -> bool:
    return (a.value, a.low, a.high) == (b.value, b.low, b.high) or (
        point(a) == point(b) and a.qualifier == b.qualifier
    )


def compare(
    previous: Claim | None,
    current: Claim,
    *,
    conflict_window: timedelta = CONFLICT_WINDOW,
) -> Change | None:
    """What changed between the figure before and this one; None when nothing did."""
    if previous is None:
        return Change("new", None, current, reason="first figure for this key")
    if same_figure(previous, current):
        return None
    before, now = point(previous), point(current)
    if before is None or now is None:
        return Change("revision", previous, current, reason="bounds changed")
    went_down = now < before
    correction = went_down and current.cumulative
    if previous.source == current.source:
        if previous.canonical_url == current.canonical_url:
            return Change(
                "revision", previous, current, correction, "the source updated its own article"
            )
        if correction:
            return Change(
                "revision", previous, current, True, "the source now gives a lower cumulative count"
            )
        return Change(
            "decrease" if went_down else "increase",
            previous,
            current,
            reason="the source reports a new figure",
        )
    close_in_time = abs(current.published - previous.published) <= conflict_window
    if close_in_time or correction:
        return Change(
            "conflict", previous, current, False, f"{current.source} differs from {previous.source}"
        )
    return Change(
        "decrease" if went_down else "increase",
        previous,
        current,
        reason=f"{current.source} reports a newer figure",
    )


def detect_changes(
    history: Sequence[Claim],
    new_claims: Sequence[Claim],
    *,
    conflict_window: timedelta = CONFLICT_WINDOW,
) -> list[Change]:
    """Changes for one key, deciding in publication order, never arrival order.

    `history` is what the store holds for the key (it may already contain some of
    `new_claims` after a replay: those decide nothing twice). A claim older than the
    source's latest stored figure is late: it joins the history but alerts nobody.
    """
    known = {c.id for c in history}
    timeline = _Timeline(history)
    changes: list[Change] = []
    for claim in sorted(new_claims, key=_order):
        if claim.id in known:
            continue
        at = _order(claim)
        late = timeline.has_later(claim.source, at)
        own = timeline.latest_before(claim.source, at)
        others = [
            c
            for source in timeline.sources()
            if source != claim.source and (c := timeline.latest_before(source, at)) is not None
        ]
        timeline.add(claim)
        known.add(claim.id)
        if late:
            continue
        if own is not None:
            change = compare(own, claim, conflict_window=conflict_window)
        elif any(same_figure(c, claim) for c in others):
            change = None  # a new source agrees with one already heard: corroboration
        elif others:
            latest = max(others, key=_order)
            change = compare(latest, claim, conflict_window=conflict_window)
        else:
            change = compare(None, claim)
        if change is not None:
            changes.append(change)
    return changes


class _Timeline:
    """A key's claims by source, each source's in publication order, found by bisection:
    deciding a claim costs a few lookups per source, not a pass over the key's history."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self._orders: dict[str, list[tuple[datetime, str]]] = {}
        self._claims: dict[str, list[Claim]] = {}
        for claim in sorted(claims, key=_order):
            self._orders.setdefault(claim.source, []).append(_order(claim))
            self._claims.setdefault(claim.source, []).append(claim)

    def sources(self) -> list[str]:
        return list(self._orders)

    def add(self, claim: Claim) -> None:
        orders = self._orders.setdefault(claim.source, [])
        at = bisect.bisect_right(orders, _order(claim))
        orders.insert(at, _order(claim))
        self._claims.setdefault(claim.source, []).insert(at, claim)

    def has_later(self, source: str, at: tuple[datetime, str]) -> bool:
        orders = self._orders.get(source, [])
        return bisect.bisect_right(orders, at) < len(orders)

    def latest_before(self, source: str, at: tuple[datetime, str]) -> Claim | None:
        """The source's last claim published strictly before `at`."""
        index = bisect.bisect_left(self._orders.get(source, []), at)
        return self._claims[source][index - 1] if index else None


def _order(claim: Claim) -> tuple[datetime, str]:
    return (claim.published, claim.id)


def summarise(history: Sequence[Claim]) -> ConflictSummary | None:
    """Latest figure per source, and conservative/best/low/high across sources."""
    if not history:
        return None
    latest: dict[str, Claim] = {}
    for claim in sorted(history, key=_order):
        latest[claim.source] = claim
    return _summary(history[0].key, latest)


def _summary(key: ClaimKey, latest: Mapping[str, Claim]) -> ConflictSummary:
    """The summary of each source's latest claim (`latest`: source → its claim)."""
    sources = tuple(
        SourceValue(c.source, c.value, c.low, c.high, c.qualifier, c.published, c.url)
        for c in sorted(latest.values(), key=_order)
    )
    points = [p for p in (point(s) for s in sources) if p is not None]
    lows = [v for s in sources for v in (s.low, s.value) if v is not None]
    highs = [v for s in sources for v in (s.high, s.value) if v is not None]
    return ConflictSummary(
        key=key,
        sources=sources,
        conservative=min(points) if points else None,  # ACLED-style: the lowest credible
        best=statistics.median(points) if points else None,
        low=min(lows) if lows else None,
        high=max(highs) if highs else None,
    )


def to_alert(change: Change, *, detected_at: datetime, history: Sequence[Claim]) -> Alert:
    """An alert with a deterministic id: replaying the same change yields the same alert."""
    return _alert(change, detected_at, summarise([*history, change.current]))


def alerts_for_changes(
    changes: Sequence[Change], claims: Iterable[Claim], *, detected_at: datetime
) -> list[Alert]:
    """`to_alert` for each of one key's changes, its history being the key's claims published
    up to the change's own (`claims`: stored and new), in one pass over them."""
    timeline = sorted({c.id: c for c in claims}.values(), key=_order)
    alerts: dict[int, Alert] = {}
    latest: dict[str, Claim] = {}
    walked = 0
    for index in sorted(range(len(changes)), key=lambda i: _order(changes[i].current)):
        change = changes[index]
        at = _order(change.current)
        while walked < len(timeline) and _order(timeline[walked]) <= at:
            latest[timeline[walked].source] = timeline[walked]
            walked += 1
        key = timeline[0].key if timeline and _order(timeline[0]) <= at else change.current.key
        summary = _summary(key, {**latest, change.current.source: change.current})
        alerts[index] = _alert(change, detected_at, summary)
    return [alerts[i] for i in range(len(changes))]


def _alert(change: Change, detected_at: datetime, summary: ConflictSummary | None) -> Alert:
    previous_id = change.previous.id if change.previous else "-"
    key = change.current.key
    ident = hashlib.sha1(
        f"{key.as_string()}|{previous_id}|{change.current.id}".encode()
    ).hexdigest()[:20]
    return Alert(
        id=ident,
        claim_key=key.as_string(),
        metric=key.metric,
        subject=key.subject,
        change=change.kind,
        previous=change.previous,
        current=change.current,
        detected_at=detected_at,
        correction=change.correction,
        reason=change.reason,
        sources=summary.sources if summary else (),
        story_id=change.current.story_id,
    )
