"""Words for counted casualty mentions: who was hurt, how they are counted, what happened.

Data only, read by transforms/mentions.py. Kept apart from lexicon.py because these tables
describe single victims ("a man", "her son"), not the counted nouns of figure sentences.
"""

from __future__ import annotations

import re

# One person each: "a man", "the driver", "her son", "a 19-year-old".
SINGULAR_PERSONS = (
    frozenset(
        """man woman boy girl teen teenager child kid toddler baby infant person victim driver
    passenger officer deputy trooper agent guard clerk cashier employee worker son daughter
    mother father mom dad wife husband girlfriend boyfriend brother sister grandmother
    grandfather grandson granddaughter uncle aunt nephew niece cousin friend neighbor neighbour
    resident student suspect gunman shooter robber homeowner owner customer bystander pedestrian
    motorist rider cyclist security teacher pastor relative roommate fiance fiancee partner
    male female juvenile adult individual someone somebody another sixth fifth fourth third
    second youth senior veteran sergeant lieutenant detective patron doorman bouncer
    bartender manager attendant mail carrier cabbie taxi intruder burglar stranger
    acquaintance classmate coworker co-worker boss mechanic soldier firefighter paramedic
    nurse doctor landlord tenant mom dad stepfather stepson stepdaughter housemate spouse
    grandchild stepmother godson goddaughter hiker climber fisherman sailor migrant journalist
    miner tourist civilian""".split()
    )
    | frozenset(
        # victims of harms beyond shootings: crashes, fires, drownings, attacks by animals
        """pilot co-pilot motorcyclist guest pensioner granny grandma grandpa mum pupil occupant
    commuter swimmer diver skier survivor spectator villager worshipper shopper protester
    demonstrator thief bandit""".split()
    )
    | frozenset(
        # who other outlets' disasters and accidents befall: labourers, devotees, farmers
        """labourer laborer devotee pilgrim farmer member mourner reveller trader vendor herder
    backpacker holidaymaker jogger walker rambler camper trekker kayaker surfer angler
    passer-by refugee""".split()
    )
    | frozenset(
        # one of the counted plurals of COUNTED_PERSONS and PERSON_ENDINGS, told alone: "killed
        # a policeman", "A courier was stabbed", "an inmate died"
        """policeman policewoman fireman serviceman courier chef waiter waitress porter steward
    stewardess imam priest monk nun inmate prisoner detainee convict schoolboy schoolgirl
    newborn carer nanny patient colleague shopkeeper postman builder plumber electrician
    engineer technician contractor constable conductor lifeguard watchman guardsman
    medic cadet recruit delegate twin""".split()
    )
)
PLURAL_PERSONS = (
    frozenset(
        """men women boys girls teens teenagers children kids toddlers babies people persons
    victims drivers passengers officers deputies troopers agents guards employees workers sons
    daughters brothers sisters residents students suspects friends neighbors neighbours
    bystanders adults juveniles males females individuals others customers patrons relatives
    siblings parents cousins family members youths worshippers shoppers grandchildren
    roommates housemates hikers climbers fishermen sailors migrants soldiers journalists
    miners tourists civilians""".split()
    )
    | frozenset(
        """pilots motorcyclists cyclists pedestrians motorists guests pensioners pupils occupants
    commuters swimmers divers skiers survivors spectators villagers protesters demonstrators
    fans firefighters paramedics nurses doctors crewmen""".split()
    )
    | frozenset(
        """labourers laborers devotees pilgrims farmers mourners revellers traders vendors herders
    backpackers holidaymakers joggers walkers ramblers campers trekkers kayakers surfers anglers
    passers-by refugees""".split()
    )
    # people told by their country, as agencies and translated copy count them: "2 citizens
    # lost their lives", "Two Asian expatriates drowned", "three Indian nationals were hurt"
    | frozenset("citizens nationals expatriates expats".split())
    # who a mob or an army's release names: "a suspected thief was beaten to death", "troops
    # neutralised 12 bandits"
    | frozenset("thieves bandits".split())
)
PAIRS = frozenset({"couple", "pair", "parents"})  # "a couple", "her parents": two people
PAIRS |= frozenset({"twins"})  # "the twins" ("Twin brothers": mentions.py; "a twin": one)
PRONOUNS_ONE = frozenset({"he", "she", "him", "her", "himself", "herself"})
PRONOUNS_MANY = frozenset({"they", "them", "themselves"})
# Words that may sit inside a person noun phrase without ending it.
NP_WORDS = frozenset(
    """a an the his her their its my our your this that these those one two three four five
    six seven eight nine ten eleven twelve both all other another several few more than at
    least unidentified unknown young old elderly teenage pregnant off-duty on-duty local
    critically seriously fatally also each two-year-old innocent unarmed armed alleged
    possible second third fourth fifth sixth same""".split()
)
# Words that end a noun phrase scanned backwards from its verb.
NP_STOPS = frozenset(
    """said says say told tell according when after while as before because since until if
    where which who whom whose that but or so then than police authorities officials
    investigators reported reports report found find finds believe believed say say
    in on at near by from to into onto inside outside behind during for with without over
    under across through around about of is was were are be been being has have had
    is was will would could should may might must do did does not whether if left leaving
    leaves confirmed announced stated added noted explained identified charged arrested
    times rounds shots bullets monday tuesday wednesday thursday friday saturday sunday
    morning afternoon evening night tonight today yesterday overnight""".split()
) | frozenset({"discovered", "located"})  # "Officers discovered [three deceased individuals]"
# Words NP_STOPS ends a phrase at that are a hedge before a number: "[over 1,000] were
# injured", "injuring [around 30]".
HEDGE_STOPS = frozenset({"over", "about", "around"})
BE_WORDS = frozenset(
    {"was", "were", "is", "are", "been", "being", "be", "got", "get", "gets", "remains"}
) | frozenset({"remain", "remained"})  # "Three people remain in critical condition"
NEGATIONS = frozenset({"not", "never", "no", "n't", "nobody", "none"})
ZERO_WORDS = frozenset({"nobody", "none"})

# Outcome of a trigger word, by itself. "shot" alone is "shot": injured unless death is said.
KILLED_WORDS = frozenset(
    """killed kills kill killing dead died dies dying slain murdered fatally deceased
    succumbed""".split()
) | frozenset({"drowned", "die"})  # "two brothers drowned", "Dad and two kids die"
KILLED_WORDS |= frozenset({"perished", "drowns"})  # "climbers perished", "Boy, 11, drowns"
KILLED_WORDS |= frozenset({"drowning"})  # "The boat capsized, drowning [eleven migrants]"
# a headline's present: "Two expats drown in wadi" (not "could drown": mentions.py)
KILLED_WORDS |= frozenset({"drown"})
KILLED_WORDS |= frozenset({"martyred"})  # South Asian outlets: "[two policemen] were martyred"
# A death told as lives lost or taken: "[seven labourers] lost their lives", "claimed the lives
# of [48 people]", "has claimed [15] lives" (read at the word "lives" or "life").
LIFE_WORDS = frozenset({"lives", "life"})
# Zeros other outlets state (on the lower-cased sentence): "no lives have been lost", "no
# deaths were reported" (no one killed); "there were no casualties" (neither killed nor hurt);
# "Both pilots walked away unhurt" (no one hurt: its subject is the evidence).
NO_DEATHS = re.compile(
    r"\b(no\s+li(?:ves|fe))\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+lost\b|"
    r"\b(no\s+deaths)\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?"
    r"(?:reported|recorded|linked\s+to)\b|"
    r"\bthere\s+were\s+(no\s+deaths)\b"
)
NO_CASUALTIES = re.compile(r"\b(no\s+casualties)\b(?!\s+(?:among|from|on)\b)")
UNHURT_WORDS = frozenset({"unhurt", "uninjured", "unharmed", "unscathed"})
UNHURT_BEFORE = frozenset(
    """walked away escaped emerged was were is are remained remain appeared apparently
    reportedly""".split()
)
# The dead told as bodies found: "the bodies of [four people] were also recovered", "rescuers
# have recovered the bodies of [11 miners]"; bodies returned or exchanged are no such count.
BODY_WORDS = frozenset({"bodies", "body"})
FOUND_VERBS = frozenset({"recovered", "found", "discovered", "pulled", "retrieved"})
# The hurt told by care or sickness: "[18 people] are undergoing treatment", "[a third] is
# fighting for life", "[more than a hundred students] fell ill" (read at the last word).
CARE_WORDS = frozenset({"treatment", "ill"})
CARE_BEFORE = frozenset({"undergoing", "receiving", "fell", "falling", "fallen"})
LOSE_LIFE_VERBS = frozenset({"lost", "lose", "loses", "losing"})
TAKE_LIFE_VERBS = frozenset(
    {"claimed", "claim", "claims", "claiming", "took", "take", "takes", "taking", "cost"}
)
INJURED_WORDS = frozenset(
    """injured injures injuring wounded wounding hurt hospitalized hospitalised grazed""".split()
) | frozenset({"mauled"})  # by a dog: hurt, unless "mauled to death"
INJURED_WORDS |= frozenset({"bitten"})  # "a postman was bitten by a dog": hurt (round 18)
SHOT_WORDS = frozenset({"shot", "shooting", "shoots", "struck", "hit"})
# A knife's harm reads like a gun's: outcome unstated unless "stabbed to death" or "and killed".
STAB_WORDS = frozenset({"stabbed", "stabs", "knifed"})
# Roles on a road or in the air that one person holds at a time: "the driver" died and "his
# passenger" was hurt are two people, where "the man" and "the driver" may be one.
ROLE_GROUPS: dict[str, str] = {
    **dict.fromkeys(("driver", "motorist", "motorcyclist", "trucker"), "driver"),
    **dict.fromkeys(("passenger", "occupant"), "passenger"),
    "pilot": "pilot",
    "pedestrian": "pedestrian",
    "cyclist": "cyclist",
}
# Who treats or sends victims names them as its object: "treated 17 people", "sent a man to
# the hospital".
CARE_VERBS = frozenset({"treated", "sent", "sends", "sending"}) | frozenset(
    {"put", "puts", "putting"}  # "a home invasion that put three women into the hospital"
)
# "paramedics transported three patients to Perth Royal Infirmary"
CARE_VERBS |= frozenset({"transported"})
# Harm words that say a death only with "to death" after them: "beaten to death".
TO_DEATH_WORDS = (
    frozenset(
        """beaten mauled savaged crushed burned burnt trampled hacked bludgeoned clubbed kicked
    strangled""".split()
    )
    | frozenset(
        # a headline's present: "Elephant tramples herder to death", "Dogs maul boy to death"
        """tramples maul mauls crushes beats""".split()
    )
    | frozenset(
        # other harms told "to death": "Three members of one family were charred to death"
        """charred scalded stoned starved frozen bled choked suffocated smothered gored
    electrocuted battered stamped froze""".split()
    )
)
# Active verbs whose object is the victim ("killed a man", "wounding two").
ACTIVE_VERBS = (
    frozenset(
        """killed kills kill killing shot shoots shooting wounded wounding injured injuring
    struck hit murdered gunned hitting striking hits injures stabbed stabs knifed""".split()
    )
    | frozenset({"drowning"})
    | frozenset({"mauled"})
)  # "a dog mauled [a toddler]": hurt

# A sentence about other incidents: a year's statistics, earlier cases, court history (a
# season's sum too: "This monsoon, floods have claimed 87 lives across the country").
OTHER_INCIDENT = re.compile(
    # "every/each/per year": a rate, not an incident ("kill thousands of people every year"),
    # kept in this branch: a branch of its own costs the scan a try at every word
    r"\b(?:so\s+far\s+this|this|last|past|the\s+previous|every|each|per)\s+(?:year|month|"
    r"decade|monsoon|(?:rainy|wet|flood|hurricane|typhoon|cyclone|storm|wildfire|bushfire|"
    r"monsoon)\s+season)\b|"
    r"\b(?:past|last)\s+(?:\w+\s+)?(?:weeks|months|years)\b|"
    r"\bsince\s+(?:january|february|march|april|the\s+start|the\s+beginning|\d{4})\b|"
    r"\b(?:in|during|of)\s+(?:(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\s+)?(?:19|20)\d\d\b|\byears?\s+ago\b|\bmonths?\s+ago\b|"
    # "A year and a half ago 12-year-old Genesis Rincon was killed"
    r"\band\s+a\s+half\s+ago\b|"
    r"\b\d+(?:st|nd|rd|th)\s+(?:homicide|murder|killing|shooting)|"
    r"\bhomicides?\s+(?:this|so\s+far|of\s+the)\b|\bin\s+a\s+(?:separate|similar|"
    r"unrelated)\b|\b(?:separate|unrelated|similar|previous|earlier)\s+(?:shooting|"
    r"incident|attack|case)s?\b|\b(?:convicted|sentenced|pleaded|acquitted)\b|"
    r"\bmass\s+shootings?\s+(?:in|across)\b|\bgun\s+violence\s+(?:archive|statistics)\b|"
    r"\b(?:in|during)\s+another\s+(?:shooting|incident|attack)\b|"
    r"\bshootings\s+(?:across|around|throughout)\b|\bacross\s+the\s+(?:city|county|state)\b|"
    r"\bover\s+an?\s+[\w-]+\s+(?:stretch|span)\b|"
    # a roundup's sum: "6 wounded in Chicago shootings", "2 dead, 4 hurt in 3 shootings"
    r"\b(?:in|during)\s+(?:[\w.-]+\s+){0,3}?(?:shootings|incidents)\b|"
    r"\bviolent\s+(?:night|weekend|day|24\s+hours)\b|"
    # a court's sentence for a death of another date: "jailed for six years" (and above, a month
    # before the year: "in March 2024")
    r"\bjailed\s+for\s+(?:life|(?:[\w-]+\s+){1,2}?(?:years?|months?|weeks?))\b|"
    # a season's sum or a rate: "31 people have been killed in the region over the summer",
    # "On average, 12 people are shot in the city every week"
    r"\b(?:over|throughout)\s+the\s+(?:summer|winter|spring|autumn)\b|\bon\s+average\b|"
    r"\b(?:every|each|per)\s+(?:week|day)\b|"
    # a war's or a campaign's running sum: "bringing the army's death toll in the ground
    # operation to 380" counts every incident of it, not this one
    r"\btoll\s+(?:in|of|from|during|since)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:war|operation|"
    r"offensive|campaign|conflict|invasion)\b|"
    # a correction's superseded figure: "An earlier version of this story said four people
    # were killed", "incorrectly reported that five were hurt"
    r"\b(?:earlier|previous|prior)\s+version\b|\bincorrectly\s+(?:said|stated|reported|"
    r"gave|put)\b|\bmis(?:stated|reported)\b|"
    # a running count over days: "the fifth person slain in the neighborhood in two weeks"
    r"\bin\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days|weeks|months)\b|"
    # a war's sum, or a month's a year back: "More than 43,000 Palestinians have been killed
    # since the war began", "Last July alone, three minors were shot"
    r"\bsince\s+the\s+(?:war|conflict|fighting|invasion|offensive|uprising|ceasefire|truce)\s+"
    r"(?:began|started|broke|erupted|collapsed|ended)\b|"
    # an explainer's sum over a kind of incident or some years: "At least 96 people died in
    # such collapses over the two years"
    r"\bin\s+such\s+[\w-]+s\b|\bover\s+the\s+(?:two|three|four|five|six|ten|\d+)\s+(?:years|"
    r"decades)\b|\blast\s+(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b",
    re.IGNORECASE,
)
# The characters OTHER_INCIDENT's branches start with (a digit stands for \d): the toll's
# sentence check may skip every other position (tests/transforms/test_toll_round5.py keeps
# the two in step).
OTHER_INCIDENT_FIRST = frozenset("acdeghilmopstuvy0123456789") | frozenset("j")
# Lives lost or taken, and a fight for life, as phrases (after their first letter "l"): "lost
# their lives", "the lives of", "claimed 15 lives", "fighting for his life".
LIFE_PHRASE = (
    r"ost\s+(?:their|his|her)\s+li(?:ves|fe)|ives\s+of|ives(?<=no\slives)|ife(?<=no\slife)|"
    r"i(?:fe|ves)(?:(?<=fighting\sfor\slife)|(?<=fighting\sfor\shis\slife)|"
    r"(?<=fighting\sfor\sher\slife)|(?<=fighting\sfor\stheir\slives))"
)
# "claimed 15 lives", "has claimed at least 15 lives" (after the first letter "c")
CLAIMED_LIVES = r"laim(?:ed|s|ing)\s+(?:(?:at\s+least|more\s+than|about|some)\s+)?[\w,]+\s+lives"
# A word that says a sentence may name a casualty at all: the cheap gate before any reading.
# The branches are grouped by first letter (order kept within a letter, and branches of two
# letters never match at one position), so a failing position tries one branch, not thirty.
CASUALTY_HINT = re.compile(
    r"\b(?:s(?:hot|hoots|hooting\s+(?:of|his|her|their|an?|the|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|several|multiple|\d)|lain|truck|triking|uccumbed|"
    r"urvive|urvived(?=\s+with\b)|econd\s+body|tabbed|tabs|avaged|"
    # "after stabbing two people", "accused of stabbing his wife" (not "a stabbing")
    r"tabbing\s+(?:his|her|their|an?|the|one|two|three|four|five|six|seven|eight|nine|ten|\d)|"
    # an injury named after its verb: "suffered a broken leg", "sustained cuts and bruises"
    r"u(?:ffer(?:ed|ing|s)|stain(?:ed|ing))\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:broken|fractured|"
    r"cuts\s+and|cuts(?<=minor\scuts)|bruis|smoke|concussion|lacerations|whiplash))|"
    r"d(?:ouble\s+(?:shooting|murder|homicide|killing)|ead|ied|ies|ying|eath\s+of|eaths\s+of|rowned|rowning|ie|"
    # the released wording of a death: "One victim was pronounced deceased at the scene",
    # "Officers discovered three deceased individuals" (not "finding his mother deceased")
    r"eceased(?:(?<=pronounced\sdeceased)|(?<=declared\sdeceased)|(?=\s+(?:individuals?|"
    r"persons?|people|victims?|males?|females?|adults?|men|women|man|woman)\b)))|"
    r"t(?:riple\s+(?:shooting|murder|homicide|killing)|reated|hird\s+body|o\s+death|"
    r"rauma)|"
    r"q(?:uadruple|uintuple)\s+(?:shooting|murder|homicide|killing)|"
    r"kill(?:ed|s|ing|ings)?|knifed|m(?:urder(?:ed|s)?\s+of|urdered|urdering|anslaughter\s+of|edical\s+center|auled|artyred)|"
    r"in(?:jur(?:ed|es|ies|y|ing)|firmary)|wound(?:ed|s|ing)?|wiped\s+out|"
    r"h(?:urt|ospitali[sz]ed|ospitals?|it|its|itting|imself|erself)|c(?:ondition|oma)|gunned|"
    r"own\s+life|"
    # lives lost or taken ("lost their lives", "claimed the lives of"), "perished", "drowns"
    # (only as these phrases: "life" and "lives" alone are in a tenth of shooting reports'
    # sentences that hold no other casualty word, and reading them cost the bench three points)
    rf"l(?:{LIFE_PHRASE})|c{CLAIMED_LIVES}|p(?:erished|ulled\s+out\s+(?:the\s+)?[\w-]+\s+bodies)|drowns?|"
    # a running toll told by its latest death: "The outbreak has claimed a third life"
    r"claimed\s+(?:a|its|their|the)\s+[a-z]+\s+(?:life|victim)|"
    # the hurt as other outlets tell them: "fell ill", "undergoing treatment"
    r"ill(?<=fell\sill)|treatment(?:(?<=undergoing\streatment)|(?<=receiving\streatment)|"
    r"(?<=needed\streatment)|(?<=required\streatment)|(?<=hospital\streatment))|"
    # zeros stated: "there were no casualties", "no deaths", "walked away unhurt"
    r"casualties|deaths(?:(?<=no\sdeaths)|(?=\s+(?:had\s+|have\s+|has\s+|were\s+)?(?:now\s+)?"
    r"(?:been\s+)?confirmed\b))|un(?:hurt|injured|harmed|scathed)|"
    # bodies found, not returned: "the bodies of four people were also recovered"
    r"b(?:itten(?!\s+by\s+the\s+(?:[\w-]+\s+)?bug)|ur(?:nt|ned)\s+beyond\s+recognition|od(?:y|ies)(?:\s+of\b(?=[^.;]{0,80}?\b(?:recovered|found|discovered|pulled|retrieved)\b)|"
    r"(?<=recovered\sthe\sbodies)|(?<=retrieved\sthe\sbodies)|(?<=pulled\sthe\sbodies)|"
    r"(?<=recovered\sthe\sbody)|"
    # "six bodies were recovered", "two deaths have been confirmed" (mentions.COUNTED_DEAD)
    r"(?<=ies)(?=\s+(?:had\s+|have\s+|were\s+)?(?:been\s+)?(?:later\s+|also\s+)?(?:recovered|"
    r"retrieved|pulled|found|discovered)\b)))|"
    # the hurt told by recovery or a graze: "is recovering after the shooting", "grazed by a
    # bullet" (MORE_CONDITION reads them)
    r"re(?:covering(?=\s+(?:after|from|in)\b)|(?:covered|trieved)\s+(?:the\s+)?[\w-]+\s+bodies)|grazed(?=\s+(?:in\s+the\s+\w+\s+)?by\b))\b",
    re.IGNORECASE,
)
# The letters CASUALTY_HINT's words start with: a scan may skip every other position
# (tests/transforms/test_toll.py keeps the two in step).
CASUALTY_HINT_FIRST = frozenset("sdtqkmiwhcgo") | frozenset("lpbu") | frozenset("r")
# Condition phrases that say the person is alive and hurt.
CONDITION = re.compile(
    r"\b(?:in\s+(?:a\s+)?(?:critical|serious|stable|fair|good|grave|unknown|"
    r"life[-\s]threatening)(?:\s+but\s+stable)?\s+"
    r"condition|with\s+(?:a\s+|multiple\s+|several\s+)?(?:non-life[-\s]threatening\s+|"
    r"life[-\s]threatening\s+|serious\s+|minor\s+|critical\s+)?(?:gunshot\s+|stab\s+|knife\s+)?(?:wounds?|"
    r"injuries)|(?:suffering|suffered|suffer|suffers|sustained)\s+(?:from\s+)?(?:a\s+|multiple\s+|"
    r"(?:non-?life[-\s]threatening|life[-\s]threatening|minor|serious|critical)\s+)*"
    r"gunshot\s+wounds?|treated\s+(?:and\s+"
    r"released|for|in\s+(?:a\s+|the\s+)?hospital)|in\s+a\s+coma|"
    # "was taken to a hospital", "have been taken to hospital", "airlifted to Regional Medical
    # Center", a headline's "Mum and toddler rushed to hospital". The match opens at "to" (the
    # verb is looked behind): a branch opening with a letter no other branch opens with ("r",
    # "a", "f") would stop the pattern's first-letter scan at most words of a text
    # "taken to Nasser Hospital" stays unread, as before this round (a named hospital without an
    # article: in the Gaza demo, a victim beside a 420 toll whose lone mention reads injured 0);
    # a flight names its destination ("airlifted to Regional Medical Center")
    r"to(?:(?<=taken\sto)|(?<=transported\sto)|(?<=rushed\sto)|(?<=admitted\sto))\s+"
    r"(?:(?:a|an|the|area|local)\s+(?:\w+\s+){0,3}?(?:hospital|medical\s+center|trauma)|"
    r"hospital\b)|"
    r"to(?:(?<=airlifted\sto)|(?<=flown\sto))\s+"
    r"(?:(?:a|an|the|area|local)\s+)?(?:\w+\s+){0,3}?(?:hospital|medical\s+center|trauma)|"
    # other outlets' words: "sustained burn injuries", "suffered head injuries", "treated at
    # the scene", "left with serious facial injuries", "pulled out alive with burns", "taken by
    # ambulance to hospital", "flown to the Royal Brisbane and Women's Hospital"
    # (not "no injuries", nor "fatal injuries": a death)
    r"sustained\s+(?:(?!no\s|fatal\s)[\w-]+\s+){0,2}?injuries|"
    r"suffer(?:ed|ing|s)?\s+(?:(?!no\s|fatal\s)[\w-]+\s+){0,2}?(?:injuries|burns)|"
    r"treated\s+at\s+the\s+scene|"
    r"with\s+(?:(?:serious|severe|minor|critical|multiple|significant)\s+)?(?:(?:head|facial|"
    r"leg|arm|back|spinal|internal|chest|neck|burn|crush|hand|eye|pelvic|abdominal)\s+injuries|"
    r"burns)|"
    r"to(?:(?<=ambulance\sto)|(?<=helicopter\sto))\s+(?:(?:a|an|the)\s+)?(?:[\w'’]+\s+){0,4}?"
    r"(?:hospital|medical\s+cent(?:er|re)|infirmary)|"
    r"to(?:(?<=airlifted\sto)|(?<=flown\sto))\s+(?:(?:a|an|the)\s+)?(?:[\w'’]+\s+){0,5}?"
    r"(?:hospital|infirmary))",
    re.IGNORECASE,
)
DEATH_PHRASE = re.compile(
    r"\b(?:pronounced\s+dead|shot\s+(?:to\s+death|dead)|found\s+dead|did\s+not\s+survive|"
    r"died|dies|succumbed|lost\s+(?:his|her|their)\s+lives?|killed|slain|murdered|"
    r"fatally|dead)\b",
    re.IGNORECASE,
)
SUICIDE = re.compile(
    r"\b(?:turn(?:ed|ing)?\s+the\s+(?:gun|weapon|rifle|handgun)\s+on\s+(?:him|her)self|"
    r"killed\s+(?:him|her)self|took\s+(?:his|her)\s+own\s+life)",
    re.IGNORECASE,
)

# Victims held or lost rather than harmed: "two hikers are missing", "three men were arrested",
# "the gunman held four people hostage". Read by the same victim-phrase rules.
MISSING_WORDS = frozenset({"missing", "unaccounted"})
DETAINED_WORDS = frozenset({"arrested", "detained", "apprehended"})
HOSTAGE_WORDS = frozenset({"hostage", "hostages", "kidnapped", "abducted"})
STATUS_HINT = re.compile(
    r"\b(?:missing|unaccounted|arrested|detained|apprehended|custody|hostages?|kidnapped|"
    r"abducted)\b",
    re.IGNORECASE,
)

# A condition that says a victim lived: one told of alone with it is not one of the dead told
# elsewhere ("One person was taken to Harborview with gunshot wounds and is listed in serious
# condition"). "Critical" is left out: the critically hurt die, often in the same story.
ALIVE = re.compile(
    r"\b(?:in\s+(?:serious|stable|good|fair)(?:\s+but\s+stable)?\s+condition|"
    r"non-?life[-\s]threatening|expected\s+to\s+(?:survive|recover)|treated\s+and\s+released)",
    re.IGNORECASE,
)
# An obituary's natural death ("has died at the age of 88", "died of natural causes", "died
# peacefully"), read only where no harm or cause is told beside it (NATURAL_DEATH_CAUSE)
NATURAL_DEATH = re.compile(
    r"\bd(?:ied|ies)\b,?\s+(?:at\s+the\s+age\s+of|aged)\s+\d+|\bnatural\s+causes\b|"
    r"\bdied\s+(?:peacefully|in\s+(?:his|her)\s+sleep)\b|"
    r"\bafter\s+an?\s+(?:long|short|brief)\s+illness\b"
)
NATURAL_DEATH_CAUSE = re.compile(
    r"\b(?:after\s+(?!an?\s+(?:long|short|brief)\s+illness)|following|when|while|"
    r"in\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:crash|collision|fire|blaze|blast|explosion|"
    r"attack|shooting|accident|fall|flood|storm))|"
    r"shot|stabb|kill|injur|wound|crash|murder|accident|attack|assault|struck|beaten|drown"
)
# An illness that a death is put down to, right after the one who died ("the boy's father
# succumbed to cancer", "his wife, who died of a stroke"): no casualty of the incident
ILLNESS_DEATH = re.compile(
    r"\s*(?:,\s*who\s+)?(?:had\s+|has\s+)?(?:succumbed\s+to|died\s+(?:of|from)|dies\s+of)\s+"
    r"(?:an?\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}?(?:cancer|illness|disease|covid(?:-19)?|"
    # a stroke, but not heat stroke: a heatwave's deaths are the incident's
    r"leukemia|leukaemia|tumou?r|dementia|pneumonia|heart\s+(?:attack|failure)|"
    r"(?<!heat\s)stroke)\b",
    re.IGNORECASE,
)
ILLNESS_WORDS = (
    "cancer",
    "illness",
    "disease",
    "stroke",
    "covid",
    "leuk",
    "tumo",
    "dementia",
    "pneumonia",
    "heart",
)
# A count first reported and then revised in one sentence ("Police initially said three people
# were killed but later said two had died", "The toll, earlier given as 12, now stands at 10"):
# the counts between the earlier report and the revision are superseded
EARLIER_REPORT = re.compile(
    r"\b(?:initially|originally|earlier|first|previously)\s+(?:[\w-]+\s+)?(?:said|say|reported|"
    r"given|put|stated|announced|listed|thought|believed|counted)\b"
)
REVISION = re.compile(
    r"\b(?:later|now|since|subsequently)\s+(?:[\w-]+\s+)?(?:said|say|says|reported|stands?|"
    r"put|gave|confirmed|revised|lowered|raised|corrected|updated)\b|"
    r"\b(?:revised|lowered|raised|corrected|updated|downgraded|amended)\b"
)
EARLIER_WORDS = ("initially", "originally", "earlier", "first", "previously")
# A counted plural noun the tables above do not hold may still name people: "killed [four
# porters]", "[Three inmates] were killed", "wounded [40 Palestinians]". People by an agent or
# demonym ending (porters, tourists, guardians, detainees, Palestinians) or by name (inmates,
# troops, crew, patients), less the things and animals with those endings a harm may befall.
# Players and athletes are left out: their injuries are a match's, not a casualty's.
PERSON_ENDINGS = ("ers", "ors", "ists", "ians", "eans", "ees")
DEMONYM_ENDINGS = ("is", "ans", "ese")  # capitalised: Israelis, Afghans, Sudanese
COUNTED_PERSONS = frozenset(
    """inmates convicts captives hostages troops marines crew crews staff staffers cadets
    recruits monks nuns priests clerics imams colleagues elders locals twins spouses delegates
    schoolchildren schoolgirls schoolboys newborns infants medics pupils fans guests brits
    britons scots patients clients opponents adolescents migrants immigrants servants peasants
    assistants participants inhabitants attendants tenants merchants dependents stewards
    policemen policewomen servicemen firemen""".split()
)
NOT_COUNTED_PERSONS = frozenset(
    """others numbers containers helicopters tankers trailers computers floors doors motors
    reactors sectors letters papers centers centres quarters headquarters matters meters
    metres liters litres tigers panthers lobsters oysters elephants ants pheasants events
    incidents accidents comments moments segments documents apartments departments cents
    percents tents boilers heaters towers shelters tractors monitors transistors chambers
    corners borders orders offers waters rivers counters layers powers hours
    servers stickers markers posters banners ascents descents players footballers
    cricketers batters""".split()
)
# Conditions other outlets tell, read apart from CONDITION (their first letters would slow its
# scan) and only where their words are (MORE_CONDITION_WORDS): "is recovering after the
# shooting", "recovering from stab wounds", "grazed by a bullet", "left her partner with
# life-changing injuries"; and a death told as a wound, killed: "a man was found with fatal
# stab wounds", "suffered fatal injuries" (the group "fatal")
MORE_CONDITION = re.compile(
    r"\brecovering\s+(?:in\s+(?:a\s+|the\s+)?hospital|from\s+(?:[\w-]+\s+){0,2}?(?:wounds?|"
    r"injuries|burns|surgery)|after\s+(?:the\s+|a\s+|being\s+)?(?:[\w-]+\s+)?(?:shooting|"
    r"stabbing|attack|crash|collision|fire|blast|explosion|assault|surgery|accident|shot|"
    r"stabbed|hit|struck|injured|wounded))\b|"
    r"\bgrazed\s+(?:in\s+the\s+\w+\s+)?by\s+(?:a\s+)?(?:stray\s+)?(?:bullets?|gunfire|"
    r"shrapnel|pellets?)\b|"
    r"\bwith\s+(?:life[-\s]changing|life[-\s]altering|severe|significant)\s+(?:[\w-]+\s+)?"
    r"(?:injuries|wounds|burns)\b|"
    r"\b(?:with|suffered|suffering|suffers|sustained|sustaining|received)\s+(?:what\s+(?:were|"
    r"police\s+said\s+were|appeared\s+to\s+be)\s+)?(?:a\s+)?(fatal)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:wounds?|injuries|injury)\b|"
    # an injury named: "sustained cuts and bruises", "suffered a broken leg", "was treated for
    # smoke inhalation" (CONDITION), "needed hospital treatment"
    r"\b(?:suffered|suffering|suffers|sustained|sustaining|received|receiving|with)\s+(?:an?\s+)?"
    r"(?:(?:minor|serious|severe|multiple|suspected|possible)\s+)?(?:broken|fractured|"
    r"cuts\s+and\s+(?:bruises|grazes|scrapes)|cuts(?<=minor\scuts)|bruises|bruising|fractures|"
    r"smoke\s+inhalation|concussion|lacerations|whiplash)\b|"
    r"\b(?:needed|needing|required|requiring)\s+(?:hospital\s+)?treatment\b"
)
MORE_CONDITION_WORDS = (
    "recovering",
    "grazed",
    "chang",
    "alter",
    "severe",
    "significant",
    "fatal",
    "broken",
    "fractur",
    "cuts",
    "bruis",
    "smoke",
    "concussion",
    "lacerat",
    "whiplash",
    "treatment",
)
# No harm reported, as outlets word it (on the lower-cased sentence): "There were no (immediate)
# reports of injuries", "no fatalities have been recorded so far", "there were no fatalities",
# "no reported casualties". The phrase (its first group of a branch) is the evidence, the kind
# word (the second) the metric: deaths and fatalities killed, injuries injured, casualties both.
_HARM_KIND = (
    r"((?:deaths|fatalities|injuries|casualties)(?:\s+(?:or|and|nor)\s+"
    r"(?:deaths|fatalities|injuries|casualties))?)"
)  # "no deaths or injuries were reported": both nouns say their zero
NO_HARM = re.compile(
    r"\b(no\s+(?:immediate\s+|further\s+)?(?:reports?\s+of\s+(?:any\s+)?|reported\s+|"
    rf"confirmed\s+){_HARM_KIND})\b|"
    r"\bthere\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+"
    rf"(no\s+{_HARM_KIND})\b(?!\s+(?:among|from|on)\b)|"
    rf"\b(no\s+{_HARM_KIND})\s+(?:were\s+|was\s+|have\s+been\s+|"
    r"has\s+been\s+|had\s+been\s+)?(?:immediately\s+)?(?:reported|recorded|confirmed)\b|"
    # "The crash caused no injuries", "police reported no injuries", "with no casualties"
    r"\b(?:caused|causing|resulted\s+in|resulting\s+in|reported|with|left)\s+"
    rf"(no\s+{_HARM_KIND})\b(?!\s+(?:among|from|on|to)\b)"
)
# Substrings of a page without which NO_HARM's fatalities and reports of deaths (no casualty
# hint of their own) cannot be there: the page's hint scan adds them only then
NO_HARM_HINTS = ("no fatalit", "no report", "no immediate report", "no reported", "no confirmed")
# A running count of the dead as an ordinal life: "The crash has claimed a second life", "the
# fire took a third life" (on the lower-cased sentence): the dead so far, like "a second body"
ORDINAL_PLACES: tuple[str, ...] = tuple(
    "second third fourth fifth sixth seventh eighth ninth tenth".split()
)
ORDINAL_LIFE = re.compile(
    r"\b(?:claimed|claims|claiming|taken|took|takes|cost)\s+(?:a|its|their|the)\s+"
    rf"({'|'.join(ORDINAL_PLACES)})\s+(?:life|victim)\b"
)
ORDINAL_LIFE_HINTS: tuple[str, ...] = tuple(
    f"{place} {noun}" for place in ORDINAL_PLACES for noun in ("life", "victim")
)
# A correction notice, or a report since superseded, as outlets word it (on the lower-cased
# sentence): "Correction: …", "This story has been updated to correct …", "An earlier version
# of this story said …", "The station had earlier reported that five people were injured".
# The counts told after it are the superseded ones, but a count after a revision ("police have
# since said three") is the corrected figure.
CORRECTION = re.compile(
    r"\b(?:earlier|previous|prior|original)\s+version\b|\bincorrectly\s+(?:said|stated|"
    r"reported|gave|put)\b|\bmis(?:stated|reported)\b|\bcorrection\s*:|"
    r"\bupdated\s+to\s+correct\b|\b(?:has|have|had)\s+been\s+corrected\b|\bwas\s+corrected\b|"
    r"\b(?:had|has|have)\s+(?:earlier|originally|initially|previously|first)\s+(?:said|"
    r"reported|stated|put|given|listed)\b|"
    r"\b(?:story|article|report|item)\s+(?:originally|initially|earlier|previously|first|"
    r"wrongly|mistakenly)\s+(?:said|stated|reported|gave)\b|"
    # "We wrongly stated that five people were injured", "the report mistakenly gave"
    r"\b(?:wrongly|mistakenly|erroneously)\s+(?:said|stated|reported|gave|put|wrote)\b|"
    # "This article has been amended. It previously stated that five people were injured"
    r"\bit\s+(?:previously|originally|earlier|initially)\s+(?:said|stated|reported|gave)\b"
)
CORRECTED_COUNT = re.compile(
    r"\b(?:since|now|later|subsequently)\s+(?:said|say|says|confirmed|reported|stated|"
    r"put\s+(?:the\s+(?:number|figure|toll)\s+)?at)\s+(?:that\s+|it\s+was\s+|it\s+is\s+)?|"
    # "…; the correct figure is three", "…; in fact, two people died"
    r"\bthe\s+(?:correct|corrected|right|actual)\s+(?:figure|number|toll|count|total)\s+"
    r"(?:is|was)\s+|\bin\s+fact,?\s+"
)
# Who carried out an attack: when the text says one died ("the bomber also died"), he is
# counted once among the killed, beside his victims and never as one of them
ATTACKERS = frozenset(
    "gunman shooter bomber attacker assailant hijacker knifeman perpetrator".split()
)
SINGULAR_PERSONS |= frozenset({"bomber", "attacker", "assailant", "hijacker", "knifeman"})
# an ordinal past the fifth as a victim: "and a seventh was treated at the scene"
SINGULAR_PERSONS |= frozenset({"seventh", "eighth", "ninth", "tenth"})


# "one of the nine passengers hurt when …": a participle of harm right after a share's group
# says the group is of the harmed (not who was aboard)
SHARE_HARMED = frozenset(
    "hurt injured wounded shot stabbed struck hit burned burnt trapped hospitalised "
    "hospitalized".split()
)

# Animals are never victims ("a herder and 14 of his goats", "a horse and its rider"): a
# conjunct whose head is one counts nobody, whatever number or possessive stands before it
ANIMALS = frozenset(
    "cattle cow cows bull bulls calf calves ox oxen goat goats sheep lamb lambs dog "
    "dogs puppy puppies pet pets cat cats kitten kittens horse horses pony ponies foal foals "
    "mare mares camel camels livestock donkey donkeys mule mules pig pigs hog hogs chicken "
    "chickens hen hens poultry duck ducks geese goose turkey turkeys buffalo buffaloes "
    "elephant elephants deer animal animals birds bird fish".split()
) | frozenset(
    # wild animals a harm story names beside its victim ("wildlife officials later killed the
    # bear", "a leopard that mauled a boy was shot dead"): never victims either
    """bear bears grizzly grizzlies wolf wolves leopard leopards tiger lion lions lioness
    crocodile crocodiles alligator alligators shark sharks snake snakes hippo hippopotamus
    boar boars monkey monkeys moose cougar cougars hyena hyenas jaguar rhino""".split()
)
# herd keepers and riders told beside their animals
SINGULAR_PERSONS |= frozenset(
    {"jockey", "herdsman", "shepherd", "rancher", "ranger", "handler", "farmhand", "stablehand"}
)
PLURAL_PERSONS |= frozenset({"jockeys", "herdsmen", "shepherds", "ranchers", "rangers"})
# kin and companions told after the person they belong to ("a tribal chief and his three
# wives", "the mayor and his two bodyguards")
SINGULAR_PERSONS |= frozenset(
    "nephew niece grandson granddaughter bodyguard aide companion stepson stepdaughter uncle "
    "aunt escort follower disciple deacon imam chief mayor governor sheikh elder".split()
)  # not "chief", "mayor": "the fire chief said", a source far more often than a victim
PLURAL_PERSONS |= frozenset(
    "wives nephews nieces grandsons granddaughters bodyguards aides companions stepsons "
    "stepdaughters stepchildren in-laws uncles aunts escorts followers disciples elders deacons "
    "congregants parishioners husbands fathers mothers grandparents worshippers".split()
)
# Words of sport after a bare number that an active harm verb took ("shot 66 in the final
# round", "shot 7 from the field", "hit 30 points"): the number is a score, never victims
SPORT_WORDS = frozenset(
    """round rounds par birdie birdies bogey bogeys eagle arc percent cent points rebounds
    assists goals runs innings wickets threes pointers three-pointers free-throws baskets
    yards touchdowns tournament championship overtime win victory lead stroke strokes
    two-shot three-shot one-shot two-stroke three-stroke one-stroke""".split()
)
# "shot 7 from the field", "from deep", "from the floor": where a shot was taken from
SPORT_FROM = frozenset({"field", "floor", "deep", "three", "long", "distance", "outside"})
NOT_COUNTED_PERSONS |= frozenset({"threes", "twos", "trees", "degrees", "knees", "tees"})
# several attackers ("All three attackers died", "the two gunmen were shot dead"): like one,
# counted among the killed only where their own death is said, never as victims otherwise
ATTACKERS_PLURAL = frozenset(
    "gunmen shooters bombers attackers assailants hijackers knifemen perpetrators militants "
    "insurgents terrorists jihadists".split()
)
PLURAL_PERSONS |= frozenset({"gunmen", "knifemen", "militants", "insurgents"})
# "In fact, two people died": the correction's opener is no part of the victims' phrase
NP_STOPS |= frozenset({"fact", "actually"})
# "An inquest heard [Mr Smith] died", "the court hears [the victim] was stabbed"
NP_STOPS |= frozenset({"heard", "hears", "hear"})
# "hit hard by the recession", "struck by the downturn": a blow to trade, not to a person
HARD_TIMES = frozenset(
    """recession downturn slump crisis inflation tariffs tariff sanctions cuts layoffs strike
    strikes shortages shortage prices price costs""".split()
)
# companions told after the person they belong to ("a soldier and his two comrades")
PLURAL_PERSONS |= frozenset(
    "comrades colleagues classmates associates accomplices servants kinsmen tribesmen "
    "clansmen".split()
)
SINGULAR_PERSONS |= frozenset(
    "comrade colleague classmate associate accomplice servant kinsman tribesman".split()
)
# More zeros as outlets word them (on the lower-cased sentence; issue 11, twelfth round): the
# phrase (group 1 of a branch) is the evidence, the branch's place its metric.
# Killed: "without loss of life", "no loss of life has been reported", "no lives were lost".
NO_LOSS_OF_LIFE = re.compile(r"\b((?:without|no)\s+(?:any\s+)?(?:reported\s+)?loss\s+of\s+life)\b")
# Injured: "no one required medical attention", "none needed hospital treatment", "nobody had
# to be taken to hospital"; "None of the captives was harmed", "no one was harmed".
NO_CARE = re.compile(
    r"\b((?:no\s*-?\s*one|nobody|none)(?:\s+of\s+(?:the\s+|them\b)(?:[\w-]+\s+){0,3}?)?)\s*"
    r"(?:else\s+)?(?:(?:needed|required|sought|received)\s+(?:any\s+)?(?:hospital\s+|medical\s+)?"
    r"(?:treatment|attention|care)|(?:needed|had)\s+to\s+(?:be\s+taken|go)\s+to\s+(?:a\s+|the\s+)?"
    r"hospital|(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:physically\s+)?"
    r"harmed)\b"
)
# Both, or one, beside a thing's damage: "no damage or injuries have been reported", "no
# casualties or damage were reported" (NO_HARM reads the harm nouns alone)
NO_DAMAGE_OR_HARM = re.compile(
    r"\b(no\s+(?:immediate\s+)?(?:reports?\s+of\s+)?(?:(?:major\s+|serious\s+|structural\s+|"
    r"property\s+)?damage\s+(?:or|and|nor)\s+(?:any\s+)?(injuries|casualties|deaths|"
    r"fatalities)|(injuries|casualties|deaths|fatalities)\s+(?:or|and|nor)\s+(?:any\s+)?"
    r"(?:major\s+|serious\s+|structural\s+|property\s+)?damage))\b(?!\s+(?:among|from|on|to)\b)"
)
# The hurt told by care or an injury with no injury verb (on the lower-cased sentence; issue
# 11, twelfth round): "[Twelve pupils] remain in hospital", "[a barman] who needed 12
# stitches", "[a fan] was glassed", "[a steward] was bottled"; read like CONDITION, only where
# its words are (mentions._may_injury_told)
INJURY_TOLD = re.compile(
    r"\b(?:remains?|remained|is|are)\s+(?:still\s+|now\s+)?in\s+(?:the\s+|a\s+)?hospital\b|"
    # "[The driver and a passenger] escaped with cuts", "walked away with a few scratches"
    r"\b(?:escaped|survived|(?:walked|got|came)\s+away)\s+with\s+(?:only\s+|just\s+)?(?:a\s+"
    r"few\s+)?(?:minor\s+|light\s+|superficial\s+)?(?:cuts|bruises|grazes|scratches|scrapes|"
    r"a\s+graze)\b|"
    # "[Thirty people] sought medical treatment", "[Five people] were treated by paramedics"
    r"\b(?:sought|received|receiving|needed|needing|required|requiring)\s+(?:hospital\s+|medical\s+)"
    r"(?:treatment|attention|care)\b|"
    r"\btreated\s+by\s+(?:paramedics|medics|ambulance\s+(?:crews?|staff)|doctors|"
    r"emergency\s+services|firefighters)\b|"
    # "[three more] suffered shrapnel wounds" (CONDITION reads gunshot wounds)
    r"\b(?:suffered|suffering|sustained|sustaining|received)\s+(?:(?!fatal\s|no\s)[\w-]+\s+)"
    r"{0,2}?wounds\b|"
    r"\b(?:needed|needing|required|requiring|received)\s+(?:[\w-]+\s+){0,2}?stitches\b|"
    r"\b(?:was|were|been|got|being)\s+(?:(?:badly|allegedly|reportedly)\s+)?(?:glassed|bottled)\b"
)
# Substrings of the page's injuries told without a CASUALTY_HINT word; INJURY_HINT finds them
# ("left a doorman with a fractured skull": MORE_CONDITION reads it, no hint word lets it in)
INJURY_HINT_WORDS = (
    "stitches",
    "glassed",
    "bottled",
    "broken",
    "fractured",
    "burns",
    "cuts",
    "bruis",
    "scratches",
    "grazes",
    "scrapes",
    # not "medical" alone: it is in a quarter of shooting reports ("medical center", "medical
    # examiner")
    "medical treatment",
    "medical attention",
    "medical care",
)
INJURY_HINT = re.compile(
    r"\b(?:with|suffered|suffering|sustained|sustaining)\s+(?:an?\s+)?(?:(?:minor|serious|"
    r"severe|multiple|suspected|possible)\s+)?(?:broken|fractured)\b|"
    # "left nine others with burns", "Five firefighters suffered minor burns"
    r"\b(?:with|suffered|suffering|sustained)\s+(?:[\w-]+\s+){0,2}?burns\b|"
    r"\b(?:sought|received|needed|required)\s+medical\s+(?:treatment|attention|care)\b|"
    r"\bwith\s+(?:only\s+|just\s+)?(?:a\s+few\s+)?(?:minor\s+)?(?:cuts|bruises|bruising|"
    r"scratches|grazes|scrapes)\b|"  # "walked away with cuts"
    r"\bstitches\b|\b(?:was|were|been|got|being)\s+(?:(?:badly|allegedly|reportedly)\s+)?"
    r"(?:glassed|bottled)\b"
)
# people the injury wordings name ("a barman who needed 12 stitches", "a fan was glassed", "a
# dozen tourists and their guide")
SINGULAR_PERSONS |= frozenset({"barman", "barmaid", "fan", "supporter", "guide"})
PLURAL_PERSONS |= frozenset({"fans", "barmen"})
# A harm told as one a person lives with (on the lower-cased sentence; issue 11, twelfth round):
# "was hospitalised with chest injuries", "taken to hospital with a broken wrist", "suffered a
# broken back", "minor injuries", "remains in hospital". A lone victim told so in a sentence of
# its own is alive, so none of the dead told elsewhere (not gunshot or stab wounds, nor
# internal or critical injuries: those kill, and "the victim was taken to hospital with a
# gunshot wound" is often the one who died).
ALIVE_TOLD = re.compile(
    r"\b(?:broken|fractured|cracked|dislocated|sprained|shattered)\s+(?:[\w-]+\s+)?(?:arms?|legs?|"
    r"wrists?|ankles?|back|neck|pelvis|hips?|ribs?|jaw|nose|skull|collarbone|shoulders?|foot|"
    r"feet|hands?|fingers?|cheekbone|vertebrae|bones?|knees?|elbows?|eye\s+socket)\b|"
    r"\b(?:minor|slight|superficial|light|non-serious|moderate)\s+(?:[\w-]+\s+)?(?:injuries|"
    r"injury|cuts|wounds|burns|bruises|bruising)\b|"
    r"\b(?:chest|facial|leg|arm|hand|back|spinal|neck|eye|hip|shoulder|knee|foot|pelvic|head)\s+"
    r"injuries\b|\b(?:serious|severe|multiple|significant)\s+(?:[\w-]+\s+)?injuries\b|\bstitches\b|\bsmoke\s+inhalation\b|\bcuts\s+and\s+(?:bruises|grazes)\b|"
    r"\bconcussion\b|\bwhiplash\b|"
    r"\b(?:remains?|is|are)\s+(?:still\s+|now\s+)?in\s+(?:the\s+|a\s+)?hospital\b|"
    r"\b(?:is|are)\s+(?:still\s+|now\s+)?(?:being\s+treated|recovering)\b|"
    r"\b(?:survived|escaped|(?:walked|got|came)\s+away)\s+with\b|"  # got away hurt
    # "was treated in hospital for burns", "treated for shock"
    r"\btreated\s+(?:in\s+(?:a\s+|the\s+)?hospital\s+|at\s+the\s+scene\s+)?for\b"
)
ALIVE_TOLD_WORDS = (
    "broken",
    "fractur",
    "cracked",
    "dislocated",
    "sprained",
    "shattered",
    "minor",
    "slight",
    "superficial",
    "light",
    "non-serious",
    "moderate",
    " injuries",
    "stitches",
    "smoke",
    "cuts and",
    "concussion",
    "whiplash",
    "hospital",
    "being treated",
    "recovering",
    "survived with",
    "escaped with",
    "away with",
    "treated",
)
# "Latest figures show [one person] died": the verb of a report ends a victim phrase too
NP_STOPS |= frozenset({"show", "shows", "suggest", "suggests", "indicate", "indicates"})
# "The fire killed three firefighters and left [two others] in hospital", "left four dead and
# [11] in hospital": a stay in hospital after "left/leaving" someone (read only there)
IN_HOSPITAL = re.compile(r"\bin\s+(?:the\s+|a\s+)?hospital\b")
# "There were no reports of anyone being hurt", "no report of anybody killed": a zero of the
# outcome its verb names (group 2: hurt words injured, death words killed)
NO_ONE_REPORTED = re.compile(
    r"\b(no\s+(?:immediate\s+|further\s+)?reports?\s+of\s+(?:anyone|anybody|any\s+people|people)"
    r"\s+(?:else\s+)?(?:being\s+|having\s+been\s+)?(hurt|injured|harmed|wounded|killed|dying|"
    r"dead))\b"
)
# "[Six workers] were taken ill after inhaling fumes": like "fell ill"
CARE_BEFORE |= frozenset({"taken"})
TAKEN_ILL = re.compile(r"\btaken\s+ill\b")
# A death or a hurt by electricity, which holds no hint word: "were electrocuted", "received an
# electric shock" (mentions.py tells the outcome)
ELECTROCUTED = re.compile(r"\belectrocuted\b|\belectric\s+shocks?\b")
# A military release's kill: "troops neutralised 12 terrorists" (mentions.py reads it only
# before a counted group of fighters: "neutralised the threat" is no one)
NEUTRALISED = re.compile(r"\bneutrali[sz]ed?\b")
NEUTRALISE_WORDS = frozenset({"neutralised", "neutralized", "neutralise", "neutralize"})
FIGHTERS = frozenset(
    """terrorists militants insurgents bandits fighters gunmen jihadists rebels extremists
    kidnappers attackers assailants""".split()
)
# A harm denied of one person, which holds no hint word: "his wife was not harmed"
NOT_HARMED = re.compile(r"\b(?:was|were|is|are)\s+not\s+harmed\b|\b(?:wasn|weren)[’']t\s+harmed\b")
# The hurt told only by their care (issue 11, sixteenth round; on the lower-cased sentence,
# read like INJURY_TOLD where mentions._care_patterns finds its words): a named hospital
# ("[a cyclist] was taken to Royal London Hospital", "flown to Baylor Scott & White Medical
# Center", "brought to three hospitals"), a stay there ("[the pillion passenger] remains in
# Cork University Hospital", "[three others] remain confined"), care for what is not a wound
# ("treated for exhaustion", "winched out with hypothermia"). The match opens at "to" after
# a carrying verb, as CONDITION's does, so the victims are read before the verb. Two patterns,
# each run only where its words are (mentions._care_patterns): the carried (CARE_TO, opening
# with its literal "to" for the engine's prefix scan) and the rest (CARE_STAY).
CARE_TO = re.compile(
    r"to(?:(?<=taken\sto)|(?<=transported\sto)|(?<=rushed\sto)|(?<=brought\sto)|"
    r"(?<=flown\sto)|(?<=airlifted\sto)|(?<=admitted\sto)|(?<=transferred\sto))\s+"
    r"(?:the\s+)?(?:[\w'’&.-]+\s+){0,5}?(?:hospitals?|infirmary|medical\s+cent(?:er|re)s?|"
    r"healthcare|clinic)\b"
)
CARE_STAY = re.compile(
    r"\b(?:remains?|remained)\s+(?:(?:still|now|admitted|critical)\s+)?(?:in|at)\s+(?:the\s+)?"
    r"(?:[\w'’&.-]+\s+){1,5}?(?:hospital|infirmary|medical\s+cent(?:er|re))\b|"
    r"\b(?:remains?|remained)\s+(?:confined|hospitali[sz]ed)\b|"
    r"\btreated(?<=were\streated)(?=\s*[,;.])|"  # "[five people] were treated, two of whom …"
    r"\b(?:treated|suffering|with)\s+(?:for\s+|from\s+)?(?:severe\s+|mild\s+)?(?:hypothermia|"
    r"exhaustion|dehydration|heat\s+exhaustion)\b|"
    r"\b(?:treated)\s+for\s+(?:shock|burns)\b|"
    # "[Another 29] are being treated at the Guru Nanak Dev Hospital", "[the other] is
    # recovering in George Mukhari hospital", "[11 injured people] had been brought in"
    r"\btreated(?<=being\streated)\s+(?:at|in)\s+(?:the\s+)?(?:[\w'’&.-]+\s+){0,5}?(?:hospital|"
    r"infirmary|medical\s+cent(?:er|re))\b|"
    r"\brecovering\s+(?:in|at)\s+(?:the\s+)?(?:[\w'’&.-]+\s+){1,5}?(?:hospital|infirmary|"
    r"medical\s+cent(?:er|re))\b|"
    r"\bbrought(?<=been\sbrought)\s+in\b(?!\s+(?:for\s+questioning|by\s+police))"
)
# a helper named by the deed (issue 11, eighteenth round): "a Good Samaritan who stopped to help
# was struck and killed"
SINGULAR_PERSONS |= frozenset({"samaritan"})
PLURAL_PERSONS |= frozenset({"samaritans"})
# riders of bikes and horses (eighteenth round): "Both riders, a man and a woman, were killed"
PLURAL_PERSONS |= frozenset({"riders", "bikers"})
