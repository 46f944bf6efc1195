"""Counted mentions: victims a sentence names without a toll ("a man was shot and killed").

    sentence ─casualty hint?─▶ tokens ─triggers─▶ victim phrase (object, or subject before
    "was/were") ─count its conjuncts─▶ Mention(outcome, value, evidence span)

Read only on sentences holding a casualty word. The victim phrase is found from the sentence's
shape around the trigger, by rules over tokens rather than a parser: the phrases this needs
(a subject before its auxiliary, an object after an active verb, a list of nouns) are short
and regular in news copy, and the rules cost microseconds where a parse costs milliseconds.
Outcome "shot" means hit with no outcome stated: injured unless a death is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal, NamedTuple

from claimwatch.transforms.casualty_lexicon import (
    ACTIVE_VERBS,
    ANIMALS,
    BE_WORDS,
    BODY_WORDS,
    CARE_BEFORE,
    CARE_STAY,
    CARE_TO,
    CARE_VERBS,
    CARE_WORDS,
    CASUALTY_HINT,
    CLAIMED_LIVES,
    CONDITION,
    COUNTED_PERSONS,
    DEMONYM_ENDINGS,
    DETAINED_WORDS,
    FIGHTERS,
    FOUND_VERBS,
    HARD_TIMES,
    HEDGE_STOPS,
    HOSTAGE_WORDS,
    IN_HOSPITAL,
    INJURED_WORDS,
    INJURY_TOLD,
    KILLED_WORDS,
    LIFE_PHRASE,
    LIFE_WORDS,
    LOSE_LIFE_VERBS,
    MISSING_WORDS,
    MORE_CONDITION,
    MORE_CONDITION_WORDS,
    NEGATIONS,
    NEUTRALISE_WORDS,
    NO_CARE,
    NO_CASUALTIES,
    NO_DAMAGE_OR_HARM,
    NO_DEATHS,
    NO_HARM,
    NO_LOSS_OF_LIFE,
    NO_ONE_REPORTED,
    NOT_COUNTED_PERSONS,
    NP_STOPS,
    ORDINAL_LIFE,
    ORDINAL_PLACES,
    PAIRS,
    PERSON_ENDINGS,
    PLURAL_PERSONS,
    PRONOUNS_MANY,
    PRONOUNS_ONE,
    SHARE_HARMED,
    SHOT_WORDS,
    SINGULAR_PERSONS,
    SPORT_FROM,
    SPORT_WORDS,
    STAB_WORDS,
    STATUS_HINT,
    SUICIDE,
    TAKE_LIFE_VERBS,
    TO_DEATH_WORDS,
    UNHURT_BEFORE,
    UNHURT_WORDS,
    ZERO_WORDS,
)
from claimwatch.transforms.models import Qualifier
from claimwatch.transforms.number_tokens import FIRST_WORDS
from claimwatch.transforms.numbers import Quantity, sentence_quantities

Outcome = Literal["killed", "injured", "shot", "missing", "detained", "hostages"]
STATUS_OUTCOMES: tuple[Outcome, ...] = ("missing", "detained", "hostages")


@dataclass(frozen=True, slots=True)
class Person:
    """What a phrase says about one victim: names, age, head noun; for telling victims apart."""

    names: frozenset[str]
    age: int | None
    head: str | None


@dataclass(frozen=True, slots=True)
class Mention:
    """Victims of one outcome named by one phrase; `start`/`end` index the text given."""

    outcome: Outcome
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    start: int
    end: int
    text: str
    additional: bool = False  # "another man", "three others": besides victims named before
    part: bool = False  # "one of them", "two fatally": a share of a group counted elsewhere
    group: float | None = None  # "one of the five people shot": the five
    people: tuple[Person, ...] = ()  # one per single victim the phrase describes
    ordinal: int | None = None  # "a fourth man": the victim's place in a count told before
    # "Rescuers pulled nine people alive …; one of them later died": beyond every victim told
    beyond: bool = False


class _Quantities(Sequence[Quantity]):
    """The sentence's quantities, read on first use: most victim phrases hold no number."""

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        self._found: tuple[Quantity, ...] | None = None

    def _all(self) -> tuple[Quantity, ...]:
        if self._found is None:
            # often read already by figure extraction: the same sentence, the kept result
            self._found = sentence_quantities(self._sentence)
        return self._found

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, index: int) -> Quantity:  # type: ignore[override]
        return self._all()[index]

    def __iter__(self) -> Iterator[Quantity]:
        return iter(self._all())


class _Tok(NamedTuple):  # a tuple: built per word of every casualty sentence, kept cheap
    text: str
    low: str
    start: int
    end: int


_TOKEN = re.compile(
    r"\d[\d,.]*[-\s](?:years?|months?|weeks?|days?)[-\s]olds?\b|\d+(?:[,.]\d+)*|"
    # (letters with accents too: "Seán Murphy", "José", "Zoë" are one word each)
    r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]*[A-Za-zÀ-ÖØ-öø-ÿ]|[A-Za-z]|[,;:()—–\"“”]|[.!?]|"
    r"(?<!\S)-(?!\S)"
)
_AGE_NOUN = re.compile(
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty)[-\s](?:years?|months?|weeks?|days?)"
    r"[-\s]olds?$",
    re.IGNORECASE,
)
_SKIP_BEFORE = frozenset(
    """fatally critically seriously also reportedly allegedly later then all each
    apparently accidentally badly mortally multiple times has have had who found pronounced
    declared currently still now since subsequently eventually ultimately initially""".split()
)
_DETERMINERS = frozenset("a an the his her their its my our this that these those".split())
_GENERIC = frozenset({"any", "every", "no-one"})
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "both": 2,
}  # fmt: skip
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december police authorities officials
    investigators the a an in on at sheriff deputies officers witnesses sources""".split()
)
_MULTIPLE = re.compile(
    r"\b(double|triple|quadruple|quintuple)\s+(shooting|murder|homicide|killing)\b", re.IGNORECASE
)
_ORDINAL_BODY = re.compile(r"\b(second|third)\s+body\b")  # on the lower-cased sentence
_ORDINALS = {"second": 2, "third": 3}
_MULTIPLE_SIZE = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
_NUMBER_LIKE = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred hundreds thousand thousands dozen dozens scores several no none nobody
    both""".split()
)
# what killed the one hurt before, not someone else: "the wound killed him"
_CAUSES = frozenset(
    "it which that wound wounds injury injuries shot shots bullet bullets gunfire".split()
)
_VAGUE_OF = frozenset({"dozens", "scores", "hundreds", "thousands"})  # "dozens of people"
_VAGUE = frozenset({"multiple", "many", "some", "numerous", "various", "few"})
_DIED = frozenset({"died", "dies", "dead", "succumbed"})
_VEHICLES = frozenset({"car", "vehicle", "truck", "train", "van", "suv", "bus", "minivan"})
_CROWDS = frozenset({"crowd", "crowds", "group", "audience", "gathering", "party"})
_HEDGES = frozenset(
    "more than at least fewer less about nearly almost some over up to other others additional"
    " also all around".split()
)
_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "on", "near", "from", "to", "of", "into", "outside", "inside", "behind", "along"}
)
_ADDITIONAL = frozenset({"another", "other", "others", "second", "third", "fourth", "fifth"})
_ORDINAL_PLACES = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
# "Six people were hurt, one critically, and a seventh was treated at the scene"
_ADDITIONAL |= frozenset({"sixth", "seventh", "eighth", "ninth", "tenth"})
_ADDITIONAL |= frozenset({"further"})  # "A further two people died in hospital"
_ORDINAL_PLACES |= {"sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_FATALLY_AFTER = re.compile(
    r"^\s*,\s*(none|one|two|three|four|five|\d+)(\s+(?:of\s+them|man|woman|person|boy|girl|"
    r"teen|men|women|people))?\s+(fatally|critically|seriously)\b",
    re.IGNORECASE,
)


# the same, with words of place and time between the group and its share: "of them" then
# says whose share it is; no other clause ("and", "who", a semicolon) may lie between
_FATALLY_LATER = re.compile(
    r"^(?:(?!\band\b|\bwho\b|\bwhile\b)[^;,.])+,\s*"
    r"(none|(?:one|two|three|four|five|\d+)(?=\s+of\s+them))(\s+of\s+them)?"
    r"\s+(fatally)\b",
    re.IGNORECASE,
)


def find_mentions(sentence: str, *, hinted: bool = False) -> list[Mention]:
    """The counted victims of `sentence`, one Mention per victim phrase and outcome.

    `hinted` says the caller already found a casualty word in it (CASUALTY_HINT, or
    STATUS_HINT for the missing, detained and hostages).
    """
    if not hinted and not (
        CASUALTY_HINT.search(sentence) or STATUS_HINT.search(sentence) or _more_zero_hint(sentence)
    ):
        return []
    lowered = sentence.lower()
    care = _care_patterns(lowered) if len(lowered) == len(sentence) else ()
    if not _may_name_victims(lowered) and not any(p.search(lowered) for p in care):
        return []  # "taken to a hospital" alone: a hint word, but nothing to count
    # the phrase patterns read the lower-cased sentence where its offsets are the sentence's
    plain = len(lowered) == len(sentence)
    view = lowered if plain else sentence
    condition, multiple_of, suicide_of = (
        (_CONDITION_LOWER, _MULTIPLE_LOWER, _SUICIDE_LOWER)
        if plain
        else (CONDITION, _MULTIPLE, SUICIDE)
    )
    new = tuple.__new__  # a local name: the comprehension looks it up once per word
    toks = [
        new(_Tok, (word, word.lower(), m.start(), m.end()))  # no Python-level constructor
        for m in _TOKEN.finditer(sentence)
        for word in (m.group(),)
    ]
    quantities = _Quantities(sentence)
    out: list[Mention] = []
    used: set[int] = set()  # token indexes already inside a victim phrase
    found_dead: set[int] = set()  # starts of killed mentions told before their trigger
    # the phrase patterns run only where their words are: a substring test in C is far
    # cheaper than a scan, and each test is only what its pattern needs (the mixed-case path,
    # with IGNORECASE patterns, keeps every scan)
    if plain and not any(w in lowered for w in _CONDITION_WORDS):
        condition = _NEVER
    more = plain and _MORE_CONDITION_HINT.search(lowered) is not None
    told = plain and _may_injury_told(lowered)
    for index, (outcome, first, last) in enumerate(
        _triggers(view, toks, condition, more, told=told, care=care)
    ):
        del index
        if _negated(toks, first):
            denied = _not_hurt(toks, first) if outcome == "injured" and not out else None
            if denied is not None:
                a, b = toks[denied[0]].start, toks[denied[1] - 1].end
                out.append(Mention("injured", 0.0, 0.0, 0.0, "exact", a, b, sentence[a:b]))
            continue
        if outcome in ("shot", "injured") and out and _who_of_the_dead(toks, first, out[-1]):
            continue  # "murdering a father of three, who was stabbed 14 times": how he died
        if toks[last].low in ACTIVE_VERBS and _no_one_after(toks, last):
            continue  # "officials later killed the bear", "We killed ourselves" (a quote)
        phrase = _victims(toks, first, last, outcome)
        if phrase is not None and _animal_alone(toks, phrase):
            continue  # "A leopard that mauled a boy was shot dead": the leopard; the boy hurt
        if phrase is None and (_animal_before(toks, first) or _animal_relative(toks, first)):
            continue  # "her horse bolted; the horse was killed": no victim, nor the woman
        if phrase is None and out and outcome in ("killed", "injured"):
            other = _the_other_of_two(toks, first, out[-1])
            if other is not None:
                # "One of them died at the scene and [the other] is recovering in hospital"
                a, b = toks[other[0]].start, toks[other[1] - 1].end
                used.update(range(other[0], other[1]))
                # both are shares of a pair: the one before and the other make two harmed
                out[-1] = replace(out[-1], part=True, group=max(out[-1].group or 0.0, 2.0))
                pair = Mention(outcome, 1.0, 1.0, 1.0, "exact", a, b, sentence[a:b])
                out.append(replace(pair, part=True, group=out[-1].group))
                continue
        if phrase is None and not out and outcome in ("killed", "injured", "shot"):
            phrase = _before_who(toks, first)
        if phrase is None and not out and outcome in ("injured", "shot") and first >= 4:
            phrase = _subject_before_after_being(toks, first)
        if phrase is None and not out and outcome == "killed":
            # "One of the pedestrians struck by the car in Oxford Street on Saturday has died"
            phrase = _opening_share(toks, first)
        if (
            phrase is None
            and (not out or ";" in sentence[out[-1].end : toks[first].start])
            and outcome in ("killed", "injured", "shot")
        ):
            # "…; a fourth member of the group was dug out alive and treated for hypothermia"
            phrase = _subject_of_clause_before(toks, first)
        pronoun = (
            phrase is not None
            and phrase[1] - phrase[0] == 1
            and toks[phrase[0]].low in PRONOUNS_ONE
        )
        same_name = (
            phrase is not None
            and bool(out)
            and out[-1].value == 1
            and all(_is_name(t) for t in toks[phrase[0] : phrase[1]])
            and toks[phrase[0]].low in out[-1].text.lower()
        )
        # "was hit in her heart and died": the one hit is the one who died
        # "was shot at her home and later died": so is one who "later" died
        and_died = toks[last].low in _DIED and _and_before(toks, first)
        if pronoun and out and outcome != "killed":
            continue  # "the man who was shot … where he was shot": one man
        if (
            outcome == "killed"
            and phrase is not None
            and out
            and out[-1].outcome in ("injured", "shot")
            and _same_group(toks, phrase, out[-1])
        ):
            # "Two men were shot and taken to a hospital, where they both died": the two
            out[-1] = replace(out[-1], outcome="killed")
            continue
        # "one of the five people shot outside the club has died": the phrase is the one read
        told = (
            phrase is not None
            and phrase[0] in used
            and not any(
                _is_np_word(toks[i]) or _is_name(toks[i])
                for i in range(phrase[0], phrase[1])
                if i not in used
            )
        )
        if (
            outcome == "killed"
            and out
            and out[-1].outcome in ("injured", "shot")
            and (
                phrase is None
                # "before police killed him": an object pronoun after an active verb is
                # someone the verb's subject killed, not the one hurt before; "shot two
                # people before he was shot dead": one "he" is none of a group
                or (
                    pronoun
                    and (phrase[0] < first or toks[first - 1].low in _CAUSES)
                    and not _one_of_many(toks, phrase[0], out[-1])
                )
                or same_name
                or and_died
                or told
                or _counts_nobody(sentence, toks, phrase, out[-1], quantities)
            )
        ):
            # "the man injured in a shooting last week died", "was shot … where he died"
            if (phrase is None or pronoun) and _self_between(
                view, out[-1].end, toks[first].start, plain
            ):
                # "… shooting her mother before turning the gun on himself has died": the one
                # who died is the shooter (counted by the suicide phrase), not the mother
                continue
            # "A woman who was hurt in Saturday's crash has died": one of the hurt told before,
            # now among the dead (part: the hurt elsewhere hold her)
            moved = not out[-1].additional and _hurt_who(view, out[-1].end)
            out[-1] = replace(out[-1], outcome="killed", part=out[-1].part or moved)
            continue
        including = _including_who(toks, first) if outcome == "killed" and out else None
        if including is not None:
            # "Seven people were shot, including two who died": the two are among the seven
            share = _count(sentence, toks, including, including + 1, outcome, quantities)
            if share is not None:
                used.add(including)
                out.append(replace(share, part=True))
            continue
        if phrase is not None and used & set(range(phrase[0], phrase[1])):
            # "killed [12] and [more than 40] were injured": keep what no victim phrase holds
            rest = [i for i in range(phrase[0], phrase[1]) if i > max(used)]
            rest = rest[1:] if rest and toks[rest[0]].low in ("and", ",") else rest
            phrase = (rest[0], rest[-1] + 1) if rest else None
        if phrase is None:
            continue
        phrase = _after_including(toks, phrase)
        used.update(range(phrase[0], phrase[1]))
        mention = _count(sentence, toks, phrase[0], phrase[1], outcome, quantities)
        if mention is None:
            continue
        if (
            toks[0].low == "of"
            and outcome == "killed"
            and out
            and out[-1].outcome in ("injured", "shot")
            and out[-1].end < mention.start
            and "," in sentence[out[-1].end : mention.start]
        ):
            # "Of the nine passengers hurt …, one died": a share of the fronted group
            mention = replace(mention, part=True)
        if _among_the(toks, first, last) is not None and any(
            (m.outcome == "killed") == (outcome == "killed") for m in out
        ):
            continue  # "20 people were killed, and nine tourists were among the dead": of them
        if mention.value == 0 and _graded(toks, phrase[1], last):
            # "Thirty-eight pupils were taken to hospital. None was seriously hurt": a grade
            # of harm denied, not the harm; no zero, but of the dead when they are named too
            # ("Nobody was seriously hurt or killed")
            if outcome == "killed" or _OR_KILLED.match(sentence, toks[last].end) is None:
                continue
            mention = replace(mention, outcome="killed")
        if outcome == "killed" and phrase[1] <= first:
            found_dead.add(mention.start)  # "[a soldier and his daughter] were found dead"
        if (
            pronoun
            and outcome == "killed"
            and out
            and out[-1].outcome in ("injured", "shot")
            and _one_of_many(toks, phrase[0], out[-1])
        ):
            # "The gunman shot two people before he was shot dead": he is beyond the two
            mention = replace(mention, additional=True)
        if mention.additional and phrase[0] > last:
            mention = replace(mention, additional=False)  # "shot another boy": not a new victim
        elif "also" in [t.low for t in toks[max(0, first - 3) : first]]:
            mention = replace(mention, additional=True)  # "a woman and two men were also shot"
        if (
            outcome == "killed"
            and phrase[0] > 0
            and toks[phrase[0] - 1].low in ("leaving", "left")
            and mention.value is not None
        ):
            dead_before = [m for m in out if m.outcome == "killed"]
            if dead_before and sum(m.value or 0.0 for m in dead_before) <= mention.value:
                # "killed his wife and their three children …, leaving five members of a
                # family dead": the total of those just told, not more of them
                out = [m for m in out if m.outcome != "killed"]
        out.append(mention)
        tail = toks[max(last, phrase[1] - 1)].end
        fatally = _FATALLY_AFTER.match(sentence[tail:]) if outcome == "shot" else None
        if fatally is None and outcome == "shot" and "fatally" in lowered:
            # "Five people were shot outside a nightclub early Sunday, two of them fatally"
            fatally = _FATALLY_LATER.match(sentence[tail:])
        if fatally and fatally.group(3).lower() == "fatally":
            said = fatally.group(1).lower()
            # "Five people were shot, none fatally": a zero of the dead
            count = 0 if said == "none" else _NUMBER_WORDS.get(said) or float(said)
            at = tail
            out.append(
                Mention(
                    "killed",
                    float(count),
                    float(count),
                    float(count),
                    "exact",
                    at + fatally.start(1),
                    at + fatally.end(3),
                    sentence[at + fatally.start(1) : at + fatally.end(3)],
                    part=True,
                )
            )
    if lowered.startswith(_INVERTED_OPENERS) and not out:
        out.extend(_inverted_list(sentence, toks, quantities))
    if plain and ("bodies" in lowered or "deaths" in lowered):
        out.extend(_counted_dead(sentence, lowered, quantities, out))
    body = _ORDINAL_BODY.search(view) if plain and "body" in lowered else None
    if body and not any(m.outcome == "killed" for m in out):
        # "police locate a second body": the ordinal is the count of the dead found so far
        out.append(_dead_so_far(sentence, body, float(_ORDINALS[body.group(1)])))
    claimed = ORDINAL_LIFE.search(lowered) if plain and _may_ordinal_life(lowered) else None
    size = float(_LIFE_PLACES[claimed.group(1)]) if claimed is not None else 0.0
    if claimed is not None and size > sum(m.value or 0.0 for m in out if m.outcome == "killed"):
        # "The outbreak has claimed a third life", "the fire took a second life": the deaths so
        # far, by the latest; "claimed a second life when a man was found dead": the man is
        # the second of them
        out = [m for m in out if m.outcome != "killed"]
        out.append(_dead_so_far(sentence, claimed, size))
    victim = _ORDINAL_VICTIM.search(lowered) if plain and " victim" in lowered else None
    if victim is not None:
        out = _ordinal_victim(sentence, victim, out)
    none = _NO_INJURIES.search(lowered) if plain and "no injuries" in lowered else None
    if none and not any(m.outcome in ("injured", "shot") for m in out):
        # "No injuries were reported": zero hurt, like "no one was hurt"
        g = 1 if none.group(1) else 2
        text = sentence[none.start(g) : none.end(g)]
        out.append(Mention("injured", 0.0, 0.0, 0.0, "exact", none.start(g), none.end(g), text))
    if plain and (
        "no " in lowered
        or any(w in lowered for w in UNHURT_WORDS)
        or "without" in lowered
        or "escaped injur" in lowered
        or "avoided injur" in lowered
    ):
        out.extend(_stated_zeros(sentence, lowered, toks, out))
    if plain and "no " in lowered:
        out.extend(_no_harm_reported(sentence, lowered, out))
    if plain and _may_more_zero(lowered):
        out.extend(_more_zeros(sentence, lowered, out))
    if out and (" or " in lowered or " nor " in lowered) and any(m.value == 0 for m in out):
        out.extend(_zero_of_both(sentence, out))
    # triple, quadruple, quintuple hold "ple"; double does not
    may_multiple = not plain or "ple" in lowered or "double" in lowered
    multiple = multiple_of.search(view) if may_multiple else None
    if multiple and not any(m.outcome == "shot" for m in out):
        size = float(_MULTIPLE_SIZE[multiple.group(1).lower()])
        kind: Outcome = "shot" if multiple.group(2).lower() == "shooting" else "killed"
        # "a woman killed in a quadruple shooting": the four hold the victims named beside it
        group = kind == "shot" and bool(out)
        # "Three men were killed in a triple homicide": the homicide's dead are the ones named
        # beside it, so it adds only those it holds beyond them ("a woman ... double homicide")
        named = sum(m.value or 0.0 for m in out if m.outcome == "killed") if kind == "killed" else 0
        extra = size - min(named, size)
        if extra > 0:
            out.append(
                Mention(
                    kind,
                    extra,
                    extra,
                    extra,
                    "exact",
                    multiple.start(),
                    multiple.end(),
                    sentence[multiple.start() : multiple.end()],
                    part=group,
                    group=size if group else None,
                )
            )
    suicide = (
        suicide_of.search(view) if not plain or "self" in lowered or "own" in lowered else None
    )
    if suicide is None and "self" in lowered:
        # "shot and killed her and his wife, 39-year-old Cam Thi To, then himself"
        listed = _THEN_SELF.search(lowered) if plain else _THEN_SELF_ANY.search(sentence)
        # the evidence is "himself", not the whole list before it
        suicide = _SELF_WORD.search(view, listed.end() - 7) if listed else None
    if (
        suicide
        and not any(
            m.outcome == "killed" and m.text.lower().endswith(("himself", "herself")) for m in out
        )
        and not any(_shooter_among(m, suicide.group()) for m in out if m.start in found_dead)
    ):
        out.append(
            Mention(
                "killed",
                1.0,
                1.0,
                1.0,
                "exact",
                suicide.start(),
                suicide.end(),
                sentence[suicide.start() : suicide.end()],
            )
        )
    return out


# A list told after its outcome (issue 11, sixteenth round): "Killed in the crash, which …,
# were [a student and her roommate]", "Hurt in the blast: [the clerk, a customer and a passing
# motorist], fire officials said"
_INVERTED_OPENERS = ("killed ", "injured ", "hurt ", "wounded ")
_SAID = frozenset({"said", "say", "says", "told", "reported", "confirmed"})


def _inverted_list(
    sentence: str, toks: list[_Tok], quantities: Sequence[Quantity]
) -> list[Mention]:
    """The victims listed after a fronted outcome word and "were" or a colon."""
    outcome: Outcome = "killed" if toks[0].low == "killed" else "injured"
    start = next((i + 1 for i, t in enumerate(toks[1:31], 1) if t.low in ("were", ":")), None)
    if start is None or start >= len(toks) or any(t.low == ";" for t in toks[1:start]):
        return []
    end = len(toks)
    for i in range(start, len(toks)):
        low = toks[i].low
        if low in (".", ";", "!", "?"):
            end = i
            break
        if low == "," and any(t.low in _SAID for t in toks[i + 1 : i + 4]):
            end = i  # ", fire officials said"
            break
    if end <= start:
        return []
    mention = _count(sentence, toks, start, end, outcome, quantities)
    return [mention] if mention is not None and (mention.value or 0) > 0 else []


# The dead counted as bodies found or deaths confirmed (on the lower-cased sentence; issue 11,
# sixteenth round): "[six bodies] were recovered", "rescuers retrieved [21 bodies]", "[two
# deaths] have been confirmed"; not "two more bodies" (a running count's step), nor bodies
# returned or exchanged
_NUMBER = r"(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)"
COUNTED_DEAD = re.compile(
    rf"\b(?:(?:recovered|retrieved|pulled\s+out|found|discovered|exhumed)\s+(?:the\s+)?"
    rf"({_NUMBER}\s+bodies)\b(?!\s+of\b)|"
    rf"({_NUMBER}\s+bodies)\s+(?:had\s+|have\s+|has\s+|were\s+|was\s+)?(?:been\s+|so\s+far\s+)?"
    rf"(?:later\s+|also\s+|so\s+far\s+|now\s+)?(?:been\s+)?(?:recovered|retrieved|pulled|found|"
    rf"discovered|exhumed)\b|"
    rf"({_NUMBER}\s+deaths)\s+(?:had\s+|have\s+|has\s+|were\s+)?(?:now\s+|so\s+far\s+)?"
    rf"(?:been\s+)?(?:now\s+)?confirmed\b)"
)


def _counted_dead(
    sentence: str, lowered: str, quantities: Sequence[Quantity], out: Sequence[Mention]
) -> list[Mention]:
    """The killed count of COUNTED_DEAD's bodies or deaths, where no death is told already."""
    if any(m.outcome == "killed" for m in out):
        return []
    match = COUNTED_DEAD.search(lowered)
    if match is None:
        return []
    g = next(i for i in (1, 2, 3) if match.group(i))
    a, b = match.span(g)
    word = lowered[a:b].split()[0]
    value: float | None = float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else None
    if value is None or word == "both":
        value = next(
            (q.value for q in quantities if q.start == a and q.kind == "count" and q.value), None
        )
    if value is None or value < 1:
        return []
    return [Mention("killed", value, value, value, "exact", a, b, sentence[a:b])]


_ORDINAL_VICTIM = re.compile(r"\b(?:a|an)\s+(second|third|fourth|fifth)\s+victim\b")


_LIFE_PLACES = {place: i + 2 for i, place in enumerate(ORDINAL_PLACES)}


def _dead_so_far(sentence: str, ordinal: re.Match[str], size: float) -> Mention:
    """The killed count an ordinal tells ("a second body", "claimed a third life"), its words
    the evidence."""
    a, b = ordinal.span()
    return Mention("killed", size, size, size, "exact", a, b, sentence[a:b])


def _may_ordinal_life(lowered: str) -> bool:
    """Whether a lower-cased sentence may hold ORDINAL_LIFE (or-chained tests in C)."""
    return ("life" in lowered or "victim" in lowered) and any(p in lowered for p in ORDINAL_PLACES)


def _ordinal_victim(sentence: str, victim: re.Match[str], out: list[Mention]) -> list[Mention]:
    """ "A fourth victim was taken by private car to the medical center": one victim beyond the
    three told before, though no trigger names the phrase.

    A victim phrase in apposition to it ("A second victim, a juvenile female, was hit") is that
    victim, marked as the one beyond; one that holds it is left alone.
    """
    place = _ORDINAL_PLACES[victim.group(1)]
    for i, m in enumerate(out):
        if m.start < victim.end() and victim.start() < m.end:
            return out  # "a second victim died": a trigger already named it
        if m.value == 1 and sentence[victim.end() : m.start].strip() == ",":
            out[i] = replace(m, additional=True, ordinal=place)
            return out
    start, end = victim.span()
    mention = Mention("shot", 1.0, 1.0, 1.0, "exact", start, end, sentence[start:end])
    return [*out, replace(mention, additional=True, ordinal=place)]


_GROUP_WORDS = frozenset({"they", "both", "all"})


def _same_group(toks: list[_Tok], phrase: tuple[int, int], before: Mention) -> bool:
    """Whether a phrase of group words ("they both", "all three") names a group just told."""
    words = [t.low for t in toks[phrase[0] : phrase[1]]]
    if (before.value or 0) < 2 or not any(w in _GROUP_WORDS for w in words):
        return False
    counts = [_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS]
    if not all(w in _GROUP_WORDS or w in _NUMBER_WORDS for w in words):
        return False
    return all(c == before.value for c in counts)


def _including_who(toks: list[_Tok], first: int) -> int | None:
    """The count of "including two who (later) died", when that is the death's subject."""
    for who in range(first - 1, max(0, first - 4), -1):
        if toks[who].low == "who":
            break
    else:
        return None
    at = who - 1
    if at < 1 or toks[at - 1].low != "including":
        return None
    return at if toks[at].low in _NUMBER_WORDS or toks[at].text.isdigit() else None


def _self_between(view: str, start: int, end: int, plain: bool) -> bool:
    """Whether a suicide phrase ("turned the gun on himself") lies in view[start:end]."""
    if plain and "self" not in view[start:end]:
        return False
    return (_SUICIDE_LOWER if plain else SUICIDE).search(view, start, end) is not None


_FEMALE_HEADS = frozenset(
    "woman girl mother daughter wife sister aunt grandmother niece mom girlfriend".split()
)
_MALE_HEADS = frozenset(
    "man boy father son husband brother uncle grandfather nephew dad boyfriend".split()
)


def _shooter_among(dead: Mention, suicide: str) -> bool:
    """Whether the one who "turned the gun on himself" may be among dead told as a group.

    "An Army soldier and his daughter were found dead … he turned the gun on himself": the
    soldier is one of the two (the archive counts a shooter who died once, among the killed);
    "he killed his wife and daughter before turning the gun on himself" names only his victims
    (an object, never marked here).
    """
    if dead.value is None or dead.value < 2:
        return False
    male = suicide.lower().endswith("himself")
    other = _FEMALE_HEADS if male else _MALE_HEADS
    if dead.text.lower().split()[-1] in (_FEMALE_PLURAL if male else _MALE_PLURAL):
        return False  # "two women were found dead … turned the gun on himself"
    told = [p.head for p in dead.people]
    return len(told) < dead.value or any(head not in other for head in told)


_FEMALE_PLURAL = frozenset("women girls mothers daughters sisters wives".split())
_MALE_PLURAL = frozenset("men boys fathers sons brothers husbands".split())


_TRIGGER_WORDS = (
    SHOT_WORDS
    | KILLED_WORDS
    | INJURED_WORDS
    | {"struck", "hit", "hits", "hitting", "striking", "gunned", "survive"}
    | {"wiped"}
    | {"shooting", "killing", "killings", "death", "deaths", "murder", "murders"}
    | {"murdering", "manslaughter"}  # verdicts: "convicted of murdering [a shopkeeper]"
    | {"stabbing"}  # "after stabbing [two people]" (read only before a noun phrase)
    | MISSING_WORDS
    | DETAINED_WORDS
    | HOSTAGE_WORDS
    | {"custody"}
    | STAB_WORDS
    | TO_DEATH_WORDS
    | CARE_VERBS
    | LIFE_WORDS
    | CARE_WORDS
    | BODY_WORDS
    | {"shock", "shocks"}  # "received an electric shock" (_shocked)
    | NEUTRALISE_WORDS  # "troops neutralised [12 terrorists]" (_fighters_after)
    | {"harmed"}  # "[the woman] was not harmed" (read only denied: _not_hurt)
)
# the trigger words as one pattern, and the phrase patterns without IGNORECASE, for the
# cheap look before a sentence is tokenized (every word a token of _TOKEN can be)
# Words that are triggers only beside others ("beaten to death", "treated 17 people at the
# scene") stay out of it, each read by a cheaper test of its own (_may_name_victims): their
# first letters ("t", "b") would open the lookahead at most words of a sentence.
_LOOK_WORDS = _TRIGGER_WORDS - ((TO_DEATH_WORDS | CARE_VERBS) - INJURED_WORDS - KILLED_WORDS)
# "life" and "lives" are triggers only in their phrases (_LIFE_LOWER): alone they are in too
# many sentences; so are "treatment" and "ill" ("undergoing treatment", "fell ill") and
# "body"/"bodies" ("bodies of"), and "perished" would open the look at every "p"
_LOOK_WORDS = _LOOK_WORDS - LIFE_WORDS - CARE_WORDS - BODY_WORDS - {"perished", "shock", "shocks"}
_LOOK_WORDS = _LOOK_WORDS - NEUTRALISE_WORDS - {"harmed"}  # own tests (_may_name_victims)
_LIFE_LOWER = re.compile(rf"\b(?:l(?:{LIFE_PHRASE})|c{CLAIMED_LIVES})\b")
_TRIGGER_RE = re.compile(
    rf"(?=[{''.join(sorted({w[0] for w in _LOOK_WORDS}))}])(?<![a-z'’-])(?:"
    + "|".join(sorted(map(re.escape, _LOOK_WORDS), key=len, reverse=True))
    + r")(?![a-z'’-])"
)
_CONDITION_LOWER = re.compile(CONDITION.pattern)
_MULTIPLE_LOWER = re.compile(_MULTIPLE.pattern)
_SUICIDE_LOWER = re.compile(SUICIDE.pattern)
# the shooter last in the list of those he killed: "killed his wife, 2 sons, then himself"
_THEN_SELF_PATTERN = (
    r"\b(?:kill(?:s|ed|ing)?|fatally\s+shoot(?:s|ing)?|fatally\s+shot)\s[^.;:!?]{0,80}?"
    r"(?:,|\band)\s+(?:then\s+)?(?:him|her)self\b"
)
_THEN_SELF = re.compile(_THEN_SELF_PATTERN)
_THEN_SELF_ANY = re.compile(_THEN_SELF_PATTERN, re.IGNORECASE)
_SELF_WORD = re.compile(r"(?:him|her)self", re.IGNORECASE)
# what CONDITION needs: "condition", "wound(s)", "injuries", "treated", "coma", or the
# hospital of "taken to a hospital / medical center / trauma …"
_CONDITION_WORDS = (
    "condition",
    "wound",
    "injuries",
    "treated",
    "coma",
    "hospital",
    "medical",
    "trauma",
    "burns",  # "pulled out alive with burns"
    "infirmary",  # "taken by ambulance to the Royal Infirmary"
)
_NO_INJURIES = re.compile(  # on the lower-cased sentence
    r"\b(no\s+injuries)\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?"
    r"(?:reported|sustained)\b|\bthere\s+were\s+(no\s+injuries)\b"
)
_NEVER = re.compile(r"(?!)")  # matches nowhere: a phrase pattern whose words are absent
_HOLD_VERBS = frozenset({"held", "hold", "holds", "holding", "took", "taken", "take", "taking"})
_MISSING_BEFORE = frozenset({"reported", "remain", "remained", "remains", "go", "gone", "went"})
_STATUS_ACTIVE = frozenset({"arrested", "detained", "apprehended", "kidnapped", "abducted"})


def _triggers(
    sentence: str,
    toks: list[_Tok],
    condition: re.Pattern[str] = CONDITION,
    more: bool = False,
    *,
    told: bool = False,
    care: tuple[re.Pattern[str], ...] = (),
) -> list[tuple[Outcome, int, int]]:
    """(outcome, first token, last token) of each casualty trigger, in order."""
    found: list[tuple[Outcome, int, int]] = []
    skip = 0  # a trigger of several words ("shot and killed") consumes the ones after it
    where = "where" in sentence or "Where" in sentence or "WHERE" in sentence  # test in C first
    after = " after " in sentence  # the view is lower-cased on the plain path
    cared: list[tuple[int, int]] = []  # conditions told by words: "fighting for life"
    # only the trigger words' positions are visited: a comprehension in C finds them
    for k in [i for i, t in enumerate(toks) if t.low in _TRIGGER_WORDS]:
        if k < skip or (where and _earlier_where(toks, k)) or (after and _weeks_after(toks, k)):
            continue
        low = toks[k].low
        nxt = [t.low for t in toks[k + 1 : k + 4]]
        prev = toks[k - 1].low if k else ""
        status = _status_trigger(toks, k)
        if status is not None:
            found.append(status)
        elif (low in TO_DEATH_WORDS or low in STAB_WORDS) and (death := _to_death_after(toks, k)):
            # "A leopard mauled [a six-year-old girl] to death": the object between, killed
            found.append(("killed", k, death))
            skip = death + 1
            continue
        elif (low in SHOT_WORDS and low not in ("shooting", "struck", "hit")) or low in STAB_WORDS:
            if nxt[:2] in (["and", "killed"], ["to", "death"]) or nxt[:1] == ["dead"]:
                found.append(("killed", k, k + (1 if nxt[:1] == ["dead"] else 2)))
                skip = k + 3
                continue
            if nxt[:2] in (["and", "wounded"], ["and", "injured"]):
                found.append(("injured", k, k + 2))
                skip = k + 3
                continue
            found.append(("killed" if prev in ("fatally", "mortally") else "shot", k, k))
        elif low in ("struck", "hit") and (
            nxt[:1] in (["by"], ["in"]) or (_be_before(toks, k) and nxt[:1] != ["by"])
        ):
            if nxt[:1] == ["hard"] or (nxt[:1] == ["by"] and set(nxt[1:3]) & HARD_TIMES):
                continue  # "retailers were hit hard by the recession": no harm to anyone
            if not (nxt[:1] == ["by"] and set(nxt[1:3]) & _VEHICLES):
                found.append(("shot", k, k))  # "all four victims were struck", not by a car
        elif (
            low in ("hitting", "striking", "hits") and k + 1 < len(toks) and _starts_np(toks[k + 1])
        ):
            found.append(("shot", k, k))  # "fired more shots, hitting the victim"
        elif low in (
            "shooting",
            "killing",
            "killings",
            "death",
            "deaths",
            "murder",
            "murders",
            "manslaughter",
        ) and nxt[:1] == ["of"]:
            if prev == "attempted":
                continue  # "the attempted murder of a police officer": no death
            fatal = low != "shooting" or prev in ("fatal", "deadly")
            found.append(
                ("killed" if fatal else "shot", k + 1, k + 1)
            )  # "the killing of [two men]"
            skip = k + 2
            continue
        elif (
            low in ("shooting", "stabbing")
            and k + 1 < len(toks)
            and _starts_np(toks[k + 1])
            and toks[k + 1].low not in ("victim", "victims")  # "shooting victim": a noun
        ):
            found.append(("shot", k, k))  # "accused of shooting his friend"
        elif low == "murdering" and k + 1 < len(toks) and _starts_np(toks[k + 1]):
            found.append(("killed", k, k))  # "was convicted of murdering [a shopkeeper]"
        elif low == "survive":
            # "her unborn child did not survive": a death, its subject before "did"
            if k >= 2 and prev == "not" and toks[k - 2].low in ("did", "does"):
                found.append(("killed", k - 2, k))
            elif prev in ("didn't", "didn’t", "doesn't"):
                found.append(("killed", k - 1, k))
        elif low == "wiped" and nxt[:1] == ["out"]:
            found.append(("killed", k, k + 1))  # "the fire wiped out [a family of six]"
            skip = k + 2
            continue
        elif low == "gunned" and nxt[:1] == ["down"]:
            found.append(("killed", k, k + 1))
            skip = k + 2
            continue
        elif low in CARE_VERBS and _cared_for(toks, k):
            found.append(("injured", k, k))  # "paramedics treated 17 people at the scene"
        elif low in TO_DEATH_WORDS and nxt[:2] == ["beyond", "recognition"]:
            found.append(("killed", k, k + 2))  # "[13 passengers] were burnt beyond recognition"
            skip = k + 3
            continue
        elif low in TO_DEATH_WORDS and nxt[:2] == ["to", "death"]:
            found.append(("killed", k, k + 2))  # "beaten to death", "mauled to death"
            skip = k + 3
            continue
        elif low in BODY_WORDS and nxt[:1] == ["of"] and _bodies_found(toks, k):
            found.append(("killed", k + 1, k + 1))  # "the bodies of [four people] were found"
            skip = k + 2
            continue
        elif low in LIFE_WORDS:
            life = _life_taken(toks, k)
            if life is not None and life[0] == "injured":
                cared.append((life[1], life[2]))  # "fighting for life": judged as a condition
            elif life is not None:
                found.append(life)
        elif low in CARE_WORDS and prev in CARE_BEFORE:
            if low == "ill":
                found.append(("injured", k - 1, k))  # "[100 students] fell ill"
            else:
                cared.append((k - 1, k))  # "[18 people] are undergoing treatment"
        elif low == "electrocuted":
            found.append((_electrocuted(toks, k), k, k))  # "[two traders] were electrocuted"
        elif low == "harmed" and prev in _NOT_BEFORE_HARMED:
            found.append(("injured", k, k))  # "[his wife] was not harmed": a zero (_not_hurt)
        elif low in NEUTRALISE_WORDS and _fighters_after(toks, k):
            found.append(("killed", k, k))  # "troops neutralised [12 terrorists]"
        elif low in ("shock", "shocks") and (got := _shocked(toks, k)):
            found.append(("injured", got, k))  # "[a lineman] received an electric shock"
        elif (prev == "or" or nxt[:1] == ["or"]) and _mixed_outcome(toks, k, low, prev, nxt):
            pass  # "Eight have been hurt or killed": a count of both, neither outcome's
        elif low in KILLED_WORDS and low != "fatally":
            if low == "dead" and prev == "shot":
                pass
            elif low == "dying" and prev in _DETERMINERS and k + 1 < len(toks):
                pass  # "next to her dying mother": one dying, not a death told apart
            elif low == "drowning" and not _object_follows(toks, k):
                pass  # "the third drowning this week", "died by drowning": the noun
            elif low == "drown" and prev in _MAY_BEFORE:
                pass  # "swimmers could drown in the rip", "feared they would drown": no death
            else:
                found.append(("killed", k, k))
        elif low in INJURED_WORDS:
            fatal = prev in ("fatally", "mortally")  # "fatally wounded Winkers"
            found.append(("killed" if fatal else "injured", k, k))
    for said, said_last in cared:
        if not _named_before(toks, said, found):
            found.append(("injured", said, said_last))
    matches = _conditions(sentence, condition, more)
    if told:
        # "[Twelve pupils] remain in hospital", "[a fan] was glassed" (INJURY_TOLD)
        matches.extend(INJURY_TOLD.finditer(sentence))
        if " left " in sentence or " leaving " in sentence:
            matches.extend(_left_in_hospital(sentence, toks))
    if care:
        # a named hospital, a stay, exhaustion: only where no other wording tells the same
        # one's care (a "with gunshot wounds" after "transported to Regional Medical Center"
        # says shot; "…, where he was in stable condition" is his condition)
        care_found = [m for pattern in care for m in pattern.finditer(sentence)]
        matches.extend(_care_apart(sentence, care_found, matches))
    if told or care:
        # in text order: "[Fourteen passengers] remain in hospital, two of them in a critical
        # condition" is the fourteen, the two among them
        matches.sort(key=lambda m: m.start())
        if care:  # CARE_TO's "to a hospital" is CONDITION's too: one trigger a place
            matches = [
                m for i, m in enumerate(matches) if not i or m.start() != matches[i - 1].start()
            ]
    for match in matches:
        first = next((i for i, t in enumerate(toks) if t.start >= match.start()), None)
        if first is None or (
            _named_before(toks, first, found)
            and not _one_more(toks, first)
            and not _new_victim_after(toks, first, found)
        ):
            continue
        if any(
            o == "killed"
            and f > first
            and not _semicolon_between(toks, first, f)
            and not _but_between(toks, first, f)
            and not _other_death_after(toks, first, f)
            for o, f, _ in found
        ):
            # "taken to a hospital, where he was pronounced dead"; not "a man and a woman were
            # rushed to the hospital with gunshot wounds; the man later died": one of them
            continue
        if match.re is MORE_CONDITION and match.group(1):
            # "a man was found with fatal stab wounds": a death, its victim before the words;
            # not "multiple victims, one suffering fatal injuries" (a share of a group)
            if not any(o == "killed" for o, _, _ in found) and not _share_before(toks, first):
                found.append(("killed", _with_before(toks, first), first))
            continue
        if (
            match.re is MORE_CONDITION
            and toks[first].low == "recovering"
            and any(o in ("shot", "injured") for o, _, _ in found)
        ):
            continue  # "is recovering after she was shot", "… when he shot himself": one told
        wounds = re.match(r"(?:with|suffer|sustained)", match.group(), re.IGNORECASE)
        if wounds and _MINOR_HARM.search(match.group()) is not None:
            # "taken to Prisma Health with minor injuries": alive and hurt, none of the dead
            wounds = None
        if wounds and toks[first].low == "with" and _left_with_object(toks, first):
            wounds = None  # "left [nine others] with burns": alive, the dead told apart
        if toks[first].low == "with":
            first = _taken_to_before(toks, first)
            if toks[first].low == "with":
                first = _left_with_before(toks, first)
            if toks[first].low == "with":
                first = _rescued_with_before(toks, first)
            if toks[first].low == "with":
                first = _escaped_with_before(toks, first)
                wounds = wounds if toks[first].low == "with" else None  # got away: alive
        if wounds and toks[first].low in _RESCUED:
            wounds = None  # "were rescued from the rubble with injuries": alive
        found.append(("shot" if wounds else "injured", first, first))
    return sorted(found, key=lambda f: f[1])


# Words after "electrocuted" in its clause that say the one shocked lived: "was electrocuted
# but survived", "electrocuted and taken to hospital in a critical condition"
_LIVED_AFTER = frozenset(
    """survived survives survive hospital hospitalised hospitalized condition treated injured
    injuries burns recovering recovered""".split()
)


def _electrocuted(toks: list[_Tok], k: int) -> Outcome:
    """ "electrocuted" alone is a death ("A woman and her daughter were electrocuted when they
    touched a live wire"); hurt where its clause says the one shocked lived."""
    for t in toks[k + 1 : k + 14]:
        if t.low in (";", ".", "!", "?") or t.low in KILLED_WORDS:
            break
        if t.low in _LIVED_AFTER:
            return "injured"
    return "killed"


def _fighters_after(toks: list[_Tok], k: int) -> bool:
    """Whether "neutralised" has a counted group of fighters for object: "[12 terrorists]",
    "[three suspected bandits]"."""
    after = toks[k + 1 : k + 5]
    if not after or not (after[0].text[:1].isdigit() or after[0].low in _NUMBER_WORDS):
        return False
    return any(t.low in FIGHTERS for t in after[1:])


_SHOCK_VERBS = frozenset({"received", "receives", "suffered", "suffers", "sustained", "got"})


def _shocked(toks: list[_Tok], k: int) -> int:
    """Where "received an electric shock" opens (its verb), or 0: the one shocked is hurt."""
    if k < 3 or toks[k - 1].low != "electric" or toks[k - 2].low not in ("an", "a"):
        return 0
    j = k - 3
    if toks[j].low in _GRADES or toks[j].low in ("severe", "serious", "minor"):
        j -= 1
    return j if j > 0 and toks[j].low in _SHOCK_VERBS else 0


_CARE_CLAUSE_ENDS = re.compile(r"[,;](?!\s*where\b)")


def _care_apart(
    sentence: str, care: list[re.Match[str]], others: Sequence[re.Match[str]]
) -> list[re.Match[str]]:
    """The care patterns' matches with no wound told after them in their clause (a comma or
    semicolon between, not ", where"): "with gunshot wounds" says shot, maybe the dead."""
    return [
        c
        for c in care
        if not any(
            o.start() >= c.start()
            and not _CARE_CLAUSE_ENDS.search(sentence, c.end(), o.start())
            and (
                _WOUND_TOLD.match(o.group()) is not None
                or "where" in sentence[c.end() : o.start()].lower()
            )
            for o in others
        )
    ]


_WOUND_TOLD = re.compile(
    r"(?:with|suffer|sustain)\w*\s+(?:[\w-]+\s+){0,3}?(?:gunshot|stab|knife)", re.I
)


def _left_in_hospital(sentence: str, toks: list[_Tok]) -> list[re.Match[str]]:
    """ "left [two others] in hospital": IN_HOSPITAL's matches after "left/leaving" and a
    victim, in one clause."""
    out = []
    for match in IN_HOSPITAL.finditer(sentence):
        at = next((i for i, t in enumerate(toks) if t.start >= match.start()), None)
        if at is None or at < 2:
            continue
        for j in range(at - 2, max(-1, at - 8), -1):
            if toks[j].low in _CLAUSE_ENDS:
                break
            if toks[j].low in ("left", "leaving", "leaves"):
                out.append(match)
                break
    return out


def _conditions(sentence: str, condition: re.Pattern[str], more: bool) -> list[re.Match[str]]:
    """CONDITION's matches, then MORE_CONDITION's when its words are there (`more`: plain
    sentences only, whose view is lower-cased)."""
    matches = list(condition.finditer(sentence))
    if more:
        matches.extend(MORE_CONDITION.finditer(sentence))
    return matches


# MORE_CONDITION's words as one pattern: one search in C instead of a test per word
_MORE_CONDITION_HINT = re.compile("|".join(MORE_CONDITION_WORDS))


def _may_injury_told(lowered: str) -> bool:
    """Whether INJURY_TOLD may match a lower-cased sentence: or-chained substring tests in C
    (cheaper than one search of an alternation, or a generator over a word list)."""
    return (
        (
            "hospital" in lowered
            and (
                "in hospital" in lowered
                or "in the hospital" in lowered
                or "in a hospital" in lowered
                or "hospital treatment" in lowered
                or "hospital care" in lowered
            )
        )
        or "stitches" in lowered
        or "glassed" in lowered
        or "bottled" in lowered
        or (
            " with" in lowered
            and ("escaped with" in lowered or "survived with" in lowered or "away with" in lowered)
        )
        or (
            "medical " in lowered
            and (
                "medical treatment" in lowered
                or "medical attention" in lowered
                or "medical care" in lowered
            )
        )
        or "treated by" in lowered
        or _other_wounds(lowered)
    )


def _care_patterns(lowered: str) -> tuple[re.Pattern[str], ...]:
    """The care patterns (CARE_TO, CARE_STAY) whose words a lower-cased sentence holds:
    substring tests in C."""
    place = (
        "hospital" in lowered
        or "infirmary" in lowered
        or "medical cent" in lowered
        or "healthcare" in lowered
        or "clinic" in lowered
    )
    to = place and ("n to " in lowered or "d to " in lowered or "t to " in lowered)
    stay = (
        "treated" in lowered
        or "confined" in lowered
        or "brought in" in lowered
        or "hypothermia" in lowered
        or "exhaustion" in lowered
        or "dehydration" in lowered
        or (place and ("remain" in lowered or "recovering" in lowered))
    )
    if to:
        return (CARE_TO, CARE_STAY) if stay else (CARE_TO,)
    return (CARE_STAY,) if stay else ()


def _may_more_zero(lowered: str) -> bool:
    """Whether _more_zeros' phrases may be in a lower-cased sentence: each holds a zero word."""
    return (
        "no " in lowered
        or "none" in lowered
        or "nobody" in lowered
        or "no-one" in lowered
        or "without" in lowered
    )


def _other_wounds(lowered: str) -> bool:
    """Whether INJURY_TOLD's "suffered shrapnel wounds" may be there: wounds suffered, not
    gunshot ones (CONDITION reads those, in a third of shooting reports' sentences)."""
    return (
        " wounds" in lowered
        and "gunshot" not in lowered
        and ("suffer" in lowered or "sustain" in lowered or "receiv" in lowered)
    )


def _share_before(toks: list[_Tok], first: int) -> bool:
    """ "…, one suffering fatal injuries": a number after a comma right before the verb."""
    return first >= 2 and toks[first - 2].low == "," and _numeral_at(toks, first - 1)


def _with_before(toks: list[_Tok], first: int) -> int:
    """Where the words of a condition opening at "with" attach: "was found [with] …"."""
    if toks[first].low != "with":
        return first
    at = _taken_to_before(toks, first)
    return _left_with_before(toks, at) if toks[at].low == "with" else at


# how badly someone was hurt: "none was seriously hurt" denies the grade, not the harm
_GRADES = frozenset("seriously badly critically severely gravely significantly".split())


_OR_KILLED = re.compile(r"\s+(?:or|nor)\s+(?:killed|died|dead)\b", re.IGNORECASE)


def _graded(toks: list[_Tok], phrase_end: int, last: int) -> bool:
    """Whether a grade of harm sits between a zero's phrase and its trigger (at toks[last]),
    or right after the trigger ("no one was hurt seriously")."""
    return any(t.low in _GRADES for t in toks[phrase_end : last + 2])


_HURT_WHO = re.compile(
    r",?\s+who\s+(?:was|were|had\s+been|has\s+been)\s+(?:[\w-]+\s+)?(?:hurt|injured|wounded|"
    r"shot|stabbed)\b",
    re.IGNORECASE,
)


def _hurt_who(view: str, end: int) -> bool:
    """Whether a relative clause right after a victim phrase tells the victim was hurt."""
    return _HURT_WHO.match(view, end) is not None


def _one_more(toks: list[_Tok], first: int) -> bool:
    """Whether the condition at toks[first] has a subject of its own marked as one beyond those
    told ("…, and [a seventh] was treated at the scene", "[another man] was taken to hospital")."""
    phrase = _victims(toks, first, first, "injured")
    if phrase is None or phrase[1] > first:
        return False
    start = phrase[0]
    for j in range(phrase[1] - 1, phrase[0], -1):
        if toks[j].low == "and":
            start = j + 1  # "one critically, and [a seventh]": the last conjunct
            break
    if start == 0 or toks[start - 1].low not in ("and", ";"):
        return False
    words = [t.low for t in toks[start : phrase[1]]]
    return words[:1] in (["a"], ["an"], ["another"]) and any(
        w in _ORDINAL_PLACES or w == "another" for w in words
    )


_NEW_VICTIM_AFTER = frozenset({"and", "while", "with"})


def _new_victim_after(
    toks: list[_Tok], first: int, found: Sequence[tuple[Outcome, int, int]]
) -> bool:
    """Whether the condition at toks[first] has an indefinite subject of its own after "and"
    or "while", past every trigger before it: "A schoolgirl was taken to hospital with a
    broken leg and [a woman] was treated for shock" (a new person; not "and [the victim]")."""
    before = [last for _, f, last in found if f < first]
    if not before or not any(
        toks[j].low in _NEW_VICTIM_AFTER for j in range(max(before) + 1, first)
    ):
        return False  # most conditions: no "and" between, the victim told before (cheap)
    phrase = _victims(toks, first, first, "injured")
    if phrase is None or phrase[1] > first or phrase[0] < 1:
        return False
    if toks[phrase[0] - 1].low not in _NEW_VICTIM_AFTER:
        return False  # "…, with [another six] taken to hospital" too
    if any(phrase[0] <= f < first for _, f, _ in found) or any(
        f < phrase[0] <= last for _, f, last in found
    ):
        return False
    opener = toks[phrase[0]]
    return opener.low in ("a", "an", "another") or (
        _numeral_at(toks, phrase[0]) and opener.low not in ("one",)
    )


def _and_another_before(toks: list[_Tok], last: int, first: int) -> bool:
    """ "left a woman dead and [their daughter] in a coma": a victim of its own, after "and",
    between the dead's trigger (ending at `last`) and the condition at `first`.
    """
    return (
        any(
            toks[j].low == "and"
            and (
                toks[j + 1].low == "another"
                or _starts_np(toks[j + 1])
                # "killed a woman and left [her partner] with life-changing injuries"
                or (toks[j + 1].low in ("left", "leaving") and _starts_np(toks[j + 2]))
            )
            for j in range(last + 1, first - 1)
        )
        or _leaving_between(toks, last, first)
        or _while_another_between(toks, last, first)
    )


def _while_another_between(toks: list[_Tok], last: int, first: int) -> bool:
    """ "killed three skiers, while [a fourth] was rescued with leg injuries": an indefinite
    victim of its own after "while" (not "while he was walking", the dead one's)."""
    return any(
        toks[j].low == "while" and toks[j + 1].low in ("a", "an", "another")
        for j in range(last + 1, first - 1)
    )


def _leaving_between(toks: list[_Tok], last: int, first: int) -> bool:
    """ "killed five people, leaving [22] with injuries": a victim of its own after ", leaving"
    between the dead's trigger (ending at `last`) and the condition at `first`."""
    return any(
        (
            (toks[j].low == "," and toks[j + 1].low == "leaving")
            or (toks[j].low == "and" and toks[j + 1].low in ("left", "leaving"))
        )
        and (_starts_np(toks[j + 2]) or _hedged_count_at(toks, j + 2))
        for j in range(last + 1, first - 2)
    )


_COUNT_HEDGES = frozenset({"more", "over", "about", "around", "nearly", "almost", "some", "at"})


def _hedged_count_at(toks: list[_Tok], k: int) -> bool:
    """Whether a count opens at toks[k]: "more than 50", "at least 12", "some 30", "dozens"."""
    tok = toks[k]
    return tok.low in _COUNT_HEDGES or tok.low in _VAGUE_OF or _numeral_at(toks, k)


def _named_before(toks: list[_Tok], first: int, found: Sequence[tuple[Outcome, int, int]]) -> bool:
    """Whether the condition at toks[first] is of a victim a trigger already names.

    "was shot and is in critical condition": the condition of a victim already named; "one is
    in critical condition" beside "two men were shot": one of the shot.
    """
    return any(
        (o in ("shot", "injured") and not (f > first and _pronoun_before(toks, f)))
        or (
            first - 12 <= f <= first + 1
            and not _semicolon_between(toks, f, first)
            and not (f < first and _but_between(toks, f, first))  # "A died but B survived"
            and not (o == "killed" and f < first and _own_subject(toks, first, found))
            and not (o == "killed" and _and_another_before(toks, last, first))
        )
        for o, f, last in found
    )


def _own_subject(toks: list[_Tok], first: int, found: Sequence[tuple[Outcome, int, int]]) -> bool:
    """Whether a condition at toks[first] has a subject of its own after the deaths before it:
    "A woman has died and [her husband] is in a critical condition", "One person is dead and
    [two others] were taken to hospital" tell of someone besides the dead."""
    phrase = _victims(toks, first, first, "injured")
    if phrase is None or phrase[1] > first:
        return False
    dead = [last for o, f, last in found if o == "killed" and f < first]
    return bool(dead) and phrase[0] > max(dead) and toks[phrase[0] - 1].low in ("and", "while")


def _stated_zeros(
    sentence: str, lowered: str, toks: list[_Tok], out: Sequence[Mention]
) -> list[Mention]:
    """Zeros a sentence states beside no count of the same outcome: "no lives have been lost",
    "there were no casualties" (killed and hurt), "Both pilots walked away unhurt"."""
    zeros: list[tuple[Outcome, int, int]] = []
    dead = any(m.outcome == "killed" for m in out)
    hurt = any(m.outcome in ("injured", "shot") for m in out)
    none = NO_DEATHS.search(lowered) if not dead and "no " in lowered else None
    if none:
        g = next(i for i in (1, 2, 3) if none.group(i))
        zeros.append(("killed", none.start(g), none.end(g)))
    none = NO_CASUALTIES.search(lowered) if "casualties" in lowered else None
    if none:
        zeros += [("killed", *none.span(1))] if not dead and not zeros else []
        zeros += [("injured", *none.span(1))] if not hurt else []
    if not hurt and not any(o == "injured" for o, _, _ in zeros):
        for k in _unhurt_at(toks, lowered):
            j = k - 1
            while j >= 0 and (toks[j].low in UNHURT_BEFORE or toks[j].low in _UNHURT_ALSO):
                j -= 1
            # who was unhurt must be people: not "the family's small dog was unharmed"
            phrase = _subject(toks, j) if j >= 0 else None
            if phrase is None and j >= 1 and toks[j].low in _UNHURT_GROUPS:
                phrase = (j - 1 if toks[j - 1].low in _DETERMINERS else j, j + 1)
            if phrase is not None:
                zeros.append(("injured", toks[phrase[0]].start, toks[phrase[1] - 1].end))
            break
    return [Mention(o, 0.0, 0.0, 0.0, "exact", a, b, sentence[a:b]) for o, a, b in zeros]


_NO_HARM_METRICS: dict[str, tuple[Outcome, ...]] = {
    "deaths": ("killed",),
    "fatalities": ("killed",),
    "injuries": ("injured",),
    "casualties": ("killed", "injured"),
}


# more words between who was unhurt and the word: "was shaken but unhurt", "were released
# unharmed", "escaped without a scratch"
_UNHURT_ALSO = frozenset({"shaken", "but", "released", "freed", "rescued", "visibly"})
# "have been freed unharmed", "had all been rescued unhurt", "were found unharmed"
_UNHURT_ALSO |= frozenset({"been", "have", "has", "had", "all", "found", "safely", "later"})
# groups no person noun names that a no-harm word may tell of: "the hostages were released
# unharmed", "the crew escaped without a scratch"
_UNHURT_GROUPS = frozenset({"hostages", "captives", "crew"})
# "escaped without a scratch", "walked away without injury", "without being hurt": the word
# of the phrase the no-harm subject is read before
_WITHOUT_HARM = re.compile(
    r"\bwithout\s+(?:a\s+scratch|(?:any\s+)?injury|(?:any\s+)?injuries|"
    r"being\s+(?:hurt|injured|harmed))\b"
)


def _unhurt_at(toks: list[_Tok], lowered: str) -> list[int]:
    """Token indexes of each no-harm word ("unhurt"), "without" of a no-harm phrase, or
    "escaped" of "escaped injury"."""
    at = [i for i, t in enumerate(toks) if t.low in UNHURT_WORDS]
    if "without" in lowered:
        starts = {m.start() for m in _WITHOUT_HARM.finditer(lowered)}
        at += [i for i, t in enumerate(toks) if t.low == "without" and t.start in starts]
    if "escaped injur" in lowered or "avoided injur" in lowered:
        # "Both drivers escaped injury"; "escaped serious injury" denies a grade, no harm
        at += [
            i
            for i, t in enumerate(toks[:-1])
            if t.low in ("escaped", "avoided") and toks[i + 1].low in ("injury", "injuries")
        ]
    return sorted(at)


_NOT_HURT = frozenset({"hurt", "injured", "wounded", "harmed"})
_NOT_BEFORE_HARMED = frozenset({"not", "wasn't", "weren't", "wasn’t", "weren’t"})


def _not_hurt(toks: list[_Tok], first: int) -> tuple[int, int] | None:
    """The subject of "The driver was not hurt", "the occupants weren't injured": a person (or
    people) the harm is denied of, as a zero; not "was not seriously hurt" (a grade)."""
    if toks[first].low not in _NOT_HURT or first < 2:
        return None
    neg = toks[first - 1].low
    if neg == "not" and toks[first - 2].low in BE_WORDS:
        be = first - 2
    elif neg.endswith(("n't", "n’t")) and neg[:-3] in ("was", "were", "is", "are"):
        be = first - 1
    else:
        return None
    phrase = _subject(toks, be - 1) if be >= 1 else None
    if phrase is None and be >= 4:
        phrase = _subject_past_relative(toks, be)
    if phrase is not None and toks[be].low in ("was", "is", "wasn't", "isn't", "wasn’t"):
        # "an 18-year-old was hit in his side and [the driver] wasn't injured": one person
        ands = [i for i in range(phrase[0], phrase[1] - 1) if toks[i].low == "and"]
        phrase = (ands[-1] + 1, phrase[1]) if ands else phrase
    return phrase


def _subject_past_relative(toks: list[_Tok], be: int) -> tuple[int, int] | None:
    """ "[the woman] whose phone was stolen was not harmed", "[the driver], who wore a belt,
    was not hurt": the person before a short relative clause that ends at the verb."""
    for j in range(be - 2, max(0, be - 9), -1):
        low = toks[j].low
        if low in _CLAUSE_ENDS and low != ",":
            return None
        if low in ("whose", "who"):
            k = j - 1 if toks[j - 1].low != "," else j - 2
            phrase = _subject(toks, k) if k >= 0 else None
            if phrase is None or not any(
                t.low in SINGULAR_PERSONS or t.low in PLURAL_PERSONS
                for t in toks[phrase[0] : phrase[1]]
            ):
                return None
            return phrase
    return None


_ZERO_BOTH = re.compile(
    r"\s+(?:was|were|has\s+been|have\s+been|had\s+been|got)\s+"
    r"(?:(?!seriously|badly|critically|severely|gravely|significantly)[\w-]+\s+)?"
    r"(?:killed|dead|injured|hurt|wounded|harmed)\s+(?:or|nor)\s+"
    r"(?:killed|dead|died|injured|hurt|wounded|harmed)\b",
    re.IGNORECASE,
)


def _zero_of_both(sentence: str, out: Sequence[Mention]) -> list[Mention]:
    """ "No one was killed or injured": the zero is of both outcomes, not of the first."""
    told = {"injured" if m.outcome == "shot" else m.outcome for m in out}
    for m in out:
        if m.value == 0 and _ZERO_BOTH.match(sentence, m.end):
            other: Outcome = "injured" if m.outcome == "killed" else "killed"
            if other not in told:
                return [replace(m, outcome=other)]
    return []


def _more_zero_hint(sentence: str) -> bool:
    """Whether a sentence holds a zero no CASUALTY_HINT word tells ("without loss of life",
    "None of the captives was harmed", "no one required medical attention")."""
    lowered = sentence.lower()
    return ("loss of life" in lowered and NO_LOSS_OF_LIFE.search(lowered) is not None) or (
        ("harmed" in lowered or "attention" in lowered) and NO_CARE.search(lowered) is not None
    )


def _more_zeros(sentence: str, lowered: str, out: Sequence[Mention]) -> list[Mention]:
    """Zeros of "without loss of life" (killed), "no one required medical attention", "None
    of the captives was harmed" (injured), "no damage or injuries have been reported" (the
    harm noun's), beside no count (nor zero) of the same outcome already read."""
    told = {"injured" if m.outcome == "shot" else m.outcome for m in out}
    found: list[tuple[Outcome, int, int]] = []
    if "loss of life" in lowered and "killed" not in told:
        life = NO_LOSS_OF_LIFE.search(lowered)
        if life is not None:
            found.append(("killed", *life.span(1)))
    cared = "attention" in lowered or "treatment" in lowered or "hospital" in lowered
    if (cared or "harmed" in lowered) and "injured" not in told:
        care = NO_CARE.search(lowered)
        if care is not None:
            a, b = care.span(1)
            found.append(("injured", a, a + len(sentence[a:b].rstrip())))
    if "reports of any" in lowered or "report of any" in lowered or "reports of people" in lowered:
        anyone = NO_ONE_REPORTED.search(lowered)
        if anyone is not None:
            said: Outcome = (
                "killed" if anyone.group(2) in ("killed", "dying", "dead") else "injured"
            )
            if said not in told:
                found.append((said, *anyone.span(1)))
    if "damage" in lowered:
        damage = NO_DAMAGE_OR_HARM.search(lowered)
        if damage is not None:
            a, b = damage.span(1)
            kind = damage.group(2) or damage.group(3)
            found += [(o, a, b) for o in _NO_HARM_METRICS[kind] if o not in told]
    first: dict[Outcome, tuple[int, int]] = {}
    for o, a, b in found:
        first.setdefault(o, (a, b))  # one zero per outcome
    return [Mention(o, 0.0, 0.0, 0.0, "exact", a, b, sentence[a:b]) for o, (a, b) in first.items()]


def _no_harm_reported(sentence: str, lowered: str, out: Sequence[Mention]) -> list[Mention]:
    """Zeros of "There were no reports of injuries", "no fatalities have been recorded so
    far", beside no count (nor zero) of the same outcome already read."""
    if not (
        "injuries" in lowered
        or "deaths" in lowered
        or "fatalities" in lowered
        or "casualties" in lowered
    ):
        return []  # most sentences: tests in C spare the pattern
    none = NO_HARM.search(lowered)
    if none is None:
        return []
    g = next(i for i in (1, 3, 5, 7) if none.group(i))
    told = {"injured" if m.outcome == "shot" else m.outcome for m in out}
    a, b = none.span(g)
    kinds = none.group(g + 1).split()
    outcomes = dict.fromkeys(o for k in kinds if k in _NO_HARM_METRICS for o in _NO_HARM_METRICS[k])
    return [
        Mention(o, 0.0, 0.0, 0.0, "exact", a, b, sentence[a:b]) for o in outcomes if o not in told
    ]


def _to_death_after(toks: list[_Tok], k: int) -> int:
    """The index of "death" in "mauled a six-year-old girl to death" after the harm at toks[k],
    its object (a person, at most six words) between; 0 when there is none."""
    obj = _object(toks, k + 1)
    if obj is None or obj[1] + 1 >= len(toks):
        return 0
    end = obj[1]
    return end + 1 if toks[end].low == "to" and toks[end + 1].low == "death" else 0


def _bodies_found(toks: list[_Tok], k: int) -> bool:
    """Whether "bodies of" at toks[k] tells of the dead found ("recovered the bodies of", "the
    bodies of four people were found"), not of remains returned, nor of hostages'."""
    if any(t.low in HOSTAGE_WORDS for t in toks[k + 2 : k + 8]):
        return False
    if any(t.low in FOUND_VERBS and t.low != "found" for t in toks[max(0, k - 3) : k]):
        # rescuers "recovered the bodies of"; "officers found the bodies of a man and woman"
        # may be a roundup's other case (dev 723847), and a lead tells its own dead otherwise
        return True
    for t in toks[k + 2 : k + 16]:
        if t.low in (";", ".", "!", "?"):
            return False
        if t.low in FOUND_VERBS:
            return True
    return False


def _life_taken(toks: list[_Tok], k: int) -> tuple[Outcome, int, int] | None:
    """A death told at "lives"/"life" (toks[k]): "[seven labourers] lost their lives", "claimed
    the lives of [48 people]", "has claimed [15] lives"; as (outcome, first, last)."""
    prev = toks[k - 1].low if k else ""
    if k >= 2 and prev in ("their", "his", "her") and toks[k - 2].low in LOSE_LIFE_VERBS:
        return ("killed", k - 2, k)  # the victims are the subject before "lost"
    # "[a third] is fighting for (his) life": alive and hurt, a condition
    j = k - 2 if prev in ("their", "his", "her") else k - 1
    if j >= 1 and toks[j].low == "for" and toks[j - 1].low == "fighting":
        return ("injured", j - 1, k)
    if toks[k].low != "lives":
        return None
    if prev == "the" and k >= 2 and toks[k - 2].low in TAKE_LIFE_VERBS:
        if k + 1 < len(toks) and toks[k + 1].low == "of":
            return ("killed", k + 1, k + 1)  # "of": the victims are its object
        return None
    for j in range(k - 1, max(-1, k - 5), -1):
        if toks[j].low in TAKE_LIFE_VERBS:
            # "claimed [at least 15] lives": only a count between, no other words
            between = toks[j + 1 : k]
            counted = any(t.text[:1].isdigit() or t.low in _NUMBER_WORDS for t in between)
            plain = all(
                t.text[:1].isdigit()
                or t.low in _HEDGES
                or t.low in _NUMBER_LIKE
                or t.low in _NUMBER_WORDS
                for t in between
            )
            return ("killed", j, k) if between and counted and plain else None
    return None


_TAKEN = frozenset({"taken", "transported", "rushed", "airlifted", "flown"})


def _taken_to_before(toks: list[_Tok], with_at: int) -> int:
    """ "Eight people were taken to San Francisco General with injuries": the ones taken.

    The victims of "with injuries" are then the subject of "were taken", not the hospital's
    name before "with"; the transport verb (its clause unbroken) stands in as the trigger.
    """
    for j in range(with_at - 1, max(0, with_at - 10), -1):
        if toks[j].low in _CLAUSE_ENDS:
            break
        if toks[j].low in _TAKEN and toks[j + 1].low == "to" and _be_before(toks, j):
            return j
    return with_at


_CARRIERS = frozenset({"ambulance", "helicopter"})


def _carried_by(toks: list[_Tok], carrier: int) -> int:
    """Where the victims' phrase ends before "[was airlifted] by STARS air ambulance to": the
    word before the transport verb, or the carrier itself when no such verb precedes "by"."""
    for j in range(carrier - 1, max(0, carrier - 6), -1):
        if toks[j].low in _CLAUSE_ENDS:
            break
        if toks[j].low == "by":
            return j - 2 if j >= 2 and toks[j - 1].low in _TRANSPORTED else carrier
    return carrier


def _left_with_before(toks: list[_Tok], with_at: int) -> int:
    """ "A pensioner was left with serious facial injuries", "two others were pulled out alive
    with burns": the verb after "was/were", whose subject is the one hurt, stands in as the
    trigger; "[another] with serious injuries" keeps its "with"."""
    for j in range(with_at - 1, max(0, with_at - 6), -1):
        if toks[j].low in _CLAUSE_ENDS or _is_np_word(toks[j]) or _is_name(toks[j]):
            return with_at
        if toks[j].low in BE_WORDS:
            return j + 1 if j + 1 < with_at else with_at
    return with_at


# who got away hurt: "[Four others] escaped with minor injuries", "walked away with cuts"
_ESCAPED = frozenset({"escaped", "emerged", "survived", "away", "off", "out"})
_GOT_AWAY = frozenset({"walked", "got", "came", "limped", "crawled", "escaped"})


def _escaped_with_before(toks: list[_Tok], with_at: int) -> int:
    """ "[Four others] escaped with minor injuries", "[the driver] walked away with cuts": the
    escape verb stands in as the trigger (its subject is the one hurt); `with_at` otherwise."""
    j = with_at - 1
    if j >= 1 and toks[j].low in ("away", "off", "out") and toks[j - 1].low in _GOT_AWAY:
        return j - 1
    if j >= 0 and toks[j].low in _ESCAPED and toks[j].low not in ("away", "off", "out"):
        return j
    return with_at


def _rescued_with_before(toks: list[_Tok], with_at: int) -> int:
    """ "[five others] were rescued from the rubble with injuries": the rescue verb stands in
    as the trigger (its subject is the one hurt); `with_at` otherwise."""
    for j in range(with_at - 1, max(0, with_at - 7), -1):
        low = toks[j].low
        if low in _RESCUED and low != "alive":
            return j if j > 0 and toks[j - 1].low in BE_WORDS else with_at
        if low not in _RESCUE_CHAIN:
            return with_at
    return with_at


def _left_with_object(toks: list[_Tok], with_at: int) -> bool:
    """Whether "with" closes "left/leaving [someone] with": the one left so is alive."""
    for j in range(with_at - 2, max(-1, with_at - 8), -1):
        if toks[j].low in _CLAUSE_ENDS:
            return False
        if toks[j].low in ("left", "leaving", "leaves", "leave"):
            return True
    return False


def _on_board(toks: list[_Tok], group: list[_Tok], end: int) -> bool:
    """Whether a group ("of the 154 people") is who was aboard, not who was harmed."""
    after = [t.low for t in toks[end : end + 4]]
    if after[:1] and after[0] in SHARE_HARMED:
        return False  # "one of the nine passengers hurt when the minibus overturned": the hurt
    if after[:1] in (["who"], ["that"]) and any(w in SHARE_HARMED for w in after[1:]):
        return False  # "one of the nine passengers who were hurt when …"
    after = after[:2]
    return (
        after == ["on", "board"]
        or after[:1] == ["aboard"]
        or any(t.low in ("passengers", "occupants") for t in group)
    )


def _head_of_kin(conjuncts: list[list[_Tok]]) -> bool:
    """Whether the first conjunct is one person ("a tribal chief", "the imam") whose kin or
    companions a later conjunct names through his or her possessive ("and his three wives")."""
    first = conjuncts[0]
    if len(conjuncts) < 2 or not 2 <= len(first) <= 4 or first[0].low not in ("a", "an", "the"):
        return False
    head = first[-1]
    return (
        head.text.isalpha()
        and head.text.islower()
        and (
            head.low in SINGULAR_PERSONS
            or head.low in _TITLES
            or (head.low == "head" and len(first) >= 3)  # "a village head", not "the head"
            or head.low.endswith(("er", "or", "ist", "ian", "man", "ee", "ant", "ent"))
        )
        and head.low not in ANIMALS
        and any(t.low in ("his", "her") for c in conjuncts[1:] for t in c[:3])
    )


# people by their office, told beside their kin ("a bishop and his driver"); not "a broken
# arm and his wife", "the scene and his wife": a person's noun or an agent's ending only
_TITLES = frozenset(
    "bishop cleric sheikh emir king queen prince princess monk cardinal rabbi chef".split()
)


def _opening_share(toks: list[_Tok], first: int) -> tuple[int, int] | None:
    """The share that opens a sentence ("[One of the pedestrians] struck by the car … has
    died"), the death's subject when the words between name nobody it could be."""
    if len(toks) < 4 or toks[1].low != "of" or toks[2].low not in ("the", "those", "these"):
        return None
    if not (toks[0].low in _NUMBER_WORDS or toks[0].text.isdigit()):
        return None
    for j in range(3, min(first, 7)):
        if toks[j].low in PLURAL_PERSONS or _counted_people(toks[j]):
            return (0, j + 1)
    return None


def _who_of_the_dead(toks: list[_Tok], first: int, dead: Mention) -> bool:
    """Whether a harm at toks[first] is told in a "who was" clause right after a death's
    victims ("the murder of his neighbour, who was shot twice"): the same victim's wound."""
    if dead.outcome != "killed" or dead.value != 1:
        return False
    k = first - 1
    while (
        k >= 0 and toks[k].low != "who" and (toks[k].low in BE_WORDS or toks[k].low in _SKIP_BEFORE)
    ):
        k -= 1
    if k < 0 or toks[k].low != "who" or not 0 <= toks[k].start - dead.end < 30:
        return False
    if not any(t.low in BE_WORDS for t in toks[k + 1 : first]):
        return False  # "the knifeman, who had injured four people": his act, not his wound
    # only his description between ("a father of three,"), no one else ("and a woman,")
    return not any(t.low in ("and", "or") for t in toks[:k] if t.start >= dead.end)


def _animal_before(toks: list[_Tok], first: int) -> bool:
    """Whether the subject right before a trigger ("the horse was killed") is an animal."""
    k = first - 1
    while k >= 0 and (toks[k].low in BE_WORDS or toks[k].low in _SKIP_BEFORE):
        k -= 1
    return k >= 0 and toks[k].low in ANIMALS and toks[k].text[:1].islower()


_MAY_BEFORE = frozenset(
    "to could can may might would will not cannot can't won't nearly almost".split()
)
_SPEAKERS_SELVES = frozenset({"ourselves", "myself", "yourself", "yourselves"})
_BEFORE_ANIMAL = frozenset({"the", "a", "an", "its", "his", "her", "their", "two", "three"})


def _no_one_after(toks: list[_Tok], last: int) -> bool:
    """Whether an active harm verb's object is an animal ("later killed the bear", "shot a
    stray dog") or a speaker's own self ("We killed ourselves with two mistakes", a coach's
    idiom): no one harmed, nor the subject."""
    k = last + 1
    if k < len(toks) and toks[k].low in _SPEAKERS_SELVES:
        return True
    while k < len(toks) and k - last <= 3 and toks[k].low in _BEFORE_ANIMAL:
        k += 1
    if k == last + 1:
        return False  # "killed in a turkey-hunting accident": no object told
    if k < len(toks) and k - last <= 4 and toks[k].low not in ANIMALS:
        k += 1  # one adjective: "the injured bear", "a brown bear"
    return (
        k < len(toks)
        and toks[k].low in ANIMALS
        and toks[k].text[:1].islower()
        and not (k + 1 < len(toks) and toks[k + 1].low in ("and", "&"))
    )


def _animal_relative(toks: list[_Tok], first: int) -> bool:
    """Whether the subject of a trigger is an animal told with a relative clause: "[A leopard]
    that mauled a boy was shot dead" (the boy is hurt, not dead)."""
    for j in range(first - 1, max(0, first - 12), -1):
        low = toks[j].low
        if low in _CLAUSE_ENDS and low != ",":
            return False
        if low in ("that", "which", "who"):
            return toks[j - 1].low in ANIMALS and toks[j - 1].text[:1].islower()
    return False


def _animal_alone(toks: list[_Tok], phrase: tuple[int, int]) -> bool:
    """Whether a victim phrase is one animal and nothing else: "[A leopard] … was shot dead"."""
    last = toks[phrase[1] - 1]
    return (
        last.low in ANIMALS
        and last.text[:1].islower()
        and not any(t.low in ("and", ",", "&") for t in toks[phrase[0] : phrase[1]])
    )


def _animal_share(toks: list[_Tok], start: int, end: int) -> int | None:
    """Where "of" opens a group of animals ("two of his goats", "14 of the cattle"), in the
    phrase toks[start:end] or right after it; None where it opens none."""
    for k in range(start, min(end + 1, len(toks))):
        if toks[k].low == "of" and any(
            t.low in ANIMALS and t.text[:1].islower() for t in toks[k + 1 : k + 4]
        ):
            return k
    return None


def _counts_nobody(
    sentence: str,
    toks: list[_Tok],
    phrase: tuple[int, int],
    share: Mention,
    quantities: Sequence[Quantity],
) -> bool:
    """ "One of the nine passengers hurt when the minibus overturned on the A66 died": after a
    share of a harmed group, a death whose phrase counts nobody ("the A66") is the share's."""
    if share.group is None or not share.part:
        return False
    # "One of the five people wounded when a gunman opened fire … has since died": a phrase
    # inside the clause told after the share is that clause's, not the death's subject
    between = [t.low for t in toks[phrase[0] - 3 : phrase[0]] if t.start >= share.end]
    if any(w in _SUBORDINATORS for w in between):
        return True
    return _count(sentence, toks, phrase[0], phrase[1], "killed", quantities) is None


_SUBORDINATORS = frozenset({"when", "after", "as", "while", "because", "where", "during"})


def _share_of_number(count: str, rest: list[_Tok]) -> bool:
    """ "one of four men shot": a count of a number of people is a share of them, as "one of
    the four men" is (not "a family of four": its head is no count)."""
    return (
        (count in _NUMBER_WORDS or count[:1].isdigit())
        and len(rest) >= 2
        and (rest[0].low[:1].isdigit() or rest[0].low in _NUMBER_WORDS or _spelled(rest[0].low))
    )


def _out_of(quantities: Sequence[Quantity], first_start: int) -> float | None:
    """The group of a share read by the number finder ("One of the 14" out of 14)."""
    return next((q.out_of for q in quantities if q.start == first_start and q.out_of), None)


_HAVE = frozenset({"has", "have", "had"})


_CARE_PLACES = ("hospital", "infirmary")


def _cared_for(toks: list[_Tok], k: int) -> bool:
    """Whether an active "treated" or "sent" at toks[k] has victims as its object: "treated
    17 people at the scene", "sent a man and his teenage son to the hospital"."""
    if k + 1 >= len(toks) or _be_before(toks, k):
        return False
    if not _starts_np(toks[k + 1]) and toks[k + 1].low not in _VAGUE_OF:
        return False  # "sent [hundreds] to hospital" is a count too
    treated = toks[k].low == "treated"
    for j in range(k + 2, min(len(toks) - 1, k + 12)):
        low = toks[j].low
        if low in _CLAUSE_ENDS or low in ("as", "like"):
            return False  # "treated him as his own son": how, not a patient
        if treated and (low in ("for", "scene") or low.startswith("hospital")):
            return True  # "treated 17 people at the scene", "treated two for burns"
        if not treated and (low == "to" or (low in ("in", "into") and toks[k].low[0] == "p")):
            return any(t.low.startswith(_CARE_PLACES) for t in toks[j + 1 : j + 6])
    return False


def _before_who(toks: list[_Tok], first: int) -> tuple[int, int] | None:
    """ "[A teenage girl] who was pulled from the river on Sunday has died": the subject before
    a relative clause that holds no harm of its own, when nothing nearer is the victim."""
    for j in range(first - 1, max(0, first - 18), -1):  # a clause of up to 17 words
        low = toks[j].low
        if low in _CLAUSE_ENDS or (low in _TRIGGER_WORDS and not _be_before(toks, j)):
            # "[A teenager] who was hit by a train … has died": a passive harm inside the
            # clause is the subject's own; an active one ("who shot two men") is not
            return None
        if low == "who":
            # the clause closes before the trigger's own verb ("who was pulled … has died");
            # "a concert for another young man who recently died" has the one verb, its own
            verbs = sum(1 for t in toks[j + 1 : first] if t.low in BE_WORDS or t.low in _HAVE)
            if verbs < 2:
                return None
            phrase = _subject(toks, j - 1)
            if phrase is None or phrase[1] != j:
                return None
            return phrase if any(_is_np_word(t) for t in toks[phrase[0] : phrase[1]]) else None
    return None


_AFTER_BEING = frozenset({"after", "since", "when"})


def _subject_before_after_being(toks: list[_Tok], first: int) -> tuple[int, int] | None:
    """ "[A man] was taken to hospital after being shot", "[A surfer] has been flown to a
    hospital in a serious condition after being bitten by a shark": the harm after "after
    being" is the main clause's subject's (its passive verb's), when no other victim is told."""
    if toks[first - 1].low != "being" or toks[first - 2].low not in _AFTER_BEING:
        return None
    for k in range(first - 3, max(0, first - 20), -1):
        low = toks[k].low
        if low in _CLAUSE_ENDS or low in ACTIVE_VERBS or low in KILLED_WORDS:
            return None
        if low in BE_WORDS and low != "being":
            j = k - 1
            while j >= 0 and (toks[j].low in BE_WORDS or toks[j].low in _SKIP_BEFORE):
                j -= 1
            phrase = _subject(toks, j) if j >= 0 else None
            if phrase is None or phrase[1] != j + 1 or toks[j].low in _SHOOTERS:
                return None  # "the gunman was arrested after being shot": as before
            return phrase if any(_is_np_word(t) for t in toks[phrase[0] : phrase[1]]) else None
    return None


def _subject_of_clause_before(toks: list[_Tok], first: int) -> tuple[int, int] | None:
    """ "[The couple's son], aged 9, was pulled from the water by a passer-by but was pronounced
    dead": a passive harm after "but/and was" has the subject of the clause before, when that
    clause named no harm of its own (the caller's check)."""
    j = first - 1
    while j >= 0 and (toks[j].low in BE_WORDS or toks[j].low in _SKIP_BEFORE):
        j -= 1
    elided = j == first - 1 and toks[first].low.endswith("ed")  # "… alive and treated for"
    if j < 1 or (j == first - 1 and not elided) or toks[j].low not in ("but", "and"):
        return None
    if toks[j - 1].low == ",":
        return None
    for k in range(j - 1, max(-1, j - 16), -1):
        low = toks[k].low
        if low in (";", ".", "!", "?", ":") or low in _TRIGGER_WORDS:
            return None
        if low in ("was", "were"):
            phrase = _subject(toks, k - 1)
            if phrase is None or phrase[1] > k:
                return None
            return phrase if any(_is_np_word(t) for t in toks[phrase[0] : k]) else None
    return None


def _pronoun_before(toks: list[_Tok], f: int) -> bool:
    """Whether a harm at toks[f] has "he"/"she" for subject: "A 17-year-old boy is in critical
    condition after he was stabbed" names the boy in the condition, the pronoun after it."""
    j = f - 1
    while j >= 0 and (toks[j].low in BE_WORDS or toks[j].low in _SKIP_BEFORE):
        j -= 1
    return j >= 0 and toks[j].low in PRONOUNS_ONE


def _but_between(toks: list[_Tok], a: int, b: int) -> bool:
    """Whether a "but" or "while" parts toks[a] from toks[b]: "A woman escaped with burns but
    her husband died" tells two people."""
    return any(t.low in ("but", "while", "whereas") for t in toks[a:b])


# a grade of harm one lives with: "with minor injuries", "non-life-threatening wounds"
_MINOR_HARM = re.compile(r"\b(?:minor|non-?life[-\s]threatening|light|superficial)\b", re.I)
_NEW_COUNTS = frozenset("one two three four five six seven eight nine ten a an".split())


def _other_death_after(toks: list[_Tok], a: int, b: int) -> bool:
    """Whether the death at toks[b] is no one's of the condition at toks[a]: a zero ("…
    were treated at the scene, and no one was killed") or a new counted subject after ", and"
    ("37 people were treated for injuries, and one man died")."""
    if any(t.low in ZERO_WORDS or t.low in ("no", "no-one") for t in toks[max(a, b - 4) : b]):
        return True
    return any(
        toks[i].low == "and" and toks[i - 1].low == "," and toks[i + 1].low in _NEW_COUNTS
        for i in range(a + 1, b - 1)
    )


def _semicolon_between(toks: list[_Tok], a: int, b: int) -> bool:
    """Whether a ";" parts toks[a] from toks[b]: "41 were killed; 27 survivors are being
    treated" tells of other victims in each clause."""
    return any(toks[j].low == ";" for j in range(min(a, b), max(a, b)))


# how the count is known, between the victims and their outcome: "[four] are confirmed dead",
# "[Five people] are feared dead" (the guidelines count feared dead as killed), "were reported
# killed"
_STATED_BEFORE = frozenset({"confirmed", "feared", "presumed", "believed", "reported"})
_LISTED = frozenset(
    {"listed", "transported", "taken", "rushed", "admitted", "reported", "described", "remains"}
)
_TRANSPORTED = frozenset({"taken", "transported", "rushed", "airlifted", "flown", "admitted"})
_TRANSPORTED |= frozenset({"brought", "transferred"})  # CARE_TO: "brought to three hospitals"
_THEN = frozenset({"later", "then", "eventually", "subsequently", "ultimately"})


_CLAUSE_ENDS = frozenset({",", ";", ".", "!", "?", ":", "—", "–"})
_TIME_UNITS = frozenset(
    "minute minutes hour hours day days week weeks month months year years".split()
)
_LAST_SPANS = frozenset({"week", "weekend", "month", "year", "night"})


def _earlier_where(toks: list[_Tok], k: int) -> bool:
    """Whether toks[k] tells of an earlier shooting at the place: "where 2 men were shot a week
    ago", "a block away from where a 16-year-old had been shot an hour earlier".

    A "where" clause that dates its harm before the story's own ("ago", "an hour earlier",
    "last week") names another incident's victims.
    """
    where = False
    for j in range(k - 1, max(-1, k - 9), -1):
        if toks[j].low in _CLAUSE_ENDS:
            break
        if toks[j].low == "where":
            where = True
            break
    if not where:
        return False
    for j in range(k + 1, min(len(toks), k + 9)):
        low = toks[j].low
        if low in _CLAUSE_ENDS:
            return False
        if low == "ago" or (low == "earlier" and toks[j - 1].low in _TIME_UNITS):
            return True
        if low == "last" and j + 1 < len(toks) and toks[j + 1].low in _LAST_SPANS:
            return True
    return False


def _weeks_after(toks: list[_Tok], k: int) -> bool:
    """Whether toks[k] tells of an earlier shooting: "about a week after two men were shot in
    the same spot" dates that harm a week before the story's own.
    """
    for j in range(k - 1, max(0, k - 9), -1):
        low = toks[j].low
        if low in _CLAUSE_ENDS:
            return False
        if low == "after":
            counted = j >= 2 and (toks[j - 2].low in _UNIT_COUNTS or toks[j - 2].low[:1].isdigit())
            if toks[j - 1].low in _DAY_UNITS and counted:
                return _another_victim_after(toks, j)
            return toks[j - 1].low in _LONG_UNITS and counted
    return False


_DAY_UNITS = frozenset({"day", "days"})


def _another_victim_after(toks: list[_Tok], after: int) -> bool:
    """ "A man was stabbed on Sunday, [two days after] a woman was hurt in an attack nearby":
    a victim introduced anew ("a woman", "two men") days after a harm the clause before told
    is another incident's; "died two days after he was shot" is the same one's, and "a vigil
    was held two days after a man was shot" tells of the story's own."""
    if after + 1 >= len(toks):
        return False
    opener = toks[after + 1]
    if not (opener.low in ("a", "an") or _numeral_at(toks, after + 1)):
        return False
    return any(t.low in _TRIGGER_WORDS for t in toks[: after - 2])


_UNIT_COUNTS = frozenset("a an one two three four five six several few".split())
# "died hours after he was shot" is the story's own harm; weeks apart, another incident's
_LONG_UNITS = frozenset("week weeks month months year years".split())


def _mixed_outcome(toks: list[_Tok], k: int, low: str, prev: str, nxt: list[str]) -> bool:
    """Whether toks[k] is joined by "or" to a harm word of the other outcome ("hurt or killed").

    The count before it holds both the dead and the wounded in an unknown split. A negated
    one ("no one was killed or injured") still says zero of each, so it stays.
    """
    if low in KILLED_WORDS:
        other = INJURED_WORDS
    elif low in INJURED_WORDS:
        other = KILLED_WORDS
    else:
        return False
    joined = (prev == "or" and k >= 2 and toks[k - 2].low in other) or (
        nxt[:1] == ["or"] and len(nxt) > 1 and nxt[1] in other
    )
    if not joined:
        return False
    return not any(t.low in NEGATIONS for t in toks[max(0, k - 6) : k])


def _and_before(toks: list[_Tok], first: int) -> bool:
    """Whether "and" (with "later" or "then" between) comes right before toks[first]."""
    j = first - 1
    while j >= 0 and toks[j].low in _THEN:
        j -= 1
    return j >= 0 and toks[j].low == "and"


def _after_including(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int]:
    """ "[including 8 children, and two] were killed": the two; the 8 belong to the group before.

    An "including" part at the head of a subject is a share of victims told before it; what
    follows its closing ", and" is this trigger's own phrase.
    """
    start, end = phrase
    if toks[start].low != "including":
        return phrase
    for j in range(end - 2, start, -1):
        if toks[j].low == "," and toks[j + 1].low == "and" and j + 2 < end:
            return j + 2, end
    return phrase


def _be_before(toks: list[_Tok], k: int) -> bool:
    """Whether a form of "be" precedes toks[k], adverbs between: "was also hit"."""
    j = k - 1
    while j >= 0 and toks[j].low in _SKIP_BEFORE and toks[j].low not in BE_WORDS:
        j -= 1
    return j >= 0 and toks[j].low in BE_WORDS


def _may_name_victims(lowered: str) -> bool:
    """Whether a lower-cased sentence holds a trigger word or phrase, read before tokenizing."""
    return bool(
        _TRIGGER_RE.search(lowered)
        or _CONDITION_LOWER.search(lowered)
        or (
            _MORE_CONDITION_HINT.search(lowered) is not None
            and MORE_CONDITION.search(lowered) is not None
        )
        or _MULTIPLE_LOWER.search(lowered)
        or _ORDINAL_BODY.search(lowered)
        or _SUICIDE_LOWER.search(lowered)
        or "no injuries" in lowered
        or (("lives" in lowered or "life" in lowered) and _LIFE_LOWER.search(lowered) is not None)
        or "perished" in lowered
        or "bodies of" in lowered
        or ("bodies" in lowered and COUNTED_DEAD.search(lowered) is not None)
        or ("deaths" in lowered and COUNTED_DEAD.search(lowered) is not None)
        or "body of" in lowered
        or "fell ill" in lowered
        or "taken ill" in lowered
        or "undergoing treatment" in lowered
        or "receiving treatment" in lowered
        or "no lives" in lowered  # stated zeros (_stated_zeros)
        or "no deaths" in lowered
        or "no casualties" in lowered
        or ("no " in lowered and NO_HARM.search(lowered) is not None)
        or ("without" in lowered and _WITHOUT_HARM.search(lowered) is not None)
        or (_may_injury_told(lowered) and INJURY_TOLD.search(lowered) is not None)
        or (
            (" left " in lowered or " leaving " in lowered)
            and IN_HOSPITAL.search(lowered) is not None
        )
        or "loss of life" in lowered  # zeros (_more_zeros)
        or ("harmed" in lowered and NO_CARE.search(lowered) is not None)
        or (
            "hospital" in lowered
            and ("no" in lowered or "none" in lowered)
            and NO_CARE.search(lowered) is not None
        )
        or ("attention" in lowered and NO_CARE.search(lowered) is not None)
        or ("damage" in lowered and NO_DAMAGE_OR_HARM.search(lowered) is not None)
        or ("report" in lowered and NO_ONE_REPORTED.search(lowered) is not None)
        or "escaped injur" in lowered
        or "avoided injur" in lowered
        or (_may_ordinal_life(lowered) and ORDINAL_LIFE.search(lowered) is not None)
        or any(w in lowered for w in UNHURT_WORDS)
        or " beyond recognition" in lowered  # "burnt beyond recognition": killed
        or " to death" in lowered  # "beaten to death": TO_DEATH_WORDS are not in _TRIGGER_RE
        or "electrocuted" in lowered  # a death alone (_electrocuted)
        or "electric shock" in lowered
        or "neutrali" in lowered  # "troops neutralised 12 terrorists" (_fighters_after)
        or "t harmed" in lowered  # "was not harmed", "wasn't harmed"
        or (" victim" in lowered and _ORDINAL_VICTIM.search(lowered) is not None)
        or (
            (
                "treated" in lowered
                or "sen" in lowered
                or " put" in lowered
                or "transported" in lowered
            )
            and _CARE_AROUND.search(lowered) is not None
        )
    )


# what a CARE_VERBS trigger needs beside it (_cared_for): a hospital, a scene, a "for"
_CARE_AROUND = re.compile(r"hospital|scene|\bfor\b|infirmary")


def _status_trigger(toks: list[_Tok], k: int) -> tuple[Outcome, int, int] | None:
    """Missing, detained or held: "are missing", "were arrested", "held four people hostage"."""
    low = toks[k].low
    prev = toks[k - 1].low if k else ""
    if low == "missing":
        # "two hikers are missing", "were reported missing"; not "the missing girl"
        return ("missing", k, k) if prev in BE_WORDS or prev in _MISSING_BEFORE else None
    if low == "unaccounted":
        return ("missing", k, k + 1) if k + 1 < len(toks) and toks[k + 1].low == "for" else None
    if low in DETAINED_WORDS:
        return ("detained", k, k)
    if low == "custody":
        taken = k >= 2 and prev == "into" and toks[k - 2].low in ("taken", "placed")
        return ("detained", k - 2, k) if taken else None
    if low in ("kidnapped", "abducted"):
        return ("hostages", k, k)
    if low in ("hostage", "hostages"):
        if prev in _HOLD_VERBS:
            return ("hostages", k - 1, k)  # "were held hostage"
        # "took four people hostage": the verb a few words before, its object between
        verb = next(
            (j for j in range(k - 2, max(-1, k - 8), -1) if toks[j].low in _HOLD_VERBS), None
        )
        return ("hostages", verb, k) if verb is not None else None
    return None


def _negated(toks: list[_Tok], first: int) -> bool:
    wide = [t.low for t in toks[max(0, first - 8) : first]]
    if any(w in ("whether", "if", "any", "every", "could", "would") for w in wide):
        return True  # "wouldn't say whether the suspect had been shot": no claim
    window = [t.low for t in toks[max(0, first - 3) : first]]
    if window[-1:] == ["to"] or window[-3:-1] == ["to", "shoot"]:
        return True  # "threatened to kill him", "force the officers to shoot and kill him"
    if not any(w in NEGATIONS or w.endswith("n't") for w in window):
        return False
    # "No one was hurt" names zero victims; that is a count, not a negation; so does
    # "Nobody died", its zero word right before the harm
    return not (
        any(w in ZERO_WORDS or w == "no" for w in window[-3:-1]) or window[-1] in ZERO_WORDS
    )


def _victims(toks: list[_Tok], first: int, last: int, outcome: Outcome) -> tuple[int, int] | None:
    """Token span [start, end) of the victims of the trigger at toks[first:last + 1]."""
    among = _among_the(toks, first, last)
    if among is not None:
        return among
    before = first - 1
    passive = False
    if toks[first].low == "to" and before >= 0 and toks[before].low in _TRANSPORTED:
        before -= 1  # a condition "[was taken] to a hospital" opens at its "to"
    elif toks[first].low == "to" and before >= 0 and toks[before].low in _CARRIERS:
        before = _carried_by(toks, before)  # "was airlifted by air ambulance to hospital"
    elif toks[first].low == "in" and before >= 0 and toks[before].low in _LISTED:
        before -= 1  # "[The victim] was listed in critical condition", "transported in"
    if before > 0 and toks[before].low == "and" and toks[first].low in ("to", "treated"):
        before = _rescued_and(toks, before)  # "were dug out alive and [taken] to hospital"
    if before > 0 and toks[before].low == "left" and toks[before - 1].low in BE_WORDS:
        before -= 1  # "[A woman] was left fighting for her life", "was left in a coma"
    while before >= 0 and (
        toks[before].low in _SKIP_BEFORE
        or toks[before].low in BE_WORDS
        or (toks[before].low in _STATED_BEFORE and outcome in ("killed", "injured"))
    ):
        passive = passive or toks[before].low in BE_WORDS
        before -= 1
    if before >= 1 and toks[before].low in _REPORTED and toks[before - 1].low in BE_WORDS:
        # "Two people were reported killed", "No one was reported hurt", "were confirmed dead"
        before -= 1
        while before >= 0 and (toks[before].low in _SKIP_BEFORE or toks[before].low in BE_WORDS):
            passive = True
            before -= 1
    trigger = toks[last].low
    if passive and before > 2 and toks[before].low == "and" and toks[before - 1].low in _GOT_OUT:
        before = _freed_themselves_and(toks, before)  # "dug themselves out and were flown to"
    if passive and outcome == "injured" and before > 2 and toks[before].low == "and":
        before = _escaped_and(toks, before)  # "[a tenant] managed to escape and was treated"
    if (
        passive
        and outcome in ("killed", "injured", "shot")
        and before > 0
        and toks[before].low == "and"
        and toks[before - 1].low != ","
    ):
        # "Williams succumbed to her injuries and was pronounced deceased": the subject is
        # the previous clause's; nothing new to count
        return None
    if outcome == "missing":
        while before >= 0 and toks[before].low in _MISSING_BEFORE | BE_WORDS | _SKIP_BEFORE:
            before -= 1
        return _subject(toks, before)
    if outcome == "hostages" and trigger in ("hostage", "hostages") and last - first > 1:
        return (first + 1, last)  # "took [four people] hostage"
    if outcome in STATUS_OUTCOMES and not passive and trigger in _STATUS_ACTIVE:
        return _object(toks, last + 1)  # "police arrested [two men]"
    if trigger in CARE_VERBS and not passive and _cared_for(toks, last):
        return _object(toks, last + 1)  # "sent [a man and his son] to the hospital"
    if trigger == "death" and last - first > 2 and toks[first + 1].low != "to":
        return (first + 1, last - 1)  # "mauled [a six-year-old girl] to death"
    if trigger == "lives" and toks[first].low in TAKE_LIFE_VERBS:
        return (first + 1, last)  # "claimed [15] lives": the count between
    if trigger == "of" or (trigger in ("shooting", "stabbing", "murdering") and not passive):
        return _object(toks, last + 1)
    if trigger in NEUTRALISE_WORDS and not passive:
        return _object(toks, last + 1)  # "neutralised [12 terrorists]"
    if trigger == "out" and not passive:
        return _object(toks, last + 1)  # "wiped out [a family of six]"
    if trigger == "dead" and not passive and last > first and toks[first].low in SHOT_WORDS:
        obj = _object(toks, last + 1)
        if obj is not None:
            return obj  # "Gunmen shot dead [two policemen]": the victims follow
    if not passive and trigger in ACTIVE_VERBS and toks[first].low != "fatally":
        obj = _object(toks, last + 1)
        if obj is not None and last >= 1 and trigger in _ATTRIBUTIVE_HARM:
            obj = _count_before_attributive(toks, obj)  # "[Nine injured people] were taken"
        if obj is not None and obj[1] - obj[0] == 1 and _scored(toks, obj[0]):
            return None  # "shot 7 of 12 from the field", "shot 66 to win": a score, no one
        if obj is not None:
            return obj
        following = toks[last + 1] if last + 1 < len(toks) else None
        if following is not None and (
            following.low in _DETERMINERS or following.low in PRONOUNS_ONE
        ):
            return None  # "she shot an intruder": the one before the verb is the shooter
        if following is not None and following.low in ("it", "off"):
            # "the band killed it on stage", "United killed off the game": an idiom's
            # object, no one (nor is its subject a victim)
            return None
        if trigger in _PRESENT_ACTIVE and not (
            following is not None and following.low in _REFLEXIVE
        ):
            # "Comedian kills at the Apollo": a present active verb's subject acts (but "boy
            # accidentally shoots self in arm" is the one hurt)
            return None
        if _second_verb_follows(toks, last):
            return None  # "6-year-old boy accidentally shoots, kills father": the boy shot
    across = passive or toks[first].low in _SHOCK_VERBS  # "[a man] who … suffered burns"
    phrase = _across_bare_relative(toks, before) if across else None
    if phrase is None:
        phrase = _subject(toks, before)
    if phrase is None and passive and before >= 3:
        phrase = _armed_one_before(toks, before)
    if phrase is not None and phrase[0] >= 2 and toks[phrase[0] - 1].low in _ATTRIBUTIVE_HARM:
        phrase = _count_before_attributive(toks, phrase)
    if phrase is not None and passive and outcome == "killed":
        phrase = _doer_of_relative(toks, phrase)
    elif phrase is None and passive and outcome == "killed" and toks[before].low == ",":
        # "A man armed with a knife, who stabbed three people, was shot dead"
        who = next(
            (j for j in range(before - 1, max(0, before - 12), -1) if toks[j].low == "who"), 0
        )
        if who > 1 and toks[who - 1].low == "," and _acts_after(toks, who):
            phrase = _person_before(toks, who)
    if phrase is not None and toks[0].low == "of":
        phrase = _after_fronted_group(toks, phrase)
    elif phrase is not None and toks[0].low in _FRONTED_OPENERS:
        phrase = _after_fronted_clause(toks, phrase)
    if phrase is not None and phrase[0] >= 3 and toks[phrase[0] - 1].low in ("then", "now"):
        phrase = _before_age_aside(toks, phrase)
    if phrase is not None and phrase[0] >= 3 and toks[phrase[0]].low == "board":
        phrase = _group_on_board(toks, phrase)
    if (
        phrase is not None
        and passive
        and toks[before + 1].low in ("was", "is")
        and toks[phrase[0]].low not in _NONE_OF  # "None of the 80 passengers and crew was hurt"
    ):
        phrase = _singular_subject(toks, phrase)
    if phrase is not None and toks[before + 1].low in ("was", "is", "has", "remains"):
        phrase = _one_described_again(toks, phrase)
    if phrase is not None and phrase[0] > 0 and toks[phrase[0] - 1].low in _RELATIVE:
        phrase = _after_relative_clause(toks, phrase)
    if (
        phrase is not None
        and phrase[0] > 0
        and toks[phrase[0] - 1].low == "by"
        # "wounded by [a gunman] who later died": the relative's own subject is who died
        and not (phrase[1] < first and toks[phrase[1]].low == "who")
    ):
        return None  # "Mother shot in head by [4-year-old son] dies": the son is who shot
    return phrase


# words that open a reduced relative after its person: "two other swimmers [caught] in the
# same rip were", "a man [found] clinging to the hull was"
_REDUCED_OPENERS = frozenset(
    """caught trapped found stranded standing sitting travelling traveling riding walking
    working living swimming playing inside aboard""".split()
)
_ACROSS_STOPS = frozenset({",", "and", "but", "or", "that", "which", "when", "after", "said"})


def _across_bare_relative(toks: list[_Tok], before: int) -> tuple[int, int] | None:
    """ "[Three others] who touched the fence were shocked", "[A 70-year-old man] who came
    across it while gardening was": the person before a relative clause (no commas) or a
    participle phrase that runs up to the passive verb is its subject, not the clause's last
    noun. Not where the clause itself tells a harm or act ("a man who shot two people was"):
    the readings for those stay as they were."""
    for j in range(before, max(0, before - 12), -1):
        tok = toks[j]
        low = tok.low
        if low in BE_WORDS and j > 0 and toks[j - 1].low == "who":
            continue  # "a boy who was playing": the clause's own verb
        if low in _SUBJECT_STOPS or low in _ACROSS_STOPS or low in BE_WORDS:
            return None
        if low in ACTIVE_VERBS or low in KILLED_WORDS or low in INJURED_WORDS or low == "shot":
            return None
        if low != "who" and (
            low not in _REDUCED_OPENERS or toks[j - 1].low == "who" or toks[j - 1].low in BE_WORDS
        ):
            continue  # "who found it", "who was walking": the "who" opens the clause
        if j < 1 or j == before:
            return None
        head = toks[j - 1].low
        if head in _SHOOTERS or not (
            head in SINGULAR_PERSONS
            or head in PLURAL_PERSONS
            or head in _OTHERS_HEADS
            or (low == "who" and _is_name(toks[j - 1]))  # "[A Good Samaritan] who stopped"
        ):
            return None  # "a gunman who opened fire was shot by police": as before
        phrase = _subject(toks, j - 1)
        if phrase is None or phrase[1] != j:
            return None
        return phrase
    return None


_OTHERS_HEADS = frozenset({"others", "more"})


_ATTRIBUTIVE_HARM = frozenset({"injured", "wounded", "hurt"})


def _count_before_attributive(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int]:
    """ "[Nine injured people] were taken to hospital", "[at least 11 wounded people],
    including three policemen, were brought": a harm word used as an adjective between the
    count and its noun stays in the phrase (the count is the victims')."""
    count = phrase[0] - 2
    if not _numeral_at(toks, count) or toks[count].low == "one":
        return phrase
    if toks[phrase[0]].low not in PLURAL_PERSONS:
        return phrase  # "killed 4 injured 20 people": a second count is its own
    start = count
    if count >= 2 and toks[count - 1].low == "least" and toks[count - 2].low == "at":
        start = count - 2
    elif count >= 1 and toks[count - 1].low in _COUNT_HEDGES:
        start = count - 1
    return (start, phrase[1])


def _the_other_of_two(toks: list[_Tok], first: int, before: Mention) -> tuple[int, int] | None:
    """ "One of them died at the scene and [the other] is recovering in hospital", "one was
    killed; [the other] was hurt": after one of a pair told in the same sentence, "the other"
    is the second one (not "the others": how many is not told)."""
    if before.value != 1 or not before.text.lower().startswith("one"):
        return None
    k = first - 1
    while k >= 2 and (toks[k].low in BE_WORDS or toks[k].low in _SKIP_BEFORE):
        k -= 1
    if k < 2 or toks[k].low != "other" or toks[k - 1].low != "the":
        return None
    if toks[k - 2].low not in ("and", ",", ";", "while", "but"):
        return None
    return (k - 1, k + 1)


def _one_of_many(toks: list[_Tok], pronoun: int, before: Mention) -> bool:
    """Whether a subject "he"/"she" is the doer, not the group an active verb of his harmed
    before it: "the gunman shot [two people] before he was shot dead"."""
    low = toks[pronoun].low
    if (before.value or 0.0) <= 1:
        return False
    if low in ("him", "her"):
        # "wounding six people, before police shot him dead": the object of another's act
        if not (pronoun > 0 and toks[pronoun - 1].low in ACTIVE_VERBS):
            return False
    elif low not in ("he", "she"):
        return False
    at = next((i for i, t in enumerate(toks) if t.start == before.start), 0)
    return at > 0 and toks[at - 1].low in ACTIVE_VERBS


def _after_fronted_group(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int]:
    """ "Of the nine passengers hurt when the minibus overturned, [one] died": the fronted
    group ends at its comma; the share after it is the phrase."""
    comma = next((i for i, t in enumerate(toks) if t.low == ","), None)
    if comma is None or not phrase[0] < comma < phrase[1] - 1:
        return phrase
    return (comma + 1, phrase[1])


_FRONTED_OPENERS = frozenset({"as", "following", "after", "in", "during", "due"})


def _after_fronted_clause(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int]:
    """ "As a result of the explosion, [2 citizens] lost their lives": a fronted adverbial
    naming no person ends at its comma; the victims are the words after it."""
    comma = next((i for i, t in enumerate(toks) if t.low == ","), None)
    if comma is None or not phrase[0] < comma < phrase[1] - 1:
        return phrase
    if any(_is_np_word(t) for t in toks[phrase[0] : comma]):
        return phrase
    return (comma + 1, phrase[1])


_ARMED_WITH = frozenset({"armed", "wielding", "carrying", "brandishing"})


def _armed_one_before(toks: list[_Tok], before: int) -> tuple[int, int] | None:
    """ "[A man] armed with a knife was shot dead by police": the weapon after "armed with"
    (ending at toks[before]) is no victim; the one armed before it is."""
    for j in range(before - 1, max(0, before - 5), -1):
        # "armed with a knife", "carrying a knife"
        at = j - 1 if toks[j].low == "with" and toks[j - 1].low == "armed" else j
        if toks[at].low in _ARMED_WITH and (at < j or toks[at].low != "armed") and at >= 1:
            phrase = _subject(toks, at - 1)
            if phrase is None or not any(_is_np_word(t) for t in toks[phrase[0] : phrase[1]]):
                return None
            return phrase
        if toks[j].low in _CLAUSE_ENDS:
            return None
    return None


def _before_age_aside(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int] | None:
    """ "[The boy's sister], then 7, survived with a fractured skull": a bare number after
    ", then" or ", now" is the age of the one before the comma, no count."""
    if toks[phrase[0] - 2].low != "," or not toks[phrase[0]].text.isdigit():
        return phrase
    if any(t.low not in (",",) for t in toks[phrase[0] + 1 : phrase[1]]):
        return phrase
    return _subject(toks, phrase[0] - 3)


def _group_on_board(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int]:
    """ "[All six people] on board, five tourists and the pilot, were killed": the counted
    group before "on board" is who died; the list after its comma only tells who they were."""
    if toks[phrase[0] - 1].low != "on" or toks[phrase[0] + 1].low != ",":
        return phrase
    group = _subject(toks, phrase[0] - 2)
    if group is None or not any(_is_np_word(t) for t in toks[group[0] : group[1]]):
        return phrase
    return group


def _doer_of_relative(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int] | None:
    """ "A knifeman who stabbed [four shoppers] was shot dead": the phrase before the verb is
    the relative clause's object; the one killed is the clause's subject ("A knifeman")."""
    k = phrase[0] - 1
    if k < 1 or toks[k].low not in ACTIVE_VERBS:
        return phrase
    k -= 1
    if toks[k].low in _HAVE:
        k -= 1  # "who had wounded"
    if k >= 1 and toks[k].low == ",":
        # "A gunman who opened fire on worshippers, killing [three], was shot dead": the
        # clause's "who" a few words before the participle's comma
        k = next((j for j in range(k - 1, max(0, k - 10), -1) if toks[j].low == "who"), 0)
    if k < 1 or toks[k].low not in ("who", "that"):
        return phrase
    doer = _subject(toks, k - 1 if toks[k - 1].low != "," else k - 2)
    if doer is None and toks[k - 1].low in ANIMALS:
        return None  # "A leopard that mauled a boy was shot dead": the animal, no one
    if doer is None:
        doer = _person_before(toks, k)
    return doer if doer is not None else phrase


def _acts_after(toks: list[_Tok], who: int) -> bool:
    """Whether a "who" clause is active ("who stabbed three people"), not a wound's ("who
    was shot in the chest")."""
    return who + 1 < len(toks) and toks[who + 1].low in ACTIVE_VERBS | _HAVE


def _person_before(toks: list[_Tok], who: int) -> tuple[int, int] | None:
    """ "A man armed with a knife, who stabbed three people, was shot dead": the person noun
    a few words before the clause's "who", with its determiner."""
    j = next(
        (j for j in range(who - 1, max(-1, who - 9), -1) if toks[j].low in SINGULAR_PERSONS),
        None,
    )
    if j is not None and j > 0 and toks[j - 1].low in _DETERMINERS:
        return (j - 1, j + 1)
    return None


_PRESENT_ACTIVE = frozenset({"kills", "shoots", "stabs", "injures", "wounds"})
_REFLEXIVE = frozenset({"self", "himself", "herself", "themselves", "itself"})


_SHOT_SCORE = frozenset({"shot", "shoots", "shooting", "carded", "fired"})
_SHOOTERS = frozenset({"gunman", "shooter", "gunmen", "attacker", "suspect", "sniper"})


def _scored(toks: list[_Tok], k: int) -> bool:
    """Whether a bare number after an active harm verb is a score, not victims: "7 of 12"
    (no "the": shots made of shots taken) or a sentence of sport ("shot 66 in the final
    round", "hit 30 points")."""
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    if (
        toks[k].text.isdigit()
        and 40 <= int(toks[k].text) <= 99
        and toks[k - 1].low in _SHOT_SCORE
        and not any(t.low in _SHOOTERS for t in toks[max(0, k - 5) : k])
    ):
        return True  # "Four golfers shot 65 or better": a round, not 65 people with no noun
    if nxt == "of" and k + 2 < len(toks):
        after = toks[k + 2]
        return after.low[:1].isdigit() or after.low in _NUMBER_WORDS or _spelled(after.low)
    rest = toks[k + 1 :]
    return any(
        t.low in SPORT_WORDS
        or (t.low == "from" and any(u.low in SPORT_FROM for u in rest[i + 1 : i + 3]))
        for i, t in enumerate(rest)
    )


# A rescue told before "and taken to hospital": "[Nine] were dug out alive and taken to
# hospital", "[two climbers] were winched to safety and flown to hospital"
_RESCUED = frozenset(
    "rescued freed pulled dug cut plucked evacuated winched brought lifted alive".split()
)
# a harm by electricity before its care: "[Three others] were shocked and rushed to hospital"
_RESCUED = _RESCUED | frozenset({"shocked"})
_RESCUE_CHAIN = _RESCUED | frozenset(
    "out free safely from the rubble wreckage debris water to safety later".split()
)
_RESCUE_CHAIN |= frozenset("back shore ashore sea river lake recovered found of".split())


def _rescued_and(toks: list[_Tok], and_at: int) -> int:
    """The index before a rescue chain "were dug out alive and" ending at `and_at`, at its be
    word (read on as the passive's); `and_at` itself when no rescue is told there."""
    k = and_at - 1
    rescued = False
    while k >= 0 and and_at - k <= 7 and toks[k].low in _RESCUE_CHAIN:
        rescued = rescued or toks[k].low in _RESCUED
        k -= 1
    if rescued and k >= 0 and toks[k].low in BE_WORDS:
        return k
    return and_at


_SELVES = frozenset({"themselves", "himself", "herself"})
_GOT_OUT = frozenset({"out", "free", "clear", "ashore", "away"})
_SELF_RESCUE_VERBS = frozenset(
    "dug freed pulled got dragged hauled swam climbed crawled managed made".split()
)


def _freed_themselves_and(toks: list[_Tok], and_at: int) -> int:
    """The index before "dug themselves out and" ending at `and_at` (its subject's last word):
    "[Two other climbers] dug themselves out and were flown to hospital"; `and_at` itself
    when no such self-rescue is told there."""
    k = and_at - 1
    if toks[k].low in _GOT_OUT:
        k -= 1
    if k < 1 or toks[k].low not in _SELVES or toks[k - 1].low not in _SELF_RESCUE_VERBS:
        return and_at
    return k - 2 if k >= 2 else and_at


_ESCAPE_VERBS = frozenset(
    "escaped escape fled flee jumped jump leapt leaped leap climbed scrambled".split()
)
_TRIED_TO = frozenset({"managed", "tried", "able", "attempted"})


def _escaped_and(toks: list[_Tok], and_at: int) -> int:
    """The index before "managed to escape and" ending at `and_at` (its subject's last word):
    "[A tenant] managed to escape and was treated in hospital for smoke", "[the driver] fled
    the flat and was taken to hospital": a getaway told before the care is no harm of its
    own, so the care is the subject's; `and_at` itself when no getaway is told there."""
    for k in range(and_at - 1, max(0, and_at - 7), -1):
        low = toks[k].low
        if low in _CLAUSE_ENDS or low in BE_WORDS or low in ACTIVE_VERBS or low in KILLED_WORDS:
            return and_at
        if low not in _ESCAPE_VERBS:
            continue
        j = k - 1
        if j >= 1 and toks[j].low == "to" and toks[j - 1].low in _TRIED_TO:
            j -= 2
            if j >= 0 and toks[j].low in BE_WORDS:
                j -= 1  # "was able to escape"
        elif low in ("escape", "flee", "jump", "leap"):
            return and_at  # a bare infinitive: "rushed to escape and" is no subject's verb
        if j >= 0 and toks[j].low == "," and _relative_clause_before(toks, j) is not None:
            return j  # "[His wife], who was a passenger, managed to escape and was treated"
        if j < 0 or (not _is_np_word(toks[j]) and not _is_name(toks[j])):
            return and_at
        return j
    return and_at


_THE_HARMED = frozenset({"dead", "killed", "injured", "wounded", "hurt"})
_INCLUDED = frozenset({"included", "include", "includes"})


def _among_the(toks: list[_Tok], first: int, last: int) -> tuple[int, int] | None:
    """The victims of "[Nine tourists] were among the dead", "The injured included [two
    firefighters]": a share of the harmed, named before "among" or after "included"."""
    if first != last or toks[first].low not in _THE_HARMED or first < 1:
        return None
    if toks[first - 1].low not in ("the", "those"):
        return None
    if first >= 2 and toks[first - 2].low == "among":
        if last + 1 < len(toks) and toks[last + 1].low in BE_WORDS:
            return _object(toks, last + 2)  # "Among the dead were [three children]"
        before = first - 3
        while before >= 0 and toks[before].low in BE_WORDS:
            before -= 1
        return _subject(toks, before) if before >= 0 else None
    if last + 1 < len(toks) and toks[last + 1].low in _INCLUDED:
        return _object(toks, last + 2)
    if (
        last + 2 < len(toks)
        and toks[last + 1].low in ("were", "are")
        and (toks[last + 2].low in ("a", "an") or _numeral_at(toks, last + 2))
    ):
        # "The dead were [four firefighters and a civilian]", "[a bus driver, a teacher, two
        # nurses and a boy]"
        return _listed(toks, last + 2)
    return None


def _listed(toks: list[_Tok], start: int) -> tuple[int, int] | None:
    """The object of "The dead were …" run on through a list of victims ("a driver, a nurse,
    two farmers and a girl") when an "and" closes it: a list, not "a driver, a witness said"."""
    phrase = _object(toks, start)
    if phrase is None:
        return None
    end = phrase[1]
    while end + 1 < len(toks) and toks[end].low == "," and _starts_np(toks[end + 1]):
        more = _object(toks, end + 1)
        if more is None:
            break
        if any(t.low == "and" for t in toks[more[0] : more[1]]):
            return (start, more[1])  # the last item joined by "and": the list ends there
        end = more[1]
    return phrase


_REPORTED = frozenset({"reported", "confirmed"})


def _singular_subject(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int]:
    """ "a struggle ensued between the two men and [Stover] was shot": "was" takes one, so a
    plural before the last "and" belongs to the clause before, not to who was shot.
    """
    ands = [i for i in range(phrase[0] + 1, phrase[1] - 1) if toks[i].low == "and"]
    if not ands:
        return phrase
    head = toks[phrase[0] : ands[-1]]
    plural = any(
        t.low in PLURAL_PERSONS or (t.low in _NUMBER_WORDS and t.low != "one") for t in head
    )
    return (ands[-1] + 1, phrase[1]) if plural else phrase


def _after_relative_clause(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int] | None:
    """ "Lynda Fick, with whom [the suspect lived, and his recent girlfriend, …] were pronounced
    dead": the words up to the clause's closing ", and" are its own subject and verb, not
    victims; the victim after it is the trigger's (the one before the clause is told apart)."""
    start, end = phrase
    for j in range(start + 1, end - 2):
        if toks[j].low == "," and toks[j + 1].low == "and":
            return (j + 2, end)
    return phrase


def _one_described_again(toks: list[_Tok], phrase: tuple[int, int]) -> tuple[int, int]:
    """ "[The woman], the driver and only person in the car, was pronounced dead": a singular
    verb after one person and a description opening with a determiner is one person."""
    comma = next((i for i in range(phrase[0] + 1, phrase[1]) if toks[i].low == ","), None)
    if comma is None or comma + 1 >= phrase[1] or toks[comma + 1].low not in _DESCRIBERS:
        return phrase
    first = toks[phrase[0] : comma]
    if any(t.low in PLURAL_PERSONS or t.low in PAIRS or t.low == "and" for t in first):
        return phrase
    head = _head(first)
    if head is None or not (head.low in SINGULAR_PERSONS or _is_name(head)):
        return phrase
    return (phrase[0], comma)


_DESCRIBERS = frozenset({"the", "a", "an", "his", "her", "its"})


def _second_verb_follows(toks: list[_Tok], last: int) -> bool:
    """Whether a present-tense active trigger goes on to a second verb: "shoots, kills"."""
    if toks[last].low not in ("shoots", "kills") or last + 2 >= len(toks):
        return False
    return toks[last + 1].low in (",", "and") and toks[last + 2].low in ACTIVE_VERBS


def _is_np_word(tok: _Tok) -> bool:
    low = tok.low
    return (
        low in SINGULAR_PERSONS
        or low in PLURAL_PERSONS
        or low in PAIRS
        or low in PRONOUNS_ONE
        or low in PRONOUNS_MANY
        or low in _NUMBER_WORDS
        or bool(_AGE_NOUN.match(low))
        or tok.text[:1].isdigit()
        or low in _SPELLED
        or ("-" in low and _spelled(low))  # a hot path: most words hold no hyphen
    )


# number words past twelve: "[Nineteen] were killed", "[Twenty-one] were hurt", "killed
# [forty-two]" (read by the quantity finder; twelve and below are _NUMBER_WORDS)
_SPELLED = frozenset(
    """thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
    sixty seventy eighty ninety""".split()
)
_UNITS = frozenset("one two three four five six seven eight nine".split())


def _spelled(low: str) -> bool:
    if low in _SPELLED:
        return True
    tens, _, unit = low.partition("-")
    return bool(unit) and tens in _SPELLED and unit in _UNITS


def _object(toks: list[_Tok], start: int) -> tuple[int, int] | None:
    """The noun phrase right after an active verb: "killed [a man and his son]"."""
    if start < len(toks) and toks[start].low == "and":
        return None  # "three people killed and 27 wounded": the verb's noun is before it
    end = start
    head = False
    while end < len(toks) and end - start < 10:
        tok = toks[end]
        nxt = toks[end + 1].low if end + 1 < len(toks) else ""
        if tok.low == "police" and nxt.startswith("officer"):
            end += 1  # "shot two police officers"
            continue
        if (tok.low == "at" and nxt == "least") or (
            tok.low == "than" and end > start and toks[end - 1].low in ("more", "fewer", "less")
        ):
            end += 1  # "killed [at least 12 people]", "wounding [more than 40]": a hedge
            continue
        if end == start and tok.low in HEDGE_STOPS and _numeral_at(toks, end + 1):
            end += 1  # "injuring [over 1,000]": a hedge, not the preposition
            continue
        if tok.low == "of" and end > start and _family_of(toks, end):
            end += 1  # "killed [a family of five]": the family's size is the count
            continue
        if tok.low in NP_STOPS or tok.low in ACTIVE_VERBS or tok.low in KILLED_WORDS:
            break
        if nxt in ("times", "rounds", "shots", "bullets") and _is_np_word(tok):
            break  # "shot him five times": how often, not how many
        if tok.low == "," and head and end + 1 < len(toks) and _lists_on(toks[end + 1]):
            end += 1  # "the shooting deaths of a husband, wife and their two children"
            continue
        if tok.low in (",", ";", ".", ":", "(", ")", "—", "–", "-", "!", "?"):
            break
        if tok.low == "and" and not (
            end + 1 < len(toks)
            and (
                _starts_np(toks[end + 1])
                # "killing the co-pilot and [all three passengers]"
                or (toks[end + 1].low == "all" and _numeral_at(toks, end + 2))
            )
        ):
            break
        # "wounded [dozens more]": a vague count is a head like a number; "killed [a cleaner]"
        head = (
            head
            or _is_np_word(tok)
            or _is_name(tok)
            or tok.low in _VAGUE_OF
            or (end > start and _one_by_ending(toks[start], tok))
        )
        end += 1
    if (
        head
        and end + 1 < len(toks)
        and toks[end].low in (",", "and")
        and toks[end + 1].low in ("himself", "herself")
    ):
        end += 2  # "fatally shoots 11-year-old daughter, himself"
    elif (
        head
        and end + 2 < len(toks)
        and toks[end].low == ","
        and toks[end + 1].low == "then"
        and toks[end + 2].low in ("himself", "herself")
    ):
        end += 3  # "shot and killed her and his wife, then himself"
    return (start, end) if head and end > start else None


def _family_of(toks: list[_Tok], of: int) -> bool:
    """Whether toks[of] ("of") gives a family's size: "a family of [five]"."""
    return toks[of - 1].low in ("family", "families") and _numeral_at(toks, of + 1)


def _object_follows(toks: list[_Tok], k: int) -> bool:
    """Whether a noun phrase (or a hedged count) follows the verb at toks[k]."""
    if k + 1 >= len(toks):
        return False
    nxt = toks[k + 1]
    return _starts_np(nxt) or (nxt.low in ("at", "more", "over", "about", "around", "some"))


def _numeral_at(toks: list[_Tok], k: int) -> bool:
    """Whether toks[k] is a number: digits or a number word."""
    return k < len(toks) and (
        toks[k].text[:1].isdigit() or toks[k].low in _NUMBER_WORDS or _spelled(toks[k].low)
    )


def _lists_on(tok: _Tok) -> bool:
    """Whether a word after a comma goes on listing victims: a person noun or its determiner."""
    low = tok.low
    # not a number: "shot two children, one of them fatally" names a part, not more victims
    return low in SINGULAR_PERSONS or low in PLURAL_PERSONS or low in ("his", "her", "their")


def _starts_np(tok: _Tok) -> bool:
    return tok.low in ("a", "an", "the", "his", "her", "their", "two", "three") or _is_np_word(tok)


def _subject(toks: list[_Tok], before: int, depth: int = 0) -> tuple[int, int] | None:
    """The noun phrase ending at toks[before], scanned backwards: "[Mother, 2 children] found"."""
    if (
        before >= 2
        and toks[before].low == "whom"
        and toks[before - 1].low == "of"
        and (toks[before - 2].low in _NUMBER_WORDS or toks[before - 2].text.isdigit())
    ):
        return before - 2, before + 1  # "six people were shot, [two of whom] died"
    if before >= 2 and toks[before].low in _DASHES and depth < 2:
        opened = _dash_opening(toks, before)
        if opened is not None:
            # "two others — a man and a woman — were taken": the victims before the dashes
            return _subject(toks, opened - 1, depth + 1)
    contrast = _contrast_before(toks, before) if toks[before].low == "," else None
    if contrast is not None and depth < 2:
        # "Three people, not four, were killed": the count the contrast denies is no victim
        return _subject(toks, contrast - 1, depth + 1)
    decade = _decade_before(toks, before)
    if decade is not None:
        before = decade  # "a man in his 20s was shot": the age is no phrase boundary
    if (
        before >= 2
        and toks[before].text[:1].isdigit()
        and toks[before - 1].low == "of"
        and toks[before - 2].low == "age"
    ):
        # "a child under the age of 10 was killed": the 10 is an age; the victim is before it
        j = before - 3
        while j >= 0 and toks[j].low in ("the", "under", "over", "below", "above"):
            j -= 1
        return _subject(toks, j, depth + 1) if depth < 2 else None
    end = before + 1
    k = before
    relative = _relative_clause_before(toks, k) if k >= 0 and toks[k].low == "," else None
    if relative is not None:
        # "The other three men, who ranged in age from 20 to 22, were": the men, not a count
        k, end = relative - 1, relative
    # "Jane Doe, a mother of three, was fatally shot", "The victim, a man in his 20s, was
    # shot": who the one victim is, not more victims
    group = _described_group(toks, k) if k >= 0 and toks[k].low == "," else None
    if group is not None:
        return group  # "The victims, [two men] in their 20s, were taken to hospital"
    described = _described_one(toks, k) if k >= 0 and toks[k].low == "," else None
    if described is not None:
        k, end = described - 1, described
    # "The victim, identified as John Doe, 25, was pronounced dead": skip the apposition
    elif k >= 0 and toks[k].low == ",":
        j = k - 1
        while j >= 0 and j > k - 12 and toks[j].low not in _APPOSITION_STOPS:
            if (
                toks[j].low == ","
                and j > 0
                and _is_np_word(toks[j - 1])
                and not toks[j - 1].text[:1].isdigit()
            ):
                break
            j -= 1
        if j >= 0 and toks[j].low == ",":
            inner = toks[j + 1 : k]
            plain = not any(t.low in ("of", "in") for t in inner)
            appositive = (
                plain
                and (
                    all(_is_age_or_name(t) for t in inner)
                    or bool(inner and inner[0].low == "including")
                )
            ) or _aside_of_group(inner)
            if appositive and any(_is_np_word(t) or _is_name(t) for t in toks[max(0, j - 4) : j]):
                k, end = j - 1, j
    while k >= 0 and (end - k <= 14 or (end - k <= 30 and _names_with_ages(toks, k, end))):
        tok = toks[k]
        low = tok.low
        if low in ACTIVE_VERBS or low in KILLED_WORDS or low in INJURED_WORDS or low == "shot":
            # "the five people shot": a participle after its noun stays in the phrase
            if not (k > 0 and toks[k - 1].low in PLURAL_PERSONS and k == end - 1):
                break
        elif low in MISSING_WORDS and toks[k + 1].low in ("and", ","):
            break  # "Three are missing and [four] are confirmed dead": the clause before ends
        elif (
            low == "of"
            and k > 0
            and (
                toks[k - 1].low in _NUMBER_WORDS
                or toks[k - 1].low.isdigit()
                or toks[k - 1].low in _VAGUE_OF
                or toks[k - 1].low in _NONE_OF
                # "a second of the four men stabbed has died": the ordinal's share
                or (toks[k - 1].low in _ORDINAL_PLACES and toks[k + 1].low == "the")
            )
        ):
            pass  # "one of the five people", "dozens of people", "none of the passengers"
        elif (low == "at" and k + 1 < end and toks[k + 1].low == "least") or (
            low == "than" and k > 0 and toks[k - 1].low in ("more", "fewer")
        ):
            pass  # "at least 15", "more than 40": a hedge inside the phrase
        elif low in HEDGE_STOPS and k + 1 < end and _numeral_at(toks, k + 1):
            pass  # "[over 1,000] were injured": a hedge, not the preposition
        elif low in HEDGE_STOPS and k + 2 < end and toks[k + 1].low in ("a", "an"):
            pass  # "[around a dozen people]": a hedge before a spelled scale
        elif low == "to" and k >= 1 and toks[k - 1].low == "up" and _numeral_at(toks, k + 1):
            pass  # "[Up to 30 people] were hurt"
        elif low == "-" and k + 1 < end and toks[k + 1].low == "including":
            pass  # "four people - including a 6-year-old boy": the dash is the list's comma
        elif low == "of" and _person_of(toks, k):
            pass  # "[The driver of the pickup and his passenger]": one person and what is his
        elif low == "or" and _none_of_before(toks, k):
            pass  # "[None of the 120 passengers or crew] was injured": one zero of both
        elif low == "police" and k + 1 < end and toks[k + 1].low in _POLICE_HEADS:
            pass  # "[two police officers and a bystander] were wounded": not "police said"
        elif low in NP_STOPS or low in _SUBJECT_STOPS or low in LIFE_WORDS:
            break
        # "[at least a hundred pilgrims]": the hedge before the article is the phrase's
        if low in _DETERMINERS and k > 0 and toks[k - 1].low not in _OPEN_BEFORE_ARTICLE:
            k -= 1
            break  # a determiner opens the phrase: "describe [a child]"
        k -= 1
    start = k + 1
    while start < end and toks[start].low in ("and", ","):
        start += 1
    if (
        start + 1 < end
        and start >= 2
        and toks[start - 1].low == ":"
        and toks[start].text.isdigit()
        and toks[start - 2].text.isdigit()
    ):
        start += 1  # "17:45 Three people remain …": a live blog's clock time, not a count
    if start >= end:
        return None
    if k >= 1 and toks[k].low == "of" and toks[k - 1].low in ("members", "member"):
        # "all five members of the Short family died": the members, counted before "of"
        return _subject(toks, k - 1, depth + 1) if depth < 2 else None
    if k >= 1 and toks[k].low == "including" and toks[k - 1].low in PLURAL_PERSONS:
        # "[Seven people] including a child died": the group died, the child among them (with
        # commas the list is an apposition, skipped above)
        return _subject(toks, k - 1, depth + 1) if depth < 2 else None
    for i in range(start + 1, end - 1):
        if toks[i].low == "including" and toks[i - 1].low in PLURAL_PERSONS:
            # "[Four people] including two children were hurt": the group, not its share
            return start, i
    if toks[end - 1].low in _SCALE_WORDS and not any(_is_np_word(t) for t in toks[start:end]):
        return _scaled_count(toks, start, end)  # no place: "to death and [more than a dozen]"
    if (
        k >= 0
        and toks[k].low in _PLACE_PREPOSITIONS
        # (not "crushed to death and [dozens] injured": a vague count is no place)
        and not any(_is_np_word(t) or t.low in _VAGUE_OF for t in toks[start:end])
    ):
        # "at Nationwide Children's Hospital": a place, not a victim; "four men playing dice
        # [in a Pittsburgh neighborhood] were shot", "both men [inside the car]": the
        # victims are before it
        return _subject(toks, k - 1, depth + 1) if depth < 2 else None
    # "but nobody was killed": a zero is a count of victims too; so is "dozens" ("wounded
    # dozens more")
    if not any(
        _is_np_word(t) or _is_name(t) or t.low in ZERO_WORDS or t.low in _VAGUE_OF
        for t in toks[start:end]
    ) and not _one_by_ending(toks[start], toks[end - 1]):
        return _scaled_count(toks, start, end)
    if k >= 0 and toks[k].low in _IN_PLACE:
        start = _after_place_name(toks, start, end)  # "in [Croydon and] two other boys"
    return _named_from(toks, start, end), end


_IN_PLACE = frozenset({"in", "at", "near", "outside", "inside", "along"})


def _after_place_name(toks: list[_Tok], start: int, end: int) -> int:
    """Where the victims open after a place's name that "in" or "at" opened: "stabbed to death
    in [Croydon and] two other boys were taken to hospital" (Croydon is no one)."""
    cut = next((i for i in range(start, end) if toks[i].low == "and"), None)
    if cut is None or cut == start or cut + 1 >= end:
        return start
    place = toks[start:cut]
    if not all(_is_name(t) and not _is_np_word(t) for t in place):
        return start  # (not "in Bihar, and [23 of them]": a clause of its own, read as before)
    return cut + 1


def _person_of(toks: list[_Tok], k: int) -> bool:
    """Whether "of" at toks[k] tells whose a person is, in a list of victims: "the driver [of]
    the pickup and his passenger", "the owner of the shop and her son"."""
    return (
        k >= 2
        and toks[k - 1].low in _OF_HEADS
        and toks[k - 2].low in _DETERMINERS
        and k + 1 < len(toks)
        and toks[k + 1].low in _DETERMINERS
        and any(t.low == "and" for t in toks[k + 2 : k + 5])
    )


# one person told by what is his: "the driver of the van", "the owner of the shop"
_OF_HEADS = frozenset({"driver", "owner", "rider", "captain", "pilot", "skipper", "operator"})


def _none_of_before(toks: list[_Tok], k: int) -> bool:
    """Whether "none of" / "neither of" opens the phrase before toks[k] ("None of the
    passengers or crew"), in one clause."""
    for j in range(k - 1, max(-1, k - 8), -1):
        if toks[j].low in _CLAUSE_ENDS:
            return False
        if toks[j].low in ("none", "neither") and toks[j + 1].low == "of":
            return True
    return False


# the heads "police" opens as a noun phrase of victims, not as who speaks ("police said")
_POLICE_HEADS = frozenset(
    "officer officers constable constables personnel recruits cadets commander chief".split()
)


def _named_from(toks: list[_Tok], start: int, end: int) -> int:
    """Where a subject opens once a first conjunct naming nobody is cut from it: "died at
    [the scene and] the other four were taken to hospital"."""
    cut = next(
        (i for i in range(start, end) if toks[i].low == "and" and not _and_inside_number(toks, i)),
        None,
    )
    if cut is None or cut + 1 >= end:
        return start
    if any(_is_np_word(t) or _is_name(t) or t.low in _VAGUE_OF for t in toks[start:cut]):
        return start
    if (start == 0 or toks[start - 1].low not in NP_STOPS) and _head_of_kin(
        [toks[start:cut], toks[cut + 1 : end]]
    ):
        # "[A bishop and his driver] were shot dead": the one whose kin follow (not "at
        # [the scene and] his wife was taken to hospital": a place after its preposition)
        return start
    return cut + 1


_OPEN_BEFORE_ARTICLE = frozenset({"and", ",", "of", "&", "than", "least"}) | frozenset(
    # "[around a dozen people]", "[half a dozen people]", "[nearly a hundred]": a hedge before
    # a spelled scale is the phrase's
    {"around", "about", "nearly", "almost", "some", "roughly", "approximately", "half"}
)


def _aside_of_group(inner: list[_Tok]) -> bool:
    """ "Eleven people, among them a two-month-old baby, were killed", "…, one of them a
    child, …": an aside naming some of the group, no count of its own."""
    lows = [t.low for t in inner[:3]]
    return lows[:2] in (["among", "them"], ["among", "those"]) or (
        len(lows) == 3 and lows[1] == "of" and lows[2] == "them" and lows[0] in _PART_WORDS
    )


_PART_WORDS = frozenset("one two three four five six seven eight nine ten many most some".split())


def _contrast_before(toks: list[_Tok], comma: int) -> int | None:
    """The comma opening ", not four," when toks[comma] closes it (a correction's contrast)."""
    for j in range(comma - 2, max(comma - 8, 0), -1):
        if toks[j].low == "not":
            if toks[j - 1].low in ("and", "but") and j >= 2:
                j -= 1  # ", and not two,"
            return j - 1 if toks[j - 1].low == "," else None
        if toks[j].low in _CLAUSE_ENDS:
            return None
    return None


_MORE_OPENERS = frozenset({"another", "further"})


def _more_of(bare: list[_Tok]) -> bool:
    """Whether a phrase is "another" / "(a) further" and number words: "another 20"."""
    opener = bare[1] if bare[0].low == "a" else bare[0]
    return opener.low in _MORE_OPENERS and all(
        t.low in _MORE_OPENERS or t is bare[0] or t.text[:1].isdigit() or _spelled_count(t)
        for t in bare
    )


def _spelled_count(tok: _Tok) -> bool:
    return tok.low in _NUMBER_WORDS or _spelled(tok.low)


def _scaled_count(toks: list[_Tok], start: int, end: int) -> tuple[int, int] | None:
    """ "… to death and [more than a dozen] injured": a spelled count, after the phrase's last
    "and", is victims too."""
    j = max((i for i in range(start, end) if toks[i].low == "and"), default=start - 1) + 1
    if toks[end - 1].low in _SCALE_WORDS and j < end and toks[j].low in _SCALE_OPENERS:
        return j, end
    return None


_SCALE_OPENERS = frozenset({"more", "a", "about", "over", "nearly", "almost", "around"})


_SCALE_WORDS = frozenset({"dozen", "hundred", "thousand"})


_RELATIVE = frozenset({"who", "whom", "whose", "which"})
_DASHES = frozenset({"—", "–", "-"})


def _dash_opening(toks: list[_Tok], closing: int) -> int | None:
    """The opening dash of an aside of victims ("— a man and a woman —") closed at `closing`."""
    for j in range(closing - 1, max(0, closing - 12), -1):
        low = toks[j].low
        if low in _DASHES:
            inner = toks[j + 1 : closing]
            return j if inner and any(_is_np_word(t) for t in inner) else None
        if low in _SUBJECT_STOPS or low in ACTIVE_VERBS or low in BE_WORDS:
            return None
    return None


def _relative_clause_before(toks: list[_Tok], comma: int) -> int | None:
    """Where a relative clause ending at toks[comma] opens (its comma), if one does."""
    for j in range(comma - 1, max(0, comma - 16), -1):
        low = toks[j].low
        if low in _SUBJECT_STOPS:
            return None
        if low == "," and j + 1 < comma:
            after = toks[j + 1].low
            if after in _RELATIVE or (
                after in _PLACE_PREPOSITIONS and j + 2 < comma and toks[j + 2].low in _RELATIVE
            ):
                return j if j > 0 else None
    return None


# a lone " - " is a dash: "fatal shooting of 16-year-old - KSLA News 12" ends the phrase
_SUBJECT_STOPS = frozenset({";", ":", "(", ")", "—", "–", "-", '"', "“", "”", ".", "!", "?"})
_DECADE = re.compile(r"(?:\d0s|teens|twenties|thirties|forties|fifties|sixties|seventies)$")


def _decade_before(toks: list[_Tok], before: int) -> int | None:
    """The token before "in his 20s" / "in her late teens" ending at toks[before], if so."""
    if before >= 1 and toks[before].low == "s" and toks[before - 1].low.endswith("0"):
        before -= 1  # the tokens of "20s" are "20" and "s"
    elif before < 2 or not _DECADE.match(toks[before].low):
        return None
    j = before - 1
    if toks[j].low in ("early", "mid", "late", "mid-"):
        j -= 1
    if j >= 1 and toks[j].low in ("his", "her", "their") and toks[j - 1].low == "in":
        return j - 2 if j >= 2 else None
    return None


_APPOSITION_STOPS = NP_STOPS - {"as", "of", "in"}


def _described_group(toks: list[_Tok], comma: int) -> tuple[int, int] | None:
    """ "The victims, [two men] in their 20s,": the count in an apposition after a plural
    victim noun, when toks[comma] closes it."""
    j = comma - 1
    while j > 0 and j > comma - 10 and toks[j].low not in _CLAUSE_ENDS:
        j -= 1
    if toks[j].low != "," or j < 1 or j + 2 >= comma:
        return None
    if toks[j - 1].low not in ("victims", "dead", "injured", "wounded"):
        return None
    if (j >= 2 and _numeral_at(toks, j - 2)) or any(t.low == "and" for t in toks[j + 1 : comma]):
        # "Three victims, two men and a woman, were shot": the count before, told again (the
        # list is _enumerates' to read)
        return None
    noun = toks[j + 2].low
    counted = _numeral_at(toks, j + 1) and noun in PLURAL_PERSONS
    pair = toks[j + 1].low in ("a", "an") and noun in PAIRS  # "The victims, a couple in their 70s,"
    return (j + 1, j + 3) if counted or pair else None


def _described_one(toks: list[_Tok], comma: int) -> int | None:
    """The comma opening ", a mother of three," after one named victim, if toks[comma] ends one."""
    j = comma - 1
    while j > 0 and j > comma - 10 and toks[j].low not in (",", ";", ".", ":", "(", ")"):
        if toks[j].low in _DESCRIPTION_STOPS or toks[j].low in KILLED_WORDS:
            return None
        j -= 1
    inner = [t.low for t in toks[j + 1 : comma]]
    if toks[j].low != "," or inner[:1] not in (["a"], ["an"]):
        return None
    if not any(w in SINGULAR_PERSONS for w in inner[1:4]):
        return None
    if _is_name(toks[j - 1]) or toks[j - 1].low in SINGULAR_PERSONS:
        return j
    # "The driver of the sedan, a 24-year-old man from Fairview,": one person of a vehicle
    of = [t.low for t in toks[max(0, j - 4) : j]]
    if of[-3:-1] in (["of", "the"], ["of", "a"]) and len(of) == 4 and of[0] in SINGULAR_PERSONS:
        return j
    return None


# "a man from Fairview": where one victim is from is part of the description
_DESCRIPTION_STOPS = NP_STOPS - {"of", "in", "from"}


def _names_with_ages(toks: list[_Tok], k: int, end: int) -> bool:
    """ "Heaven Mayo, 24, Justin King, 24, Donald Jocelin, 25 and Tobiasz Cudnik, 32 were":
    a list of names and ages, read past the usual phrase length (only once it is reached).
    """
    return all(_is_age_or_name(t) for t in toks[k + 1 : end])


# Craft and munitions a share may count ("12 of 15 missiles were shot down"): never victims
_CRAFT = frozenset(
    "drones missiles rockets jets planes aircraft warplanes helicopters balloons projectiles "
    "shells uavs".split()
)
_TEEN_LESS = frozenset({"ten", "eleven", "twelve"})


def _without_spelled_ages(conjuncts: list[list[_Tok]]) -> list[list[_Tok]]:
    """ "Two brothers, aged eight and ten,": a lone spelled number after a conjunct that ends
    in "aged <number>" is the next age of the list, not more people (read 2 + 10)."""
    kept = [conjuncts[0]]
    ages = False  # inside "aged five, seven and twelve"
    for prev, conj in pairwise(conjuncts):
        low = conj[0].low
        spelled = low in _UNITS or low in _TEEN_LESS or _spelled(low)
        ages = len(conj) == 1 and spelled and (ages or any(t.low in _AGED for t in prev[-4:]))
        if not ages:
            kept.append(conj)
    return kept


_AGED = frozenset({"aged", "ages"})


def _is_age_or_name(tok: _Tok) -> bool:
    return (
        tok.low in ("ages", "aged", "and", ",", "identified", "as")
        or tok.text[:1].isdigit()
        or _is_name(tok)
        or bool(_AGE_NOUN.match(tok.low))
    )


def _is_name(tok: _Tok) -> bool:
    return (
        tok.text[:1].isupper()
        and not tok.text.isupper()
        and tok.low not in PRONOUNS_ONE
        and tok.low not in PRONOUNS_MANY
        and tok.low not in _NOT_NAMES
        and tok.low not in _NUMBER_LIKE  # "Several shot": a vague count, not a person's name
        and tok.low not in _VAGUE
        and tok.low not in SINGULAR_PERSONS
        and tok.low not in PLURAL_PERSONS
        and len(tok.text) > 1
    )


def _and_inside_number(toks: list[_Tok], k: int) -> bool:
    """Whether toks[k] ("and") joins a scale word to the number that goes on it."""
    return (
        0 < k < len(toks) - 1
        and toks[k - 1].low in ("hundred", "thousand")
        and (toks[k + 1].low in _NUMBER_WORDS or _spelled(toks[k + 1].low))
        and toks[k + 1].low != "both"
    )


def _conjuncts(toks: list[_Tok]) -> list[list[_Tok]]:
    """The listed victims: "Mother, 2 children", "a woman and her son".

    A segment after a bare comma that opens with "a"/"an" or "one of" is an apposition of the
    one before ("A third person, a bystander,"; "A 16-year-old boy, one of three people").
    """
    parts: list[list[_Tok]] = [[]]
    seps: list[str] = [""]
    for k, tok in enumerate(toks):
        if tok.low == "and" and _and_inside_number(toks, k):
            parts[-1].append(tok)  # "three hundred and twelve people": one number
            continue
        if tok.low in ("and", ",", "&", "-"):  # a lone dash lists like a comma
            if tok.low == "and" and not parts[-1] and seps[-1] == ",":
                seps[-1] = ", and"  # ", and": still a list, and it closes an apposition
                continue
            parts.append([])
            seps.append("," if tok.low == "-" else tok.low)
        else:
            parts[-1].append(tok)
    out: list[list[_Tok]] = []
    i = 0
    while i < len(parts):
        sep, part = seps[i], parts[i]
        if not part:
            i += 1
            continue
        if out and sep == ",":
            # the segment after a bare comma, with what "and" (no comma) joins to it
            j = i + 1
            while j < len(parts) and seps[j] in ("and", "&"):
                j += 1
            group = [p for p in parts[i:j] if p]
            lows = [t.low for t in part]
            # not an item of a series ("a driver, a nurse, two farmers and a girl": another
            # bare comma goes on listing after it)
            series = j < len(parts) and seps[j] == "," and bool(parts[j])
            if len(group) == 1 and (lows[0] in ("a", "an") or lows[1:2] == ["of"]) and not series:
                i = j
                continue
            if len(group) == 1 and lows[0] == "the" and _one_described(out[-1], part, seps):
                i = j  # "The pilot, the sole occupant of the aircraft,": one person, told twice
                continue
            if len(group) > 1 and _enumerates(out[-1], group):
                i = j  # "Two people, a man and a woman, were killed": the two, told again
                continue
        out.append(part)
        i += 1
    return out


def _one_described(before: list[_Tok], part: list[_Tok], seps: list[str]) -> bool:
    """Whether "the …" after a bare comma describes the one person before it: both heads
    singular, and no "and" anywhere ("the driver and the passenger" are two)."""
    if any(sep in ("and", ", and", "&") for sep in seps):
        return False
    heads = (_head(before), _head(part))
    return all(h is not None and h.low in SINGULAR_PERSONS for h in heads)


def _enumerates(counted: list[_Tok], group: list[list[_Tok]]) -> bool:
    """Whether the listed `group` names, one by one, the people of a count before it."""
    if counted[-1].low not in PLURAL_PERSONS:
        return False
    total = _item_count(counted)
    items = [_item_count(item) for item in group]
    return total is not None and None not in items and sum(items) == total  # type: ignore[arg-type]


def _item_count(part: list[_Tok]) -> int | None:
    """How many people a listed item names, read from its first word: "two men", "a woman"."""
    for tok in part[:3]:
        if tok.low in _NUMBER_WORDS:
            return _NUMBER_WORDS[tok.low]
        if tok.text.isdigit():
            return None  # "Two men, 18 and 20": ages, not a list of people
    first = part[0].low
    return 1 if first in ("a", "an", "his", "her", "their", "the") else None


def _count(
    sentence: str,
    toks: list[_Tok],
    start: int,
    end: int,
    outcome: Outcome,
    quantities: Sequence[Quantity],
) -> Mention | None:
    of = _animal_share(toks, start, end)
    if of is not None:
        # "killed two of his dogs", "a herder and 14 of his goats": a share of animals counts
        # nobody; the conjuncts before it still count
        cut = max((i for i in range(start, of) if toks[i].low in ("and", ",")), default=None)
        if cut is None:
            return None
        return _count(sentence, toks, start, cut, outcome, quantities)
    phrase = toks[start:end]
    if (
        len(phrase) == 1
        and phrase[0].text.isdigit()
        and start > 0
        and toks[start - 1].low == ","
        and end < len(toks)
        and toks[end].low == ","
    ):
        return None  # "Smith, 17, was killed": an age in apposition
    words = [t for t in phrase if t.low != ","]
    if (
        len(words) == 1
        and words[0].text.isdigit()
        and start > 0
        and toks[start - 1].low in (",", ".")
        and (phrase[-1].low == "," or (end < len(toks) and toks[end].low == ","))
    ):
        return None  # "Antwone Price Jr., 11, died": the age after a name cut at "Jr."
    after_of = start > 1 and toks[start - 1].low == "of"
    if (
        after_of
        and len(words) == 1
        and toks[start - 2].low in SINGULAR_PERSONS
        and start >= 3
        and toks[start - 3].low in ("a", "an")
        and _number(sentence, words, quantities) is not None
    ):
        # "A man of 40 died": the one person of that age, told the British way; "A mother of
        # three was killed": the mother, not her children
        one = _count(sentence, toks, start - 3, start - 1, outcome, quantities)
        if one is not None:
            tail = toks[end - 1].end
            return replace(one, end=tail, text=sentence[one.start : tail])
    if (
        after_of
        and len(words) == 1
        and toks[start - 2].low in SINGULAR_PERSONS
        and _number(sentence, words, quantities) is not None
    ):
        return None  # "a 25-year-old mother of three": her children, not victims
    if after_of and toks[start - 2].low in _CROWDS:
        return None  # "a crowd of 75-100 people": who was there, not who was hit
    text = sentence[phrase[0].start : phrase[-1].end]
    lows = [t.low for t in phrase]
    if any(w in _CROWDS and nxt == "of" for w, nxt in pairwise(lows)):
        return None  # "a crowd of 75-100 people": who was there, not who was hit
    part = False
    group: float | None = None
    # "the driver of the pickup": whose the person is, not a share ("one of the five")
    if "of" in lows and not (lows.index("of") >= 1 and lows[lows.index("of") - 1] in _OF_HEADS):
        at = lows.index("of")
        head = " ".join(lows[:at])
        rest = phrase[at + 1 :]
        if rest and rest[-1].low in _CRAFT:
            return None  # "28 of 31 drones were shot down": craft downed, not victims
        if rest and rest[0].low == "them" and at >= 2 and lows[at - 2] == ",":
            phrase = phrase[: at - 2]  # "five people, four of them teenagers": the five
            lows = lows[: at - 2]
        elif rest and (
            rest[0].low in ("them", "the", "those", "these", "whom")
            or (at == 1 and _share_of_number(lows[0], rest))
        ):
            part = True
            group_value = _number(
                sentence, [t for t in rest if t.low not in ("the", "those", "these")], quantities
            )
            group = group_value[0] if group_value else None
            if group is None:
                group = _out_of(quantities, first_start=phrase[0].start)
            phrase = phrase[:at]
            del head
            place = lows[:at][-1:] if lows[:at][:1] in (["a"], ["the"]) else lows[:at]
            if len(place) == 1 and place[0] in _ORDINAL_PLACES:
                # "A second of the four men stabbed has died": the deaths so far are two (the
                # share read at "stabbed" moves to the dead at "died")
                dead = float(_ORDINAL_PLACES[place[0]])
                last_tok = phrase[at - 1]
                return Mention(
                    outcome,
                    dead,
                    dead,
                    dead,
                    "exact",
                    phrase[0].start,
                    last_tok.end,
                    sentence[phrase[0].start : last_tok.end],
                    part=True,
                    group=group,
                )
            if _on_board(toks, rest, end):
                # "41 of the 154 people on board were killed": the 154 were aboard, not hurt;
                # the 41 are no share of victims counted elsewhere
                part = False
            if lows[0] in ("none", "neither"):
                # "Neither of the two drivers was hurt": a zero of the group, not a share of
                # two hurt (read injured 2)
                part, group = False, None
    additional = any(t.low in _ADDITIONAL for t in phrase)
    ordinal = next((_ORDINAL_PLACES[t.low] for t in phrase if t.low in _ORDINAL_PLACES), None)
    if outcome != "killed" and (
        lows[0] == "including" or (start > 0 and toks[start - 1].low == "including")
    ):
        part = True  # "Five people were shot, including one man": one of the five
    total = 0.0
    low_total = 0.0
    known = True
    qualifier: Qualifier = "exact"
    conjuncts = _conjuncts(phrase)
    aged: list[list[_Tok]] = []  # "Toya Smith, 43,": a name with its age is a person
    if len(conjuncts) > 1:
        # "Gabriela Pitones, 16,": a bare number beside a named victim is an age
        aged = [
            c
            for c, nxt in pairwise(conjuncts)
            if len(nxt) == 1 and nxt[0].text.isdigit() and _full_name(c)
        ]
        conjuncts = [c for c in conjuncts if not (len(c) == 1 and c[0].text.isdigit())]
        if "aged" in lows or "ages" in lows:
            conjuncts = _without_spelled_ages(conjuncts)
    commas = "," in lows
    counted = 0
    people: list[Person] = []
    for index, conj in enumerate(conjuncts):
        listed = commas and len(conjuncts) > 1 and not any(conj is c for c in aged)
        value = _conjunct_value(sentence, conj, listed, quantities, outcome)
        if value is None and index == 0 and _head_of_kin(conjuncts):
            # "a tribal chief and his three wives": the one whose kin follow is a person
            value = 1.0, 1.0, "exact"
        if value is None:
            continue
        v, lo, q = value
        counted += 1
        if v == 1:
            people.append(_person(conj, toks[end : end + 6] if len(conjuncts) == 1 else []))
        if q != "exact":
            qualifier = q
        if v is None:
            known = False
            low_total += lo or 0
        else:
            total += v
            low_total += v
    if counted == 0:
        return None
    additional = additional and counted == 1  # "he and six others": the others of this phrase
    first, last = phrase[0], phrase[-1]
    if lows[0] == "among" and known and outcome != "killed":
        # "a boy was among three people wounded": the three hold the victims beside him
        return Mention(
            outcome,
            total,
            total,
            total,
            qualifier,
            first.start,
            last.end,
            sentence[first.start : last.end],
            part=True,
            group=total,
        )
    if not known:
        if low_total <= 0:
            return None
        return Mention(
            outcome,
            None,
            low_total,
            None,
            "at_least",
            first.start,
            last.end,
            sentence[first.start : last.end],
            additional,
            part,
            group,
        )
    bounds_low = total if qualifier in ("exact", "at_least", "more_than") else None
    bounds_high = total if qualifier in ("exact", "up_to", "less_than") else None
    del text
    return Mention(
        outcome,
        total,
        bounds_low,
        bounds_high,
        qualifier,
        first.start,
        last.end,
        sentence[first.start : last.end],
        additional,
        part,
        group,
        tuple(people),
        ordinal if additional and counted == 1 and total == 1 else None,
    )


_NONE_OF = frozenset({"none", "neither"})  # "none of the 40 passengers", "neither of them"


def _no_people(lows: list[str]) -> bool:
    """Whether the words after "no" are people: "[no] firefighters", "[no] other passengers"."""
    words = [w for w in lows if w not in ("other", "further", "more")]
    return len(words) == 1 and (words[0] in PLURAL_PERSONS or words[0] in SINGULAR_PERSONS)


_AGE_DIGITS = re.compile(r"\d+")


def _full_name(conj: list[_Tok]) -> bool:
    """ "Toya Smith", "daughter Tasmia Allen": a first and last name, or a person noun and a
    name; a lone capitalized word ("In Gaza, 40, …") may be a place.
    """
    names = sum(1 for t in conj if _is_name(t))
    return names >= 2 or (names >= 1 and any(t.low in SINGULAR_PERSONS for t in conj))


def _person(conj: list[_Tok], after: list[_Tok]) -> Person:
    """Names, age and head of one victim; `after` may hold an apposition (", 20,")."""
    names = frozenset(t.low for t in conj if _is_name(t))
    age: int | None = None
    for t in conj:
        if _AGE_NOUN.match(t.low) and t.low[:1].isdigit() and "month" not in t.low:
            age = int(_AGE_DIGITS.match(t.low).group())  # type: ignore[union-attr]
    if age is None and len(after) >= 2 and after[0].low == "," and after[1].low.isdigit():
        age = int(after[1].low) if int(after[1].low) < 110 else None
    head = _head([t for t in conj if not _AGE_NOUN.match(t.low)])
    return Person(names, age, head.low if head is not None else None)


def _number(
    sentence: str, conj: list[_Tok], quantities: Sequence[Quantity]
) -> tuple[float | None, float | None, Qualifier] | None:
    numbers = [t for t in conj if t.low[:1].isdigit() or t.low in _NUMBER_LIKE or _spelled(t.low)]
    if not numbers:
        return None
    if len(numbers) == 1 and _word_alone(sentence, conj, numbers[0]):
        value = float(_NUMBER_WORDS[numbers[0].low])
        return value, value, "exact"
    # read in the whole sentence, so "12" alone is not a page number nor "3000 block" a count
    # the count nearest the head: "an anonymous 911 call saying five people" is five
    for q in reversed(quantities):
        if conj[0].start <= q.start < conj[-1].end + 1 and q.kind == "count":
            if re.match(r"[\s-]*(?:years?|months?)[\s-]*old", sentence[q.end : q.end + 12], re.I):
                continue  # "a four year-old girl": an age
            return q.value, q.low, q.qualifier
    for tok in conj:
        if tok.low in _NUMBER_WORDS and not _AGE_AFTER.match(sentence, tok.end):
            return float(_NUMBER_WORDS[tok.low]), float(_NUMBER_WORDS[tok.low]), "exact"
    if len(conj) <= 2 and conj[0].low in _VAGUE_LOW:
        # "Scores were killed": the number finder leaves a bare "scores" alone (a game's
        # scores), but as the victims of a harm it is the guidelines' vague plural
        return None, _VAGUE_LOW[conj[0].low], "at_least"
    return None


_VAGUE_LOW = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0}


_AGE_AFTER = re.compile(r"[\s-]*(?:years?|months?)[\s-]*old", re.IGNORECASE)


_NUMBER_GOES_ON = re.compile(
    r"\s*(?:[-–—/%.,]\s*\w|or\b|to\b|and\b|more\b|hundred|thousand|million|billion|dozen|"
    r"percent|per\b|in\b|out\b|of\b|score|point\b|years?\b|months?\b)",
    re.IGNORECASE,
)


def _word_alone(sentence: str, conj: list[_Tok], word: _Tok) -> bool:
    """ "the two men": a number word no quantity reading could change, read without them.

    Reading the sentence's quantities costs most of a mention; a word number after only
    determiners, with no number word, hedge, range, scale or age around it, reads the same.
    """
    if word.low not in _NUMBER_WORDS:
        return False
    at = conj.index(word)
    if any(t.low not in _DETERMINERS for t in conj[:at]):
        return False  # "about two", "at least two": a hedge the quantity reading would keep
    if any(t.low in FIRST_WORDS for t in conj[at + 1 :]):
        return False
    return _NUMBER_GOES_ON.match(sentence, word.end) is None


def _head(nouns: list[_Tok]) -> _Tok | None:
    """The last word, skipping a trailing name ("the victim John Smith") or hedge."""
    words = [t for t in nouns if t.low not in _HEDGES]
    while len(words) > 1 and _is_name(words[-1]) and words[-1].low not in SINGULAR_PERSONS:
        words.pop()
    for i, word in enumerate(words[:-1]):
        # "four men playing dice": a participle after the head modifies it
        if (word.low in PLURAL_PERSONS or word.low in SINGULAR_PERSONS) and words[
            i + 1
        ].low.endswith(("ing", "ed")):
            return word
    return words[-1] if words else None


def _counted_people(head: _Tok) -> bool:
    """Whether a counted plural head the person tables lack names people by its ending."""
    low = head.low
    if low in COUNTED_PERSONS:
        return True
    if low in NOT_COUNTED_PERSONS or not low.isalpha():
        return False
    return low.endswith(PERSON_ENDINGS) or (
        head.text[:1].isupper() and low.endswith(DEMONYM_ENDINGS)
    )


# what may stand before a bare number that counts the rest of a group told before
_REST_WORDS = frozenset({"the", "other", "remaining", "all", "these", "those"})


_LABELLED = frozenset({"victim", "patient", "male", "female", "person", "individual"})


def _labelled_one(bare: list[_Tok]) -> bool:
    """ "Victim one", "Victim 2", "the second victim"'s release form: a person numbered."""
    if len(bare) != 2 or bare[0].low not in _LABELLED:
        return False
    low = bare[1].low
    return low.isdigit() or low in _NUMBER_WORDS or _spelled(low)


def _one_by_ending(first: _Tok, head: _Tok | None) -> bool:
    """ "a cleaner", "the organiser": one person by an agent ending, after an article or a
    possessive, as the head of a killed or injured phrase (not one only shot or struck:
    "the tractor was hit")."""
    if head is None or not head.low.endswith(("er", "or", "ist", "ian", "ee")):
        return False  # most words: the cheapest test first
    if first.low not in ("a", "an", "the", "his", "her", "their"):
        return False
    low = head.low
    if not low.isalpha():
        return False
    return low + "s" not in NOT_COUNTED_PERSONS and low not in _NOT_ONE


_NOT_ONE = frozenset(
    """water weather river number power order offer matter paper letter center centre
    border corner floor door tower shelter computer helicopter container trailer tanker
    tractor motor reactor sector monitor meter metre liter litre counter server poster
    banner marker layer chamber boiler heater hour ever never other another together
    either neither rather whether after over under later per employer""".split()
)


def _conjunct_value(
    sentence: str,
    conj: list[_Tok],
    listed: bool,
    quantities: Sequence[Quantity],
    outcome: Outcome = "shot",
) -> tuple[float | None, float | None, Qualifier] | None:
    """How many people one conjunct names, or None when it names none."""
    lows = [t.low for t in conj]
    if "of" in lows and lows.index("of") >= 1 and lows[lows.index("of") - 1] in _OF_HEADS:
        # "the driver of the lorry": the driver, whatever is his
        conj, lows = conj[: lows.index("of")], lows[: lows.index("of")]
    if lows[:2] == ["no", "one"] or lows[:1] in (["nobody"], ["none"]):
        return 0.0, 0.0, "exact"
    if lows[0] == "no" and len(lows) > 1 and _no_people(lows[1:]):
        return 0.0, 0.0, "exact"  # "No firefighters were hurt", "no other passengers"
    if lows[0] == "neither" and (len(lows) == 1 or _no_people(lows[1:])):
        return 0.0, 0.0, "exact"  # "Neither driver was hurt", "neither (of them)"
    nouns = [t for t in conj if not _AGE_NOUN.match(t.low)]
    # English noun phrases end in their head: "deputy arrival" names an arrival, not a deputy
    head = _head(nouns)
    if (
        head is not None
        and head.low in ANIMALS
        and (head.text[:1].islower() or (head.start == 0 and len(conj) == 1))
    ):
        # (capitalised, "Bird" or "Lamb" is a surname; but a headline's first word alone,
        # "Bear shot dead after roaming suburb", is the animal)
        return None  # "his two dogs", "her horse", "30 sheep": animals are never victims
    has_singular = head is not None and head.low in SINGULAR_PERSONS
    has_plural = head is not None and head.low in PLURAL_PERSONS
    if head is not None and "-" in head.low and not (has_singular or has_plural):
        # "his ex-girlfriend and two others", "her step-son", "co-workers": the word after
        # the prefix is the person
        tail = head.low.rsplit("-", 1)[1]
        has_singular, has_plural = tail in SINGULAR_PERSONS, tail in PLURAL_PERSONS
    ages = [t for t in conj if _AGE_NOUN.match(t.low)]
    number = _number(
        sentence, [t for t in nouns if t.low not in ("another", "second", "third")], quantities
    )
    bare = [t for t in nouns if t.low not in _HEDGES]
    if head is not None and head.low in ("family", "household") and lows[-2:-1] == ["one"]:
        return None  # "three generations of [one family]": the family, no count of people
    if _labelled_one(bare):
        return 1.0, 1.0, "exact"  # "Victim two was transported": one person, its label
    if number is not None and (has_plural or has_singular or len(bare) <= 1 or ages):
        return number
    if number is not None and len(bare) > 1 and _more_of(bare):
        return number  # "[another 20] were hurt", "[a further five] died"
    if number is not None and "family" in lows and "of" in lows:
        return number  # "a family of five": its size
    if (
        number is not None
        and any(t.low in ("other", "remaining") for t in nouns)
        and all(t.low in _REST_WORDS or t is head for t in bare)
    ):
        return number  # "[the other four] were taken to hospital", "[the remaining three]"
    if number is not None and head is not None and head.low in _SCALE_WORDS:
        return number  # "[more than a dozen] injured", "[a hundred] were hurt"
    if number is not None and nouns and _counted_people(nouns[-1]):
        return number  # "killed [four porters]", "[Three inmates] were killed"
    if any(t.low in PAIRS for t in conj) or ("twin" in lows and has_plural and number is None):
        return 2.0, 2.0, "exact"  # "a couple", "Twin brothers were killed"
    if has_singular or (ages and not has_plural):
        return 1.0, 1.0, "exact"
    if outcome in ("killed", "injured") and _one_by_ending(conj[0], head):
        return 1.0, 1.0, "exact"  # "A cleaner was killed", "the gardener died"
    if has_plural:
        return None, None, "at_least"
    if any(t.low in PRONOUNS_ONE for t in conj):
        return 1.0, 1.0, "exact"
    names = [t for t in conj if _is_name(t)]
    if names and not listed and len(names) == len(conj):
        return 1.0, 1.0, "exact"
    return None
