"""An article's toll: how many the main incident killed and injured, by the article's own word.

    lines ─split_sentences─▶ sentence ─other incident?─▶ skip
                                      ─find_mentions─▶ per-sentence tally (victims distinct)
    tallies ─max across sentences, plus "another"─▶ killed, harmed ─▶ injured = harmed − killed

A sentence's mentions name distinct victims ("one dead and three others wounded"); across
sentences the same victims are told again ("a man was shot" in the lead, "the victim, 25, died"
later), so the article takes the largest tally, adding only victims marked as new ("another
man", "a second victim"). Shot with no outcome stated counts as injured unless a death is
reported: injured is everyone harmed less the killed, or the injured named, whichever is more.
A zero is given only when words state it ("no one else was hurt"): one only inferred ("a man
was shot … he died") is not spoken of, so that metric is absent.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from claimwatch.transforms.casualty_lexicon import (
    ALIVE,
    ALIVE_TOLD,
    ALIVE_TOLD_WORDS,
    ATTACKERS,
    ATTACKERS_PLURAL,
    CASUALTY_HINT,
    CASUALTY_HINT_FIRST,
    CORRECTED_COUNT,
    CORRECTION,
    EARLIER_REPORT,
    EARLIER_WORDS,
    ELECTROCUTED,
    ILLNESS_DEATH,
    ILLNESS_WORDS,
    INJURY_HINT,
    INJURY_HINT_WORDS,
    NATURAL_DEATH,
    NATURAL_DEATH_CAUSE,
    NEUTRALISED,
    NO_CARE,
    NO_DAMAGE_OR_HARM,
    NO_HARM,
    NO_HARM_HINTS,
    NO_LOSS_OF_LIFE,
    NOT_HARMED,
    ORDINAL_LIFE,
    ORDINAL_LIFE_HINTS,
    OTHER_INCIDENT,
    OTHER_INCIDENT_FIRST,
    PLURAL_PERSONS,
    PRONOUNS_MANY,
    PRONOUNS_ONE,
    REVISION,
    ROLE_GROUPS,
    SINGULAR_PERSONS,
    STATUS_HINT,
    SUICIDE,
    TAKEN_ILL,
)
from claimwatch.transforms.mentions import (
    STATUS_OUTCOMES,
    Mention,
    Outcome,
    Person,
    find_mentions,
)
from claimwatch.transforms.models import Figure, Metric, Qualifier
from claimwatch.transforms.numbers import sentence_quantities
from claimwatch.transforms.sentences import Sentence, split_sentences

TOLL_METRICS: tuple[Metric, ...] = ("killed", "injured")
_TOLL_BEFORE = re.compile(
    r"\b(?:toll|number\s+of\s+(?:dead|deaths|fatalities|victims|injured|wounded|injuries))\b"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)
_LEAD = 600  # the title and the first paragraph or two: where the main incident is told
# the fallback reader is given sentences that start this early only: the main incident is
# told in the first paragraphs, and each parsed sentence costs a few milliseconds
# (1,500 characters: the dev set's figures as with every sentence, 28 % fewer parsed; 800
# lost a killed count)
_FALLBACK_WITHIN = 1500
_FATAL = re.compile(
    r"\b(?:fatal|deadly)\s+(?:shooting|stabbing|attack)|\bshooting\s+death\b",
    re.IGNORECASE,
)
_PARAGRAPH_WORDS = 40  # a line this long is prose even without a full stop at its end
_CLOSERS = frozenset('.!?"”)')
_TIMESTAMP = re.compile(r"\d{1,2}:\d\d\s")
# A live blog's entry, not a video's length: the clock time, a zone or "am/pm" perhaps, then a
# dash, colon or bar before its text ("11:20 — The agency now says four people have died",
# "9:05 am: Two more were hurt", "14:30 GMT - …"); a playlist's "0:43 Homeless man found dead"
# has none
_LIVE_ENTRY = re.compile(
    r"\d{1,2}[:.]\d\d\s*(?:(?:[ap]\.?m\.?|gmt|bst|utc|cet|cest|ist|[ecmp][sd]?t|local\s+time)\s*)?"
    r"[—–|:-]\s",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    text: str
    sentence: str = ""  # the quote around the span, for a claim's provenance


@dataclass(frozen=True, slots=True)
class TollCount:
    """One metric of an article's toll, with the spans it rests on."""

    metric: Metric
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    evidence: tuple[Evidence, ...]
    # of the killed, attackers who died ("the bomber also died", "before turning the gun on
    # himself"): counted in the value, as the Gun Violence Archive counts them, and told apart
    # for readers who count victims only
    attackers: float = 0.0


@dataclass(frozen=True, slots=True)
class _Tally:
    killed: float
    injured: float
    harmed: float
    killed_new: float  # victims the sentence marks as besides those told before
    harmed_new: float
    killed_part: bool  # "one of them died": the dead are among the harmed told before
    lower_bound: bool  # a vague count ("dozens") took part
    mentions: tuple[Mention, ...]


def article_sentences(text: str) -> list[Sentence]:
    """Sentences with lines kept apart: a headline has no full stop before the body."""
    return [s for offset, line in _prose_lines(text) for s in _shifted(line, offset)]


def _prose_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the title and of every line that reads as prose."""
    live = _live_page(text)
    return [(o, line) for n, o, line in _lines(text) if _is_prose(n, line, live=live)]


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    offset = 0
    for number, line in enumerate(text.split("\n")):
        yield number, offset, line
        offset += len(line) + 1


def _hinted_lines(text: str, starts: Sequence[int]) -> Iterator[tuple[int, int, str]]:
    """(number, offset, line) of each line where a hint starts: the only ones `within` admits.

    A hint wholly inside a line starts in it, so the other lines need not be visited (most
    lines of a page hold none); `starts` is sorted, so lines come in order, each once.
    """
    number, offset, end = 0, 0, -1
    for start in starts:
        if start <= end:
            continue  # another hint on the line just given
        line_start = text.rfind("\n", 0, start) + 1
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        number += text.count("\n", offset, line_start)
        offset = line_start
        yield number, line_start, text[line_start:end]


def _live_page(text: str) -> bool:
    """Whether a page's title names a live blog or a casualty ("Live: blast in city centre",
    "Two killed in blast - latest"): its clock-stamped entries are the story's. A police log's
    stamped entries ("Police Logs, Feb. 24", "12:39 a.m. — A caller …") are many incidents."""
    title = text[: text.find("\n")] if "\n" in text else text
    lowered = title.lower()
    if len(lowered) != len(title):
        return False
    return _LIVE_TITLE.search(lowered) is not None or _HINT_LOWER.search(lowered) is not None


_LIVE_TITLE = re.compile(
    r"\b(?:live|latest|updates?|as\s+it\s+happened|minute[-\s]by[-\s]minute|rolling|"
    r"what\s+we\s+know|"
    # an incident named: "Attack: what we know", "Earthquake in the north"
    r"attacks?|explosions?|blasts?|bombings?|fires?|blaze|crash|earthquake|quake|storms?|"
    r"hurricane|typhoon|cyclone|floods?|flooding|shooting|stabbing|collapse|derailment|"
    r"stampede|riots?|clashes|siege|landslide|avalanche|tsunami|eruption)\b"
)


def _is_prose(number: int, line: str, *, live: bool = False) -> bool:
    body = line.strip()
    # After the title, a line without a full stop is page furniture: related headlines,
    # video playlists ("0:43 Homeless man found dead"), captions.
    prose = body and (body[-1] in _CLOSERS or len(body.split()) >= _PARAGRAPH_WORDS)
    stamped = _TIMESTAMP.match(body) is not None and not (live and _LIVE_ENTRY.match(body))
    return number == 0 or bool(prose and not stamped and not _headline(body))


def _shifted(line: str, offset: int) -> list[Sentence]:
    return [Sentence(offset + s.start, offset + s.end, s.text) for s in split_sentences(line)]


def _headline(line: str) -> bool:
    """Title Case words in a short line: another story's headline, not a sentence."""
    words = line.split()
    if len(words) < 4 or len(words) > 20:
        return False
    capital = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capital >= 0.8 * len(words)


def sentence_mentions(text: str) -> list[tuple[Sentence, list[Mention]]]:
    """Counted mentions per sentence about the main incident, spans shifted to `text`."""
    return _read_sentences(text)[0]


def _read_sentences(
    text: str, *, keep_unread: bool = False
) -> tuple[list[tuple[Sentence, list[Mention]]], list[Sentence]]:
    """The sentences' mentions, and (if asked) the casualty sentences the rules read nothing in.

    An unread sentence holds a casualty word, passed every gate (not another incident, no
    correction, no obituary or illness) and yet no phrase rule matched in it: the only ones a
    fallback reader (`article_toll`'s `fallback`) is given.
    """
    out = []
    unread: list[Sentence] = []
    # a verdict's victims ("was convicted of murdering a shopkeeper"), read only where no other
    # sentence counts anyone: a court report's own crime, else a past case beside the story's
    verdicts: list[tuple[Sentence, list[Mention]]] = []
    # one scan of the page for casualty (and status) words; only lines and sentences holding one are
    # split and read: most of a page holds none
    hints = _Hints(text)
    live = _live_page(text) if ":" in text else False  # clock-stamped entries need a colon
    lines = [
        (o, line)
        for n, o, line in _hinted_lines(text, hints.starts)
        if hints.within(o, o + len(line)) and _is_prose(n, line, live=live)
    ]
    for sentence in (s for offset, line in lines for s in _shifted(line, offset)):
        if not hints.within(sentence.start, sentence.end):
            continue
        own = sentence.text
        corrected = _correction(own, own.lower())
        if corrected is not None:
            # "An earlier version of this story said five people were injured; police have
            # since said three": the earlier count is superseded, the revised one stands
            if corrected:
                out.append((sentence, corrected))
            continue
        if ("since" in own or "anniversar" in own or "memor" in own) and _anniversary(own):
            continue  # "It is a year since fire tore through the flats, killing four": the past
        if _other_incident(own):
            if _verdict_only(own):
                found = find_mentions(own, hinted=True)
                if found:
                    verdicts.append((sentence, found))
                continue
            # "… killed two civilians and wounded five, …, as the UN put the war's toll this
            # year at more than 2,000": the clauses before the other incident's are the story's
            own = _before_other_incident(own)
            if not own or not hints.harm_within(sentence.start, sentence.start + len(own)):
                continue
        found = find_mentions(own, hinted=True)
        if (
            keep_unread
            and not found
            and sentence.start < _FALLBACK_WITHIN
            and hints.harm_within(sentence.start, sentence.start + len(own))
            and not any(w in own for w in ILLNESS_WORDS)
            and not _natural_death(own)
        ):
            unread.append(Sentence(sentence.start, sentence.start + len(own), own))
        superseded = _superseded(own)
        if found and superseded is not None:
            # "Police initially said three people were killed but later said two had died"
            found = _revised(found, superseded)
        if found and any(w in own for w in ILLNESS_WORDS):
            # "… nine months after the boy's father succumbed to cancer": not the incident's
            found = [
                m for m in found if m.outcome != "killed" or ILLNESS_DEATH.match(own, m.end) is None
            ]
        if found and _natural_death(own):
            # "…, the actress best known for her role in the soap, has died at the age of 88":
            # an obituary's death is nobody's casualty
            found = [m for m in found if m.outcome != "killed"]
        if not hints.harm_within(sentence.start, sentence.start + len(own)):
            # read for a status word alone ("bodies of deceased hostages"): its harm words
            # were never what the casualty gate lets through
            found = [m for m in found if m.outcome in STATUS_OUTCOMES]
        if found and ("of them" in own or "of whom" in own or "alive" in own or "rescued" in own):
            found = _died_of_rescued(
                found, own, text[max(0, sentence.start - 240) : sentence.start]
            )
        if found and "n fact" in own:
            found = _in_fact_within(own, found)
        if found and out and _corrects_before(own, out[-1][0].text):
            # "We reported that three people had died. In fact, two people died.": the count
            # before is superseded by the correction's of the same outcome
            said = {_metric_of(m) for m in found}
            kept = [m for m in out[-1][1] if _metric_of(m) not in said]
            out[-1:] = [(out[-1][0], kept)] if kept else []
        if found:
            out.append((sentence, found))
    if verdicts:
        out = _with_verdicts(out, verdicts)
    return out, unread


_OF_THE_DEAD = re.compile(
    r"\s+of\s+(?:the|those)\s+(?:dead|deceased|killed|victims\s+who\s+died)\b"
)


def _share_of_the_dead(mention: Mention, sentence: str) -> bool:
    """ "[six] of the dead had been decapitated": a share of the dead told before."""
    return (
        mention.part
        and mention.outcome == "killed"
        and _OF_THE_DEAD.match(sentence, mention.end) is not None
    )


def _with_verdicts(
    out: list[tuple[Sentence, list[Mention]]], verdicts: list[tuple[Sentence, list[Mention]]]
) -> list[tuple[Sentence, list[Mention]]]:
    """The sentences read, with the verdicts' where no other sentence counts a victim, or
    where the others tell only the wounds of the judged ("Jurors heard the neighbour was
    shot twice in the chest": how he died, no one hurt); a story's victims keep it else."""
    harm = [m for _, found in out for m in found if m.outcome not in STATUS_OUTCOMES]
    judged = {_last_word(m) for _, found in verdicts for m in found if m.outcome == "killed"}
    wounds = [m for m in harm if _wound_of_the_judged(m, judged)]
    # "His brother was also shot and survived": one told besides the judged stays hurt
    if not all(m in wounds or m.additional for m in harm):
        return out
    dead = [
        (s, [replace(m, outcome="killed") if m in wounds else m for m in found]) for s, found in out
    ]
    return sorted([*dead, *verdicts], key=lambda pair: pair[0].start)


def _last_word(mention: Mention) -> str:
    return mention.text.rsplit(None, 1)[-1].lower() if mention.text else ""


def _wound_of_the_judged(mention: Mention, judged: set[str]) -> bool:
    """ "the neighbour was shot" after "murdering his neighbour", "he was stabbed", "the
    victim was stabbed": one definite victim's wound, the judged one's by his noun or a
    pronoun."""
    first = mention.text.split(None, 1)[0].lower() if mention.text else ""
    last = _last_word(mention)
    return (
        mention.outcome in ("shot", "injured")
        and mention.value == 1
        and not mention.additional
        and (
            last in ("he", "she")
            or (first in ("the", "his", "her") and (last in judged or last == "victim"))
        )
    )


def _verdict_only(sentence: str) -> bool:
    """Whether the only other-incident cue of a sentence is a verdict ("convicted",
    "sentenced", "pleaded"): no date, no other case named beside it."""
    lowered = sentence.lower()
    if not (
        "convicted" in lowered
        or "sentenced" in lowered
        or "pleaded" in lowered
        or "jailed" in lowered
    ):
        return False  # most sentences: tests in C
    return all(_verdict_cue(m.group()) for m in _OTHER_LOWER.finditer(lowered))


_VERDICTS = frozenset({"convicted", "sentenced", "pleaded", "acquitted"})


def _verdict_cue(cue: str) -> bool:
    # "jailed for life", "jailed for six years": a sentence, as "sentenced" is
    return cue in _VERDICTS or cue.startswith("jailed for")


def _died_of_rescued(found: list[Mention], sentence: str, before: str) -> list[Mention]:
    """ "Rescuers pulled nine people alive from the rubble; one of them later died": the
    rescued are no victims, so the one of them who died is one death beyond those told."""
    out = list(found)
    for i, m in enumerate(found):
        if m.outcome != "killed" or not _share_of_rescued(m, sentence):
            continue
        if any(o.outcome != "killed" and o.start < m.start for o in found):
            continue  # "two people were hurt; one of them died": one of the hurt
        # the group told in this sentence before the share, else in the one before it
        if m.start > 0:
            told = sentence[: m.start]
        else:
            told = before.rstrip().rstrip(".")
            told = told[told.rfind(".") + 1 :]
        lowered = told.lower()
        if not ("alive" in lowered or "rescued" in lowered):
            continue
        rescued = _RESCUED.search(lowered)
        if rescued is None:
            continue
        passive = rescued.group().startswith(("were", "was", "been"))
        # the group: the words the match holds, or before "were rescued" its subject's
        group = lowered[max(0, rescued.start() - 24) : rescued.start()] if passive else ""
        if not _TOLD_GROUP.search(group + rescued.group()):
            # (not "pulled the five alive": a group told before, maybe of the hurt)
            out[i] = replace(m, part=False, additional=True, beyond=True)
    return out


def _share_of_rescued(mention: Mention, sentence: str) -> bool:
    """ "one of them", "one of whom", a bare "one" or "two", "she": a death that may be of a
    group told just before it ("Of the 12 people pulled alive, two later died")."""
    text = mention.text.lower()
    return (
        sentence.startswith((" of them", " of whom"), mention.end)
        or text in _COUNT_WORDS
        or text.isdigit()
        or (text in ("he", "she") and mention.value == 1)
    )


_TOLD_GROUP = re.compile(r"\b(?:the|them|those|these|both|all)\b")
_RESCUED = re.compile(
    r"\b(?:pulled|rescued|dug|brought|freed|plucked|carried|got)\b[^;.]{0,60}?\balive\b|"
    r"\b(?:were|was|been)\s+rescued\b|\brescued\s+(?:[\w-]+\s+){0,2}?(?:people|survivors)\b"
)


def _in_fact_within(sentence: str, found: list[Mention]) -> list[Mention]:
    """ "We reported that three people had died; in fact, two died": the counts before the
    correction's "in fact" give way to its counts of the same outcome."""
    at = max(sentence.find("; in fact"), sentence.find(", in fact"), sentence.find("; In fact"))
    if at < 0 or not _corrects_before(sentence[at + 2 :], sentence[:at]):
        return found
    said = {_metric_of(m) for m in found if m.start > at}
    return [m for m in found if m.start > at or _metric_of(m) not in said]


def _corrects_before(sentence: str, before: str) -> bool:
    """Whether a sentence opening "In fact," or "Actually," corrects a report told just before
    it ("We reported that three people had died."), and adds no more to it."""
    lowered = sentence[:12].lower()
    opener = lowered.startswith("in fact") or lowered.startswith("actually")
    revised = not opener and (" now " in sentence or " since " in sentence or "later" in sentence)
    if not (opener or revised):
        return False  # most sentences: tests in C
    low = sentence.lower()
    if any(w in low for w in _BEYOND_WORDS):
        return False  # "In fact, two more people died": news beyond the report
    told = before.lower()
    if revised:
        # "We previously reported that four people were killed. Police have now confirmed
        # that three people died.": a revision after a first report
        return (
            any(w in told for w in EARLIER_WORDS)
            and EARLIER_REPORT.search(told) is not None
            and REVISION.search(low) is not None
        )
    return any(w in told for w in _REPORT_WORDS)


_BEYOND_WORDS = (
    " more ",
    " another ",
    " also ",
    " further ",
    " other ",
    " second ",
    " third ",
    " fourth ",
    " fifth ",
)


_REPORT_WORDS = (
    "reported",
    "said",
    "stated",
    "version",
    "wrote",
    "reporting",
    "claimed",
    "told",
)


def _metric_of(mention: Mention) -> str:
    return (
        "killed"
        if mention.outcome == "killed"
        else mention.outcome
        if mention.outcome in (STATUS_OUTCOMES)
        else "injured"
    )


# CASUALTY_HINT's and OTHER_INCIDENT's words are lower case: on lower-cased text they need no
# IGNORECASE, which makes Python's matcher several times slower
# the lookahead on the words' first letters spares the alternation at most positions
_HINT_LOWER = re.compile(
    rf"\b(?=[{''.join(sorted(CASUALTY_HINT_FIRST))}])(?:{CASUALTY_HINT.pattern})"
)
_STATUS_LOWER = re.compile(STATUS_HINT.pattern)  # two scans: one alternation of both is slower
_OTHER_LOWER = re.compile(
    rf"\b(?=[{''.join(sorted(OTHER_INCIDENT_FIRST))}])(?:{OTHER_INCIDENT.pattern})"
)


# "a pair of shootings that left one dead and four wounded", "more than two dozen shootings in
# which three people were killed": a sum over several incidents, not the main one's toll
_ROUNDUP = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|dozens|\d+|pair\s+of|spate\s+of|"
    r"series\s+of|string\s+of|rash\s+of)\s+(?:[\w-]+\s+){0,2}?(?:shootings|incidents)\b"
)


def _before_other_incident(sentence: str) -> str:
    """The clauses before the first word of another incident, when a comma, a semicolon or a
    dash parts them from it ("A tiger killed a woman, the third such death this month"); ""
    when that word is in the first clause."""
    lowered = sentence.lower()
    if len(lowered) != len(sentence):
        return ""
    cue = _OTHER_LOWER.search(lowered)
    at = cue.start() if cue is not None else len(lowered)
    roundup = (
        _ROUNDUP.search(lowered, 0, at)
        if "shootings" in lowered or "incidents" in lowered
        else None
    )
    at = roundup.start() if roundup is not None else at
    cut = max(
        lowered.rfind(", ", 0, at),
        lowered.rfind("; ", 0, at),
        lowered.rfind(" — ", 0, at),
        lowered.rfind(" - ", 0, at),  # "… on Sunday - the fifth death on the road in two months"
        lowered.rfind(" – ", 0, at),
    )
    if cut <= 0:
        return _around_running_count(sentence, lowered, at)
    # only a tail that hangs on the clause before ("…, the third such death", "…, as the UN
    # put", "…, bringing the death toll since"): "8 killed, 46 wounded in weekend shootings"
    # lists one sum of other incidents, and "…, and two other victims … following several
    # separate shootings" goes on with it
    opener = lowered[cut + 2 :].lstrip("-–— ").split(None, 1)[:1]
    # a semicolon parts a clause of its own: "Two people died in the fire on Sunday; 14 people
    # have died in house fires in the county this year"
    if opener and (opener[0] in _TAIL_OPENERS or lowered.startswith("; ", cut)):
        return sentence[:cut]
    return _around_running_count(sentence, lowered, at)


# A running count beside the story's own victim, in the victim's clause: "A 16-year-old who was
# stabbed on Friday [is the twelfth teenager killed in the city this year]", "[The twelfth
# teenager killed in the city this year,] a 16-year-old boy was stabbed to death on Friday"
_ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth)"
)
_COUNT_AFTER = re.compile(
    rf"\s(?:is|was|became|becomes|becoming|marks|marked|making\s+(?:him|her|it))\s+(?:the|a)\s+"
    rf"(?:[\w'’-]+\s+){{0,2}}?{_ORDINAL}\b"
)
_COUNT_FIRST = re.compile(rf"(?:in\s+)?(?:the|a)\s+(?:[\w'’-]+\s+){{0,2}}?{_ORDINAL}\b[^,;]*,\s*")


def _around_running_count(sentence: str, lowered: str, at: int) -> str:
    """The story's clause beside a running count that holds the other-incident cue at `at`
    (its own words, not the count's; "" when there is no such count)."""
    after = _COUNT_AFTER.search(lowered, 0, at + 1)
    if after is not None:
        return sentence[: after.start()]
    first = _COUNT_FIRST.match(lowered)
    if first is not None and first.end() > at:
        return " " * first.end() + sentence[first.end() :]  # offsets kept for the evidence
    return ""


_TAIL_OPENERS = frozenset({"the", "as", "bringing", "making", "taking", "raising", "which"})


def _correction(sentence: str, lowered: str) -> list[Mention] | None:
    """The mentions of a correction notice's sentence, or None when it is no such sentence.

    Counts before the notice's cue stand ("Three people were hurt, the station had earlier
    reported five"); those after it are superseded, but for a count after a revision
    ("police have since said three"), which takes the outcome the superseded count had.
    """
    if not _may_correct(lowered) or len(lowered) != len(sentence):
        return None  # most sentences: tests in C spare the pattern
    # "Correction: Three people were injured, not five", "This story has been corrected: three
    # people, not four, were killed": a notice's label is no earlier report
    cue = next((c for c in CORRECTION.finditer(lowered) if not _label(c.group())), None)
    if cue is None:
        return None
    cut = max(lowered.rfind(", ", 0, cue.start()), lowered.rfind("; ", 0, cue.start()))
    kept = find_mentions(sentence[:cut], hinted=True) if cut > 0 else []
    revision = CORRECTED_COUNT.search(lowered, cue.end())
    if revision is None:
        return kept
    superseded = find_mentions(sentence[: revision.start()])
    outcomes = [m.outcome for m in superseded if m.start >= cue.start()]
    if not outcomes:
        # "An earlier version gave the death toll as nine; the correct figure is seven": the
        # superseded count a toll's noun names, not a victim phrase
        outcomes = _toll_outcome(lowered[cue.end() : revision.start()])
    later = [m for m in find_mentions(sentence, hinted=True) if m.start >= revision.end()]
    if later or not outcomes:
        return kept + later
    # the revision's bare count ("since said three") takes the superseded count's outcome
    count = next(
        (
            q
            for q in sentence_quantities(sentence)
            if q.start == revision.end() and q.kind == "count" and q.value is not None
        ),
        None,
    )
    if count is None:
        return kept
    value = count.value
    return [
        *kept,
        Mention(outcomes[0], value, value, value, "exact", count.start, count.end, count.text),
    ]


def _toll_outcome(between: str) -> list[Outcome]:
    if "death" in between or "dead" in between or "killed" in between or "fatal" in between:
        return ["killed"]
    if "injur" in between or "hurt" in between or "wounded" in between:
        return ["injured"]
    return []


def _may_correct(lowered: str) -> bool:
    """Whether a lower-cased sentence holds a word CORRECTION needs (or-chained tests in C: a
    generator over a tuple of words cost the toll several per cent)."""
    if (
        "version" in lowered
        or "correct" in lowered
        or "misstat" in lowered
        or "misreport" in lowered
        or "originally" in lowered
        or "initially" in lowered
        or "previously" in lowered
        or "wrongly" in lowered
        or "mistakenly" in lowered
        or "erroneously" in lowered
    ):
        return True
    return ("earlier " in lowered or "first " in lowered) and _EARLIER_SAID.search(
        lowered
    ) is not None


# "had earlier reported", "first said": "earlier" and "first" alone are in too many sentences
_EARLIER_SAID = re.compile(
    r"\b(?:earlier|first)\s+(?:said|reported|stated|put|given|gave|listed)\b"
)


def _label(cue: str) -> bool:
    return "correct" in cue and not cue.startswith("incorrect")


def _superseded(sentence: str) -> tuple[int, int] | None:
    """Where a sentence's first-reported counts lie, when a revision follows them."""
    lowered = sentence.lower()
    if not any(w in lowered for w in EARLIER_WORDS):
        return None  # most sentences: a test in C spares the patterns
    earlier = EARLIER_REPORT.search(lowered)
    if earlier is None:
        return None
    revised = REVISION.search(lowered, earlier.end())
    return (earlier.end(), revised.start()) if revised is not None else None


def _revised(found: list[Mention], superseded: tuple[int, int]) -> list[Mention]:
    """The mentions less those first reported and revised by a later one of their outcome
    ("… initially reported that two men were shot, and later said one had died" revises
    nothing: the death is news about the two)."""
    later = {m.outcome for m in found if m.start >= superseded[1]}
    return [
        m for m in found if not (superseded[0] <= m.start < superseded[1] and m.outcome in later)
    ]


def _natural_death(sentence: str) -> bool:
    lowered = sentence.lower()
    # the words first: most sentences hold none of them
    if "die" not in lowered or not (
        "age" in lowered
        or "natural" in lowered
        or "peaceful" in lowered
        or "illness" in lowered
        or "sleep" in lowered
    ):
        return False
    return NATURAL_DEATH.search(lowered) is not None and NATURAL_DEATH_CAUSE.search(lowered) is None


# a sentence that looks back on an incident from a later day: "It is a year since …",
# "It has been ten years since …", "… marks the second anniversary of …", "a memorial to the
# 12 miners who died"
_ANNIVERSARY = re.compile(
    r"^(?:[\w,'’ ]{0,40}\s)?it(?:\s+is|'s|’s|\s+has\s+been|\s+was)\s+"
    r"(?:now\s+|exactly\s+|almost\s+|nearly\s+|just\s+over\s+)?(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|"
    r"fifty|a\s+hundred|\d+)\s+(?:full\s+)?(?:years?|months?|decades?)\s+since\b|"
    r"\banniversary\s+of\b|\banniversaries\b|"
    r"\b(?:memorial|memory|remembrance|commemorat\w*)\s+(?:service\s+)?(?:to|for|of)\s+(?:the|those)\b",
    re.IGNORECASE,
)


def _anniversary(sentence: str) -> bool:
    """Whether a sentence looks back on a past incident from a later day (an anniversary, a
    memorial): its dead are that incident's, not a toll of the story's own."""
    return _ANNIVERSARY.search(sentence) is not None


def _other_incident(sentence: str) -> bool:
    lowered = sentence.lower()
    if _OTHER_LOWER.search(lowered) is not None:
        return True
    counted = "shootings" in lowered or "incidents" in lowered
    return counted and _ROUNDUP.search(lowered) is not None


class _Hints:
    """Where a text holds a casualty or a status (missing, detained, hostage) word."""

    def __init__(self, text: str) -> None:
        lowered = text.lower()
        # status words count where the main incident is told: the lead, or a sentence that
        # names casualties ("the suspect was arrested" after the shooting is told); a scan
        # of the whole page for them, and reading every sentence holding one, cost more than
        # they find
        if len(lowered) == len(text):
            harm = _HINT_LOWER.finditer(lowered)
            status = _STATUS_LOWER.finditer(lowered, 0, _LEAD)
        else:  # a few characters lower-case to two ("İ"): offsets would shift
            harm, status = CASUALTY_HINT.finditer(text), STATUS_HINT.finditer(text, 0, _LEAD)
        self._harm = [m.span() for m in harm]
        if any(w in lowered for w in NO_HARM_HINTS):
            # "no fatalities have been recorded", "no reports of deaths": no hint word of
            # their own
            self._harm = sorted(self._harm + [m.span() for m in NO_HARM.finditer(lowered)])
        if any(w in lowered for w in ORDINAL_LIFE_HINTS):
            # "has claimed a second life": "life" alone is no hint
            self._harm = sorted(self._harm + [m.span() for m in ORDINAL_LIFE.finditer(lowered)])
        if "without a scratch" in lowered:
            # "escaped without a scratch": a no-harm phrase without a hint word
            at = lowered.find("without a scratch")
            self._harm = sorted([*self._harm, (at, at + len("without a scratch"))])
        more = _more_hints(lowered)
        if more:
            # zeros and injuries told without a hint word of their own ("without loss of
            # life", "left a doorman with a fractured skull", "no damage or fatalities")
            self._harm = sorted(self._harm + more)
        self._harm_starts = [start for start, _ in self._harm]
        self._spans = sorted(self._harm + [m.span() for m in status])
        self._starts = [start for start, _ in self._spans]

    @property
    def starts(self) -> list[int]:
        """Where each casualty or status word starts, in order."""
        return self._starts

    def within(self, start: int, end: int) -> bool:
        """Whether a casualty or status word lies wholly inside text[start:end]."""
        return _inside(self._spans, self._starts, start, end)

    def harm_within(self, start: int, end: int) -> bool:
        """Whether a casualty word (CASUALTY_HINT) lies wholly inside text[start:end]."""
        return _inside(self._harm, self._harm_starts, start, end)


# The words of phrases that hold no CASUALTY_HINT word, with the pattern each phrase matches:
# looked for only around each place the word is (most pages hold none, a few hold it once)
_MORE_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("loss of life", NO_LOSS_OF_LIFE),
    ("harmed", NO_CARE),
    ("attention", NO_CARE),
    ("damage", NO_DAMAGE_OR_HARM),
    ("taken ill", TAKEN_ILL),
    ("electrocuted", ELECTROCUTED),  # no hint word: "[Two traders] were electrocuted"
    ("electric shock", ELECTROCUTED),
    ("t harmed", NOT_HARMED),  # "[the woman] was not harmed"
    ("neutrali", NEUTRALISED),  # a military release's kill: "neutralised 12 terrorists"
    *((word, INJURY_HINT) for word in INJURY_HINT_WORDS),
)
_AROUND = 100  # characters either side of the word that its phrase may reach


def _more_hints(lowered: str) -> list[tuple[int, int]]:
    """Spans of _MORE_HINTS' phrases in a lower-cased page."""
    found: set[tuple[int, int]] = set()
    for word, pattern in _MORE_HINTS:
        at = lowered.find(word)
        while at >= 0:
            lo, hi = max(0, at - _AROUND), at + len(word) + _AROUND
            found.update(m.span() for m in pattern.finditer(lowered, lo, hi))
            at = lowered.find(word, at + len(word))
    return sorted(found)


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    at = bisect_left(starts, start)
    return at < len(spans) and spans[at][1] <= end


# A second reader of sentences (transforms/dependency_reader.py): texts in, their mentions out,
# spans indexing each text; given a batch so that a model can read them at once.
FallbackReader = Callable[[Sequence[str]], list[list[Mention]]]


def article_toll(
    text: str, figures: Sequence[Figure] = (), *, fallback: FallbackReader | None = None
) -> dict[str, TollCount]:
    """The main incident's killed and injured counts, each only when the article speaks of it.

    Args:
        text: the article text (title on the first line when there is one).
        figures: the article's extracted figures; explicit tolls ("the death toll rose to 7")
            among them raise the count when they exceed the victims counted.
        fallback: a second reader, given only the casualty sentences the rules read nothing
            in and only when the rules leave killed or injured absent; what it reads fills
            those absent metrics alone (a rule reading is never overridden). None: rules only.
    """
    read, unread = _read_sentences(text, keep_unread=fallback is not None)
    out = _toll(text, figures, read)
    missing = [m for m in TOLL_METRICS if m not in out]
    if fallback is None or not missing or not unread:
        return out
    added = [
        (s, found)
        for s, found in zip(unread, fallback([s.text for s in unread]), strict=True)
        if found
    ]
    if not added:
        return out
    merged = sorted([*read, *added], key=lambda pair: pair[0].start)
    again = _toll(text, figures, merged)
    out.update({m: again[m] for m in missing if m in again})
    return out


def _toll(
    text: str, figures: Sequence[Figure], read: list[tuple[Sentence, list[Mention]]]
) -> dict[str, TollCount]:
    held = [(s, [m for m in found if m.outcome in STATUS_OUTCOMES]) for s, found in read]
    harm = [(s, [m for m in found if m.outcome not in STATUS_OUTCOMES]) for s, found in read]
    if any(m.part and m.outcome == "killed" for _, found in harm for m in found):
        # "Authorities said six of the dead had been decapitated": the dead told again, no
        # share of the hurt (which would take the hurt for the dead's group)
        harm = [(s, [m for m in found if not _share_of_the_dead(m, s.text)]) for s, found in harm]
    # "A suicide bomber killed seven soldiers. The bomber also died.": the attacker's death is
    # counted once, beside the victims' tallies (which would take him for one of them)
    named = [(s, m) for s, found in harm for m in found if _attacker(m, s.text)]  # most pages: none
    died = [(s, m) for s, m in named if _attacker_died(s, m)]
    # "Both bombers were killed", "All three attackers died": the most attackers told dead
    # at once (the same attackers told twice are not added)
    attacker = max(died, key=lambda pair: pair[1].value or 1.0, default=None)
    attackers = (attacker[1].value or 1.0) if attacker is not None else 0.0
    if named:
        # and "the gunman in the boy's killing": an attacker no death is said of is no victim
        harm = [(s, [m for m in found if not _attacker(m, s.text)]) for s, found in harm]
    # "A man died in the crash. The man suffered head injuries.": the dead told again by
    # their head noun are no survivors (_alive_told)
    dead: frozenset[str] | None = frozenset(
        m.text.rsplit(None, 1)[-1].lower()
        for _, found in harm
        for m in found
        if m.outcome == "killed"
    )
    if not dead and not any(f.metric == "killed" for f in figures):
        dead = None  # no one died: a survivor is told apart from no one (_alive_told skipped)
    tallies = [(s, _tally(found, s.text, dead)) for s, found in harm if found]
    # most pages tell no update of their count: one look at the page spares the sentences'
    updates = (
        "now" in text
        or "Now" in text
        or "figure" in text
        or "count" in text
        or "number" in text
        or "tally" in text
    )
    killed = harmed = injured_named = 0.0
    spoke = {"killed": False, "injured": False}
    # a zero some words state ("no one was hurt"), not harmed less killed ("a man was shot …
    # he died": no sentence says whether anyone else was hurt)
    stated_zero = {"killed": False, "injured": False}
    evidence: dict[str, list[Evidence]] = {"killed": [], "injured": []}
    # the spans of the most injured one sentence (or figure) names: the evidence when that
    # count, not the harmed less the killed, is the value ("dozens hurt" beside the dead,
    # then "27 people were treated": 27 rests on "27 people", not on "dozens")
    named_evidence: list[Evidence] = []
    best: dict[str, float] = {"killed": -1.0, "injured": -1.0, "harmed": -1.0}
    vague = {"killed": False, "injured": False}
    any_part = False
    told: list[Mention] = []  # the victims' mentions told so far (their nouns read on need)
    for sentence, tally in tallies:
        if updates and (killed or harmed) and _update_told(sentence.text):
            # "11:20 — The agency now says four people have died and 27 are hurt": the latest
            # update's count stands, not the most told before it (a count, not "the man")
            if _counts(tally, ("killed",)) and not tally.killed_part and not tally.killed_new:
                killed, best["killed"], evidence["killed"] = 0.0, -1.0, []
            if _counts(tally, ("injured", "shot")) and not tally.harmed_new:
                harmed, best["harmed"], evidence["injured"], injured_named = 0.0, -1.0, [], 0.0
        any_part = any_part or tally.killed_part
        base_killed = tally.killed - tally.killed_new
        base_harmed = tally.harmed - tally.harmed_new
        for m in tally.mentions:
            metric = "killed" if m.outcome == "killed" else "injured"
            spoke[metric] = True
            stated_zero[metric] |= m.value == 0
        if base_killed > best["killed"] or tally.killed_new:
            if base_killed > best["killed"] and base_killed > killed:
                evidence["killed"] = []
            evidence["killed"].extend(_spans(sentence, tally.mentions, ("killed",)))
        # "another man was shot" after "four people were shot" names one of the four; "a
        # fourth man was shot" after three are counted is the one beyond them
        counted = best["harmed"] >= 2 and not any(
            m.ordinal == max(harmed, killed) + 1
            or m.beyond
            or _more_beside(m)
            or _one_of_another_kind(m, sentence.text, told)
            for m in tally.mentions
        )
        told.extend(tally.mentions)
        killed = max(killed, base_killed) + (0.0 if counted else tally.killed_new)
        best["killed"] = max(best["killed"], base_killed)
        if base_harmed > best["harmed"] or tally.harmed_new:
            if base_harmed > harmed:
                evidence["injured"] = []
            evidence["injured"].extend(_spans(sentence, tally.mentions, ("injured", "shot")))
        harmed = max(harmed, base_harmed) + (0.0 if counted else tally.harmed_new)
        best["harmed"] = max(best["harmed"], base_harmed)
        if tally.injured > injured_named:
            injured_named = tally.injured
            named_evidence = _named_injured(sentence, tally)
        if tally.lower_bound:
            for m in tally.mentions:
                vague["killed" if m.outcome == "killed" else "injured"] |= m.value is None
    for figure in [*figures, *_stated_tolls(figures)]:
        if figure.metric in TOLL_METRICS and _is_explicit_toll(figure):
            value = figure.value if figure.value is not None else figure.low
            if value is None:
                continue
            spoke[figure.metric] = True
            stated_zero[figure.metric] |= value == 0
            if figure.metric == "killed" and value > killed:
                killed = value
                evidence["killed"] = [_figure_evidence(figure)]
            elif figure.metric == "injured" and value > injured_named:
                injured_named = value
                evidence["injured"] = named_evidence = [_figure_evidence(figure)]
    if attacker is not None:
        killed += attackers
        spoke["killed"] = True
        evidence["killed"] = [*evidence["killed"], _evidence(*attacker)]
    fatal = _FATAL.search(text[:_LEAD]) if killed == 0 else None
    if fatal is not None:
        # "Police investigate deadly shooting": a death with no victim counted is at least one
        killed = 1.0
        spoke["killed"] = True
        line = text[text.rfind("\n", 0, fatal.start()) + 1 :].split("\n", 1)[0]
        evidence["killed"] = [Evidence(fatal.start(), fatal.end(), fatal.group(), line.strip())]
    # the attacker who died is none of the harmed his victims are counted from
    victims_killed = killed - attackers
    injured = (
        max(harmed - victims_killed, 0.0)
        if any_part
        else max(injured_named, harmed - victims_killed)
    )
    if not any_part and injured_named > harmed - victims_killed and named_evidence:
        evidence["injured"] = named_evidence
    twice = _dead_among_the_hurt([(s, m) for s, t in tallies for m in t.mentions])
    if twice and not any_part and injured > harmed - victims_killed:
        # "the driver … has died in hospital" and "the driver and two occupants were taken to
        # hospital": the driver is dead, not also hurt
        injured = max(injured - twice, harmed - victims_killed, 0.0)
    survivors = _distinct_survivors([(s, m) for s, t in tallies for m in t.mentions])
    if len(survivors) > injured:
        # "a man and a toddler were killed … the toddler's father was shot"
        injured = len(survivors)
        spoke["injured"] = True
        evidence["injured"] = list(dict.fromkeys(_evidence(s, m) for s, m in survivors))
    out: dict[str, TollCount] = {}
    totals: tuple[tuple[Metric, float], ...] = (("killed", killed), ("injured", injured))
    for metric, value in totals:
        if not spoke[metric] and value == 0:
            continue
        if value == 0 and not stated_zero[metric]:
            continue  # a zero only inferred is not spoken of (issue 11: such a metric is absent)
        if not evidence[metric]:
            evidence[metric] = _told(tallies, metric)
        if not evidence[metric] and value:
            # "One of the five people shot has died": the four rest on the one who died
            evidence[metric] = list(evidence["killed"])
        if not evidence[metric]:
            # Every count shows what it rests on. A zero no span told of is an inference ("a
            # man was shot and killed": no one else hurt?) that no sentence states: unsaid.
            continue
        if value >= 2 and not vague[metric]:
            evidence[metric] = _every_statement(
                evidence[metric],
                tallies,
                text,
                figures,
                metric,
                value,
                killed,
                attackers if metric == "killed" else 0.0,
            )
        among = (
            _attackers_among(text, evidence[metric], attackers, value)
            if metric == "killed"
            else 0.0
        )
        evidence[metric] = _readable(text, evidence[metric], zero=value == 0)
        hedged = None if vague[metric] else _hedged_figure(figures, metric, value, evidence[metric])
        if vague[metric]:
            out[metric] = TollCount(
                metric, None, value, None, "at_least", tuple(evidence[metric]), among
            )
        elif hedged is not None:
            # "over 1,150 people had been injured": a count read through the hedge of a figure
            # keeps the figure's qualifier, as the figure's own claim did (Gaza demo)
            out[metric] = TollCount(
                metric,
                hedged.value,
                hedged.low,
                hedged.high,
                hedged.qualifier,
                tuple(evidence[metric]),
                among,
            )
        else:
            out[metric] = TollCount(
                metric, value, value, value, "exact", tuple(evidence[metric]), among
            )
    out.update(_status_counts(held))
    return out


# "Five people, including the gunman, were killed": the count holds its attacker
_INCLUDING_ATTACKER = re.compile(
    r",?\s+(?:including|among\s+them)\s+(?:the|a|one)\s+(?:suspected\s+|alleged\s+)?"
    r"(?:gunman|shooter|attacker|assailant|bomber|suicide\s+bomber|knifeman|hijacker)\b",
    re.IGNORECASE,
)


def _attackers_among(text: str, evidence: list[Evidence], told: float, value: float) -> float:
    """Of `value` killed, the attackers: those told dead as attackers (`told`), one per
    suicide phrase the evidence holds ("before turning the gun on himself" is one death
    besides the victims'), one per count said to include its attacker."""
    found = told
    for e in evidence:
        self_death = SUICIDE.search(e.text) is not None
        self_death |= e.text.lower().endswith(("himself", "herself"))  # "…, then himself"
        holds_attacker = e.end < len(text) and _INCLUDING_ATTACKER.match(text, e.end) is not None
        found += self_death or holds_attacker
    return min(found, value)


# An update of the count over time (on the lower-cased sentence): "now says", "has now
# risen", "latest figures show", "revised figures"
_UPDATE = re.compile(
    r"\bnow\s+(?:says?|said|puts?|reports?|confirms?|believes?|estimates?)\b|"
    r"\b(?:has|have)\s+now\s+(?:risen|climbed|reached|increased|fallen|dropped)\b|"
    r"\b(?:latest|updated|revised|new)\s+(?:official\s+)?(?:figures?|count|tally|numbers?)\b"
)


def _counts(tally: _Tally, outcomes: tuple[str, ...]) -> bool:
    """Whether a tally counts victims of these outcomes by number ("four people", "27", "one
    person"), not by a description of one ("the man") or a share of a group."""
    return any(
        m.outcome in outcomes
        and not m.part
        and m.value is not None
        and m.value > 0
        and (m.value != 1 or m.text.split(None, 1)[0].lower() == "one")
        for m in tally.mentions
    )


def _more_beside(mention: Mention) -> bool:
    """ "Another six passengers were treated at the scene", "a further 12 people": a counted
    group told as more is besides those told before, where "another man was shot" may be one
    of them, and "three others" often the rest of the group told before them ("four men were
    shot … two others were taken to hospital")."""
    return (
        mention.additional
        and (mention.value or 0.0) >= 2
        and not mention.part
        and mention.text.lower().startswith(("another ", "a further "))
    )


# nouns any victim may be told again by: "four people were shot … a woman was also hurt" may
# be one of the four
_ANYONE = frozenset(
    "man woman boy girl person people victim teen teenager child kid male female adult juvenile "
    "individual someone somebody youth baby infant toddler".split()
)


def _one_of_another_kind(mention: Mention, sentence: str, told: Sequence[Mention]) -> bool:
    """ "Twelve officers were injured … A member of the public was also taken to hospital":
    one more victim told "also", of a kind (a role) no victim told before was, is besides
    them; not an ordinal one ("a third passenger"), which the count before places."""
    if not mention.additional or mention.value != 1 or len(mention.people) != 1:
        return False
    head = mention.people[0].head
    if not told or head is None or head in _ANYONE or head not in SINGULAR_PERSONS:
        return False
    if mention.ordinal is not None or head in set(_nouns(told)):
        return False
    if _ORDINAL_WORDS.intersection(mention.text.lower().split()):
        return False
    # "also" in the clause before its verb: "A member of the public was also taken to hospital"
    clause = re.split(r"[,;.]", sentence[mention.end : mention.end + 40], maxsplit=1)[0]
    return " also " in f"{clause} "


_ORDINAL_WORDS = frozenset("second third fourth fifth sixth seventh eighth ninth tenth".split())


def _nouns(mentions: Sequence[Mention]) -> Iterator[str]:
    """The head nouns of mentions, plurals told as singulars ("officers" as "officer")."""
    for m in mentions:
        for p in m.people:
            if p.head:
                yield p.head
        noun = _noun(m)
        if noun is not None:
            yield noun
            if noun.endswith("ies"):
                yield noun[:-3] + "y"
            elif noun.endswith("men"):
                yield noun[:-3] + "man"
            elif noun.endswith("s"):
                yield noun[:-1]
                yield noun[:-2]


def _update_told(sentence: str) -> bool:
    """Whether a sentence updates the count over time (_UPDATE)."""
    lowered = sentence.lower()
    if "now" not in lowered and not (
        "figure" in lowered or "count" in lowered or "number" in lowered or "tally" in lowered
    ):
        return False  # most sentences: substring tests in C spare the pattern
    return _UPDATE.search(lowered) is not None


def _attacker(mention: Mention, sentence: str = "") -> bool:
    """Whether a killed mention names one attacker ("the gunman") alone, or attackers alone
    ("both bombers", "the two gunmen", "two of the attackers")."""
    if mention.outcome != "killed":
        return False
    people = mention.people
    if len(people) == 1 and people[0].head in ATTACKERS:
        return True
    head = mention.text.rsplit(None, 1)[-1].lower() if mention.text else ""
    if head in ATTACKERS_PLURAL:
        return (mention.value or 0.0) > 1
    of = _OF_THE.match(sentence, mention.end) if mention.part else None
    if of is not None and of.group(1).lower() in ATTACKERS_PLURAL:
        return True
    return _responsible_one(mention, sentence)


# One person told as the attacker by a relative clause: "A man, 51, who police believe was
# responsible, …", "a man, who is believed to have carried out the attack, …"
_RESPONSIBLE = re.compile(
    r"(?:,\s*\d+)?,\s*(?:who|whom)\s+(?:(?:police|officers|detectives)\s+)?(?:(?:believe|"
    r"believed|say|said|suspect)\s+)?(?:was|is|is\s+believed\s+to\s+have\s+been|had\s+been)\s+"
    r"(?:responsible|the\s+(?:attacker|assailant|gunman|knifeman))\b"
)


def _responsible_one(mention: Mention, sentence: str) -> bool:
    """ "A man, 51, who police believe was responsible, … died later": the attacker, one
    person, whose death is counted beside his victims'."""
    if mention.value != 1 or ", wh" not in sentence[mention.end : mention.end + 8]:
        return False  # most mentions: no relative clause right after them
    return _RESPONSIBLE.match(sentence, mention.end) is not None


# (and a military release's "troops neutralised 12 terrorists": the fighters' deaths)
_KILLED_BEFORE = re.compile(
    r"\b(?:shot\s+dead|shot\s+and\s+killed|killed|neutrali[sz]ed?)\s+$", re.IGNORECASE
)
_OF_THE = re.compile(r"\s+of\s+(?:the|those)\s+(\w+)")


def _attacker_died(sentence: Sentence, mention: Mention) -> bool:
    """Whether an attacker's mention tells his death ("the bomber also died", "the gunman was
    shot dead"), the death said of him right after him: not "the gunman in Amari's killing"."""
    if _DIED_AFTER.match(sentence.text, mention.end) is not None:
        return True
    if _responsible_one(mention, sentence.text):
        return True  # his death is the mention's own ("… was found … and died later")
    of = _OF_THE.match(sentence.text, mention.end) if mention.part else None
    if of is not None and _DIED_AFTER.match(sentence.text, of.end()) is not None:
        return True  # "Two of the attackers were killed by police"
    if _KILLED_BEFORE.search(sentence.text, max(0, mention.start - 40), mention.start):
        return True  # "Armed police shot dead the knifeman, who had injured four people"
    # "The gunman, who had wounded two officers, was killed", "A knifeman who stabbed four
    # shoppers was shot dead": his death told after a relative clause of what he did
    at = mention.end
    armed = _ARMED.match(sentence.text, at)
    if armed is not None:
        at = armed.end()  # "A gunman armed with a rifle, who shot two guards, was killed"
    clause = _WHO_CLAUSE.match(sentence.text, at)
    return clause is not None and _DIED_AFTER.match(sentence.text, clause.end()) is not None


_ARMED = re.compile(r"\s+(?:armed|wielding|carrying|wearing|dressed)\b[^,;.]{0,40}(?=,)")
_WHO_CLAUSE = re.compile(
    r",\s*(?:who|that)\b[^,;.]{1,120},|\s+(?:who|that)\s+(?:had\s+|has\s+)?[\w-]+\s+"
    r"(?:[\w'’,-]+\s+){0,8}?(?=(?:was|were|had\s+been|has\s+been)\s)"
)
_DIED_AFTER = re.compile(
    r"[\s,]*(?:killed\b|(?:[\w-]+\s+){0,3}?(?:(?:was|were|is|has\s+been|had\s+been)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:killed|shot\s+dead|pronounced\s+dead|found\s+dead)|died|dies|dead|"
    r"succumbed)\b|"
    # "The attacker was shot by police and later died in hospital"
    r"\s*(?:was|were)\s+(?:shot|wounded|injured|hurt|hit)\b[^,.;]{0,40}?\band\s+"
    r"(?:later\s+|subsequently\s+|then\s+)?(?:died|succumbed)\b)",
    re.IGNORECASE,
)


def _hedged_figure(
    figures: Sequence[Figure], metric: str, value: float, evidence: Sequence[Evidence]
) -> Figure | None:
    """The hedged figure ("over 1,150") inside a counted phrase the toll rests on ("over 1,150
    people"), of the same metric and value; not a figure the toll took as it is."""
    for f in figures:
        if f.metric != metric or f.qualifier not in ("more_than", "at_least", "approximately"):
            continue
        if (f.value if f.value is not None else f.low) != value:
            continue
        spans = [(e.start, e.end) for e in evidence]
        if (f.start, f.end) not in spans and any(a <= f.start and f.end <= b for a, b in spans):
            return f
    return None


def _told(tallies: Sequence[tuple[Sentence, _Tally]], metric: str) -> list[Evidence]:
    """Every span that told of a metric's victims: evidence for a count no one sentence gave.

    A count can rest on no span of its own: the injured as the harmed less the killed ("one
    of the five people shot has died": four, told by the dead), or a zero the largest
    tally never held ("no one was killed" after "six victims were injured"). Every entry
    keeps a span a person can check; failing its own, the dead's.
    """
    outcomes = ("killed",) if metric == "killed" else ("injured", "shot")
    return list(
        dict.fromkeys(
            _evidence(s, m) for s, t in tallies for m in t.mentions if m.outcome in outcomes
        )
    )


_STATUS_METRICS: tuple[tuple[Outcome, Metric], ...] = (
    ("missing", "missing"),
    ("detained", "detained"),
    ("hostages", "hostages"),
)


def _status_counts(
    held: Sequence[tuple[Sentence, Sequence[Mention]]],
) -> dict[str, TollCount]:
    """Missing, detained, hostages: the sentence that names the most, like a toll."""
    out: dict[str, TollCount] = {}
    for outcome, metric in _STATUS_METRICS:
        best: tuple[float, bool, list[Evidence]] | None = None
        for sentence, found in held:
            of_metric = [m for m in found if m.outcome == outcome and not m.part]
            if not of_metric:
                continue
            value = sum(m.value if m.value is not None else (m.low or 0.0) for m in of_metric)
            vague = any(m.value is None for m in of_metric)
            if best is None or value > best[0]:
                best = (value, vague, [_evidence(sentence, m) for m in of_metric])
        if best is None:
            continue
        value, vague, evidence = best
        if vague:
            out[metric] = TollCount(metric, None, value, None, "at_least", tuple(evidence))
        else:
            out[metric] = TollCount(metric, value, value, value, "exact", tuple(evidence))
    return out


def _distinct_survivors(
    mentions: Sequence[tuple[Sentence, Mention]],
) -> list[tuple[Sentence, Mention]]:
    """Single victims shot or hurt whom name, age or sex tell apart from the dead."""
    dead = [p for _, m in mentions if m.outcome == "killed" for p in m.people]
    if not dead:
        return []
    seen: list[Person] = []
    found: list[tuple[Sentence, Mention]] = []
    for sentence, m in mentions:
        if m.outcome == "killed" or m.part:
            continue
        for person in m.people:
            if not (person.names or person.age is not None or _sex(person) or _role(person)):
                continue  # "the victim was shot": nothing says it is not the one who died
            if any(_same(person, other) for other in dead + seen):
                continue
            seen.append(person)
            found.append((sentence, m))
    return found


_MALE = frozenset(
    "man boy he him himself father son husband brother uncle grandfather nephew dad "
    "boyfriend stepfather stepson gunman".split()
)
_FEMALE = frozenset(
    "woman girl she her herself mother daughter wife sister aunt grandmother niece mom "
    "girlfriend".split()
)


def _sex(person: Person) -> str | None:
    if person.head in _MALE:
        return "m"
    return "f" if person.head in _FEMALE else None


def _same(a: Person, b: Person) -> bool:
    """Whether two descriptions may be one victim: only a clear difference tells them apart."""
    if a.names & b.names:
        return True
    if a.age is not None and b.age is not None and a.age != b.age:
        return False
    if a.names and b.names:
        return False
    role_a, role_b = _role(a), _role(b)
    if role_a and role_b and role_a != role_b:
        return False  # "the driver" died, "his passenger" was hurt
    if _someones_role(a, role_a, role_b) or _someones_role(b, role_b, role_a):
        return False  # "a man died after his car hit a tree; his passenger was taken to …"
    sex_a, sex_b = _sex(a), _sex(b)
    return sex_a is None or sex_b is None or sex_a == sex_b


_POSSESSIVES = frozenset({"his", "her", "their"})


def _someones_role(person: Person, role: str | None, other_role: str | None) -> bool:
    """Whether `person` is a role held for someone ("his passenger") beside one of no role."""
    return role is not None and other_role is None and bool(person.names & _POSSESSIVES)


def _role(person: Person) -> str | None:
    return ROLE_GROUPS.get(person.head) if person.head else None


def _is_explicit_toll(figure: Figure) -> bool:
    """A stated total ("the death toll rose to 7"), not a count of other incidents."""
    if figure.role != "current":
        return False
    at = figure.sentence.find(figure.text)
    before = figure.sentence[max(0, at - 50) : max(at, 0)]
    # the 50 characters before the number first: most figures fail there, and OTHER_INCIDENT
    # (IGNORECASE, many branches) over the whole sentence costs several times more
    if _TOLL_BEFORE.search(before) and not OTHER_INCIDENT.search(figure.sentence):
        return not _revised_at(figure.sentence, at)
    if _risen_total(figure, at):
        return not _revised_at(figure.sentence, at)
    return _stated_toll(figure) == figure.metric and not _revised_at(figure.sentence, at)


# A total over time told without "toll": "the number of people who died climbed to [31]",
# "Deaths rose from four to [nine]", "the number of confirmed dead reached [20]", "Deaths
# from the earthquake surpassed [1,500]", "has been blamed for [at least 11] deaths"
_RISEN_TOTAL = re.compile(
    r"(?:\b(?:deaths|fatalities|casualties|injuries|(?:the|confirmed)\s+dead|(?:number|count|"
    r"tally)\s+of\s+[\w-]+(?:\s+[\w-]+)?|who\s+(?:died|were\s+(?:killed|hurt|injured|wounded))|"
    r"(?:people|those)\s+(?:killed|hurt|injured|wounded|dead)|number\s+(?:killed|dead|injured|"
    r"hurt|wounded)|(?:death|injury|casualty)\s+(?:count|tally|figure))\b[^.;]{0,45}?\b(?:has\s+|"
    r"have\s+|had\s+)?(?:now\s+)?(?:risen|rose|rises|climbed|climbs|reached|reaches|surpassed|"
    r"surpasses|passed|topped|tops|exceeded|exceeds|jumped|increased|grew|grown|stands|stand|"
    r"stood|(?:is|are|was)\s+now)"
    r"(?:\s+from\s+[\w,]+)?(?:\s+to|\s+at)?|\b(?:blamed\s+for|linked\s+to))\s+$"
)
_RISEN_WORDS = ("ris", "rose", "climb", "reach", "pass", "top", "exceed", "jump", "increas")
_RISEN_WORDS_MORE = ("grew", "grown", "stand", "stood", "blamed", "linked", "now")


def _risen_total(figure: Figure, at: int) -> bool:
    """Whether a current killed or injured figure closes a total's rise told without "toll"."""
    window = figure.sentence[max(0, at - 90) : max(at, 0)].lower()
    if not any(w in window for w in _RISEN_WORDS) and not any(
        w in window for w in _RISEN_WORDS_MORE
    ):
        return False  # most figures: substring tests in C spare the pattern
    return _RISEN_TOTAL.search(window) is not None and not OTHER_INCIDENT.search(figure.sentence)


def _revised_at(sentence: str, at: int) -> bool:
    """ "The toll, earlier given as 12, now stands at 10": the 12 was revised."""
    superseded = _superseded(sentence)
    if superseded is not None and superseded[0] <= at < superseded[1]:
        return True
    # "The report mistakenly gave the toll as nine deaths": a count a correction's cue
    # stands before, no revision between (the revision's own count stands)
    lowered = sentence.lower()
    if not _may_correct(lowered) or len(lowered) != len(sentence):
        return False
    cue = next((c for c in CORRECTION.finditer(lowered, 0, at) if not _label(c.group())), None)
    if cue is None:
        return False
    # "had earlier put the death toll at 15 but lowered it to 12": the 12 is the revision's
    revisions = (CORRECTED_COUNT.search(lowered, cue.end()), REVISION.search(lowered, cue.end()))
    return not any(r is not None and r.start() < at for r in revisions)


# "The death toll from the tower block fire has risen to 19", "bringing the number of dead to
# 23", "the number of people killed in the floods has risen from 12 to 18": a stated total
# farther from its number than the figure reader's window, which leaves it unlabelled (or
# labels it by "bodies" nearby)
_STATED_TOLL = re.compile(
    r"\b(?:(death|injury)\s+toll|number\s+of\s+(?:people\s+)?(dead|killed|deaths|fatalities|"
    r"injured|wounded|injuries|hurt))\b[^.;]{0,80}?\b(?:to|at|reached|hit)\s+"
    r"(?:at\s+least\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)


_STATED_TOLL_LOWER = re.compile(_STATED_TOLL.pattern)  # on lower-cased text: no IGNORECASE


def _stated_tolls(figures: Sequence[Figure]) -> list[Figure]:
    """Unlabelled figures (or "bodies") that a stated toll counts, with that toll's metric."""
    out: list[Figure] = []
    for figure in figures:
        if figure.metric in (None, "remains"):
            metric = _stated_toll(figure)
            if metric is not None:
                out.append(replace(figure, metric=metric))
    return out


def _stated_toll(figure: Figure) -> Metric | None:
    """The metric of the stated total before a current figure, if one is there.

    Exact figures only: the toll keeps a figure's value, not its qualifier, and "unchanged at
    over 1,150" read as exactly 1,150 is an increase over yesterday's "more than 1,150" (the
    Gaza demo's Regional Times, 21 November).
    """
    if figure.role != "current" or figure.qualifier != "exact":
        return None
    at = figure.sentence.find(figure.text)
    if at < 0:
        return None
    window = figure.sentence[max(0, at - 120) : at].lower()
    if "toll" not in window and "number of" not in window:
        return None  # most figures: a test in C spares the pattern
    stated = _STATED_TOLL_LOWER.search(window)
    if stated is None or OTHER_INCIDENT.search(figure.sentence):
        return None
    word = (stated.group(1) or stated.group(2)).lower()
    return "killed" if word in ("death", "dead", "killed", "deaths", "fatalities") else "injured"


def _tally(
    mentions: list[Mention], sentence: str = "", dead: frozenset[str] | None = frozenset()
) -> _Tally:
    mentions = _one_of_them_died(_dead_told_again(_told_again_definite(_retold_once(mentions))))
    if "among" in sentence:
        mentions = _among_the_harmed(mentions, sentence)
    killed = injured = shot = killed_new = harmed_new = 0.0
    group = shares = 0.0
    part = False
    vague = False
    local = len(mentions) > 1  # "one dead and three others wounded": others of this sentence
    shot_group = max((m.value or 0.0 for m in mentions if m.outcome == "shot"), default=0.0)
    mentions = _members_of_pronoun_group(mentions)
    for m in mentions:
        value = m.value if m.value is not None else (m.low or 0.0)
        vague = vague or m.value is None
        alive = (
            len(mentions) == 1
            and value == 1
            and not m.additional
            and (
                _alive(sentence)
                or (dead is not None and _alive_told(sentence, m, dead))
                or _got_away(sentence, m)
            )
        )
        if alive and m.outcome in ("injured", "shot") and not m.part:
            # "One person was taken to Harborview with gunshot wounds and is listed in serious
            # condition": alive, so not one of the dead told elsewhere
            m = replace(m, outcome="injured")
        elif len(mentions) == 1 and m.outcome == "injured" and value == 1 and not m.additional:
            # "the young girl was hurt" alone in its sentence: maybe the one who died; only
            # name, age or sex (see _distinct_survivors) tell a survivor apart
            m = replace(m, outcome="shot")
        shot_before = any(o.outcome == "shot" and o.start < m.start for o in mentions)
        if (
            m.outcome == "injured"
            and not (m.part or m.additional)
            and _bare(m)
            and 0 < value <= shot_group
        ):
            m = replace(m, part=True)  # "6 Shot, One Critically Hurt": the hurt are of the shot
        if (
            m.outcome == "killed"
            and not m.part
            and not m.additional  # "three were shot and another man was killed": beyond
            and (_bare(m) or shot_before)
            and 0 < value < shot_group
        ):
            m = replace(m, part=True)  # "Four shot, two dead": the dead are among the shot
        if m.part and m.outcome != "killed" and _share_of_the_alive(m, sentence):
            m = replace(m, part=False, outcome="injured")  # "15 rescued alive, nine of whom …"
        new = (m.additional and not local) or m.beyond
        if m.part:
            part = True
            group = max(group, m.group or 0.0)
            if m.outcome == "killed":
                killed += value
            else:
                # "Five of the freed workers are being treated": the share is hurt, whatever
                # its group (the group's count, when it is one, holds it)
                shares = max(shares, value)
            continue
        if m.outcome == "killed":
            killed += value
            killed_new += value if new else 0.0
        elif m.outcome == "injured":
            injured += value
        else:
            shot += value
        harmed_new += value if new else 0.0
    part_killed = sum(
        (m.value or 0.0)
        for m in mentions
        if m.outcome == "killed"
        and (
            m.part
            or (
                not m.additional
                and (_bare(m) or any(o.outcome == "shot" and o.start < m.start for o in mentions))
                and 0 < (m.value or 0) < shot_group
            )
        )
    )
    harmed = max(killed - part_killed + injured + shot, group, killed, shares)
    return _Tally(
        killed=killed,
        injured=injured,
        harmed=harmed,
        killed_new=killed_new,
        harmed_new=harmed_new,
        killed_part=part and part_killed > 0,
        lower_bound=vague,
        mentions=tuple(mentions),
    )


def _dead_among_the_hurt(told: Sequence[tuple[Sentence, Mention]]) -> float:
    """How many of the dead, each told by a definite description ("the driver of the
    tractor-trailer has died"), open a group of the hurt told in another sentence in the same
    words ("the driver of the tractor-trailer and two occupants of a minivan were taken to
    hospital"): the same one, later dead; not "the driver of the second car"."""
    hurt = [
        m.text.lower().split(" and ")[0]
        for _, m in told
        if m.outcome in ("injured", "shot") and (m.value or 0) > 1 and not m.part
    ]
    if not hurt:
        return 0.0
    twice = 0.0
    for sentence, m in told:
        text = m.text.lower()
        if m.outcome != "killed" or m.value != 1 or not text.startswith("the "):
            continue
        described = sentence.text[m.start : m.start + 80].lower()
        if any(h.startswith(text) and described.startswith(h) for h in hurt):
            twice += 1
    return twice


def _share_of_the_alive(mention: Mention, sentence: str) -> bool:
    """ "15 people were rescued alive, nine of whom were taken to hospital": a share of the
    rescued is hurt and alive, none of the dead told beside them."""
    if not sentence.startswith((" of whom", " of them"), mention.end):
        return False
    return _RESCUED.search(sentence[: mention.start].lower()) is not None


# right after a mention: "… were among those injured", "was among the dead"
_AMONG_THE_HARMED = re.compile(
    r"\s+(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:those|the)\s+(?:[\w-]+\s+)?"
    r"(?:injured|hurt|wounded|harmed|killed|dead|victims|casualties)\b",
    re.IGNORECASE,
)


def _among_the_harmed(mentions: list[Mention], sentence: str) -> list[Mention]:
    """ "Two students and their teacher were among those injured; in all, 14 people were
    hurt": those told as among the harmed are a share of them, not more besides the whole."""
    if len(mentions) < 2:
        return mentions  # alone, the share is the count told (at least so many)
    return [
        replace(m, part=True)
        if not m.part
        and (m.value or 0) > 0
        and _AMONG_THE_HARMED.match(sentence, m.end)
        and any(_whole_of(o, m) for o in mentions)
        else m
        for m in mentions
    ]


def _whole_of(whole: Mention, share: Mention) -> bool:
    """Whether a mention counts more of the share's outcome than the share (its whole)."""
    killed = share.outcome == "killed"
    return (
        whole is not share
        and (whole.outcome == "killed") == killed
        and not (whole.part or whole.additional)
        and (whole.value or 0) > (share.value or 0)
    )


def _told_again_definite(mentions: list[Mention]) -> list[Mention]:
    """ "the homeowner shot an intruder …; the intruder was pronounced dead": "the intruder" is
    the one "an intruder" introduced, so the shot one is the dead one, not one more hurt."""
    if len(mentions) < 2:
        return mentions
    dropped: set[int] = set()
    for m in mentions:
        head = _one_head(m)
        if head is None or not m.text.lower().startswith("the "):
            continue
        for i, o in enumerate(mentions):
            if (
                o.start < m.start
                and o.outcome in ("shot", "injured")
                and not (o.additional or o.part)
                and _one_head(o) == head
                and o.text.lower().startswith(("a ", "an "))
            ):
                dropped.add(i)
    return [m for i, m in enumerate(mentions) if i not in dropped] if dropped else mentions


def _dead_told_again(mentions: list[Mention]) -> list[Mention]:
    """ "Mi'Kenzi Bostic was shot and killed … the girl was pronounced dead": a definite
    one-person death after a named (or same-noun) one the sentence told is that person again."""
    if len(mentions) < 2:
        return mentions
    dropped: set[int] = set()
    for i, m in enumerate(mentions):
        if m.outcome != "killed" or m.additional or not m.text.lower().startswith("the "):
            continue
        head = _one_head(m)
        if head is None:
            continue
        if any(
            o.start < m.start
            and o.outcome == "killed"
            and not (o.additional or o.part)
            and _one_head(o) is not None
            and (o.people[0].names or _one_head(o) == head)
            and _same(o.people[0], m.people[0])
            for o in mentions
        ):
            dropped.add(i)
    return [m for i, m in enumerate(mentions) if i not in dropped] if dropped else mentions


def _one_of_them_died(mentions: list[Mention]) -> list[Mention]:
    """ "a man and a woman were rushed to the hospital with gunshot wounds; the man later
    died": "the man" is one of the hurt told before him, now dead, not one more victim."""
    if len(mentions) < 2:
        return mentions
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.outcome != "killed" or m.part or m.additional or not m.text.lower().startswith("the "):
            continue
        head = _one_head(m)
        if head is not None and any(
            o.start < m.start
            and o.outcome in ("shot", "injured")
            and (o.value or 0) > 1
            and any(p.head == head for p in o.people)
            for o in mentions
        ):
            out[i] = replace(m, part=True)
    return out


def _one_head(mention: Mention) -> str | None:
    """The head noun of a mention of one person ("intruder" of "an intruder")."""
    if mention.value != 1 or len(mention.people) != 1:
        return None
    return mention.people[0].head


def _retold_once(mentions: list[Mention]) -> list[Mention]:
    """ "One killed, four injured … Arizona News One killed, four injured …": a headline or
    caption glued to its story tells one group twice in one "sentence"; the same count of the
    same outcome again, with the same noun or none, is that group, not as many more.
    """
    if len(mentions) < 2:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        if (
            (m.value or 0) >= 2
            and not (m.additional or m.part)
            and any(
                o.outcome == m.outcome
                and o.value == m.value
                and not (o.additional or o.part)
                and _noun(o) in (_noun(m), None, "people")
                and _noun(m) in (_noun(o), None, "people")
                for o in out
            )
        ):
            continue
        out.append(m)
    return out


def _noun(mention: Mention) -> str | None:
    """The head noun of a counted phrase ("people" of "four people"); None for a bare count."""
    words = mention.text.split()
    return words[-1].lower() if len(words) > 1 else None


_GOT_AWAY = re.compile(
    r"\s+(?:(?:managed|was\s+able)\s+to\s+escape|escaped|survived)\b(?!\s+(?:with\s+)?"
    r"(?:injur|unhurt|unharmed|uninjured|unscathed))"
)


def _got_away(sentence: str, mention: Mention) -> bool:
    """Whether a lone victim got away before the care told of them: "A man escaped and was
    taken to hospital", "His wife managed to escape and was treated for hypothermia": a
    survivor, not one of the dead told elsewhere."""
    if "esca" not in sentence and "surviv" not in sentence:
        return False  # most sentences: a substring test in C spares the pattern
    at = _GOT_AWAY.match(sentence, mention.end)
    if at is None and sentence[mention.end : mention.end + 1] == ",":
        close = sentence.find(",", mention.end + 1)  # "His wife, who was a passenger, escaped"
        at = _GOT_AWAY.match(sentence, close + 1) if 0 < close - mention.end < 60 else None
    return at is not None


def _alive(sentence: str) -> bool:
    # the words first: most sentences hold none of them
    return (
        "condition" in sentence
        or "threatening" in sentence
        or "expected" in sentence
        or "released" in sentence
    ) and ALIVE.search(sentence) is not None


_ALIVE_TOLD_HINT = re.compile("|".join(ALIVE_TOLD_WORDS))  # one search in C, not one a word


def _alive_told(sentence: str, mention: Mention, dead: frozenset[str] = frozenset()) -> bool:
    """Whether a lone victim's sentence tells a harm one lives with ("A lorry driver was
    hospitalised with chest injuries", "his wife was taken to hospital with a broken wrist"):
    a survivor beside the dead told elsewhere. Not a pronoun or "the victim" (who may be the
    one who died), nor "the man" after "a man" died (`dead`: the dead's head nouns), nor a
    retelling ("had suffered")."""
    words = mention.text.lower().split()
    if not words or words[0] in PRONOUNS_ONE or words[-1] == "victim":
        return False
    if words[0] == "the" and words[-1] in dead:
        return False
    lowered = sentence.lower()
    if _ALIVE_TOLD_HINT.search(lowered) is None:
        return False  # most sentences: substring tests in C spare the pattern
    return ALIVE_TOLD.search(lowered) is not None and " had " not in lowered


def _members_of_pronoun_group(mentions: list[Mention]) -> list[Mention]:
    """ "A man died after he and four others were shot": the man is one of the five."""
    group = next(
        (
            m
            for m in mentions
            if m.outcome != "killed"
            and (m.value or 0) > 1
            and m.text.split()[0].lower() in ("he", "she")
        ),
        None,
    )
    if group is None:
        return mentions
    return [
        replace(m, part=True, group=group.value)
        if m.start < group.start and m.value == 1 and not m.part
        else m
        for m in mentions
    ]


def _bare(mention: Mention) -> bool:
    """A count with no noun: "two" in "Four shot, two dead"."""
    return (
        len(mention.text.split()) == 1
        and mention.value is not None
        and (mention.text[:1].isdigit() or mention.text.lower() in _COUNT_WORDS)
    )


_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten both".split())


def _named_injured(sentence: Sentence, tally: _Tally) -> list[Evidence]:
    """The spans of the mentions a tally's `injured` sums (the hurt told as hurt, not a share);
    all its harmed when those do not add up to it (a mention the tally read otherwise)."""
    hurt = [m for m in tally.mentions if m.outcome == "injured" and not m.part]
    if sum(m.value if m.value is not None else (m.low or 0.0) for m in hurt) != tally.injured:
        return _spans(sentence, tally.mentions, ("injured", "shot"))
    return [_evidence(sentence, m) for m in hurt]


def _spans(
    sentence: Sentence, mentions: Sequence[Mention], outcomes: tuple[str, ...]
) -> list[Evidence]:
    return [_evidence(sentence, m) for m in mentions if m.outcome in outcomes]


def _evidence(sentence: Sentence, mention: Mention) -> Evidence:
    start = sentence.start + mention.start
    return Evidence(start, sentence.start + mention.end, mention.text, sentence.text)


def _figure_evidence(figure: Figure) -> Evidence:
    return Evidence(figure.start, figure.end, figure.text, figure.sentence)


def _every_statement(
    spans: Sequence[Evidence],
    tallies: Sequence[tuple[Sentence, _Tally]],
    text: str,
    figures: Sequence[Figure],
    metric: str,
    value: float,
    killed: float,
    attackers: float = 0.0,
) -> list[Evidence]:
    """The evidence with every other place the article states the same count, in text order:
    a headline's "12 officers hurt" beside the body's "Twelve police officers were injured".
    Only a mention of the metric whose own count is the value; not a share, nor "another";
    the shot only where no one died (else some of them are the dead)."""
    outcomes = (
        ("killed",) if metric == "killed" else ("injured", "shot") if not killed else ("injured",)
    )
    # "8 officers hurt … Eight police officers were injured … A member of the public was also
    # taken to hospital": 9 is 8 and one more, and the 8 is stated twice
    taken = set(spans)
    besides = sum(
        m.value or 0.0
        for s, t in tallies
        for m in t.mentions
        if m.additional and m.outcome in outcomes and _evidence(s, m) in taken
    )
    # "Two people have been killed … The attacker … later died in hospital": 3 is the two,
    # wherever stated, and the attacker
    besides += attackers
    counts = {value, value - besides} if besides else {value}
    more = [
        _evidence(s, m)
        for s, t in tallies
        for m in t.mentions
        if m.outcome in outcomes
        and not (m.part or m.additional)
        and (m.value if m.value is not None else m.low) in counts
    ]
    # a headline's or lead's figure of the metric ("Two children among 3 dead"), not a
    # figure further down, which may count another incident
    more += [
        _figure_evidence(f)
        for f in figures
        if f.start < _LEAD
        and f.role == "current"
        and f.value == value
        and (f.metric == metric or (f.metric is None and _titled_harm(text, f, metric)))
    ]
    if not more:
        return list(spans)
    kept = list(spans)
    for e in more:  # a mention before a figure inside it ("Nine police officers", "Nine")
        if not any(k.start < e.end and e.start < k.end for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e.start)


# a headline's words of harm after its count: "over 80 fall ill", "12 hurt", "3 dead"
_TITLE_HARM = {
    "killed": re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:dead|die|died|dies|killed)\b", re.IGNORECASE),
    "injured": re.compile(
        r"\s+(?:[\w-]+\s+){0,2}?(?:hurt|injured|wounded|fall\s+ill|fell\s+ill|taken\s+ill|"
        r"hospitali[sz]ed|in\s+hospital)\b",
        re.IGNORECASE,
    ),
}


def _titled_harm(text: str, figure: Figure, metric: str) -> bool:
    """Whether an unlabelled figure of the title line counts the metric's harmed by the words
    right after it ("Over 80 fall ill after wedding feast")."""
    title_end = text.find("\n")
    if title_end < 0 or figure.end > title_end:
        return False
    return _TITLE_HARM[metric].match(text, figure.end, title_end) is not None


def _readable(text: str, spans: Sequence[Evidence], *, zero: bool) -> list[Evidence]:
    """Evidence an analyst can check the count by: a zero's span runs on to the words that
    say zero ("Flight QF 908" to "… escaped unhurt"), and a pronoun ("She") comes after the
    mention it stands for ("A swimmer"), which it is no evidence without."""
    out: list[Evidence] = []
    for e in spans:
        if zero:
            e = _with_zero_words(text, e)
        elif _pronoun_led(e.text):
            referent = _referent(text, e)
            if referent is not None and referent not in out:
                out.append(referent)
        if e not in out:
            out.append(e)
    return out


def _pronoun_led(span: str) -> bool:
    """Whether a span is, or opens with, a pronoun ("She", "She suffered leg injuries")."""
    words = span.lower().split(None, 1)
    if len(words) > 1:
        return words[0] in ("he", "she", "they")  # not "her husband": a possessive's noun
    return bool(words) and (words[0] in PRONOUNS_ONE or words[0] in PRONOUNS_MANY)


# after a zero's subject, in its clause: the words that say no one was harmed
_ZERO_WORDS_AFTER = re.compile(
    r"[^.;:!?\n]{0,80}?\b(?:unhurt|uninjured|unharmed|unscathed|without\s+(?:a\s+scratch|"
    r"(?:any\s+)?injur(?:y|ies)|being\s+(?:hurt|injured|harmed))|(?:escaped|avoided)\s+"
    r"injur(?:y|ies)|injur(?:ed|y|ies)|hurt|harmed|wounded|killed|dead|died|lost|deaths?|"
    r"fatalities|casualties|treatment|attention)\b",
    re.IGNORECASE,
)


def _with_zero_words(text: str, e: Evidence) -> Evidence:
    """A zero's span through the words that say zero: not "All aboard" or a flight number
    alone but "All aboard escaped unhurt", "No one was hurt"."""
    words = _ZERO_WORDS_AFTER.match(text, e.end)
    if words is None or words.end() == e.end:
        return e
    return Evidence(e.start, words.end(), text[e.start : words.end()], e.sentence)


# a person phrase's opener, and the nouns (within its next four words) that end it: one
# search for openers, then set look-ups, not an alternation of every noun tried at each opener
_ONE_OPENER = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Oo]ne)\s+")
_MANY_OPENER = re.compile(
    r"\b(?:[Tt]he|[Tt]heir|[Bb]oth|[Aa]ll|\d+|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|"
    r"[Ee]ight|[Nn]ine|[Tt]en)\s+"
)
_ONE_NOUNS = (SINGULAR_PERSONS - ATTACKERS) - {"another", "someone", "somebody"}
_MANY_NOUNS = PLURAL_PERSONS - {"others"}
_WORD = re.compile(r"[\w'’-]+")
_REFERENT_REACH = 400  # characters back: the sentence or two before a pronoun


def _referent(text: str, pronoun: Evidence) -> Evidence | None:
    """The last person phrase before a pronoun that it may stand for: "A 16-year-old friend"
    for "he", not "the woman" (she) nor "the gunman" (the attacker is no victim's referent)."""
    word = pronoun.text.split(None, 1)[0].lower()
    plural = word in PRONOUNS_MANY
    window_start = max(0, pronoun.start - _REFERENT_REACH)
    opener = _MANY_OPENER if plural else _ONE_OPENER
    nouns = _MANY_NOUNS if plural else _ONE_NOUNS
    other_sex = _FEMALE if word in ("he", "him", "himself") else _MALE
    found: tuple[int, int] | None = None
    for m in opener.finditer(text, window_start, pronoun.start):
        if found is not None and m.start() < found[1]:
            continue  # an opener inside the phrase found
        if text[max(0, m.start() - 6) : m.start()].lower().endswith((" by ", " with ")):
            continue  # "stabbed by a teenager", "with a friend": the agent or a companion
        noun = _noun_within(text, m.end(), pronoun.start, nouns)
        if noun is not None and (plural or noun[1] not in other_sex):
            found = (m.start(), noun[0])
    if found is None:
        return None
    start, end = found
    return Evidence(start, end, text[start:end], _sentence_around(text, start, end))


def _noun_within(text: str, at: int, stop: int, nouns: frozenset[str]) -> tuple[int, str] | None:
    """The end and the word of the first of `nouns` among the next four words from `at`,
    with only spaces between them: "16-year-old friend" of "A 16-year-old friend"."""
    prev = at
    for count, w in enumerate(_WORD.finditer(text, at, min(stop, at + 80))):
        if count == 4 or (w.start() > prev and not text[prev : w.start()].isspace()):
            return None
        low = w.group().lower()
        if low in nouns:
            return w.end(), low
        prev = w.end()
    return None


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (roughly: full stops and line ends) holding text[start:end], its quote."""
    line = text.rfind("\n", 0, start) + 1
    stop = text.rfind(". ", line, start)
    first = stop + 2 if stop >= 0 else line
    ends = [x for x in (text.find(". ", end), text.find("\n", end)) if x >= 0]
    last = min(ends) + 1 if ends else len(text)
    return text[first:last].strip()


def victims_only(toll: dict[str, TollCount]) -> dict[str, TollCount]:
    """The toll with the attackers who died taken out of its killed: the count of a reader
    who counts victims only. A killed count of attackers alone is then no count."""
    killed = toll.get("killed")
    if killed is None or not killed.attackers:
        return toll

    def less(x: float | None) -> float | None:
        return None if x is None else max(x - killed.attackers, 0.0)

    left = replace(
        killed,
        value=less(killed.value),
        low=less(killed.low),
        high=less(killed.high),
        attackers=0.0,
    )
    kept = bool(left.value if left.value is not None else left.low)
    return {m: left if m == "killed" else c for m, c in toll.items() if m != "killed" or kept}


def toll_to_dict(toll: dict[str, TollCount]) -> dict[str, dict[str, object]]:
    """The `extract` command's "toll" object."""
    return {
        metric: {
            "value": count.value,
            "low": count.low,
            "high": count.high,
            "qualifier": count.qualifier,
            "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in count.evidence],
            **({"attackers": count.attackers} if count.attackers else {}),
        }
        for metric, count in toll.items()
    }
