"""The article toll, seventh round of issue 11: one test per general rule, named after its case."""

from toll_reading import toll


def test_the_corner_of_coles_avenue_emmanuel_stokes_with_the_space_lost_is_two_sentences() -> None:
    # a page that lost the spaces after its full stops: read as one sentence, the two dead named
    # first, the two who ran and "all four" were summed to eight
    text = (
        "Man charged in South Shore quadruple murder\n"
        "Police said he shot up a restaurant at Coles Avenue.Emmanuel Stokes, 28, and Edwin "
        "Davis, 32, were fatally shot inside the restaurant.Two other men ran from the "
        "restaurant, but both were fatally shot outside.All four were pronounced dead at the "
        "scene."
    )
    assert toll(text)["killed"] == 4


def test_one_killed_four_injured_told_twice_in_a_headline_glued_to_its_story_is_four() -> None:
    # page furniture without full stops glues the headline, the site name and the lead into
    # one "sentence": the same four told three times, not twelve hurt
    text = (
        "One killed, four injured in nightclub shooting\n"
        "One killed, four injured in nightclub shooting Valley News One killed, four injured "
        "in nightclub shooting Police are investigating a shooting that left one person dead "
        "and four injured."
    )
    assert toll(text) == {"killed": 1, "injured": 4}


def test_four_dead_caption_glued_to_where_four_people_were_found_dead_is_four() -> None:
    text = (
        "Four dead in South Side shooting Staff Photo / Daily Ledger An officer stands at a home "
        "where four people were found dead at the scene and another person was taken to the "
        "hospital."
    )
    assert toll(text)["killed"] == 4


def test_two_men_killed_and_two_women_killed_in_one_sentence_stay_four() -> None:
    # another noun is another group
    text = "Two men were shot dead on the porch and two women were killed inside the house."
    assert toll(text)["killed"] == 4


def test_a_fourth_victim_was_taken_by_private_car_after_three_dead_is_one_hurt() -> None:
    # no trigger names "a fourth victim": the ordinal past the three dead is one victim more
    text = (
        "Police said three men were found dead at the scene. A fourth victim was taken by "
        "private car to Lee County Medical Center before officers arrived."
    )
    assert toll(text) == {"killed": 3, "injured": 1}


def test_two_men_taken_to_a_hospital_and_a_fourth_victim_drove_herself_is_four() -> None:
    text = (
        "One woman and two men were taken to a local hospital for treatment and a fourth "
        "victim drove herself to a hospital."
    )
    assert toll(text)["injured"] == 4


def test_a_second_victim_a_juvenile_female_was_hit_in_the_leg_after_one_dead_is_one_hurt() -> None:
    # the phrase in apposition is the second victim, not the one who died
    text = (
        "Investigators said a 19-year-old man was hit several times and died at the hospital. "
        "A second victim, only identified as a juvenile female, was hit in the leg, deputies said."
    )
    assert toll(text) == {"killed": 1, "injured": 1}


def test_a_second_victim_died_is_not_counted_twice() -> None:
    text = "A man was shot and killed on Main Street. A second victim died at the hospital."
    assert toll(text)["killed"] == 2


def test_suspected_of_killing_his_ex_girlfriend_and_two_others_is_three() -> None:
    # "ex-girlfriend" is a girlfriend: the list is three, not the two others alone
    text = (
        "A 19-year-old student suspected of killing his ex-girlfriend and two others at a house "
        "party had bought his rifle a week before, a friend said."
    )
    assert toll(text)["killed"] == 3


def test_the_gunman_killed_his_ex_wife_and_her_mother_is_two() -> None:
    assert toll("Police said the gunman killed his ex-wife and her mother.")["killed"] == 2


def test_four_names_with_ages_were_all_transported_to_the_hospital_is_four() -> None:
    # a list of names and ages runs past the usual phrase length: its first name was cut off
    text = (
        "Heaven Moss, 24, Justin Kane, 24, Donald Joyce, 25 and Tobias Cudd, 32 were all "
        "transported to the hospital with non-life-threatening injuries."
    )
    assert toll(text)["injured"] == 4


def test_three_names_with_ages_and_commas_were_taken_to_the_hospital_is_three() -> None:
    text = (
        "Police said Justin Kane, 24, Donald Joyce, 25, and Tobias Cudd, 32, were taken to the "
        "hospital with gunshot wounds."
    )
    assert toll(text)["injured"] == 3


def test_a_shooting_that_left_a_woman_dead_and_their_daughter_in_a_coma_is_one_and_one() -> None:
    # the condition after "and" has a victim of its own, not the one who died
    text = (
        "The sheriff issued a warrant for a man suspected in a shooting that left a woman dead "
        "and their 13-year-old daughter in a coma."
    )
    assert toll(text) == {"killed": 1, "injured": 1}


def test_left_two_men_dead_and_a_teenager_in_serious_condition_is_two_and_one() -> None:
    text = "The shooting left two men dead and a teenager in serious condition on Sunday."
    assert toll(text) == {"killed": 2, "injured": 1}


def test_a_man_shot_and_killed_and_taken_to_a_hospital_is_still_one_dead() -> None:
    assert toll("A man was shot and killed and taken to a hospital, police said.") == {"killed": 1}


def test_an_infant_found_next_to_her_dying_mother_after_a_couple_was_killed_is_two() -> None:
    # "her dying mother" is one of the couple, not a third death
    text = (
        "An infant was found next to her dying mother before dawn Tuesday after police say a "
        "man broke into the home, killed a young couple and shot two others."
    )
    assert toll(text) == {"killed": 2, "injured": 2}


def test_a_man_found_dying_in_the_street_is_still_one_dead() -> None:
    assert toll("Officers found a man dying in the street after the shooting.")["killed"] == 1


def test_two_others_a_man_and_a_woman_between_dashes_were_taken_to_a_hospital_is_two() -> None:
    # the dashes hold an aside naming the two, not the end of the victims' phrase
    text = (
        "Two others — a man and a woman — were taken to an area hospital in critical "
        "condition, a fire department spokeswoman said."
    )
    assert toll(text) == {"injured": 2}


def test_two_men_shot_and_taken_to_a_hospital_where_they_both_died_is_two_dead() -> None:
    # "they both" is the two just shot: two dead, not two dead and two hurt
    text = "Two men were shot and taken to a hospital, where they both died, police said."
    assert toll(text) == {"killed": 2}


def test_three_people_were_shot_and_all_three_died_is_three_dead() -> None:
    assert toll("Three people were shot early Sunday; all three died.") == {"killed": 3}


def test_four_people_shot_and_they_were_taken_to_hospitals_stays_four_hurt() -> None:
    assert toll("Police said four people were shot and they were taken to hospitals.") == {
        "injured": 4
    }


def test_five_people_shot_outside_a_nightclub_early_sunday_two_of_them_fatally_is_two_dead() -> (
    None
):
    # words of place and time between the group and its share: still two of the five
    text = (
        "Five people were shot outside a nightclub on Main Street early Sunday, two of them "
        "fatally."
    )
    assert toll(text) == {"killed": 2, "injured": 3}


def test_five_shot_and_a_man_hurt_two_of_them_seriously_has_no_dead() -> None:
    text = "Five people were shot outside the bar and a man was hurt, two of them seriously."
    assert "killed" not in toll(text)


def test_a_home_invasion_that_put_three_women_into_the_hospital_is_three_hurt() -> None:
    text = (
        "Police said the baby was killed in a home invasion that put three women into the "
        "hospital, including his mother and grandmother."
    )
    assert toll(text) == {"killed": 1, "injured": 3}


def test_police_put_the_suspect_in_a_cruiser_and_took_him_to_the_hospital_is_no_victim() -> None:
    assert toll("Police put the suspect in a cruiser and later took him to the hospital.") == {}


def test_a_struggle_between_the_two_men_and_stover_was_shot_is_one_shot() -> None:
    # "was" takes one: the two men belong to "between", not to who was shot
    text = (
        "The double shooting left a man and woman dead. Investigators say a struggle over the "
        "gun ensued between the two men and Stover was shot. Both Stover and Gilliam died."
    )
    # no one else hurt is only inferred, so no injured entry (the eighth round's contract)
    assert toll(text) == {"killed": 2}


def test_a_man_and_a_woman_was_shot_is_still_two() -> None:
    # an agreement slip with one victim on each side of "and" is still both
    assert toll("Police said a man and a woman was shot outside the bar.") == {"injured": 2}


def test_one_person_with_gunshot_wounds_listed_in_serious_condition_is_not_a_dead_one() -> None:
    # alive by its condition: not one of the three dead told before
    text = (
        "A student is suspected of killing his ex-girlfriend and two others at a house party. "
        "One person was taken to Harborview Medical Center with gunshot wounds and is listed "
        "in serious condition."
    )
    assert toll(text) == {"killed": 3, "injured": 1}


def test_a_man_shot_and_in_critical_condition_who_died_is_one_dead() -> None:
    # "critical" is no proof of life: the critically hurt die, often in the same story
    text = (
        "A man was shot in the chest and taken to the hospital in critical condition. "
        "A man died at the hospital hours later, police said."
    )
    assert toll(text) == {"killed": 1}  # an inferred zero injured is not spoken of
