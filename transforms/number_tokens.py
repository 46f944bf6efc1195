"""Number cores: a text as tokens, and the bare number that starts at a token.

A core is the number alone ("twenty-eight", "2.5 million", "thousands", "1990s") with how it
was written; what surrounds it (hedge, range, unit, kind) is read by number_context.py and
assembled into a phrase by numbers.py. `parse_number_words` is a core that is the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from claimwatch.transforms.number_lexicon import (
    _COUNT_NOUNS,
    _CURRENCY_CODES,
    _CURRENCY_SYMBOLS,
    _DEMONYM,
    _MEASURES,
    _ORDINALS,
    _SCALE_ABBR,
    _SCALE_WORDS,
    _SCALES,
    _TENS,
    _UNITS,
    _VAGUE,
    _ZERO_NOUNS,
    Kind,
)

_TOKEN_RE = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?|\S")
# (the space before, a token): _TOKEN_RE with the space before it, for findall. Possessive
# quantifiers: nothing after a run can make it give characters back, so they change no match
# and spare the matcher its backtracking marks; words first, the commonest token.
_SPACED_TOKEN_RE = re.compile(r"(\s*+)([^\W\d_]++(?:['’][^\W\d_]+)?+|\d++(?:[.,:/]\d+)*+|\S)")
# The same on ASCII text, spelt in ASCII classes (a set lookup, where \w, \d and \s ask
# Unicode tables): \s there is also the separators \x1c-\x1f, and "’" is not ASCII.
_ASCII_SPACE = r"\t-\r\x1c-\x1f "
_ASCII_SPACED_TOKEN_RE = re.compile(
    rf"([{_ASCII_SPACE}]*+)([A-Za-z]++(?:'[A-Za-z]+)?+|[0-9]++(?:[.,:/][0-9]+)*+|[^{_ASCII_SPACE}])"
)
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


class _Tok(NamedTuple):  # a tuple: one per word of every sentence read, so kept cheap
    text: str
    low: str
    start: int
    end: int
    kind: Literal["num", "word", "sym"]
    gap: bool  # whitespace (or the start of the text) right before it


def _tokenize(text: str) -> list[_Tok]:
    return _tokens_and_openers(text)[0]


def _tokens_and_openers(text: str) -> tuple[list[_Tok], list[int]]:
    """The tokens, and the indexes of those that may open a number: digit runs and the words
    of _FIRST_WORDS (a reader of numbers looks at those alone)."""
    # findall of (whitespace before, token) pairs: every non-space character lies in some
    # token, so the pairs tile the text and each token's span follows from the lengths, and a
    # token has a gap before it exactly when it starts the text or whitespace precedes it.
    # That spares a match object and its group/span calls per word (findall builds only the
    # strings); tuple.__new__ skips the named tuple's Python-level constructor. The openers
    # are noted in the same loop: a second pass over every token cost more than the test.
    # A digit run lower-cases to itself (\d is Unicode decimals, which have no case).
    out: list[_Tok] = []
    openers: list[int] = []
    add, opens = out.append, openers.append
    new, tok, first_words = _new, _Tok, _FIRST_WORDS  # locals: looked up once per token
    pattern = _ASCII_SPACED_TOKEN_RE if text.isascii() else _SPACED_TOKEN_RE
    end = 0
    for space, s in pattern.findall(text):
        start = end + len(space)
        end = start + len(s)
        first = s[0]
        if first.isalpha():
            low = s.lower()
            if low in first_words:
                opens(len(out))
            add(new(tok, (s, low, start, end, "word", start == 0 or space != "")))
        elif first.isdecimal():
            opens(len(out))
            add(new(tok, (s, s, start, end, "num", start == 0 or space != "")))
        else:
            add(new(tok, (s, s.lower(), start, end, "sym", start == 0 or space != "")))
    return out, openers


_new = tuple.__new__


def _digits_value(s: str) -> float | None:
    return float(s.replace(",", "")) if _DIGITS.match(s) else None


@dataclass(frozen=True, slots=True)
class _Core:
    """A bare number: tokens [i, j), its value, and how it was written."""

    i: int
    j: int
    value: float | None  # None for vague plurals
    low: float | None = None  # vague plurals: the least they can mean
    words: bool = False
    scaled: bool = False
    ordinal: bool = False
    shape: Kind | None = None  # set when the token's shape already says it's not an amount
    unit: str | None = None
    scale: float = 1.0  # the multiplier the last scale word applied: "20 million" 1e6
    approx: bool = False  # the words themselves hedge: "a couple of hundred"


def _word_core(toks: list[_Tok], i: int) -> _Core | None:
    """Number words from toks[i]: "twenty-eight", "one hundred and twelve", "half a million"."""
    n = len(toks)
    w = toks[i].low
    nxt = toks[i + 1].low if i + 1 < n else ""
    if w == "half" and nxt in ("a", "an") and i + 2 < n:
        mult = _SCALES.get(toks[i + 2].low) or (12 if toks[i + 2].low == "dozen" else 0)
        return _Core(i, i + 3, 0.5 * mult, words=True, scaled=True) if mult else None
    if w in ("a", "an"):
        if nxt == "quarter" and [t.low for t in toks[i + 2 : i + 5]] == ["of", "a", "million"]:
            return _Core(i, i + 5, 250_000.0, words=True, scaled=True)
        if nxt in ("half", "quarter") and i + 2 < n and toks[i + 2].low in _SCALES:
            # "a half million", "a quarter million": the fraction of the scale word
            share = 0.5 if nxt == "half" else 0.25
            scale = _SCALES[toks[i + 2].low]
            return _Core(i, i + 3, share * scale, words=True, scaled=True, scale=scale)
        if nxt not in ("hundred", "dozen", *_SCALES):
            return None
    if w in ("no", "nobody", "none"):
        if w == "no" and nxt not in ("one", *_ZERO_NOUNS):
            return None
        return _Core(i, i + 2 if (w, nxt) == ("no", "one") else i + 1, 0.0, words=True)
    if w in _ORDINALS:
        return _Core(i, i + 1, float(_ORDINALS[w]), words=True, ordinal=True)
    total = current = 0.0
    scale = 1.0
    last = ""
    j = i + 1 if w in ("a", "an") else i
    if j > i:
        current, last = 1.0, "unit"
    while j < n:
        t = toks[j]
        w = t.low
        if t.kind != "word":
            if (
                t.text == "-"
                and last == "tens"
                and not t.gap
                and j + 1 < n
                and not toks[j + 1].gap
                and 0 < _UNITS.get(toks[j + 1].low, 0) < 10
            ):
                j += 1
                continue
            break
        if w in _UNITS or w in _TENS:
            if last in ("unit", "teen") or (
                last == "tens" and (w in _TENS or _UNITS[w] >= 10 or _UNITS[w] == 0)
            ):
                break
            current += _UNITS.get(w, _TENS.get(w, 0))
            last = "tens" if w in _TENS else "unit"
        elif w == "hundred" and last not in ("", "hundred", "dozen"):
            current = (current or 1) * 100
            last, scale = "hundred", 100.0
        elif w in _SCALES and last != "":
            total += (current or 1) * _SCALES[w]
            current, last, scale = 0.0, "scale", _SCALES[w]
        elif w == "dozen" and last in ("", "unit", "tens"):
            current = (current or 1) * 12
            last = "dozen"
        elif (
            w == "and"
            and last in ("hundred", "scale")
            and j + 1 < n
            and (toks[j + 1].low in _UNITS or toks[j + 1].low in _TENS)
        ):
            pass
        elif (
            w == "and"
            and [t.low for t in toks[j + 1 : j + 3]] == ["a", "half"]
            and j + 3 < n
            and toks[j + 3].low in _SCALES
        ):
            value = (total + current + 0.5) * _SCALES[toks[j + 3].low]
            return _Core(i, j + 4, value, words=True, scaled=True)
        else:
            break
        j += 1
    if last == "":
        return None
    scaled = last in ("scale", "hundred")
    return _Core(i, j, total + current, words=True, scaled=scaled, scale=scale if scaled else 1.0)


def _vague_core(toks: list[_Tok], i: int) -> _Core | None:
    """ "thousands", "tens of thousands", "several hundred", "a few dozen"."""
    n = len(toks)
    w = toks[i].low
    lows = [t.low for t in toks[i : i + 4]]
    if w in ("tens", "hundreds") and lows[1:3] in (["of", "thousands"], ["of", "millions"]):
        return _Core(i, i + 3, None, low=(20 if w == "tens" else 200) * _VAGUE[lows[2]] / 2)
    if w in _VAGUE:
        if w == "scores" and (i + 1 >= n or toks[i + 1].low != "of"):
            return None
        return _Core(i, i + 1, None, low=_VAGUE[w])
    unit = {"hundred": 100.0, "thousand": 1e3, "dozen": 12.0, "million": 1e6}
    if w in ("several", "many") and len(lows) > 1 and lows[1] in unit:
        return _Core(i, i + 2, None, low=(3 if w == "several" else 2) * unit[lows[1]])
    if lows[:3] == ["a", "couple", "of"] and i + 3 < n and toks[i + 3].low in unit:
        return _Core(i, i + 4, 2.0 * unit[toks[i + 3].low], words=True, scaled=True, approx=True)
    if lows[:2] == ["a", "few"] and len(lows) > 2 and lows[2] in unit:
        return _Core(i, i + 3, None, low=2 * unit[lows[2]])
    return None


def _digit_core(toks: list[_Tok], i: int, text: str) -> _Core | None:
    t = toks[i]
    n = len(toks)
    value = _digits_value(t.text)
    if value is None:
        parts = re.split(r"[.:/,]", t.text)
        shape: Kind = "other"
        if ":" in t.text:
            shape = "time"
        elif len(parts) == 3 and ("/" in t.text or "." in t.text):
            shape = "date"
        elif "/" in t.text and len(parts) == 2 and 1800 <= int(parts[0]) <= 2100:
            shape = "year"
        return _Core(i, i + 1, None, shape=shape)
    j = i + 1
    # "20 000" and "1 250 000": thousands split by a (non-breaking) space, as some wires write
    if len(t.text) <= 3:
        while (
            j < n
            and toks[j].kind == "num"
            and len(toks[j].text) == 3
            and toks[j].text.isdecimal()
            and text[toks[j - 1].end : toks[j].start] in (" ", "\u00a0", "\u202f", "\u2009")
        ):
            value = value * 1000 + float(toks[j].text)
            j += 1
    scaled = False
    if j < n and not toks[j].gap and toks[j].kind == "word":
        suffix = toks[j].low
        if suffix in ("st", "nd", "rd", "th"):
            return _Core(i, j + 1, value, ordinal=True)
        if suffix == "s":
            if 1800 <= value <= 2100 and "," not in t.text:
                return _Core(i, j + 1, value, shape="year")  # "the 1990s"
            if value < 100:
                return _Core(i, j + 1, value, shape="age")  # "in their 20s"
            return _Core(i, j + 1, None, low=2 * value)  # "1,000s of people", like "thousands"
        if suffix in _SCALE_ABBR:
            if suffix == "m" and not _m_is_million(toks, i, j):
                return _Core(i, j + 1, value, shape="other", unit="m")
            scale = _SCALE_ABBR[suffix]
            return _Core(i, j + 1, _scaled(value, scale), scaled=True, scale=scale)
        return _Core(i, j + 1, value, shape="other", unit=_MEASURES.get(suffix, toks[j].text))
    scale = 1.0
    if j < n and toks[j].low in _SCALE_WORDS:
        scale = _SCALE_ABBR[toks[j].low]
        value = _scaled(value, scale)
        scaled = True
        j += 1
    elif (
        j + 1 < n
        and toks[j].text == "-"
        and not toks[j].gap
        and not toks[j + 1].gap
        and toks[j + 1].low in ("million", "billion", "trillion")
    ):
        scale = _SCALE_ABBR[toks[j + 1].low]  # "$5.5-billion", as Canadian papers write it
        value = _scaled(value, scale)
        scaled = True
        j += 2
    return _Core(i, j, value, scaled=scaled, scale=scale)


def _scaled(value: float, scale: float) -> float:
    """value × scale without binary noise: 16.4 million is 16400000, not 16399999.999999998."""
    product = value * scale
    rounded = round(product)
    return float(rounded) if abs(product - rounded) < 1e-6 * max(1.0, abs(product)) else product


def _m_is_million(toks: list[_Tok], i: int, j: int) -> bool:
    if i > 0 and (toks[i - 1].text in _CURRENCY_SYMBOLS or toks[i - 1].text in _CURRENCY_CODES):
        return True
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return nxt is not None and (nxt.low in _COUNT_NOUNS or bool(_DEMONYM.match(nxt.text)))


# Words a number phrase can start with; every other word is skipped without a look.
_FIRST_WORDS = frozenset(
    {
        *_UNITS,
        *_TENS,
        *_SCALES,
        *_VAGUE,
        *_ORDINALS,
        "a",
        "an",
        "half",
        "no",
        "nobody",
        "none",
        "tens",
        "several",
        "many",
        "hundred",
        "dozen",
    }
)


DIGIT = re.compile(r"\d")
# On ASCII text the ASCII tables say the same as the Unicode ones, for less: \d is [0-9] and
# \b the edge of [A-Za-z0-9_] either way.
_ASCII_DIGIT = re.compile(r"\d", re.ASCII)


def has_digit(text: str) -> bool:
    """Whether `text` holds a decimal digit, of any script (what DIGIT finds)."""
    return (_ASCII_DIGIT if text.isascii() else DIGIT).search(text) is not None


FIRST_WORDS = _FIRST_WORDS  # for readers that must know which words may open a number


# After "a"/"an", the only words that can go on to a number ("a dozen", "a half million",
# "a couple of hundred", "a few thousand"); before any other word both readers give None.
# "a" is the commonest opener by far, and nearly always an article.
_AFTER_ARTICLE = frozenset({"quarter", "half", "hundred", "dozen", "couple", "few", *_SCALES})


def _core(toks: list[_Tok], i: int, text: str) -> _Core | None:
    t = toks[i]
    if t.kind == "num":
        return _digit_core(toks, i, text)
    if t.kind == "word":
        if (t.low == "a" or t.low == "an") and (
            i + 1 >= len(toks) or toks[i + 1].low not in _AFTER_ARTICLE
        ):
            return None
        return _vague_core(toks, i) or _word_core(toks, i)
    return None


def _at(toks: list[_Tok], k: int) -> _Tok | None:
    return toks[k] if 0 <= k < len(toks) else None


def _lows(toks: list[_Tok], k: int, count: int) -> list[str]:
    return [t.low for t in toks[k : k + count]]


def parse_number_words(text: str) -> float | None:
    """The value of a phrase that is only a number, or None.

    "twenty-eight" → 28, "two dozen" → 24, "half a million" → 500000, "one hundred and twelve"
    → 112, "2.5 million" → 2500000, "a dozen" → 12.
    """
    toks = _tokenize(text.strip())
    if not toks:
        return None
    core = _digit_core(toks, 0, text) if toks[0].kind == "num" else _word_core(toks, 0)
    if core is None or core.j != len(toks) or core.shape is not None or core.ordinal:
        return None
    return core.value
