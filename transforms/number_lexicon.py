"""Number vocabulary: the word tables and patterns the number reader looks things up in.

Data only, no logic: number words and scales, units, currencies, hedges ("at least", "up to"),
the words around a number that change its kind ("Channel 13", "aged 12", "killed 2000"), and
the shapes (phones, dates, times) found before the word scan. Part of transforms/numbers.py,
split out so the tables read as one list.
"""

from __future__ import annotations

import re
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
# Spans found by shape before the word scan; the scan skips them. The lookaheads on the first
# character ("(?=\d)", the months' capitals) only say what the pattern needs anyway; they spare
# the matcher the rest of the pattern at most positions. Each shape's lead says where a match
# can begin, so numbers.py tries it only there (a whole-sentence scan per shape was a third of
# find_quantities): "digit" at the start of a run of digits, "line" at the start of a line,
# "plus" only in text holding "+", "month" only in text holding a month's first three letters,
# "any" anywhere.
ShapeLead = Literal["digit", "line", "plus", "month", "any"]
_SHAPES: tuple[tuple[Kind | None, re.Pattern[str], ShapeLead], ...] = (
    (None, re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+"), "any"),
    ("phone", re.compile(r"(?<![\w.])\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}\b"),
     "plus"),
    ("phone", re.compile(r"\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b"), "any"),
    ("phone", re.compile(r"\b(?=\d)(?:1-)?\d{3}-\d{3}-\d{4}\b"), "digit"),
    ("phone", re.compile(r"\b(?=0)0\d{1,2}-\d{7}\b"), "digit"),
    ("date", re.compile(r"\b(?=\d)\d{4}-\d{2}-\d{2}\b"), "digit"),
    ("date", re.compile(r"\b(?=\d)\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})\b"), "digit"),
    ("time", re.compile(r"\b(?=\d)\d{1,2}[:.]\d{2}(?::\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)", re.I),
     "digit"),
    ("time", re.compile(r"\b(?=\d)\d{1,2}:\d{2}(?::\d{2})?\b"), "digit"),
    ("time", re.compile(r"\b(?=\d)\d{1,2}\s?(?:[ap]\.m\.|[ap]m\b|o['’]clock\b)", re.I), "digit"),
    ("time", re.compile(r"\b(?=\d)\d{4}\s?(?:GMT|UTC|hrs\b|local\s+time)"), "digit"),
    ("date", re.compile(
        rf"\b(?=[ADFJMNOS]){_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"),
     "month"),
    ("date", re.compile(
        rf"\b(?=\d)\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b\.?(?:,?\s+\d{{4}}\b)?"),
     "digit"),
    ("date", re.compile(rf"\b(?=[ADFJMNOS]){_MONTHS}\.?,?\s+\d{{4}}\b"), "month"),
    ("furniture", re.compile(r"(?m)^[ \t]*\d{1,5}(?:[ \t]+\d{1,5})*[ \t]*$"), "line"),
    ("furniture", re.compile(r"(?m)^[ \t]*\d{1,3} of \d{1,3}[ \t]*$"), "line"),  # gallery counter
)
# Every month name above begins with one of these (case kept: the month shapes are cased).
_MONTH_STEM = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
# fmt: on

_MONTH_WORDS = _set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_SINGULAR_NOUNS = _set(
    "person civilian soldier child man woman boy girl baby infant hostage captive prisoner "
    "detainee body migrant refugee patient worker journalist officer policeman official "
    "member passenger victim fighter militant resident student teacher doctor nurse "
    "paramedic medic israeli palestinian ukrainian russian american more other son daughter "
    "father mother teenager reservist driver farmer"
)
