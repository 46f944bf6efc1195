"""The article toll, seventeenth round (issue 11): killed wordings missed, zeros, precision
(quotes, animals, statistics, ages) and groups that add. One test per kind, probe sentences of
my own, positives and negatives."""

from toll_reading import evidence, toll


def test_k1_a_death_of_heat_stroke_is_the_incidents_not_an_illness() -> None:
    text = "Three farm labourers died of heat stroke in a melon field near Mexicali on Monday."
    assert toll(text) == {"killed": 3}
    text = "Two roofers died of suspected heat stroke while working in Phoenix, officials said."
    assert toll(text) == {"killed": 2}
    # negative: a stroke alone is an illness, no casualty
    text = "The victim's mother, who died of a stroke in 2019, had raised him alone."
    assert "killed" not in toll(text)


def test_k1_a_death_of_a_gunshot_wound_and_one_protester() -> None:
    text = "Police fired on marchers in Lagos on Monday; one protester died of a gunshot wound."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["one protester"]
    # negative: protesters told without a harm are no count
    assert toll("About 200 protesters marched through Lagos on Monday.") == {}


def test_k1_lives_lost_after_a_fronted_as_a_result_clause() -> None:
    # translated agency copy: citizens counted after a fronted clause
    text = (
        "As a result of the blast, 4 citizens lost their lives and 11 citizens were injured, "
        "who were taken to hospitals in the city."
    )
    assert toll(text) == {"killed": 4, "injured": 11}
    assert evidence(text, "killed") == ["4 citizens"]
    text = "Three Indian nationals were hurt when their minibus overturned near Fujairah."
    assert toll(text) == {"injured": 3}
    # negative: a fronted clause that names the victims keeps them
    text = "In the attack on the convoy, a driver and a guard were killed."
    assert toll(text) == {"killed": 2}
    assert evidence(text, "killed") == ["a driver and a guard"]


def test_k1_electrocuted_is_killed_unless_survival_is_told() -> None:
    text = "A farmer and his son were electrocuted when a sagging power line touched their shed."
    assert toll(text) == {"killed": 2}
    assert evidence(text, "killed") == ["A farmer and his son"]
    text = "Two vendors were electrocuted to death at a flooded market in Lagos."
    assert toll(text) == {"killed": 2}
    # survival told: hurt
    text = "A boy was electrocuted but survived after climbing a pylon in Leeds."
    assert toll(text) == {"injured": 1}
    text = "A man was electrocuted and taken to hospital in a critical condition."
    assert toll(text) == {"injured": 1}
    text = "A woman received an electric shock from a faulty street lamp and was treated for burns."
    assert toll(text) == {"injured": 1}
    # negatives: shocked by news is no one hurt; an animal electrocuted is no victim
    assert toll("Residents were shocked by the news of the closure.") == {}
    assert toll("A live cable fell and electrocuted two cows in a field near Kano.") == {}


def test_k1_all_on_board_and_their_list_are_one_group() -> None:
    text = (
        "A light plane crashed in the hills above Lukla on Monday. All five people on board, "
        "four trekkers and the pilot, were killed, the aviation authority said."
    )
    assert toll(text) == {"killed": 5}
    assert evidence(text, "killed") == ["All five people"]
    # negative: a person on board with an apposition is still that person
    text = "The pilot and a passenger on board, a retired teacher, were killed."
    assert toll(text) == {"killed": 2}


def test_k1_troops_neutralised_a_counted_group_of_fighters() -> None:
    text = "Troops neutralised 9 bandits and rescued 14 hostages in Zamfara State, the army said."
    assert toll(text)["killed"] == 9
    assert evidence(text, "killed") == ["9 bandits"]
    text = "Soldiers neutralized three suspected militants in an ambush near Diffa."
    assert toll(text) == {"killed": 3}
    # negatives: a threat, a bomb, a lone suspect neutralised are no count of the dead
    assert toll("Police neutralised the threat within minutes, officials said.") == {}
    assert toll("Engineers neutralised 3 bombs found near the bridge.") == {}


def test_k1_beaten_or_crushed_to_death_by_a_mob() -> None:
    text = "A suspected thief was beaten to death by a mob at a bus park in Aba on Monday."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["A suspected thief"]
    text = "Two suspected bandits were burnt to death by villagers in Katsina."
    assert toll(text) == {"killed": 2}
    text = "At least 7 worshippers were crushed to death in a stampede at a shrine."
    assert toll(text) == {"killed": 7}


def test_k2_none_of_a_counted_group_and_crew_was_hurt() -> None:
    text = (
        "A regional jet landed on one engine at Perth. None of the 76 passengers and crew was "
        "hurt, the airline said."
    )
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["None of the 76 passengers and crew was hurt"]
    # negative: "was" after a plural and a name still takes the one named
    text = "A fight broke out between the two men and Jones was stabbed."
    assert toll(text) == {"injured": 1}


def test_k2_one_not_harmed_is_a_zero() -> None:
    text = (
        "A gunman shot dead a shopkeeper in Kumasi on Friday. His wife, who was in the shop, "
        "was not harmed."
    )
    assert toll(text) == {"killed": 1, "injured": 0}
    assert evidence(text, "injured") == ["His wife, who was in the shop, was not harmed"]
    text = "A robber was beaten to death in Enugu. The trader whose bag he took was not harmed."
    assert toll(text) == {"killed": 1, "injured": 0}
    # negatives: a thing or an animal not harmed is no zero of people
    assert toll("A man was killed in the blast. The dog was not harmed.") == {"killed": 1}
    assert "injured" not in toll("A man died in the fire. The economy was not harmed.")


def test_k3_a_coachs_quote_kills_no_one() -> None:
    text = "'We killed ourselves with a sloppy first half,' the coach said after the 3-1 loss."
    assert toll(text) == {}
    text = "'I killed myself in training for this,' the sprinter said after winning gold."
    assert toll(text) == {}
    # negative: a real death with a reflexive of the third person stays
    text = "A man shot his wife dead and then killed himself at their home in Fresno."
    assert toll(text)["killed"] == 2


def test_k3_an_animal_killed_is_no_victim_and_kills_no_one_hurt() -> None:
    text = (
        "A jogger was mauled by a black bear near Aspen on Sunday. She was flown to a hospital "
        "in Denver; rangers later killed the bear."
    )
    assert toll(text) == {"injured": 1}
    text = "Tiger shot dead after straying into village"
    assert toll(text) == {}
    text = "A leopard that mauled a farmer near Nashik was shot dead by forest guards."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["a farmer"]
    text = "A herder was gored to death by a buffalo. Three of his cows were also killed."
    assert toll(text) == {"killed": 1}
    # negatives: a person beside an animal, and a place that names one, still count
    assert toll("Gunmen shot a farmer and his dog near Jos.") == {"injured": 1}
    assert toll("A hunter was killed in a deer-hunting accident on Saturday.") == {"killed": 1}


def test_k3_an_explainers_sum_and_a_running_count_are_not_the_incident() -> None:
    text = (
        "Why are Lagos bridges failing? The state recorded 12 bridge failures in two years. "
        "At least 40 people died in such failures over the two years, the ministry said."
    )
    assert "killed" not in toll(text)
    text = (
        "Four people were killed and seven injured when a shell hit a market in Kurram. At "
        "least 60 people have been killed in the district since the truce collapsed in March."
    )
    assert toll(text) == {"killed": 4, "injured": 7}
    # negative: a death in one such crash is still counted
    assert toll("Two people died in such a crash near Kano on Friday.") == {"killed": 2}


def test_k3_an_age_after_then_is_no_count() -> None:
    text = (
        "A jury convicted a driver over a 2022 crash that killed a father. His son, then 9, "
        "survived with a broken pelvis."
    )
    assert toll(text)["injured"] == 1
    assert evidence(text, "injured") == ["His son"]
    text = "The driver's blood-alcohol level was 0.21, nearly three times the limit."
    assert toll(text) == {}
    # negative: a count after "then" with a noun is a count
    text = "A bus hit a wall in Kandy, and then 3 passengers were hurt when a car hit it."
    assert toll(text)["injured"] == 3


def test_k1_a_headlines_present_tense_death() -> None:
    text = (
        "Three hikers drown in flash flood\n"
        "Three hikers drowned when a flash flood swept through a canyon near Moab on Sunday."
    )
    assert toll(text) == {"killed": 3}
    assert "Three hikers" in evidence(text, "killed")
    text = "Buffalo tramples farmer to death near Kasese"
    assert toll(text) == {"killed": 1}
    # negatives: a warning or a near miss is no death
    assert toll("Swimmers can drown in rip currents, lifeguards warned on Sunday.") == {}
    assert toll("Two boys nearly drown in canal as ice gives way") == {}


def test_k4_a_share_of_the_dead_is_no_share_of_the_hurt() -> None:
    text = (
        "At least 20 inmates were killed in a riot at a prison in Manaus. Eleven inmates were "
        "injured and three guards were hurt while retaking a wing. Officials said four of the "
        "dead had been burned."
    )
    assert toll(text) == {"killed": 20, "injured": 14}
    # negative: a share of the shot who died still comes out of the shot
    text = "Nine people were shot outside a bar in Tulsa. Two of them died."
    assert toll(text) == {"killed": 2, "injured": 7}


def test_k4_a_fourth_after_while_is_one_more_victim() -> None:
    text = (
        "A rockfall on the Matterhorn killed two climbers on Saturday, while a third was "
        "airlifted out with a broken leg, police said."
    )
    assert toll(text) == {"killed": 2, "injured": 1}
    assert evidence(text, "injured") == ["a third"]
    # negative: "while he was" is the dead one's own clause
    text = "A man was killed while he was crossing the road in Bolton."
    assert toll(text) == {"killed": 1}


def test_k4_dozens_hurt_beside_the_dead_told_to_death() -> None:
    text = "At least 9 worshippers were crushed to death and dozens injured in a crush at a shrine."
    assert toll(text) == {"killed": 9, "injured": 24}
    assert evidence(text, "injured") == ["dozens"]
    # negative: a place after "to" is still no victim
    text = "Two men were taken to the hospital and one died."
    assert toll(text)["killed"] == 1


def test_k4_the_attacker_who_died_later_adds_to_the_dead() -> None:
    text = (
        "Two people have died after a stabbing at a flat in Bradford. A woman, 39, and her "
        "father, 70, were pronounced dead at the scene. A man, 44, who police believe was "
        "responsible, was found injured and died later in hospital."
    )
    assert toll(text) == {"killed": 3}
    # negative: a man who died later and is no attacker is one of the two
    text = (
        "Two people died after a crash on the M62. A man, who was a passenger in the van, died "
        "later in hospital."
    )
    assert toll(text) == {"killed": 2}


def test_k4_those_who_dug_themselves_out_and_were_taken_to_hospital_are_hurt() -> None:
    text = (
        "A slide buried four skiers near Davos on Friday, killing two. Two others dug "
        "themselves out and were flown to hospital with minor injuries."
    )
    assert toll(text) == {"killed": 2, "injured": 2}
    assert evidence(text, "injured") == ["Two others"]
    # negative: "and was taken" after a death is still the dead one's
    text = "A man was killed and was taken to the morgue in Davos."
    assert toll(text) == {"killed": 1}


def test_k1_one_armed_with_a_weapon_shot_dead_is_killed() -> None:
    text = "A man armed with a machete was shot dead by police in Ballarat on Sunday night."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["A man"]
    text = "A teenager carrying a knife was shot and wounded by officers in Leeds."
    assert toll(text) == {"injured": 1}
    # negative: a thing "with" a person is no victim
    assert toll("A van with two ladders was hit by a train in Derby.") == {}


def test_k3_a_place_after_in_is_no_victim_of_the_list_after_it() -> None:
    text = (
        "A teenager has been stabbed to death in Lewisham and two other boys were taken to "
        "hospital, police said."
    )
    assert toll(text) == {"killed": 1, "injured": 2}
    assert evidence(text, "injured") == ["two other boys"]
    text = "A man was shot in Bradford and his brother was hurt."
    assert toll(text) == {"injured": 2}
    # negative: a named victim after "and" with no place before it still counts
    text = "Police said Dean Hart and his son were injured in the crash."
    assert toll(text) == {"injured": 2}


def test_k4_those_taken_with_minor_injuries_are_none_of_the_dead() -> None:
    text = (
        "A man was killed on Friday when a wall fell on his van in Ipswich. His two sons, who "
        "were in the van, were taken to Ipswich General with minor injuries."
    )
    assert toll(text) == {"killed": 1, "injured": 2}
    # negative: gunshot wounds beside "one died" still hold the dead one
    text = "Two men were found with gunshot wounds on Elm Street; one died."
    assert toll(text) == {"killed": 1, "injured": 1}


def test_k1_a_name_with_accents_is_one_victim() -> None:
    text = "Eóin Ó Súilleabháin, 31, died when his car left the road near Macroom on Friday."
    assert toll(text) == {"killed": 1}
    text = "José Núñez and his daughter were killed when a bus hit their car in Tijuana."
    assert toll(text) == {"killed": 2}
    assert evidence(text, "killed") == ["José Núñez and his daughter"]
