"""The article toll as varied outlets write casualty reports (issue 11, eighth round): one test
per general rule, named after the case in tests/data/eval/toll_varied2_dev.jsonl it came from."""

from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.toll import article_toll
from toll_reading import evidence, toll


def test_288_passengers_lost_their_lives_and_over_1000_were_injured() -> None:
    # "over", "about", "around" before a number are a hedge, not a preposition ending the phrase
    text = "Over 1,000 were injured in the triple-train collision near Balasore."
    assert toll(text) == {"injured": 1000}
    assert evidence(text, "injured") == ["Over 1,000"]
    text = "The blast killed over 20 people and injured around 30."
    assert toll(text) == {"killed": 20, "injured": 30}
    # a preposition before other words stays one
    assert toll("They argued over two hours before a man was shot.") == {"injured": 1}


def test_seven_labourers_lost_their_lives_a_blast_claimed_the_lives_of_48_people() -> None:
    # a death told as lives lost or taken: the subject of "lost", the object of "the lives of",
    # the count before "lives"
    assert toll("Seven workers lost their lives in a blast at a firecracker unit.") == {"killed": 7}
    text = "A tanker explosion in Niger State has claimed the lives of 48 people."
    assert toll(text) == {"killed": 48}
    assert evidence(text, "killed") == ["48 people"]
    assert toll("The heatwave has claimed at least 15 lives in Andalusia this week.") == {
        "killed": 15
    }
    # lives neither lost nor taken are no death
    assert toll("He lives in Leeds and claimed his life savings were stolen.") == {}
    assert toll("The storm claimed power lines and roofs across the county.") == {}


def test_boy_11_drowns_and_eleven_climbers_perished() -> None:
    # a present-tense headline's death, and "perished"
    assert toll("Boy, 11, drowns in quarry lake on hottest day of the year") == {"killed": 1}
    assert toll("Eleven climbers perished on Mount Marapi after the volcano erupted.") == {
        "killed": 11
    }


def test_six_devotees_including_two_women_were_crushed_to_death() -> None:
    # the people other outlets' disasters befall are victims like "workers" or "villagers"; an
    # "including" apposition after them is a share of them, not the count
    text = (
        "Six devotees, including two women, were crushed to death in a stampede at a temple "
        "in Andhra Pradesh."
    )
    assert toll(text) == {"killed": 6}
    assert toll("Seven labourers lost their lives in a blast near Sivakasi.") == {"killed": 7}
    assert toll("Two farmers were trampled to death by a wild elephant.") == {"killed": 2}


def test_a_woman_has_died_and_her_husband_is_in_a_critical_condition() -> None:
    # a condition right after a death, with a subject of its own after "and", is someone else
    text = (
        "A woman has died and her husband is in a critical condition after their car left the "
        "road and struck a tree on the A39 near Bridgwater."
    )
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "injured") == ["her husband"]
    text = "One person is dead and two others were taken to hospital after a house fire."
    assert toll(text) == {"killed": 1, "injured": 2}
    text = "The collision left two people dead and another with serious injuries, police said."
    assert toll(text) == {"killed": 2, "injured": 1}
    # without a subject of its own, the condition is the dead one's, before death
    text = "A man died after being taken to hospital with serious injuries."
    assert toll(text) == {"killed": 1}


def test_a_third_is_fighting_for_life_18_people_are_undergoing_treatment() -> None:
    # conditions other outlets write: judged like "in critical condition"
    text = "Two people have died and a third is fighting for life after a head-on crash."
    assert toll(text) == {"killed": 2, "injured": 1}
    assert evidence(text, "injured") == ["a third"]
    text = (
        "The death toll in the hooch tragedy rose to 39 on Friday, while 18 people are "
        "undergoing treatment at the district hospital."
    )
    assert toll(text) == {"killed": 39, "injured": 18}
    assert toll("Two teens are fighting for their lives after a crash.") == {"injured": 2}
    # the condition of a victim a harm already names is no second victim (as a trigger of
    # its own, "is fighting for life after being shot" beside "the 17-year-old boy suffering
    # multiple gunshot wounds" made two of one boy in dev 768627)
    assert toll("A man was shot and is fighting for his life.") == {"injured": 1}
    text = "A teenage boy is fighting for life after he was shot three times on Maple Street."
    assert toll(text) == {"injured": 1}


def test_more_than_a_hundred_students_fell_ill_after_a_midday_meal() -> None:
    # a poisoning's sick are its hurt; "more than a" keeps its number
    text = (
        "More than a hundred students fell ill after eating a midday meal at a government "
        "school in Bihar, and 23 of them were admitted to hospital."
    )
    assert toll(text) == {"injured": 100}
    assert evidence(text, "injured") == ["More than a hundred students"]


def test_four_others_sustained_burn_injuries_a_pensioner_was_left_with_facial_injuries() -> None:
    # conditions other outlets write: sustained or suffered injuries, treated at the scene,
    # left with (a kind of) injuries, taken by ambulance to hospital
    text = "Seven labourers lost their lives and four others sustained burn injuries in a blast."
    assert toll(text) == {"killed": 7, "injured": 4}
    assert evidence(text, "injured") == ["four others"]
    assert toll("A 58-year-old man sustained injuries to his head when he fell.") == {"injured": 1}
    text = "A pensioner was left with serious facial injuries after being attacked by a dog."
    assert toll(text) == {"injured": 1}
    text = "Crews rescued two people from the flat. Both were treated at the scene by paramedics."
    assert toll(text) == {"injured": 2}
    text = (
        "The driver died at the scene, while her passenger was airlifted by STARS air "
        "ambulance to hospital in Calgary."
    )
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "injured") == ["her passenger"]
    text = "A man has been flown to the Royal Brisbane and Women's Hospital in a serious condition."
    assert toll(text) == {"injured": 1}
    # "fatal injuries" are a death, "no injuries" none
    assert "injured" not in toll("A man suffering fatal injuries was found in the road.")
    assert toll("The driver sustained no injuries in the crash.") == {}


def test_the_bodies_of_four_people_were_also_recovered() -> None:
    # the dead told as bodies found
    text = (
        "Rescue workers pulled 14 survivors from the rubble of the building that collapsed "
        "on Tuesday; the bodies of four people were also recovered."
    )
    assert toll(text) == {"killed": 4}
    assert evidence(text, "killed") == ["four people"]
    text = "Rescuers have recovered the bodies of 11 miners trapped by a methane explosion."
    assert toll(text) == {"killed": 11}
    text = (
        "Floodwaters swept away a car carrying a family of five; the bodies of the parents and "
        "one child have been found."
    )
    assert toll(text) == {"killed": 3}
    # remains returned are no count of an incident's dead, nor is a body of water
    assert toll("Hamas returned the bodies of five deceased hostages on Tuesday.") == {}
    assert toll("The bodies of two hostages were recovered by troops.") == {}
    assert toll("The search covered a large body of water near the dam.") == {}


def test_a_teenager_who_was_hit_by_a_train_has_died() -> None:
    # a passive harm inside the relative clause is the subject's own: the teenager died
    text = (
        "A teenager who was hit by a train at Hadley Wood station on Thursday evening has "
        "died, British Transport Police said."
    )
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["A teenager"]
    assert toll("A woman who was stabbed in her home on Friday has died.") == {"killed": 1}


def test_a_leopard_mauled_a_six_year_old_girl_to_death() -> None:
    # "to death" after the object makes the harm a death of that object
    text = "A leopard mauled a six-year-old girl to death in a village near Junnar on Tuesday."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["a six-year-old girl"]
    assert toll("He stabbed a man to death outside a pub on Friday.") == {"killed": 1}
    # without it, a stabbing's outcome is unstated: hurt
    assert toll("A man stabbed two commuters at the station on Monday.") == {"injured": 2}


def test_no_lives_have_been_lost_there_were_no_casualties_both_pilots_walked_away_unhurt() -> None:
    # zeros the words state keep their entry and their span
    text = "The bushfire has destroyed 12 homes, but no lives have been lost, the RFS said."
    assert toll(text) == {"killed": 0}
    assert evidence(text, "killed") == ["no lives have been lost"]
    text = "Fire crews were called after a lorry shed its load; there were no casualties."
    assert toll(text) == {"killed": 0, "injured": 0}
    text = "Both pilots walked away unhurt after the helicopter made a hard landing."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["Both pilots walked away unhurt"]
    assert toll("The driver was killed; his passenger was unhurt.") == {"killed": 1, "injured": 0}
    # a zero never hides a count the sentence gives, and who is unhurt must be people
    assert toll("Two passengers were hurt but the driver was unhurt.") == {"injured": 2}
    assert toll("Officers found that the family's small dog was unharmed.") == {}


def test_sundays_shelling_killed_two_civilians_as_the_un_put_the_wars_toll_this_year() -> None:
    # the clauses before another incident's words are the story's own, when a tail that hangs
    # on them ("…, the third such death …", "…, as the UN put …") holds those words
    text = (
        "Sunday's shelling of Kherson killed two civilians and wounded five, the regional "
        "administration said, as the UN put the war's civilian toll this year at more than 2,000."
    )
    assert toll(text) == {"killed": 2, "injured": 5}
    text = "A tiger killed a woman, the third such death in the district this month."
    assert toll(text) == {"killed": 1}
    # a sum over other incidents stays unread, its list's commas no clause boundary
    assert toll("Police: 8 killed, 46 wounded in Labor Day weekend shootings") == {}
    text = (
        "Two people are dead, and two other victims are in hospital following several "
        "separate shootings overnight."
    )
    assert toll(text) == {}
    # and so does a sentence whose first clause holds them
    assert toll("Last year, 133 children were killed in the city, police said.") == {}


def test_crushed_to_death_and_more_than_a_dozen_injured() -> None:
    # a spelled count ("a dozen", "more than a dozen", "a hundred") is victims like a numeral
    text = (
        "Six devotees, including two women, were crushed to death and more than a dozen "
        "injured in a stampede at a temple."
    )
    assert toll(text) == {"killed": 6, "injured": 12}
    assert evidence(text, "injured") == ["more than a dozen"]
    assert toll("A dozen were hurt when the stand gave way.") == {"injured": 12}


def test_the_pilot_the_sole_occupant_of_the_light_aircraft_died() -> None:
    # "the …" after a bare comma that describes the one person before it is no second victim
    text = "The pilot, the sole occupant of the light aircraft, died at the scene."
    assert toll(text) == {"killed": 1}
    # a list with "and" names each
    assert toll("The driver, the passenger and a pedestrian were killed.") == {"killed": 3}


def test_a_van_driver_who_killed_a_cyclist_in_march_2024_has_been_jailed_for_six_years() -> None:
    # a court's sentence for a death of its own date tells of an earlier incident
    text = (
        "A van driver who killed a cyclist while looking at his phone on the A6 in March 2024 "
        "has been jailed for six years at Preston Crown Court."
    )
    assert toll(text) == {}
    # "jailed for" what he did this week is the story's incident
    text = "Man jailed for accidental shooting of himself and a woman Sunday"
    assert toll(text) == {"injured": 2}


def test_the_couples_son_was_pulled_from_the_water_but_was_pronounced_dead() -> None:
    # a harm after "but/and was" has the subject of the clause before, when that clause named
    # no harm of its own
    text = (
        "The couple's son, aged 9, was pulled from the water by a passer-by but was pronounced "
        "dead at hospital."
    )
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["The couple's son"]
    text = "The boy was pulled from the pool and was pronounced dead at the hospital."
    assert toll(text) == {"killed": 1}
    # a clause with a harm of its own told the victim already: no second one
    assert toll("A man was shot in the chest and was pronounced dead at the scene.") == {
        "killed": 1
    }


def test_a_fourth_member_of_the_group_was_dug_out_alive_and_treated_for_hypothermia() -> None:
    # after a ";" the clause names its own victims, also through an elided "was"
    text = (
        "Three backcountry skiers were killed in an avalanche near Revelstoke on Friday; a "
        "fourth member of the group was dug out alive and treated for hypothermia."
    )
    assert toll(text) == {"killed": 3, "injured": 1}
    assert evidence(text, "injured") == ["a fourth member"]


def test_over_1150_people_had_been_injured_keeps_the_hedge_of_its_figure() -> None:
    # a count read through a figure's hedge keeps the figure's qualifier: as an exact 1,150 the
    # Gaza demo's next-day "unchanged at over 1,150" read as an increase
    text = "The ministry said over 1,150 people had been injured in the same period."
    (count,) = article_toll(text, extract_figures(text)).values()
    assert (count.value, count.low, count.qualifier) == (1150, 1150, "more_than")
    text = "A suicide bomber killed at least 12 people at a crowded market."
    count = article_toll(text, extract_figures(text))["killed"]
    assert (count.value, count.qualifier) == (12, "at_least")
    # a count of its own stays exact
    count = article_toll("Five people were killed in the crash.")["killed"]
    assert (count.value, count.qualifier) == (5, "exact")
