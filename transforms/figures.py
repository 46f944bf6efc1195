"""Figures: numbers that count something we track, with what, whom, where and since when.

    text ─split_sentences─▶ sentence ─sentence_quantities─▶ Quantity ─read context─▶ Figure

Only sentences holding a digit or a number word are read at all. The metric comes from the
counted noun ("200 troops") or, for counts of people, from the nearest trigger in the same
clause ("400 Palestinians ... killed"); numbers that count nothing we track keep metric None.
Every figure keeps its span and sentence so a person can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from claimwatch.transforms.lexicon import (
    CUMULATIVE_METRICS,
    DEMONYMS,
    METRIC_NOUNS,
    METRIC_TRIGGERS,
    PERIOD_EVENTS,
    PERSON_NOUNS,
    SUBJECT_SYNONYMS,
)
from claimwatch.transforms.models import Figure, Metric
from claimwatch.transforms.number_tokens import has_digit
from claimwatch.transforms.numbers import Quantity, sentence_quantities
from claimwatch.transforms.sentences import Sentence, split_sentences

_NUMBER_HINT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|"
    r"dozen|dozens|score|scores|half|quarter|none|no one|nobody)\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*[A-Za-z]|[A-Za-z]|[;:()]|—|–")
_CLAUSE_STOP = frozenset({";", ":", "—", "(", ")"})
_WINDOW = 8  # tokens either side; triggers further away belong to another clause

_PREVIOUS = re.compile(
    r"\b(?:up|down|revised|lowered|raised)\s+from(?:\s+(?:an?|the))?(?:\s+(?:earlier|previous|"
    r"initial|original|prior))?(?:\s+\w+)?(?:\s+of)?\s*$|\b(?:previous(?:ly)?|earlier|"
    r"initial(?:ly)?|original(?:ly)?)\s+(?:reported\s+|estimated\s+|stated\s+)?(?:\w+\s+)?"
    r"(?:of\s+)?$|\bcompared\s+(?:with|to)\s+$|\b(?:rose|risen|climbed|jumped|increased|grew|"
    r"went|fell|dropped)\s+from\s*$",
    re.IGNORECASE,
)
_INCREMENT_BEFORE = re.compile(
    r"\b(?:another|an\s+additional|additional|a\s+further|further)\s*$", re.IGNORECASE
)
_INCREMENT_AFTER = re.compile(r"^\s*(?:more|new|additional|further)\b", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(
    r"\b(?:total|toll|tally|count|number)\s+(?:of\s+\w+\s+)?(?:\w+\s+)?(?:to|at|of|reached|"
    r"stands\s+at|rose\s+to|climbed\s+to|risen\s+to|is|was)\s*"
    r"(?:at\s+least\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
_REMAINING = re.compile(r"\b(?:leaves|leaving|left|remaining|still\s+(?:held|in))\b", re.I)
_PERSON_METRICS = frozenset({"killed", "injured", "missing", "displaced", "detained", "hostages"})
_REMAINS_BEFORE = re.compile(r"\b(?:remains|bodies)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_TOTAL_WORDS = re.compile(
    r"\b(?:total|toll|tally|so\s+far|to\s+date|in\s+all|overall|cumulative|since)\b",
    re.IGNORECASE,
)
_SINCE_EVENT = re.compile(
    r"\bsince\s+(?:the\s+)?(?:start\s+of\s+the\s+|beginning\s+of\s+the\s+|outbreak\s+of\s+"
    r"the\s+)?(?:[A-Z][\w-]*\s+)?(ceasefire|cease-fire|truce|war|conflict|fighting|invasion|"
    r"offensive|deal|agreement|attack)\b",
    re.IGNORECASE,
)
_SINCE_DATE = re.compile(
    r"\bsince\s+(?:(\d{1,2})\s+)?(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|"
    r"June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    r"\.?(?:\s+(\d{1,2}))?\b",
    re.IGNORECASE,
)
_PAST_WINDOW = re.compile(
    r"\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(\w+\s+)?(hours?|days?|weeks?|"
    r"months?|24 hours)\b",
    re.IGNORECASE,
)
_DAY = re.compile(
    r"\b(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|overnight|"
    r"yesterday|today)\b",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b(?:in|across|throughout|from|near)\s+(?:the\s+)?((?:[A-Z][a-z]+|West Bank|Gaza Strip)"
    r"(?:\s+(?:[A-Z][a-z]+|Bank|Strip))*)"
)
_NOT_PLACES = frozenset(
    {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "The",
        "A",
        "An",
        "His",
        "Her",
        "Their",
        "Its",
    }
)
_NATIONALITY_BEFORE = re.compile(
    r"((?:U\.S\.|US|U\.K\.|UK|UN|NATO|[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)"
    r"\s+(?:has|have|had|will|would|could|may|might|is|was|says?|said|to|also|already|"
    r"plans?|pledged|offered|agreed|committed|promised|announced|sent|deployed|"
    r"contributes?|contributed|provides?|provided)\b"
)


# The case-blind patterns above run on a sentence or its parts once per figure. Each needs one
# of a few words; on ASCII text a substring test in C says whether it can match at all, so
# it runs only where it may (on other text it always runs: IGNORECASE also folds a few
# non-ASCII letters, "ſ" to "s", "K" to "k", that lower() leaves alone).
_TOTAL_BEFORE_WORDS = ("total", "toll", "tally", "count", "number")
_TOTAL_WORDS_WORDS = ("total", "toll", "tally", "far", "date", "all", "cumulative", "since")
_PREVIOUS_WORDS = ("from", "previous", "earlier", "initial", "original", "compared")
_INCREMENT_WORDS = ("another", "additional", "further")
_PAST_WORDS = ("past", "last", "previous")
_LISTING_ENDS = ("including", "them", "whom")  # _LISTING's words, at the end of the text


def _lowered(text: str) -> str | None:
    """`text` lower-cased when it is ASCII (where lower() and IGNORECASE agree), else None."""
    return text.lower() if text.isascii() else None


def _holds_any(low: str | None, words: tuple[str, ...]) -> bool:
    """Whether a pattern needing one of `words` may match the text `low` was lowered from."""
    return low is None or any(w in low for w in words)


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    return _holds_any(_lowered(text), words)


def _may_end_with(text: str, ends: tuple[str, ...]) -> bool:
    low = _lowered(text)
    return low is None or low.rstrip().endswith(ends)


@dataclass(frozen=True, slots=True)
class _Context:
    sentence: Sentence
    quantity: Quantity
    before: str  # sentence text before the number phrase
    after: str  # sentence text after it
    total_before: bool  # "bringing the total to", "the toll stands at" right before it


def candidate_sentences(text: str) -> list[Sentence]:
    """Sentences that may hold a figure: the only ones worth heavier NLP."""
    return [s for s in split_sentences(text) if _may_hold_number(s.text)]


# The hint's words are lower case: on lower-cased text it needs no IGNORECASE, which makes
# Python's matcher several times slower (this gate reads every sentence of every article).
# Split in two: a digit (no lower-casing needed), else a number word behind a lookahead on
# the words' first letters, which spares the alternation at most positions.
_HINT_WORDS = _NUMBER_HINT.pattern.removeprefix("\\d|\\b(?:").removesuffix(")\\b").split("|")
_NUMBER_WORD_LOWER = re.compile(
    rf"\b(?=[{''.join(sorted({w[0] for w in _HINT_WORDS}))}])(?:{'|'.join(_HINT_WORDS)})\b"
)
# the same on ASCII text, where \b with ASCII tables is the same edge and costs less
_NUMBER_WORD_ASCII = re.compile(_NUMBER_WORD_LOWER.pattern, re.ASCII)


def _may_hold_number(sentence: str) -> bool:
    if has_digit(sentence):
        return True
    low = sentence.lower()
    return (_NUMBER_WORD_ASCII if low.isascii() else _NUMBER_WORD_LOWER).search(low) is not None


def extract_figures(text: str) -> list[Figure]:
    """Every count or amount in `text`, with metric None for those we don't track."""
    figures: list[Figure] = []
    for sentence in candidate_sentences(text):
        figures.extend(_sentence_figures(sentence))
    return figures


def _sentence_figures(sentence: Sentence) -> list[Figure]:
    quantities = [q for q in sentence_quantities(sentence.text) if q.kind in ("count", "money")]
    out: list[Figure] = []
    for index, quantity in enumerate(quantities):
        before = sentence.text[: quantity.start]
        ctx = _Context(
            sentence=sentence,
            quantity=quantity,
            before=before,
            after=sentence.text[quantity.end :],
            # read once: a figure's metric, subject and total all ask
            total_before=_may_hold(before, _TOTAL_BEFORE_WORDS)
            and _TOTAL_BEFORE.search(before) is not None,
        )
        out.append(_figure(ctx, quantities, index, out))
    return out


def _figure(ctx: _Context, quantities: list[Quantity], index: int, earlier: list[Figure]) -> Figure:
    q = ctx.quantity
    metric, noun = _metric_and_noun(ctx, quantities, index)
    role: Role = _role(ctx)
    if metric == "hostages" and (
        _REMAINS_BEFORE.search(ctx.before)
        or re.match(r"\s*(?:more\s+)?(?:deceased|dead)\b", ctx.after, re.IGNORECASE)
    ):
        metric = "remains"  # "the remains of two deceased hostages" counts bodies
    if q.out_of is not None and (q.value == 1 or any(f.value == q.out_of for f in earlier)):
        role = "part"  # "one of the five bodies": a part of a figure already given
    same = [f for f in earlier if f.metric and (metric is None or f.metric == metric)]
    inherited = same[-1] if same else (earlier[-1] if earlier and earlier[-1].metric else None)
    total_of_earlier = ctx.total_before and inherited is not None
    if inherited and (
        total_of_earlier or (role == "previous" and metric in (None, inherited.metric))
    ):
        # "bringing the total to nine" counts what came before it; "up from an earlier
        # commitment of 200" is the same quantity's old value.
        metric = inherited.metric
        subject = _subject(ctx, metric, noun, earlier) if total_of_earlier else None
        subject = subject or inherited.subject
    else:
        subject = _subject(ctx, metric, noun, earlier) if metric else None
    if (
        metric is None
        and inherited is not None
        and inherited.role == "previous"
        and re.search(r"\bfrom\s+\S+\s+to\s*$", ctx.before)
    ):
        metric, subject = inherited.metric, inherited.subject  # "rose from 5 to 7": 7 is now
    if (
        metric is None
        and inherited is not None
        and _may_end_with(ctx.before, _LISTING_ENDS)
        and _LISTING.search(ctx.before)
    ):
        metric = inherited.metric  # "23 people, including 8 children": eight of the wounded
        subject = _subject(ctx, metric, noun, earlier)
    if (
        metric == "remains"
        and subject
        and _REMAINING.search(ctx.before[-25:] + " " + ctx.after[:40])
    ):
        subject = f"remaining {subject}"  # "leaves 17 bodies still in Gaza": not the total
    if subject is None and metric in _PERSON_METRICS and role != "previous":
        subject = "people"  # "No one was injured", "killed one person and injured two"
    cumulative = bool(
        metric in CUMULATIVE_METRICS
        and role != "increment"
        and _may_hold(ctx.sentence.text, _TOTAL_WORDS_WORDS)
        and _TOTAL_WORDS.search(ctx.sentence.text)
    )
    if metric in ("remains", "hostages") and ctx.total_before:
        cumulative = True
    start = ctx.sentence.start + q.start
    return Figure(
        text=q.text,
        value=q.value,
        low=q.low,
        high=q.high,
        qualifier=q.qualifier,
        unit=q.unit,
        metric=metric,
        subject=subject,
        start=start,
        end=ctx.sentence.start + q.end,
        sentence=ctx.sentence.text,
        place=_place(ctx) if metric else None,
        period=_figure_period(ctx.sentence.text, metric, cumulative) if metric else None,
        cumulative=cumulative,
        role=role,
        out_of=q.out_of,
    )


def _tokens(text: str, *, last: bool = False) -> list[str]:
    """The first (or, with `last`, the last) _WINDOW tokens of `text`, lower-cased: all a
    trigger search reads, so only those are folded."""
    found = _TOKEN.findall(text)
    window = found[-_WINDOW:] if last else found[:_WINDOW]
    return [t.lower().rstrip(".") if t not in ("U.S.", "U.K.") else t.lower() for t in window]


_APPOSITIVE_AGE = re.compile(
    r"\b(?:[A-Z][a-z]+|soldier|man|woman|boy|girl|son|daughter|father|mother|child|teenager|"
    r"officer|reservist|resident|journalist|doctor|nurse|driver|farmer|student)\s*,\s*$"
)


def _metric_and_noun(
    ctx: _Context, quantities: list[Quantity], index: int
) -> tuple[Metric | None, str | None]:
    """The counted noun and the metric it or its clause implies."""
    q = ctx.quantity
    if (
        q.value is not None
        and q.value < 130
        and ctx.before.rstrip().endswith(",")  # what the pattern's end needs; a C test
        and _APPOSITIVE_AGE.search(ctx.before)
        and (re.match(r"\s*,", ctx.after))
    ):
        return None, None  # "a soldier, 20, was wounded": an age in apposition, not a count
    if q.kind == "money":
        return "money", None  # "$3 billion in military aid" is an amount of money
    after_text = _until_next_quantity(ctx.after, quantities, index, ctx)
    after_tokens = _tokens(after_text)
    noun, blocked = _counted_noun(after_text)
    before_text = _since_previous_quantity(ctx.before, quantities, index, ctx)
    before_tokens = _tokens(before_text, last=True)
    if blocked:
        return None, None  # "150 rockets", "two separate incidents": counts something else
    trigger = _nearest_trigger(before_tokens, after_tokens)
    if noun is not None and noun in METRIC_NOUNS:
        metric = METRIC_NOUNS[noun]
        if metric == "troops" and trigger not in (None, "troops"):
            return trigger, noun  # "14 soldiers were wounded": a casualty count of troops
        if metric == "aid" and not re.search(
            r"\baid|humanitarian|food|relief\b", ctx.sentence.text, re.I
        ):
            return None, noun
        return metric, noun
    if trigger is None:
        return None, noun
    if trigger == "troops":
        # "contribute 5 million" is not a troop count: troops need a person noun.
        return (None, noun)
    if (
        noun is None
        and not ctx.total_before
        and trigger != "killed"
        and not re.search(r"\b(?:others?|more|people)\b", ctx.after[:20], re.I)
    ):
        return trigger, None
    return trigger, noun


_LISTING = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\s*$", re.IGNORECASE
)
# Words that may follow a number without being the thing it counts ("400 were killed").
_NOT_NOUNS = frozenset(
    """were was are is have has had been be being will would could may might did do
    and or but who whom that which in on at from to by with during since after before across
    over under into out including among per each a.m p.m""".split()
)
_MODIFIERS = frozenset(
    """deceased dead foreign international humanitarian aid civilian unarmed young elderly
    injured wounded living surviving remaining armed seriously lightly critically badly
    abducted kidnapped missing detained displaced more other additional new further some all
    of the a an""".split()
)


_NOUN_WORDS = re.compile(r"[A-Za-z][A-Za-z.'’-]*|[,;:()]")


def _counted_noun(after: str) -> tuple[str | None, bool]:
    """The head noun right after the number, and whether some other noun blocks it.

    Capitalised words and demonyms are modifiers ("17,000 Hamas fighters", "1,000 Rohingya
    refugees") unless nothing follows them ("1.9 million Gazans"); a plural noun of no
    interest right after the number ("150 rockets", "two separate incidents") means the
    number counts that, not people.
    """
    words = _NOUN_WORDS.findall(after)[:6]
    candidate: str | None = None
    for i, raw in enumerate(words):
        if raw in ",;:()":
            break
        token = raw.lower().rstrip(".") if raw not in ("U.S.", "U.K.") else raw.lower()
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        if token in METRIC_NOUNS or token in PERSON_NOUNS:
            if following in METRIC_NOUNS or following in PERSON_NOUNS:
                continue  # a compound: "Rohingya refugees", "Palestinian prisoners"
            return token, False
        if token in ("others", "other") and following not in PERSON_NOUNS:
            return "others", False
        if token in _NOT_NOUNS:
            break
        if token in _MODIFIERS:
            continue
        if token in DEMONYMS or raw[0].isupper():
            candidate = token
            continue
        if i < 2 and len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            return None, True
        break
    if candidate is not None:
        return DEMONYMS.get(candidate, candidate), False
    return None, False


def _nearest_trigger(before: list[str], after: list[str]) -> Metric | None:
    best: tuple[int, Metric] | None = None
    for distance, token in enumerate(reversed(before[-_WINDOW:])):
        if token in _CLAUSE_STOP:
            break
        if token in METRIC_TRIGGERS:
            best = (distance, METRIC_TRIGGERS[token])
            break
    for distance, token in enumerate(after[:_WINDOW]):
        if token in _CLAUSE_STOP:
            break
        if token in METRIC_TRIGGERS:
            if best is None or distance < best[0]:
                best = (distance, METRIC_TRIGGERS[token])
            break
    return best[1] if best else None


def _until_next_quantity(after: str, quantities: list[Quantity], index: int, ctx: _Context) -> str:
    if index + 1 < len(quantities):
        return after[: quantities[index + 1].start - ctx.quantity.end]
    return after


def _since_previous_quantity(
    before: str, quantities: list[Quantity], index: int, ctx: _Context
) -> str:
    if index > 0:
        return before[quantities[index - 1].end :]
    return before


Role = Literal["current", "previous", "increment", "part"]


def _role(ctx: _Context) -> Role:
    before = ctx.before[-60:]
    low = _lowered(before)
    if _holds_any(low, _PREVIOUS_WORDS) and _PREVIOUS.search(before):
        return "previous"
    if (
        _holds_any(low, _INCREMENT_WORDS) and _INCREMENT_BEFORE.search(before)
    ) or _INCREMENT_AFTER.search(ctx.after):
        return "increment"
    # "returned five bodies …, bringing the total to nine": five is what was added.
    tail = ctx.after[:120]
    if _may_hold(tail, ("bring", "brought")) and re.search(
        r"\b(?:bringing|brought|brings|bring)\s+(?:the\s+)?(?:total|toll|number)", tail, re.I
    ):
        return "increment"
    return "current"


def _subject(
    ctx: _Context, metric: Metric | None, noun: str | None, earlier: list[Figure]
) -> str | None:
    if noun in ("others", "injured", "wounded", "dead", "deaths", "fatalities", "injuries"):
        # "and 1,100 others", "1,150 injured": the group named by an earlier figure
        return next((f.subject for f in reversed(earlier) if f.subject), None)
    if metric == "remains":
        whose = re.search(
            r"\b(?:of\s+the\s+|of\s+)(?:\w+\s+){0,2}?(deceased\s+hostages|dead\s+hostages|"
            r"hostages|soldiers|victims)",
            ctx.after[:80],
            re.I,
        )
        if whose:
            return _fold_noun_phrase(whose.group(1))
        if re.search(r"\bdeceased\s+hostages\b", ctx.sentence.text, re.I):
            return "deceased hostages"
        if re.search(r"\bhostages?\b", ctx.sentence.text, re.I):
            return "deceased hostages"
        return None
    if noun is None:
        if (ctx.total_before or ctx.quantity.out_of) and earlier:
            return earlier[-1].subject
        return None
    phrase = _noun_phrase(ctx.after, noun)
    if metric == "troops" or noun in ("soldiers", "troops", "forces", "personnel"):
        nationality = _nationality(phrase) or _agent_nationality(ctx.before)
        head = SUBJECT_SYNONYMS.get(noun, noun)
        return f"{nationality} {head}" if nationality else head
    if metric in ("aid", "money") or noun in ("trucks", "lorries"):
        return _recipient(ctx)
    return _fold_noun_phrase(phrase)


_RECIPIENT = re.compile(
    r"\b(?:for|to|into|entered|reached)\s+(?:the\s+)?([A-Z][a-z]+|reconstruction|"
    r"recovery|refugees|victims)",
)


def _recipient(ctx: _Context) -> str | None:
    """Who money or aid is for: 'for Gaza', 'to Ukraine', 'for reconstruction'."""
    match = _RECIPIENT.search(ctx.after[:80])
    if match:
        return match.group(1).lower()
    agent = re.search(r"([A-Z][a-z]+)\s+(?:has\s+|have\s+)?received\s+$", ctx.before)
    return agent.group(1).lower() if agent else None


def _noun_phrase(after: str, noun: str) -> str:
    """The words from the number to the counted noun, e.g. 'deceased Israeli hostages'."""
    words = after.split()
    out = []
    for word in words[:5]:
        clean = word.strip(",.;:\"'()“”").lower()
        out.append(clean)
        if clean.rstrip(".") == noun or clean == noun:
            break
    return " ".join(
        w
        for w in out
        if w not in ("of", "the", "more", "other", "additional", "new", "further", "some")
    )


def _fold_noun_phrase(phrase: str) -> str:
    words = phrase.lower().split()
    folded = []
    for i, word in enumerate(words):
        word = word.strip(",.;:")
        if i == len(words) - 1:
            folded.append(SUBJECT_SYNONYMS.get(word, word))
        elif word in DEMONYMS or word + "." in DEMONYMS:
            folded.append(DEMONYMS.get(word, DEMONYMS.get(word + ".", word)))
        elif word in ("injured", "wounded", "unarmed", "dead"):
            continue
        else:
            folded.append(word)
    if len(folded) == 1 and folded[0] in DEMONYMS:
        return DEMONYMS[folded[0]]
    return " ".join(folded)


def _nationality(phrase: str) -> str | None:
    for word in phrase.split():
        w = word.strip(",.;:").lower()
        if w in DEMONYMS or w + "." in DEMONYMS:
            return DEMONYMS.get(w) or DEMONYMS.get(w + ".")
    return None


def _agent_nationality(before: str) -> str | None:
    """'Indonesia has offered 20,000 soldiers' → indonesian: the sentence's agent."""
    for match in reversed(list(_NATIONALITY_BEFORE.finditer(before))):
        name = match.group(1).lower()
        for candidate in (name, name.split()[-1], name.split()[0]):
            if candidate in DEMONYMS:
                demonym = DEMONYMS[candidate]
                return demonym.rstrip("s") if demonym.endswith("ians") else demonym
    return None


def _place(ctx: _Context) -> str | None:
    text = ctx.sentence.text
    best: tuple[int, str] | None = None
    for match in _PLACE.finditer(text):
        name = match.group(1)
        if name.split()[0] in _NOT_PLACES:
            continue
        distance = abs(match.start() - ctx.quantity.start)
        if best is None or distance < best[0]:
            best = (distance, name)
    return best[1].lower().replace("gaza strip", "gaza") if best else None


_EVENT_METRICS = frozenset({"killed", "injured", "missing", "displaced", "detained", "remains"})


def _figure_period(sentence: str, metric: Metric | None, cumulative: bool) -> str | None:
    period = _period(sentence)
    if (
        period is not None
        and period.startswith("on ")
        and (cumulative or metric not in _EVENT_METRICS)
    ):
        # "on Tuesday" dates an event; a total or a pledge announced that day is not about it.
        return None
    return period


def _period(sentence: str) -> str | None:
    low = _lowered(sentence)
    since = _holds_any(low, ("since",))
    event = _SINCE_EVENT.search(sentence) if since else None
    if event:
        return f"since {PERIOD_EVENTS.get(event.group(1).lower(), event.group(1).lower())}"
    date = _SINCE_DATE.search(sentence) if since else None
    if date:
        day = date.group(1) or date.group(3) or ""
        return f"since {date.group(2)[:3].lower()} {day}".strip()
    window = _PAST_WINDOW.search(sentence) if _holds_any(low, _PAST_WORDS) else None
    if window:
        size = (window.group(1) or "").strip().lower()
        return f"past {size} {window.group(2).lower()}".replace("  ", " ")
    # every word of _DAY ends in "day" but "overnight"
    day = _DAY.search(sentence) if _holds_any(low, ("day", "overnight")) else None
    if day:
        return f"on {day.group(1).lower()}"
    return None


def figure_fingerprint(figures: list[Figure]) -> tuple[str, ...]:
    """The tracked figures a text states, for telling a copy from an update of a story."""
    return tuple(
        sorted({f"{f.metric}:{f.value}:{f.low}:{f.high}" for f in figures if f.metric is not None})
    )
