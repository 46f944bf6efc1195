"""Number context: what the tokens around a number core say about it.

Each reader looks at one side of a core: a currency or a hedge before it, a range partner,
"of 28", "in ten" or a unit after it, and the words that make it a year, an age, a channel or
a score. numbers.py calls them in order to assemble a phrase.
"""

from __future__ import annotations

from claimwatch.transforms.models import Qualifier
from claimwatch.transforms.number_lexicon import (
    _CHANNELS,
    _COUNT_NOUNS,
    _COUNT_VERBS,
    _CURRENCY_CODES,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DEMONYM,
    _DESIGNATORS,
    _DOLLAR_PREFIX,
    _FURNITURE_AFTER,
    _FURNITURE_BEFORE,
    _GALLERY,
    _HEDGE,
    _HEDGE_LAST,
    _MEASURES,
    _MONTH_WORDS,
    _OVER_VERBS,
    _SINGULAR_NOUNS,
    _SPORTS,
    _TENS,
    _TIME_UNITS,
    _UNITS,
    _UP_TO_TOTALS,
    _YEAR_PREFIX,
    Kind,
)
from claimwatch.transforms.number_tokens import _at, _Core, _core, _lows, _Tok


def _is_count_noun(tok: _Tok | None) -> bool:
    return tok is not None and (tok.low in _COUNT_NOUNS or bool(_DEMONYM.match(tok.text)))


def _range_tail(
    toks: list[_Tok], core: _Core, k: int, between: bool, text: str
) -> tuple[float, float, int, str | None] | None:
    """ "to 20", "-20", "or 20", "and 30" (after between): (low, high, next index, currency)."""
    sep = _at(toks, k)
    if sep is None or core.value is None or core.ordinal or core.shape:
        return None
    if between:
        if sep.low != "and":
            return None
    elif sep.low == "to" or sep.low == "or":
        before = toks[core.i - 1].low if core.i > 0 else ""
        if sep.low == "to" and before == "from":
            before2 = toks[core.i - 2].low if core.i > 1 else ""
            if before2 not in ("ranging", "range", "anywhere", "anything"):
                return None  # "rose from 15 to 20" is a change, not a range
    elif sep.text in ("-", "–", "—"):
        after = _at(toks, k + 1)
        # "15-20" or "1,000 - 2,000", not "5 -7"
        if toks[core.i].kind != "num" or after is None or sep.gap != after.gap:
            return None
    else:
        return None
    m = k + 1
    currency = None
    nxt = _at(toks, m)
    if nxt is not None and nxt.text in _CURRENCY_SYMBOLS:
        currency = _CURRENCY_SYMBOLS[nxt.text]
        m += 1
    if m >= len(toks) or toks[m].kind not in ("num", "word"):
        return None
    if toks[m].kind == "word" and toks[core.i].kind == "num" and sep.low != "and":
        return None
    other = _core(toks, m, text)
    if other is None or other.value is None or other.ordinal or other.shape:
        return None
    low, high = core.value, other.value
    if other.scaled and not core.scaled and low * other.scale <= high:
        low *= other.scale  # "15 to 20 million": the scale word belongs to both ends
    elif _implied_thousands(toks, core, other):
        low *= 1000  # "10 to 12,000 people" means 10,000 to 12,000
    if sep.low == "or" and not (low < high <= max(3 * low, low + 10)):
        return None
    dash = sep.text in ("-", "–", "—") and not sep.gap
    if low >= high and not dash and not (sep.low == "to" and _sports(toks, core.i, other.j)):
        return None  # "24 to 8" only as a vote or a score
    return low, high, other.j, currency


def _implied_thousands(toks: list[_Tok], core: _Core, other: _Core) -> bool:
    first, last = toks[core.i].text, toks[other.i].text
    if not first.isdecimal() or core.scaled or core.value is None or other.value is None:
        return False
    if "," not in last or other.value % 1000 or not 1 <= core.value < 1000:
        return False
    return other.value / 10 < core.value * 1000 <= other.value


def _suffix(toks: list[_Tok], k: int) -> tuple[Kind | None, str | None, int, Qualifier | None]:
    """What follows the number: (kind, unit, tokens consumed, postfix qualifier)."""
    t = _at(toks, k)
    if t is None:
        return None, None, 0, None
    lows = _lows(toks, k, 4)
    if t.text == "%":
        return "percent", "percent", 1, None
    if t.low in ("percent", "pct") or lows[:2] == ["per", "cent"]:
        return "percent", "percent", 2 if t.low == "per" else 1, None
    if lows[:2] in (["percentage", "point"], ["percentage", "points"]):
        return "percent", "percentage points", 2, None
    if t.text == "+" and not t.gap:
        return None, None, 1, "more_than"
    if t.text in ("-", "–") and not t.gap and k + 1 < len(toks) and not toks[k + 1].gap:
        w = toks[k + 1].low
        if w in ("year", "years") and lows[2:4] == ["-", "old"]:
            return "age", None, 0, None
        if w == "plus":
            return None, None, 2, "more_than"
        if w == "odd":
            return None, None, 2, "approximately"
        if w == "percent":
            return "percent", "percent", 2, None
        if w in _TIME_UNITS:
            return "duration", w.rstrip("s"), 0, None
        if w in ("strong", "member", "man", "person", "people", "nation", "country", "state"):
            return ("count", None, 0, None) if w != "state" else ("other", None, 0, None)
        if toks[k + 1].kind == "word" and w not in _COUNT_NOUNS:
            return "other", _MEASURES.get(w, w), 0, None
    if lows[:2] in (["or", "more"], ["and", "more"], ["or", "above"]) and lows[2:3] != ["than"]:
        # "killed 12 and more than 40 were injured": "more than" opens the next number
        return None, None, 2, "at_least"
    if lows[:2] in (["or", "fewer"], ["or", "less"]):
        return None, None, 2, "up_to"
    if lows[:2] == ["or", "so"]:
        return None, None, 2, "approximately"
    if t.low == "odd":
        return None, None, 1, "approximately"
    if t.low in _CURRENCY_WORDS and not (t.low == "pounds" and lows[1:2] == ["of"]):
        return "money", _CURRENCY_WORDS[t.low], 1, None
    if t.text in _CURRENCY_CODES and t.text.isupper():
        return "money", _CURRENCY_CODES[t.text], 1, None
    if lows[:2] in (["us", "dollars"], ["u.s.", "dollars"]):
        return "money", "USD", 2, None
    if t.low in ("year", "years", "yr", "yrs") and (
        lows[1:2] == ["old"] or lows[1:3] == ["of", "age"]
    ):
        return "age", None, 0, None
    if t.low in _TIME_UNITS:
        return "duration", t.low.rstrip("s"), 0, None
    if t.low in _MEASURES and (t.low != "square" or lows[1:2] in (["km"], ["miles"], ["metres"])):
        return "other", _MEASURES[t.low], 0, None
    if t.low == "pounds":
        return "other", "lb", 0, None
    if t.low in _FURNITURE_AFTER or t.low in _GALLERY:
        return "furniture", None, 0, None
    return None, None, 0, None


def _left_kind(toks: list[_Tok], i: int, text: str) -> Kind | None:
    """What the words before the number say: "aged 12", "Channel 13", "F-16", "call 911"."""
    t = toks[i]
    p = _at(toks, i - 1)
    p2 = _at(toks, i - 2)
    if p is None:
        return None
    if not t.gap and p.kind == "word":
        return "channel" if p.low in ("i", "n") else "other"
    if not t.gap and p.text == "-" and p2 is not None and not p.gap and p2.kind == "word":
        if p2.low in _YEAR_PREFIX:
            return "year"
        return "channel" if p2.low in _CHANNELS else "other"
    if not t.gap and p.text in ("#", "№"):
        return "other"
    if p.kind == "word":
        if p.low in ("aged", "age", "ages") or (
            p.low == "between" and p2 is not None and p2.low in ("aged", "ages")
        ):
            return "age"
        # "aged 15 and 16": the list after "aged" is ages too
        if p.low in ("and", "or") and p2 is not None and _numeral(p2):
            p3 = _at(toks, i - 3)
            if p3 is not None and p3.low in ("aged", "ages"):
                return "age"
        if p.low in _CHANNELS - {"i", "n"}:
            return "channel"
        if p.low in _DESIGNATORS:
            return "other"
        if p.text in _FURNITURE_BEFORE:
            return "furniture"
        if p.low in ("call", "dial", "hotline", "tel", "phone", "telephone", "fax"):
            return "phone"
    if (
        p.text == "."
        and p2 is not None
        and p2.low in ("no", "nos", "vol", "p", "pp", "fig", "art", "sec", "ch")
    ):
        return "other"
    if any(tok.low in _GALLERY for tok in toks[max(0, i - 2) : i]):
        return "furniture"
    return None


def _numeral(tok: _Tok) -> bool:
    """A number in digits or in words: "aged 8 and 10", "aged eight and ten"."""
    return tok.kind == "num" or tok.low in _UNITS or tok.low in _TENS


def _name_age(toks: list[_Tok], i: int, j: int) -> bool:
    """ "Yossi Cohen, 34, of Haifa", "Cohen (34)", "a soldier, 20,": an age in apposition."""
    p, p2, nxt = _at(toks, i - 1), _at(toks, i - 2), _at(toks, j)
    if p is None or p2 is None or toks[i].kind != "num" or p2.kind != "word":
        return False
    if not (p2.text[:1].isupper() or p2.low in _SINGULAR_NOUNS) or p2.low in _MONTH_WORDS:
        return False
    if (toks[i].text.isdecimal() and int(toks[i].text) > 120) or p2.low in ("more", "other"):
        return False
    p3 = _at(toks, i - 3)
    if p3 is not None and p3.low in ("in", "at", "from", "across", "near", "outside"):
        return False  # "In Gaza, 40, including children, died": a place, not a name
    closing = {",": (",", ";", ".", ")"), "(": (")",)}.get(p.text)
    return closing is not None and (nxt is None or nxt.text in closing)


def _is_year(toks: list[_Tok], core: _Core, j: int) -> bool:
    t = toks[core.i]
    if t.kind != "num" or core.scaled or "," in t.text or "." in t.text or core.value is None:
        return False
    if not 1800 <= core.value <= 2100:
        return False
    before, after = _at(toks, core.i - 1), _at(toks, j)
    if before is not None and before.low in ("in", "since", "until", "through", "during"):
        return True  # "in 1948 people fled": the preposition wins over the noun
    if before is not None and before.low in _COUNT_VERBS:
        return False  # "killed 2000", "reached 1900"
    return not (_is_count_noun(after) or (after is not None and after.low == "of"))


def _currency_before(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """ "$2.5 million", "US$3bn", "NIS 5,000": (ISO code, index of the first token)."""
    p = _at(toks, i - 1)
    if p is None or toks[i].kind != "num":
        return None
    if p.text in _CURRENCY_SYMBOLS and not toks[i].gap:
        pp = _at(toks, i - 2)
        if p.text == "$" and pp is not None and not p.gap and pp.low in _DOLLAR_PREFIX:
            return _DOLLAR_PREFIX[pp.low], i - 2
        return _CURRENCY_SYMBOLS[p.text], i - 1
    if p.text in _CURRENCY_CODES and p.text[0].isupper():
        return _CURRENCY_CODES[p.text], i - 1
    return None


def _year_span_end(toks: list[_Tok], core: _Core, j: int) -> int | None:
    """ "2023-24", "2023-2024": the index after the span, when the core is a year."""
    sep, nxt = _at(toks, j), _at(toks, j + 1)
    if not _is_year(toks, core, j) or sep is None or nxt is None:
        return None
    if sep.text in ("-", "–") and not sep.gap and nxt.kind == "num" and not nxt.gap:
        return j + 2 if len(nxt.text) in (2, 4) else None
    return None


def _total_tail(toks: list[_Tok], core: _Core, end: int, text: str) -> tuple[float, int] | None:
    """ "9 of 28", "nine out of 28", "nine of the 28": (the total, index after it)."""
    lows = _lows(toks, end, 4)
    skip = 1 if lows[:1] == ["of"] else 2 if lows[:2] == ["out", "of"] else 0
    if skip and lows[skip : skip + 1] == ["the"]:
        skip += 1
    if not skip or end + skip >= len(toks) or toks[end + skip].kind not in ("num", "word"):
        return None
    total = _core(toks, end + skip, text)
    if total is None or total.value is None or total.ordinal or total.shape:
        return None
    if core.value is None or total.value < core.value:
        return None
    return total.value, total.j


def _ratio_end(toks: list[_Tok], core: _Core, end: int, text: str) -> int | None:
    """ "four in ten", "one in five": a proportion, not a count; the index after it."""
    if _lows(toks, end, 1) != ["in"] or end + 1 >= len(toks) or core.value is None:
        return None
    ratio = _core(toks, end + 1, text)
    if ratio is None or ratio.value is None or ratio.shape:
        return None
    return ratio.j if core.value < ratio.value <= 1000 else None


def _hedge_before(text: str, start: int) -> tuple[str, int] | None:
    """ "at least", "well over", "an estimated" right before `start`: (hedge, its start)."""
    last = text[max(0, start - 16) : start].split()
    if not last or last[-1].lower() not in _HEDGE_LAST:
        return None  # the regex below is the slow part; most numbers have no hedge
    window = text[max(0, start - 60) : start]
    m = _HEDGE.search(window)
    if m is None:
        return None
    hedge = " ".join(m.group("h").lower().split())
    before = _word_before(window, m.start())
    if hedge == "over" and before in _OVER_VERBS:
        return None  # "handed over three hostages" is three, not more than three
    if hedge == "up to" and before in _UP_TO_TOTALS:
        return None  # "bringing the total up to 59" is 59
    return hedge, start - len(window) + m.start()


def _word_before(text: str, index: int) -> str:
    words = text[max(0, index - 20) : index].split()
    return words[-1].lower().strip(",;:") if words else ""


def _pronoun_one(toks: list[_Tok], core: _Core, end: int) -> bool:
    """A bare "one" that counts nothing: "one of the deadliest", "an attack on one"."""
    if toks[core.i].low != "one" or core.j - core.i != 1:
        return False
    before = _at(toks, core.i - 1)
    if before is not None and before.low in _COUNT_VERBS:
        return False  # "killed one and injured two"
    nxt = _at(toks, end)
    return not (nxt is not None and (nxt.low in _SINGULAR_NOUNS or _is_count_noun(nxt)))


def _sports(toks: list[_Tok], i: int, j: int) -> bool:
    window = toks[max(0, i - 6) : min(len(toks), j + 4)]
    return any(t.low in _SPORTS for t in window)
