"""The facts in an article that tell one event from another: people's names and regions.

    lead text ─runs of capitalised words─▶ person names ("benetria robinson"), minus officials
              ─datelines and state names─▶ regions ("FL", "WA")

Two shootings in one town share its name, its streets, its hospital and its police chief;
two reports of one shooting share the victim's or the suspect's name. Months later (charges,
a trial, a sentence) that name is often all they still share with the first report. A named
official ("Police Chief Hassan Aden") recurs across events, so a name right after a title is
left out. Regions are the other way round: two local reports placed in different states
("Quincy, Ill." and "Quincy, Washington") are two events, whatever else they share.
Pure; regular expressions only.
"""

from __future__ import annotations

import re

MAX_PEOPLE = 12  # the victims, suspects and relatives a report names in its lead

# Words after which a capitalised pair is an official's name, not a party to the event.
TITLES = frozenset(
    """chief sheriff officer officers deputy lt lieutenant sgt sergeant capt captain det detective
    mayor judge prosecutor prosecutors attorney spokesman spokeswoman spokesperson director
    commissioner gov governor sen senator rep representative president superintendent coroner
    trooper cpl corporal agent marshal sheriffs reporter
    correspondent anchor producer photographer editor minister secretary ambassador general
    spokesmen pastor reverend rev father""".split()
)
# A capitalised word that is a place, an institution or a sentence opener, not half a name.
NOT_NAMES = frozenset(
    """the a an and but or of in on at to for from by with after before when while this that
    these those his her their its our my he she they we it there here as if no yes not
    county city town township village street st avenue ave road rd boulevard blvd drive lane
    way court place parkway highway hwy heights park hills hill center centre hospital medical
    office department university college school academy church club bar lounge stoppers news
    times post tribune press star herald journal gazette sun daily festival fest mall station
    square beach lake river island north south east west northeast northwest southeast
    southwest sheriff patrol jail prison house apartments apartment bridge field creek springs
    falls ridge point mount fort saint san santa los las el la de new united states america
    national state federal district circuit superior supreme regional memorial community
    health services service safety public fire rescue crime unit team task force bureau
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december christmas thanksgiving easter
    facebook twitter instagram youtube associated ap reuters cnn abc nbc cbs fox police children
    high middle elementary crimes assault homicide murder union room section felony division
    dispatch mail aggravated reckless violent""".split()
)
_CAP_RUN = re.compile(
    r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)+"
)
_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
# The word before a run, if in the same sentence ("Lt. Ryan Robbins", not "died. Ryan Robbins").
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)(\.?)\s*$")
_ABBREVIATED_TITLES = frozenset("lt sgt capt det gov sen rep cpl rev".split())
PLACE_BEFORE = frozenset("in at near into outside inside across toward towards through".split())
# "Cedar Rapids police", "Quincy, Washington": a place, by what follows it.
_PLACE_AFTER = re.compile(
    r"(?:\s+(?:police|officers|county|residents?|man|woman|men|women|area|neighborhood|"
    r"officials|firefighters|detectives|schools?|mayor|city)\b)"
)

# US states by AP abbreviation and by name (two-word names by their distinctive word). Local
# news places itself with them ("OCALA, Fla. --", "Quincy, Washington").
_STATES = {
    "AL": "Ala Alabama",
    "AK": "Alaska",
    "AZ": "Ariz Arizona",
    "AR": "Ark Arkansas",
    "CA": "Calif California",
    "CO": "Colo Colorado",
    "CT": "Conn Connecticut",
    "DE": "Del Delaware",
    "FL": "Fla Florida",
    "GA": "Ga Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Ill Illinois",
    "IN": "Ind Indiana",
    "IA": "Iowa",
    "KS": "Kan Kans Kansas",
    "KY": "Ky Kentucky",
    "LA": "La Louisiana",
    "ME": "Maine",
    "MD": "Md Maryland",
    "MA": "Mass Massachusetts",
    "MI": "Mich Michigan",
    "MN": "Minn Minnesota",
    "MS": "Miss Mississippi",
    "MO": "Mo Missouri",
    "MT": "Mont Montana",
    "NE": "Neb Nebraska",
    "NV": "Nev Nevada",
    "NM": "N.M",
    "NY": "N.Y",
    "NC": "N.C",
    "ND": "N.D",
    "OH": "Ohio",
    "OK": "Okla Oklahoma",
    "OR": "Ore Oregon",
    "PA": "Pa Pennsylvania",
    "RI": "R.I",
    "SC": "S.C",
    "SD": "S.D",
    "TN": "Tenn Tennessee",
    "TX": "Tex Texas",
    "UT": "Utah",
    "VT": "Vt Vermont",
    "WA": "Wash Washington",
    "WI": "Wis Wisconsin",
    "WY": "Wyo Wyoming",
}
_STATE_OF = {form: code for code, forms in _STATES.items() for form in forms.split()}
# "Ocala, Fla." / "Quincy, Washington": a state right after a comma, as a place's qualifier.
_ABBREVIATIONS = sorted(
    (f for f in _STATE_OF if len(f) <= 4 and f not in ("Iowa", "Ohio", "Utah")),
    key=len,
    reverse=True,
)
_NAMES = sorted((f for f in _STATE_OF if f not in _ABBREVIATIONS), key=len, reverse=True)
_STATE_AFTER_COMMA = re.compile(
    r",\s+(?:("
    + "|".join(re.escape(f) for f in _ABBREVIATIONS)
    + r")\.|("
    + "|".join(re.escape(f) for f in _NAMES)
    + r")\b)"
)
REGION_WORDS = frozenset(f.lower() for f in _STATE_OF if "." not in f)


def people(text: str) -> tuple[str, ...]:
    """Person-like names in the text ("first last", lower case), officials left out.

    A run of capitalised words is cut at place and institution words; a part right before
    one ("Ben Taub Hospital", "Cedar Rapids Police"), after a title ("Chief Hassan Aden") or
    after "in"/"at" ("in Cedar Rapids") names no party to the event.
    """
    found: list[str] = []
    for match in _CAP_RUN.finditer(text):
        words = _WORD.findall(match.group())
        before = _PREVIOUS_WORD.search(text[max(0, match.start() - 24) : match.start()])
        previous = before.group(1).lower() if before else ""
        official = previous in (_ABBREVIATED_TITLES if before and before.group(2) else TITLES)
        place = previous in PLACE_BEFORE or bool(
            _PLACE_AFTER.match(text, match.end()) or _STATE_AFTER_COMMA.match(text, match.end())
        )
        segment: list[str] = []
        for word in [*words, ""]:
            lower = word.lower()
            if word and not _excluded(lower):
                segment.append(lower)
                continue
            # The end of the run, not a place word, closes a name.
            if len(segment) >= 2 and not official and not word and not place:
                name = f"{segment[0]} {segment[-1]}"
                if name not in found:
                    found.append(name)
            official, place = lower in TITLES, False
            segment = []
        if len(found) >= MAX_PEOPLE:
            break
    return tuple(sorted(found[:MAX_PEOPLE]))


def _excluded(word: str) -> bool:
    return (
        word in NOT_NAMES
        or word in TITLES
        or word in REGION_WORDS
        or any(part in NOT_NAMES for part in word.split("-"))
    )


def regions(text: str) -> tuple[str, ...]:
    """US states the text places something in ("…, Fla.", "…, Washington"), as codes."""
    return tuple(
        sorted({_STATE_OF[m.group(1) or m.group(2)] for m in _STATE_AFTER_COMMA.finditer(text)})
    )
