"""Words that tell what a number counts, and the canonical forms subjects fold into.

Kept as plain data so tests can read it and a reviewer can extend it in one place.
"""

from __future__ import annotations

from claimwatch.transforms.models import Metric

# A noun right after the number that decides the metric by itself ("200 troops").
METRIC_NOUNS: dict[str, Metric] = {
    **dict.fromkeys(
        """troops soldiers forces peacekeepers personnel servicemen servicemembers marines
            paratroopers reservists""".split(),
        "troops",
    ),
    **dict.fromkeys(["bodies", "body", "remains", "corpses", "coffins"], "remains"),
    **dict.fromkeys(["hostages", "hostage", "captives", "captive", "abductees"], "hostages"),
    **dict.fromkeys(["refugees", "evacuees"], "displaced"),
    **dict.fromkeys(["detainees", "prisoners", "arrests"], "detained"),
    **dict.fromkeys(["deaths", "dead", "fatalities", "killings"], "killed"),
    **dict.fromkeys(["injuries", "wounded", "injured"], "injured"),
    **dict.fromkeys(["trucks", "lorries", "convoys", "pallets", "parcels"], "aid"),
}

# Words in the clause that decide the metric for a person count ("400 people were killed").
METRIC_TRIGGERS: dict[str, Metric] = {
    **dict.fromkeys(
        """killed kill kills killing died dead death deaths die dies toll slain massacred
            executed perished fatalities lives drowned""".split(),
        "killed",
    ),
    **dict.fromkeys(["injured", "injuring", "wounded", "wounding", "hurt", "injuries"], "injured"),
    **dict.fromkeys(["missing", "unaccounted", "disappeared"], "missing"),
    **dict.fromkeys(
        [
            "displaced",
            "fled",
            "flee",
            "uprooted",
            "homeless",
            "evacuated",
            "displacement",
            "shelter",
            "crossed",
        ],
        "displaced",
    ),
    **dict.fromkeys(
        """detained arrested jailed imprisoned detaining arresting rounded custody""".split(),
        "detained",
    ),
    **dict.fromkeys(
        ["hostage", "hostages", "abducted", "kidnapped", "captivity", "captive", "seized"],
        "hostages",
    ),
    **dict.fromkeys(
        ["deploy", "deployed", "deploying", "contribute", "contributed", "pledged"], "troops"
    ),
}

# A count of these is a count of people: only a trigger says what happened to them.
PERSON_NOUNS = frozenset(
    """people person persons individuals suspects rioters gunmen attackers assailants
        civilians children kids women men adults infants babies
        residents villagers migrants refugees soldiers others palestinians israelis
        ukrainians russians sudanese syrians lebanese iraqis afghans yemenis americans
        protesters demonstrators journalists workers medics doctors
        nurses patients students fighters militants combatants members officers police
        policemen officials staff passengers miners pilgrims worshippers hostages detainees
        prisoners victims survivors citizens nationals inhabitants family families farmers
        fishermen teenagers boys girls rohingya kurds""".split()
)

# Subject nouns folded to one form.
SUBJECT_SYNONYMS: dict[str, str] = {
    "soldiers": "troops",
    "forces": "troops",
    "personnel": "troops",
    "servicemen": "troops",
    "servicemembers": "troops",
    "peacekeepers": "troops",
    "persons": "people",
    "individuals": "people",
    "kids": "children",
    "captives": "hostages",
    "abductees": "hostages",
    "bodies": "remains",
    "corpses": "remains",
    "policemen": "police",
    "demonstrators": "protesters",
}

# Nationality adjectives and country names folded to one demonym ("U.S." → "us").
DEMONYMS: dict[str, str] = {
    "u.s.": "us",
    "us": "us",
    "united states": "us",
    "american": "us",
    "americans": "us",
    "america": "us",
    "washington": "us",
    "u.s": "us",
    "israel": "israeli",
    "israeli": "israeli",
    "israelis": "israelis",
    "palestinian": "palestinian",
    "palestinians": "palestinians",
    "palestine": "palestinian",
    "ukraine": "ukrainian",
    "ukrainian": "ukrainian",
    "ukrainians": "ukrainians",
    "russia": "russian",
    "russian": "russian",
    "russians": "russians",
    "moscow": "russian",
    "indonesia": "indonesian",
    "indonesian": "indonesian",
    "jakarta": "indonesian",
    "pakistan": "pakistani",
    "pakistani": "pakistani",
    "egypt": "egyptian",
    "egyptian": "egyptian",
    "turkey": "turkish",
    "turkish": "turkish",
    "türkiye": "turkish",
    "azerbaijan": "azerbaijani",
    "azerbaijani": "azerbaijani",
    "italy": "italian",
    "italian": "italian",
    "france": "french",
    "french": "french",
    "germany": "german",
    "german": "german",
    "britain": "british",
    "british": "british",
    "uk": "british",
    "u.k.": "british",
    "united kingdom": "british",
    "qatar": "qatari",
    "qatari": "qatari",
    "jordan": "jordanian",
    "jordanian": "jordanian",
    "lebanon": "lebanese",
    "lebanese": "lebanese",
    "syria": "syrian",
    "syrian": "syrian",
    "syrians": "syrians",
    "sudan": "sudanese",
    "sudanese": "sudanese",
    "china": "chinese",
    "chinese": "chinese",
    "india": "indian",
    "indian": "indian",
    "iran": "iranian",
    "iranian": "iranian",
    "iraq": "iraqi",
    "iraqi": "iraqi",
    "yemen": "yemeni",
    "yemeni": "yemeni",
    "bangladesh": "bangladeshi",
    "bangladeshi": "bangladeshi",
    "canada": "canadian",
    "canadian": "canadian",
    "japan": "japanese",
    "japanese": "japanese",
    "nato": "nato",
    "un": "un",
    "u.n.": "un",
    "united nations": "un",
    "gaza": "gazan",
    "gazan": "gazan",
    "gazans": "gazans",
}

# Generic groups whose count means nothing without a place ("12 people" where?).
GENERIC_SUBJECTS = frozenset(
    """people civilians children women men residents migrants others victims""".split()
)

# Period phrases folded to one form; keys must match across wordings.
PERIOD_EVENTS: dict[str, str] = {
    "ceasefire": "ceasefire",
    "truce": "ceasefire",
    "cease-fire": "ceasefire",
    "war": "war",
    "conflict": "war",
    "fighting": "war",
    "invasion": "war",
    "offensive": "offensive",
    "deal": "deal",
    "agreement": "deal",
    "attack": "attack",
}

CUMULATIVE_METRICS = frozenset({"killed", "injured", "displaced", "detained", "remains"})
