"""One event's counts, told by two sources on two days, compared as one event.

    "one killed, six wounded" (Sun-Times, 14 Oct)  key killed|people|*|2016-10-14 ┐ same story
    "seven shot, one fatally" (ABC7, 15 Oct)       key killed|people|*|2016-10-15 ┘ ±1 day

A count of one event ("three people were killed in a strike") is keyed by the day it was
published (claims.claim_key), so a report the next day lands on another key and would be
"new" again, never agreeing or conflicting with the first. So within one story a claim is
compared, besides with its own key's claims, with the story's earlier claims for the same
metric, subject and place dated a day either side: a corroboration stays quiet, a different
figure is a conflict (or, from the same source, its own update). Claims of other stories on
those days are not looked at: a shooting across town the same day is another event.

Keys of such counts are grouped by their family (the key without its date) so that one
worker sees every claim a comparison may need in the batch; decisions are made in
publication order and depend only on what is stored and on publication times.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from claimwatch.transforms.claims import CONFLICT_WINDOW, PERSON_METRICS, detect_changes
from claimwatch.transforms.models import Change, Claim, ClaimKey

STORY_DAYS = 1  # a follow-up the next day; further apart, daily counts are other events
GROUP_PREFIX = "dated~"  # cannot start a claim key: keys start with a metric name
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

History = Callable[[str], Sequence[Claim]]


def is_dated_count(key: ClaimKey) -> bool:
    """A count of people in one event, keyed by its day (not a running total)."""
    return (
        key.metric in PERSON_METRICS
        and key.period is not None
        and _DAY.fullmatch(key.period) is not None
    )


def comparison_group(claim: Claim) -> str:
    """What claims are grouped by before change detection: the key, or a dated key's family."""
    key = claim.key
    if not is_dated_count(key):
        return key.as_string()
    return GROUP_PREFIX + replace(key, period=None).as_string()


def is_story_group(group: str) -> bool:
    return group.startswith(GROUP_PREFIX)


def sibling_keys(key: ClaimKey, days: int = STORY_DAYS) -> tuple[ClaimKey, ...]:
    """The same count's keys dated up to `days` either side (none for other keys)."""
    if not is_dated_count(key) or key.period is None:
        return ()
    day = date.fromisoformat(key.period)
    return tuple(
        replace(key, period=(day + timedelta(days=d)).isoformat())
        for d in range(-days, days + 1)
        if d != 0
    )


def changes_in_story_group(
    new_claims: Iterable[Claim],
    history: History,
    *,
    conflict_window: timedelta = CONFLICT_WINDOW,
) -> list[tuple[Change, list[Claim]]]:
    """Changes for a group of dated counts, each claim against its key and its story.

    Args:
        new_claims: the batch's claims of one group (comparison_group), in any order.
        history: key string → the stored claims for that key.

    Returns:
        (change, the claims it was decided against plus itself, in publication order) per
        change: the second is what the alert's per-source summary is drawn from.
    """
    new = sorted({c.id: c for c in new_claims}.values(), key=_order)
    wanted = _keys_read(new)
    stored = {k: list(history(k.as_string())) for k in sorted(wanted, key=ClaimKey.as_string)}
    seen: dict[ClaimKey, dict[str, Claim]] = {k: {c.id: c for c in v} for k, v in stored.items()}
    out: list[tuple[Change, list[Claim]]] = []
    for claim in new:
        own = list(seen[claim.key].values())
        context = [
            c
            for sibling in sibling_keys(claim.key)
            for c in seen.get(sibling, {}).values()
            if claim.story_id is not None
            and c.story_id == claim.story_id
            and _order(c) < _order(claim)
        ]
        for change in detect_changes([*own, *context], [claim], conflict_window=conflict_window):
            basis = sorted({c.id: c for c in [*own, *context, claim]}.values(), key=_order)
            out.append((change, [c for c in basis if _order(c) <= _order(claim)]))
        seen[claim.key][claim.id] = claim
    return out


def story_group_history_keys(new_claims: Iterable[Claim]) -> list[str]:
    """The keys whose stored history `changes_in_story_group` reads for these claims: a
    stage can fetch them all, for every group of a batch, in one round trip."""
    return sorted(k.as_string() for k in _keys_read(new_claims))


def _keys_read(claims: Iterable[Claim]) -> set[ClaimKey]:
    keys = {c.key for c in claims}
    return keys | {s for k in keys for s in sibling_keys(k)}


def _order(claim: Claim) -> tuple[datetime, str]:
    return (claim.published, claim.id)
