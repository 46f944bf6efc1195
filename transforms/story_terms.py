"""What an article is about, as a small weighted bag of terms: names, words, ages, figures.

    title + lead ─tokens─▶ names (capitalised mid-sentence), words, ages ─┐
    figures (metric=value) ────────────────────────────────────────────────┴▶ Profile (top-K, L2)

A same-story rewrite shares few word 5-grams with its original but the same people, streets,
towns, ages and counts: those are what two reports of one event cannot avoid repeating. Names
weigh most, then figures and ages, then other content words. Pure, no model, ~0.2 ms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from claimwatch.transforms.models import Figure
from claimwatch.transforms.records import number
from claimwatch.transforms.story_facts import REGION_WORDS, people, regions

TOP_TERMS = 48  # an article's profile: enough for names + context, small enough to store
INDEX_TERMS = 16  # the heaviest terms, looked up in the store to find candidate stories
LEAD_CHARS = 4000  # the lead carries who/where/when; page furniture and related links follow
NAME_WEIGHT = 3.0
FIGURE_WEIGHT = 12.0  # a count in the lead weighs like a rare name
AGE_WEIGHT = 2.0
MIN_FIGURE = 3  # "two men were shot" is in too many reports to tell one from another
LEAD_FIGURE_CHARS = 600  # the first paragraph or two
LATE_FIGURE = 0.25
WORD_WEIGHT = 1.0
TITLE_BOOST = 2.0
PERSON_SURNAME = 2.5  # rarity: "robinson" (2.8) tells, "jackson" (2.4) or "police" (1.7) not
PERSON_TOTAL = 6.0  # both parts together: "michael krol" (7.0), not "kevin clark" (5.1)
DISTINCTIVE = 3.0  # rarity weight of a word at Zipf 4 ("shreveport"), not "hospital" (5.1)

PROSE_WORDS = 8  # a shorter line is a heading, a menu item or a caption fragment
_PROSE_ENDS = frozenset(".!?\"”’'):")
_TITLE_SUFFIX = re.compile(r"\s+(?:[-|–—]|::)\s+")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+|\n+")
_AGE_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
# A word or digits before "-year-old": anchoring on a plain word is 4x faster than an
# alternation of number words tried at every position; _age() keeps only real counts.
_AGE = re.compile(r"\b([A-Za-z]+|\d+)[- ]([Yy]ear|[Mm]onth|[Ww]eek)s?[- ][Oo]ld\b")
# Searched for first: "year-old" is rare in a text, a word before a hyphen is everywhere.
_AGE_TAIL = re.compile(r"(?:[Yy]ear|[Mm]onth|[Ww]eek)s?[- ][Oo]ld\b")
_TOKEN = re.compile(r"\d+-(?:year|month|week)-old|[A-Za-z][A-Za-z-]*[A-Za-z]")
_POSSESSIVE = re.compile(r"['’]s\b")

# Function words, calendar words and the vocabulary every news report uses whatever happened:
# they would make any two articles look alike.
STOPWORDS = frozenset(
    """a about above after again against all almost along also although am among an and another
    any anyone are around as at away back be became because been before being below between both
    but by came can cannot could did do does doing done down during each either else enough even
    ever every few for from further get gets getting go goes going gone got had has have having he
    her here hers herself him himself his how however if in inside instead into is it its itself
    just last later least less like made make many may me might more most much must my near nearly
    neither never new next no nor not now of off often on once one only onto or other others our
    out over own per perhaps put rather really said same say saying says see seen several shall
    she should since so some someone something still such than that the their theirs them then
    there these they this those though through thus to together too toward towards under until
    up upon us very via was we well were what whatever when where whether which while who whom
    whose why will with within without would yet you your yours
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow
    morning afternoon evening night week weekend month year years day days hour hours minutes
    time early late first second third mr mrs ms dr
    told tell tells according reported report reports reporting reporter news press statement
    statements added asked says call called calls officials official spokesman spokeswoman
    spokesperson people person man men woman women local area city state county department
    police officer officers authorities investigators investigation investigating investigate
    update updated updates story stories article photo photos video videos watch click share
    email facebook twitter print comments comment copyright rights reserved advertisement
    subscribe newsletter sign javascript browser page home read related more continue loading
    breaking latest live privacy policy terms service agree submitting registration register
    account password username emailaddress alerts activate confirmation visiting frequently
    cookies site website app download notifications dont didnt doesnt wasnt isnt cant wont
    couldnt wouldnt shouldnt arent werent hasnt havent""".split()
)


@dataclass(frozen=True, slots=True)
class Rarity:
    """How rare a word is in English at large: a static IDF, the same for every worker.

    `zipf` maps a lower-case word to its Zipf frequency (log10 per billion words + 9: "the"
    is 7.7, "police" 5.3, "garfield" 3.4, a surname like "tarpley" 1.7, unseen words 0).
    Built from wordfreq's table by `load()`; tests pass a small dict.
    """

    zipf: Mapping[str, float] = field(default_factory=dict)
    ceiling: float = 7.0  # a word this common weighs nothing beyond the floor
    floor: float = 0.5
    cap: float = 6.0  # unseen words (names, typos) weigh at most this

    def weight(self, term: str) -> float:
        value = self.ceiling - self.zipf.get(term, 0.0)
        return self.cap if value > self.cap else (self.floor if value < self.floor else value)

    @classmethod
    def load(cls) -> Rarity:
        """The English table of wordfreq (Apache-2.0 code, CC-BY-SA 4.0 data); ~0.5 s once."""
        import wordfreq

        freq = wordfreq.get_frequency_dict("en", wordlist="best")
        return cls({w: math.log10(f) + 9 for w, f in freq.items() if f > 0})


@dataclass(frozen=True, slots=True)
class Profile:
    """An article's top terms with L2-normalised weights, heaviest first (ties by term).

    `names` are the terms it wrote capitalised mid-sentence (towns, streets, people; not
    states), `people` the person-like names it gives, `regions` the states it places itself
    in (story_facts.py).
    """

    terms: tuple[tuple[str, float], ...]
    names: frozenset[str] = frozenset()
    people: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    def index_terms(self) -> tuple[str, ...]:
        return tuple(t for t, _ in self.terms[:INDEX_TERMS])

    def as_dict(self) -> dict[str, float]:
        return dict(self.terms)


def article_profile(
    title: str, text: str, figures: Iterable[Figure] = (), *, rarity: Rarity
) -> Profile:
    """The weighted terms of one article: title boosted, lead only, figures as metric=value."""
    weights: dict[str, float] = {}
    lead = prose(text[:LEAD_CHARS])
    _add_text(weights, headline(title), TITLE_BOOST, rarity)
    # Names from the lead only: headlines capitalise every word.
    names = _add_text(weights, lead, 1.0, rarity)
    counts: dict[str, float] = {}
    for figure in figures:
        # "none injured", "a man was shot": counts that any report could give tell nothing.
        if figure.metric and figure.role == "current" and (figure.value or 0) >= MIN_FIGURE:
            term = f"{figure.metric}={number(figure.value)}"
            # The event's own count is in the opening lines; one repeated in passing further
            # down ("the vote came as the toll reached 400") says less about what happened.
            early = figure.start < LEAD_FIGURE_CHARS
            counts[term] = max(counts.get(term, 0.0), 1.0 if early else LATE_FIGURE)
    for term, share in counts.items():
        weights[term] = weights.get(term, 0.0) + FIGURE_WEIGHT * share
    ranked = top_terms(weights, TOP_TERMS)
    kept = {t for t, _ in ranked.terms}
    return Profile(
        ranked.terms,
        frozenset(n for n in names if n in kept and n not in REGION_WORDS),
        tuple(p for p in people(lead) if _uncommon_name(p, rarity)),
        regions(f"{title}\n{text[:LEAD_CHARS]}"),
    )


def _uncommon_name(person: str, rarity: Rarity) -> bool:
    """ "Benetria Robinson", "Michael Krol"; not "Kevin Jackson" or "Chicago Police".

    A common surname (or a common word taken for one) is shared by too many people to tell
    two events apart on its own.
    """
    first, _, last = person.partition(" ")
    return (
        rarity.weight(last) >= PERSON_SURNAME
        and rarity.weight(first) + rarity.weight(last) >= PERSON_TOTAL
    )


def headline(title: str) -> str:
    """The title without the site's name ("… - WMC Action News 5 - Memphis, Tennessee")."""
    return _TITLE_SUFFIX.split(title, maxsplit=1)[0]


def prose(text: str) -> str:
    """Lines that read as sentences; menus, share buttons and legal lines do not."""
    return "\n".join(line for line in text.splitlines() if _is_prose(line))


def _is_prose(line: str) -> bool:
    words = line.split()
    return len(words) >= PROSE_WORDS and line.rstrip()[-1:] in _PROSE_ENDS


def _add_text(weights: dict[str, float], text: str, boost: float, rarity: Rarity) -> set[str]:
    """Adds the text's weighted terms; returns those it wrote as names."""
    counts: Counter[str] = Counter()
    names: set[str] = set()
    # "De'Maree" and "Demaree", "seven-year-old" and "7-year-old" are one term.
    text = _POSSESSIVE.sub("", text).replace("'", "").replace("’", "")
    if _AGE_TAIL.search(text):
        text = _AGE.sub(_age, text)
    for sentence in _SENTENCE_END.split(text):
        tokens = _TOKEN.findall(sentence)
        counts.update(t.lower() for t in tokens)
        # A capital mid-sentence marks a name; the first word of a sentence is ambiguous.
        names.update(t.lower() for t in tokens[1:] if t[0].isupper())
    for term in [t for t in counts if len(t) < 3 or t in STOPWORDS]:
        del counts[term]
    for term, count in counts.items():
        if term[0].isdigit():
            kind = AGE_WEIGHT
        elif term in names:
            kind = NAME_WEIGHT
        else:
            kind = WORD_WEIGHT
        weights[term] = weights.get(term, 0.0) + boost * kind * rarity.weight(term) * (
            1 + math.log(count)
        )
    return names


def _age(match: re.Match[str]) -> str:
    count = match.group(1).lower()
    if not count.isdigit():
        if count not in _AGE_WORDS:
            return match.group()  # "a year old", "decade-old": no age
        count = str(_AGE_WORDS.index(count) + 1)
    return f"{count}-{match.group(2).lower()}-old"


def distinctive(term: str, rarity: Rarity) -> bool:
    """A term that by itself says something: a rare word, a name, an age or a figure."""
    return not term[0].isalpha() or "=" in term or rarity.weight(term) >= DISTINCTIVE


def top_terms(weights: Mapping[str, float], limit: int) -> Profile:
    """The `limit` heaviest terms, L2-normalised; ties broken by the term so order is stable."""
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    norm = math.sqrt(sum(w * w for _, w in ranked)) or 1.0
    return Profile(tuple((t, round(w / norm, 6)) for t, w in ranked))


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (neither needs to be normalised)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)
