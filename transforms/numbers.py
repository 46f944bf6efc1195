"""Number semantics: every number-like phrase in a text, with its value, bounds and kind.

Pure Python (stdlib + re). `find_quantities` returns one `Quantity` per phrase, in text order,
non-overlapping; only kinds "count" and "money" can become tracked figures, every other kind
(years, dates, times, durations, ages, ordinals, percentages, phones, channels, page furniture,
measurements, designators such as "Resolution 2803") is reported so callers can skip it.

Convention for value/low/high, kept everywhere (the CLI contract):

    qualifier      example                          value  low    high
    exact          "400", "no one" (0)              400    400    400
    at_least       "at least 400", "400 or more"    400    400    None
    more_than      "more than 1,100", "400-plus"    1100   1100   None
    up_to          "up to 200", "as many as 200"    200    None   200
    less_than      "fewer than 50", "under 50"      50     None   50
    approximately  "about/nearly/almost/some 300"   300    None   None
    range          "15 to 20", "between 20 and 30" None   15     20
    at_least       "thousands of" (vague plural)    None   2000   None

"nearly" and "almost" are approximately with no bound: reporters use them loosely, and a bound
that is sometimes wrong is worse than none. Vague plurals mean at least two of the unit:
dozens 24, scores 40, hundreds 200, thousands 2,000, tens of thousands 20,000, hundreds of
thousands 200,000, millions 2,000,000; "several N" is at least 3N and "a few N" at least 2N.
The text of a vague plural stops before "of" ("thousands", not "thousands of").
tests/data/eval/GUIDELINES.md has the full convention with examples, and numbers.jsonl the
table that pins it.

How it reads a text:

    text ─shapes─▶ phones, dates, times, URLs, number-only lines (kept, then skipped)
         ─tokens─▶ core (digits, number words, vague plurals)
                   + what surrounds it: currency, range partner, "of 28", hedge, unit, kind

Where each step lives: number_lexicon.py holds the word tables and shapes, number_tokens.py
the tokens and cores, number_context.py the readers of what surrounds a core; this module
assembles a phrase from them and is the public API.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from claimwatch.transforms.models import Qualifier
from claimwatch.transforms.number_context import (
    _currency_before,
    _hedge_before,
    _is_count_noun,
    _is_year,
    _left_kind,
    _name_age,
    _pronoun_one,
    _range_tail,
    _ratio_end,
    _sports,
    _suffix,
    _total_tail,
    _word_before,
    _year_span_end,
)
from claimwatch.transforms.number_lexicon import (
    _AGE_GROUPS,
    _HEDGE_QUALIFIER,
    _MONTH_STEM,
    _SHAPES,
    KINDS,
    Kind,
    ShapeLead,
)
from claimwatch.transforms.number_tokens import (
    _at,
    _Core,
    _core,
    _lows,
    _Tok,
    _tokens_and_openers,
    has_digit,
    parse_number_words,
)

__all__ = [
    "KINDS",
    "Kind",
    "Quantity",
    "find_quantities",
    "parse_number_words",
    "sentence_quantities",
]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number-like phrase: `text` is `input[start:end]`, hedge and unit included."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    kind: Kind
    unit: str | None
    out_of: float | None = None


def _bounds(
    value: float | None, low: float | None, high: float | None, qualifier: Qualifier
) -> tuple[float | None, float | None]:
    """low and high under the module's convention, given the qualifier."""
    if value is None:
        return low, high
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("up_to", "less_than"):
        return None, value
    if qualifier == "approximately":
        return None, None
    return low, high


def _build(text: str, toks: list[_Tok], core: _Core) -> tuple[Quantity, int] | None:
    """The phrase around a core (hedge, range partner, total, unit, kind) and the next token
    index to scan; None when the core counts nothing."""
    i = first = core.i
    end = core.j
    kind: Kind | None = "ordinal" if core.ordinal else core.shape
    unit = core.unit
    currency = _currency_before(toks, i) if kind is None else None
    if currency is not None:
        kind, unit = "money", currency[0]
        first = currency[1]
    left = _left_kind(toks, i, text)
    if left is not None and left != "year":
        kind = left
    qualifier: Qualifier = "approximately" if core.approx else "exact"
    value, low, high = core.value, core.value, core.value
    out_of: float | None = None
    year_end = _year_span_end(toks, core, end) if kind is None else None
    if year_end is not None:
        kind, end = "year", year_end
    between = first > 0 and toks[first - 1].low == "between"
    rng = None
    if kind != "year" and core.low is None:
        rng = _range_tail(toks, core, end, between, text)
    if rng is not None:
        low, high, end, range_currency = rng
        value, qualifier = None, "range"
        if range_currency and kind is None:
            kind, unit = "money", range_currency
        # "3-1", "a 5-4 vote", "won 2-0": a score, not a range
        if low >= high or (
            toks[end - 1].kind == "num" and toks[i].kind == "num" and _sports(toks, i, end)
        ):
            kind = "other"
    elif core.low is not None:
        value, low, high, qualifier = None, core.low, None, "at_least"
    elif not core.ordinal and kind in (None, "money", "furniture", "other", "channel"):
        total = _total_tail(toks, core, end, text)
        if total is not None:
            out_of, end = total
    if rng is None and out_of is None and kind is None:
        ratio_end = _ratio_end(toks, core, end, text)
        if ratio_end is not None:
            kind, end = "other", ratio_end
    # What follows: a unit, a kind, or a postfix hedge ("or more", "-plus").
    after = end + 1 if core.low is not None and _lows(toks, end, 1) == ["of"] else end
    s_kind, s_unit, s_len, s_qual = _suffix(toks, after)
    if s_kind is not None and s_kind != "count" and kind is None:
        kind, unit = s_kind, s_unit or unit
    if s_len and ((s_kind in ("money", "percent") and kind == s_kind) or s_qual is not None):
        end = after + s_len
    if s_qual is not None and qualifier == "exact":
        qualifier = s_qual
    span_start = toks[first - 1 if rng is not None and between else first].start
    hedge = None
    if qualifier in ("exact", "range") or core.low is not None:
        found = _hedge_before(text, span_start)
        if found is not None:
            hedge, span_start = found
            if core.low is None and qualifier != "range":
                qualifier = _HEDGE_QUALIFIER.get(hedge, "approximately")
            if (
                kind is None
                and hedge in ("under", "over", "below", "above")
                and _word_before(text, span_start) in _AGE_GROUPS
                and (core.value or 0) <= 120
                and not _is_count_noun(_at(toks, end))
            ):
                kind = "age"
    if kind is None and hedge is None:
        if _name_age(toks, i, end):
            kind = "age"
        elif not between and _is_year(toks, core, end):
            kind = "year"
    if kind is None:
        kind = "year" if left == "year" else "count"
    bare = hedge is None and qualifier == "exact" and out_of is None
    if kind == "count" and bare and _pronoun_one(toks, core, end):
        return None
    low, high = _bounds(value, low, high, qualifier)
    if kind in ("count", "money") and unit == "m":
        unit = None
    keep_unit = kind in ("money", "percent", "other", "duration")
    span_end = toks[end - 1].end
    quantity = Quantity(
        text[span_start:span_end],
        span_start,
        span_end,
        value,
        low,
        high,
        qualifier,
        kind,
        unit if keep_unit else None,
        out_of,
    )
    return quantity, end


def _valid_shape(kind: Kind | None, match: re.Match[str]) -> bool:
    if kind != "date":
        return True
    days = re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", match.group())
    return all(1 <= int(d) <= 31 for d in days[:1]) if days else True


_DIGIT_RUN = re.compile(r"\d+")
_NEWLINE = re.compile(r"\n")


def _either(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that matches where any of `patterns` does (each keeps its IGNORECASE)."""
    return re.compile(
        "|".join(f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})" for p in patterns)
    )


# Every "digit" shape at once: a run of digits where it fails begins no shape's match, so each
# shape is tried only at the runs it passes (a few in a hundred; the rest are plain numbers).
_DIGIT_SHAPE = _either(pattern for _, pattern, lead in _SHAPES if lead == "digit")


class _Leads:
    """Where in one text each shape's match can begin (number_lexicon.ShapeLead).

    A shape tried only at those places finds exactly what a scan of the whole text finds:
    the scan tries every position in order and keeps the first match, then goes on from its
    end; starting it at a place no match can begin only fails.
    """

    __slots__ = ("_digits", "_lines", "_month", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._digits: list[int] | None = None
        self._lines: list[int] | None = None
        self._month: bool | None = None

    def matches(self, pattern: re.Pattern[str], lead: ShapeLead) -> Iterable[re.Match[str]]:
        text = self._text
        if lead == "digit":
            if self._digits is None:
                runs = (m.start() for m in _DIGIT_RUN.finditer(text))
                self._digits = [start for start in runs if _DIGIT_SHAPE.match(text, start)]
            return _matches_at(pattern, text, self._digits) if self._digits else ()
        if lead == "line":
            if self._lines is None:
                self._lines = [0, *(m.end() for m in _NEWLINE.finditer(text))]
            return _matches_at(pattern, text, self._lines)
        if lead == "plus":
            return pattern.finditer(text) if "+" in text else ()
        if lead == "month":
            if self._month is None:
                self._month = _MONTH_STEM.search(text) is not None
            return pattern.finditer(text) if self._month else ()
        return pattern.finditer(text)


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What `pattern.finditer(text)` yields when no match can begin outside `starts`."""
    out: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)) is not None:
            out.append(m)
            end = m.end()
    return out


@lru_cache(maxsize=512)
def sentence_quantities(text: str) -> tuple[Quantity, ...]:
    """find_quantities of one sentence, kept for the next reader of the same sentence.

    Figure extraction reads every sentence with a number; the toll then reads the casualty
    sentences among them again. The result depends on the text alone (Quantity is frozen), so
    the second reading takes the first one's; 512 sentences hold a long article's and more.
    """
    return tuple(find_quantities(text))


def find_quantities(text: str) -> list[Quantity]:
    """Every number-like phrase in `text`, in order and non-overlapping.

    Args:
        text: any text; a sentence or a whole article.

    Returns:
        One Quantity per phrase. Only kinds "count" and "money" are amounts that can become
        figures; the rest are found so nothing mistakes "Channel 13" or "2027" for a count.
    """
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    # every shape but the first (links, e-mail, which find no quantity) holds a digit; the
    # first needs "://", "www." or "@" (a plain substring test spares its scan of every word)
    link = "://" in text or "www." in text or "@" in text
    shapes = _SHAPES[0 if link else 1 : None if has_digit(text) else 1]
    leads = _Leads(text)
    for shape_kind, pattern, lead in shapes:
        for m in leads.matches(pattern, lead):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if not _valid_shape(shape_kind, m):
                continue
            taken.append((m.start(), m.end()))
            if shape_kind == "furniture":
                for d in re.finditer(r"\d+", m.group()):
                    v = float(d.group())
                    found.append(
                        Quantity(
                            d.group(),
                            m.start() + d.start(),
                            m.start() + d.end(),
                            v,
                            v,
                            v,
                            "exact",
                            "furniture",
                            None,
                        )
                    )
            elif shape_kind is not None:
                found.append(
                    Quantity(
                        m.group(), m.start(), m.end(), None, None, None, "exact", shape_kind, None
                    )
                )
    mask = bytearray(len(text) if taken else 0)  # read below only when a shape took a span
    for s, e in taken:
        mask[s:e] = b"\x01" * (e - s)
    # only a digit or a word in _FIRST_WORDS can open a number: look at those alone
    toks, openers = _tokens_and_openers(text)
    if taken:
        openers = [k for k in openers if not any(mask[toks[k].start : toks[k].end])]
    k = 0
    for opener in openers:
        if opener < k:
            continue  # inside the phrase read last
        k = opener
        core = _core(toks, k, text)
        if core is None:
            k += 1
            continue
        phrase = _build(text, toks, core)
        if phrase is not None:
            found.append(phrase[0])
            k = max(phrase[1], k + 1)
        else:
            k = max(core.j, k + 1)
    found.sort(key=lambda q: (q.start, -q.end))
    result: list[Quantity] = []
    for q in found:
        if result and q.start < result[-1].end:
            continue
        result.append(q)
    return result
