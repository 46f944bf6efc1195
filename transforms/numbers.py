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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from claimwatch.transforms.models import Qualifier

# fmt: off
# The vocabulary tables below are packed by hand: one entry per line would run to pages.
Kind = Literal[
    "count", "money", "percent", "year", "date", "time", "duration", "age",
    "ordinal", "phone", "channel", "furniture", "other",
]
KINDS: tuple[Kind, ...] = (
    "count", "money", "percent", "year", "date", "time", "duration", "age",
    "ordinal", "phone", "channel", "furniture", "other",
)


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


# ---------------------------------------------------------------------------- lexicon


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_ABBR = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion", "bn", "mln", "mn", "bln",
                          "tn"})
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2e3, "millions": 2e6,
          "billions": 2e9}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 1e6,
}
_TIME_UNITS = _set(
    "second seconds sec secs minute minutes min mins hour hours hr hrs day days night nights "
    "week weeks weekend weekends month months year years yr yrs decade decades century "
    "centuries fortnight fortnights"
)
_MEASURES = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mi", "mile": "mi", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "feet": "ft", "foot": "ft", "ft": "ft", "kg": "kg", "kilograms": "kg", "kilos": "kg",
    "tons": "t", "tonnes": "t", "ton": "t", "tonne": "t", "litres": "l", "liters": "l",
    "gallons": "gal", "barrels": "bbl", "acres": "acre", "hectares": "ha", "degrees": "deg",
    "mph": "mph", "kph": "km/h", "mw": "MW", "gw": "GW", "megawatts": "MW", "square": "sq",
    "sq": "sq", "inches": "in", "cm": "cm", "mm": "mm", "calories": "kcal", "bpd": "bpd",
    "points": "points", "dunams": "dunam", "kilotons": "kt", "gb": "GB",
    "magnitude": "magnitude",
}
_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₪": "ILS", "¥": "JPY", "₹": "INR",
                     "₽": "RUB", "₴": "UAH"}
_DOLLAR_PREFIX = {"us": "USD", "c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD", "hk": "HKD",
                  "nz": "NZD", "s": "SGD"}
_CURRENCY_CODES = {"USD": "USD", "EUR": "EUR", "GBP": "GBP", "NIS": "ILS", "ILS": "ILS",
                   "JPY": "JPY", "CNY": "CNY", "RMB": "CNY", "CHF": "CHF", "RUB": "RUB",
                   "UAH": "UAH", "INR": "INR", "Rs": "INR", "SAR": "SAR", "AED": "AED"}
_CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "shekels": "ILS",
    "shekel": "ILS", "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rubles": "RUB", "roubles": "RUB", "hryvnias": "UAH", "hryvnia": "UAH",
    "rupees": "INR", "francs": "CHF", "lira": "TRY", "riyals": "SAR", "dirhams": "AED",
}
# Words right before a number that make it a name, not an amount: "Resolution 2803".
_CHANNELS = frozenset({"channel", "kan", "reshet", "keshet", "ch", "i", "n", "fox", "sky"})
_DESIGNATORS = _set(
    "resolution resolutions article articles section sections chapter rule paragraph clause "
    "route highway road flight gate unit building terminal platform room apartment block "
    "phase stage level grade category version windows ios android bus line number no nos "
    "vol volume issue page pages item table figure fig exhibit episode season part apollo act "
    "law bill decree protocol amendment title round group pier lot plot camp magnitude size "
    "model type class tier code brigade division battalion squad platoon regiment district "
    "ward precinct station bay hall lane street avenue ave st tower zone sector area"
)
_FURNITURE_BEFORE = frozenset({"Share", "Shares", "Tweet", "Comments", "Comment", "Likes",
                               "Like", "Views", "Reactions", "Replies", "Reply"})
_FURNITURE_AFTER = frozenset({"comments", "comment", "shares", "likes", "views", "reactions",
                              "replies", "retweets"})
_GALLERY = frozenset({"photo", "photos", "image", "images", "picture", "pictures", "slide",
                      "gallery", "video"})
_SPORTS = _set("won win wins beat beats defeated lost lose draw drew victory defeat score "
                    "scored match game goals led lead leads season tie vote votes voted ballot")
_YEAR_PREFIX = frozenset({"mid", "pre", "post", "early", "late", "end"})
_COUNT_NOUNS = _set(
    "people persons person individuals individual civilians civilian soldiers soldier troops "
    "children child kids women woman men man adults boys girls babies infants students "
    "residents families fighters militants hostages hostage captives prisoners prisoner "
    "detainees bodies body migrants refugees patients workers journalists officers officer "
    "police policemen officials members passengers victims casualties deaths dead wounded "
    "injured homes houses buildings trucks lorries vehicles tanks missiles rockets drones "
    "shells jets aircraft planes ships boats villages towns cases doses meals tents beds "
    "protesters demonstrators supporters voters settlers gazans personnel reservists staff "
    "employees jobs nurses doctors medics paramedics teachers survivors fatalities "
    "americans israelis palestinians ukrainians russians syrians iranians iraqis yemenis "
    "sudanese lebanese afghans indonesians israeli palestinian ukrainian russian american "
    "more others"
)
# Verbs that take a count, so a year-like number after them is a count: "killed 2000".
_COUNT_VERBS = _set(
    "killed wounded injured detained arrested displaced deployed sent freed released "
    "evacuated rescued kidnapped abducted reached exceeded surpassed topped hit"
)
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ians|ans|is|ese|ers|ites)$")
_ZERO_NOUNS = frozenset({"casualties", "deaths", "fatalities", "injuries", "victims",
                         "survivors", "injured", "dead"})
_HEDGE = re.compile(
    r"(?:\b(?:well|just|slightly|far|much|many|a\s+little|a\s+bit|somewhat)\s+)?\b(?P<h>"
    r"at\s+the\s+very\s+least|at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|"
    r"not\s+fewer\s+than|a\s+minimum\s+of|no\s+more\s+than|not\s+more\s+than|more\s+than|"
    r"over|upwards?\s+of|in\s+excess\s+of|above|greater\s+than|exceeding|up\s+to|"
    r"as\s+many\s+as|as\s+much\s+as|a\s+maximum\s+of|at\s+most|less\s+than|fewer\s+than|"
    r"under|below|about|around|roughly|some|approximately|approx\.|an\s+estimated|(?<![a-z]\s)estimated|"
    r"nearly|almost|close\s+to|circa|in\s+the\s+region\s+of|something\s+like|"
    r"on\s+the\s+order\s+of|between)\s+$",
    re.IGNORECASE,
)
_HEDGE_LAST = _set(
    "least than over of above exceeding to as most under below about around roughly some "
    "approximately approx. estimated nearly almost circa like"
)
_OVER_VERBS = _set(
    "hand hands handed handing take takes took taken taking turn turns turned turning pass "
    "passes passed passing fought fighting clashed argued flew flown presided carried signed "
    "won ruled rolled"
)
_UP_TO_TOTALS = _set("total number toll tally count figure it this that them bringing brings "
                     "brought bring")
# "children under 5", "people over 60": an age limit, not a count.
_AGE_GROUPS = _set("children kids people adults men women those anyone boys girls residents "
                   "patients infants babies teenagers")
_HEDGE_QUALIFIER: dict[str, Qualifier] = {
    "at the very least": "at_least", "at least": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "not less than": "at_least", "not fewer than": "at_least",
    "a minimum of": "at_least", "no more than": "up_to", "not more than": "up_to",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "upward of": "more_than", "in excess of": "more_than", "above": "more_than",
    "greater than": "more_than", "exceeding": "more_than", "up to": "up_to",
    "as many as": "up_to", "as much as": "up_to", "a maximum of": "up_to", "at most": "up_to",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "below": "less_than",
}
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
           r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
# Spans found by shape before the word scan; the scan skips them.
_SHAPES: tuple[tuple[Kind | None, re.Pattern[str]], ...] = (
    (None, re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+")),
    ("phone", re.compile(r"(?<![\w.])\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}\b")),
    ("phone", re.compile(r"\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b")),
    ("phone", re.compile(r"\b(?:1-)?\d{3}-\d{3}-\d{4}\b")),
    ("phone", re.compile(r"\b0\d{1,2}-\d{7}\b")),
    ("date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("date", re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})\b")),
    ("time", re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)", re.I)),
    ("time", re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")),
    ("time", re.compile(r"\b\d{1,2}\s?(?:[ap]\.m\.|[ap]m\b|o['’]clock\b)", re.I)),
    ("time", re.compile(r"\b\d{4}\s?(?:GMT|UTC|hrs\b|local\s+time)")),
    ("date", re.compile(rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?")),
    ("date", re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b\.?(?:,?\s+\d{{4}}\b)?")),
    ("date", re.compile(rf"\b{_MONTHS}\.?,?\s+\d{{4}}\b")),
    ("furniture", re.compile(r"(?m)^[ \t]*\d{1,5}(?:[ \t]+\d{1,5})*[ \t]*$")),
    ("furniture", re.compile(r"(?m)^[ \t]*\d{1,3} of \d{1,3}[ \t]*$")),  # a gallery counter
)
# fmt: on
_TOKEN_RE = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?|\S")
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


# ---------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    kind: Literal["num", "word", "sym"]
    gap: bool  # whitespace (or the start of the text) right before it


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = -1
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        kind: Literal["num", "word", "sym"] = (
            "num" if s[0].isdecimal() else "word" if s[0].isalpha() else "sym"
        )
        toks.append(_Tok(s, s.lower(), m.start(), m.end(), kind, m.start() != prev_end))
        prev_end = m.end()
    return toks


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
            return _Core(i, j + 1, value * scale, scaled=True, scale=scale)
        return _Core(i, j + 1, value, shape="other", unit=_MEASURES.get(suffix, toks[j].text))
    scale = 1.0
    if j < n and toks[j].low in _SCALE_WORDS:
        scale = _SCALE_ABBR[toks[j].low]
        value *= scale
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
        value *= scale
        scaled = True
        j += 2
    return _Core(i, j, value, scaled=scaled, scale=scale)


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


def _core(toks: list[_Tok], i: int, text: str) -> _Core | None:
    t = toks[i]
    if t.kind == "num":
        return _digit_core(toks, i, text)
    if t.kind == "word":
        return _vague_core(toks, i) or _word_core(toks, i)
    return None


# ---------------------------------------------------------------------------- phrases


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A core with what surrounds it: hedge, range partner, total, unit, kind."""

    start: int
    end: int
    j: int  # next token index to scan
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    kind: Kind
    unit: str | None
    out_of: float | None


def _is_count_noun(tok: _Tok | None) -> bool:
    return tok is not None and (tok.low in _COUNT_NOUNS or bool(_DEMONYM.match(tok.text)))


def _at(toks: list[_Tok], k: int) -> _Tok | None:
    return toks[k] if 0 <= k < len(toks) else None


def _lows(toks: list[_Tok], k: int, count: int) -> list[str]:
    return [t.low for t in toks[k : k + count]]


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
    if lows[:2] in (["or", "more"], ["and", "more"], ["or", "above"]):
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
        if p.low in ("and", "or") and p2 is not None and p2.kind == "num":
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


_MONTH_WORDS = _set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)


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


def _pronoun_one(toks: list[_Tok], core: _Core, end: int) -> bool:
    """A bare "one" that counts nothing: "one of the deadliest", "an attack on one"."""
    if toks[core.i].low != "one" or core.j - core.i != 1:
        return False
    before = _at(toks, core.i - 1)
    if before is not None and before.low in _COUNT_VERBS:
        return False  # "killed one and injured two"
    nxt = _at(toks, end)
    return not (nxt is not None and (nxt.low in _SINGULAR_NOUNS or _is_count_noun(nxt)))


def _build(text: str, toks: list[_Tok], core: _Core) -> _Phrase | None:
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
    return _Phrase(
        span_start,
        toks[end - 1].end,
        end,
        value,
        low,
        high,
        qualifier,
        kind,
        unit if keep_unit else None,
        out_of,
    )


_SINGULAR_NOUNS = _set(
    "person civilian soldier child man woman boy girl baby infant hostage captive prisoner "
    "detainee body migrant refugee patient worker journalist officer policeman official "
    "member passenger victim fighter militant resident student teacher doctor nurse "
    "paramedic medic israeli palestinian ukrainian russian american more other son daughter "
    "father mother teenager reservist driver farmer"
)


def _sports(toks: list[_Tok], i: int, j: int) -> bool:
    window = toks[max(0, i - 6) : min(len(toks), j + 4)]
    return any(t.low in _SPORTS for t in window)


def _valid_shape(kind: Kind | None, match: re.Match[str]) -> bool:
    if kind != "date":
        return True
    days = re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", match.group())
    return all(1 <= int(d) <= 31 for d in days[:1]) if days else True


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
    for shape_kind, pattern in _SHAPES:
        for m in pattern.finditer(text):
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
    mask = bytearray(len(text))
    for s, e in taken:
        mask[s:e] = b"\x01" * (e - s)
    toks = _tokenize(text)
    k = 0
    while k < len(toks):
        tok = toks[k]
        if (
            tok.kind == "sym"
            or (tok.kind == "word" and tok.low not in _FIRST_WORDS)
            or any(mask[tok.start : tok.end])
        ):
            k += 1
            continue
        core = _core(toks, k, text)
        if core is None:
            k += 1
            continue
        phrase = _build(text, toks, core)
        if phrase is not None:
            found.append(
                Quantity(
                    text[phrase.start : phrase.end],
                    phrase.start,
                    phrase.end,
                    phrase.value,
                    phrase.low,
                    phrase.high,
                    phrase.qualifier,
                    phrase.kind,
                    phrase.unit,
                    phrase.out_of,
                )
            )
            k = max(phrase.j, k + 1)
        else:
            k = max(core.j, k + 1)
    found.sort(key=lambda q: (q.start, -q.end))
    result: list[Quantity] = []
    for q in found:
        if result and q.start < result[-1].end:
            continue
        result.append(q)
    return result


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
