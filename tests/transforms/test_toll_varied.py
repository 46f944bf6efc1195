"""The article toll beyond shootings (issue 11, sixth round): one test per general rule, named
after the case in tests/data/eval/toll_varied_dev.jsonl that it came from."""

from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.toll import article_toll
from toll_reading import evidence, toll


def test_killing_the_pilot_and_two_guests_died_name_victims_of_crashes_and_fires() -> None:
    # the people other harms befall: pilots, guests, occupants, pupils, pensioners
    text = "A small plane crashed on Sunday, killing the pilot and seriously injuring a passenger."
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "killed") == ["the pilot"]
    assert toll("Two guests at a holiday cottage died from carbon monoxide poisoning.") == {
        "killed": 2
    }
    assert toll("Both occupants of the vehicle were pronounced dead at the scene.") == {"killed": 2}
    assert toll("A teacher and two pupils were wounded in a knife attack.") == {"injured": 3}


def test_stabbed_to_death_mauled_drowned_and_die_are_harms_like_a_shooting() -> None:
    # a knife's harm reads like a gun's: outcome unstated unless a death is said
    assert toll("A 23-year-old man was stabbed outside a bar on Friday night.") == {"injured": 1}
    assert toll("Police said a woman was stabbed to death in her flat.") == {"killed": 1}
    assert toll("A man stabbed two commuters at the station on Monday.") == {"injured": 2}
    # "to death" makes a death of words that alone say little or only hurt
    assert toll("DOG HORROR: Pensioner, 79, savaged to death by neighbour's dog") == {"killed": 1}
    assert toll("A homeless man was beaten to death under a bridge.") == {"killed": 1}
    assert toll("A 4-year-old boy was mauled by two pit bulls on Sunday.") == {"injured": 1}
    assert toll("At least 40 migrants drowned when their boat capsized.") == {"killed": 40}
    assert toll("HORROR SMASH: Dad and two kids die as car plunges into river") == {"killed": 3}
    # a wish or a risk is no death
    assert toll("Doctors said the man could die without surgery.") == {}


def test_six_people_stabbed_one_of_whom_has_died_is_one_killed_five_hurt() -> None:
    # "N of whom" is a share of the group before it, like "one of them"
    text = "14:05 Police now say six people were stabbed in the attack, one of whom has died."
    assert toll(text) == {"killed": 1, "injured": 5}
    assert toll("Four men were shot outside the bar, two of whom died in hospital.") == {
        "killed": 2,
        "injured": 2,
    }


def test_taken_to_hospital_airlifted_in_a_serious_condition_say_hurt() -> None:
    # British copy drops the article; a headline drops the verb "was"
    text = "Three people have been taken to hospital after a stabbing at a house party."
    assert toll(text) == {"injured": 3}
    assert toll("Mum and toddler rushed to hospital after being attacked by escaped bull") == {
        "injured": 2
    }
    assert toll("A man was airlifted to a trauma center after his tractor rolled over.") == {
        "injured": 1
    }
    assert toll("His passenger was airlifted to Regional Medical Center.") == {"injured": 1}
    assert toll("A woman in her 30s is in a serious condition in hospital.") == {"injured": 1}
    assert toll("Fire officials said 30 others were still being treated in hospital.") == {
        "injured": 30
    }
    text = "Three people remain in critical condition after the stage collapse."
    assert toll(text) == {"injured": 3}
    text = "Officers found a 34-year-old woman with multiple stab wounds in the hallway."
    assert toll(text) == {"injured": 1}


def test_a_live_blogs_clock_time_17_45_is_not_part_of_the_victims() -> None:
    text = "17:45 Three people remain in critical condition after the stage collapse."
    assert toll(text) == {"injured": 3}
    assert evidence(text, "injured") == ["Three people"]
    # a headline's "Police: 4 teens shot" keeps its count
    assert toll("Police: 4 teens shot at birthday party") == {"injured": 4}


def test_the_death_toll_from_the_tower_block_fire_has_risen_to_19() -> None:
    # a stated total farther from its number than the figure reader's window still counts
    text = "The death toll from the tower block fire has risen to 19, fire officials said."
    assert toll(text) == {"killed": 19}
    assert evidence(text, "killed") == ["19"]
    text = "Rescuers recovered three more bodies on Tuesday, bringing the number of dead to 23."
    assert toll(text) == {"killed": 23}
    text = "Officials say the number of people killed in the floods has risen from 12 to 18."
    assert toll(text) == {"killed": 18}
    # another incident's toll stays out
    assert toll("The death toll from shootings in the city this year has risen to 301.") == {}


def test_impaired_drivers_kill_thousands_every_year_is_a_rate_not_the_incident() -> None:
    text = (
        "A driver was killed in a crash on Route 9 on Friday. Drivers impaired by alcohol "
        "injure and kill thousands of people every year."
    )
    assert toll(text) == {"killed": 1}
    assert toll("Drownings kill about 4,000 people each year, the agency said.") == {}


def test_scores_were_killed_and_hundreds_wounded_are_vague_counts_of_victims() -> None:
    # the guidelines' vague plurals: dozens 24, scores 40, hundreds 200 (at least)
    text = "Scores were killed and hundreds wounded in the bombardment of the camp."
    assert toll(text) == {"killed": 40, "injured": 200}
    assert article_toll(text)["killed"].qualifier == "at_least"
    assert toll("Dozens hurt as stand collapses at packed football match") == {"injured": 24}
    text = "An airstrike killed at least 23 civilians and wounded dozens more, officials said."
    assert toll(text) == {"killed": 23, "injured": 24}
    # a game's scores are no victims
    assert toll("Scores were level when the match was abandoned after a spectator was hurt.") == {
        "injured": 1
    }


def test_no_injuries_were_reported_is_zero_hurt() -> None:
    text = "The blaze at 455 Market Street was put out within an hour. No injuries were reported."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["No injuries"]
    assert toll("Crews battled the fire for six hours; there were no injuries.") == {"injured": 0}
    # the victims told elsewhere keep their count
    text = "Two people were hurt in the crash. No injuries were reported in the second car."
    assert toll(text) == {"injured": 2}


def test_killed_then_a_semicolon_then_survivors_treated_in_hospital_names_both() -> None:
    # a ";" closes the clause of the dead: the condition after it has victims of its own
    text = "Five people were killed in the crash; 27 others are being treated in hospital."
    assert toll(text) == {"killed": 5, "injured": 27}
    # without it, the condition is the dead victims' own ("killed … taken to a hospital")
    assert toll("A man was killed and taken to a hospital by friends.") == {"killed": 1}


def test_41_of_the_154_people_on_board_were_killed_is_no_share_of_the_hurt() -> None:
    # the group of "N of the M" is who was aboard, not victims counted elsewhere
    text = "41 of the 154 people on board were killed; 27 survivors are being treated in hospital."
    assert toll(text) == {"killed": 41, "injured": 27}
    assert toll("Three of the 40 passengers died when the bus overturned.") == {"killed": 3}
    # a share of the harmed stays one: "one of the five people shot has died"
    assert toll("One of the five people shot outside the club has died.") == {
        "killed": 1,
        "injured": 4,
    }


def test_a_teenage_girl_who_was_pulled_from_the_river_has_died() -> None:
    # the victim stands before a relative clause that closes before the trigger's verb
    text = "A teenage girl who was pulled from the river on Sunday has died in hospital."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["A teenage girl"]
    # a clause whose one verb is the trigger names someone else's death
    text = (
        "Four people were shot. The club was hosting a concert for a young man who recently died."
    )
    assert toll(text) == {"injured": 4}


def test_paramedics_treated_17_people_and_sent_a_man_to_the_hospital_name_the_hurt() -> None:
    # who treats or sends victims names them as its object
    text = "20:10 Paramedics treated 17 people at the scene of the explosion."
    assert toll(text) == {"injured": 17}
    text = "A house explosion leveled two homes and sent a man and his teenage son to the hospital."
    assert toll(text) == {"injured": 2}
    assert evidence(text, "injured") == ["a man and his teenage son"]
    assert toll("An accidental shooting sent one to the hospital.") == {"injured": 1}
    # "treated him as his own son" is how, not a patient
    assert toll("He took in the boy and treated him as his own son.") == {}


def test_a_17_year_old_boy_is_in_critical_condition_after_he_was_stabbed() -> None:
    # the condition names the victim; the "he" of the harm after it is the same boy
    text = "A 17-year-old boy is in critical condition after he was stabbed outside a store."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A 17-year-old boy"]
    text = "An 18-year-old woman is in critical condition after police said she was shot."
    assert evidence(text, "injured") == ["An 18-year-old woman"]


def test_the_driver_died_and_his_passenger_was_hurt_are_two_people() -> None:
    # roles one person holds at a time tell victims apart like a name, an age or a sex
    text = "The driver was pronounced dead at the scene. His passenger was hurt."
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "injured") == ["His passenger"]
    # "the man" may be the driver: the toll cannot tell whether anyone else was hurt, and an
    # inferred zero is not spoken of, so no injured entry
    assert toll("The driver was pronounced dead at the scene. The man was hurt.") == {"killed": 1}


def test_the_driver_of_the_sedan_a_24_year_old_man_from_fairview_was_pronounced_dead() -> None:
    # an apposition may say where the one victim is from, and follow "the driver of the sedan"
    text = (
        "The driver of the sedan, a 24-year-old man from Fairview, was pronounced dead at the "
        "scene. His passenger was airlifted to Regional Medical Center with serious injuries."
    )
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "killed") == ["The driver"]
    text = "Jane Doe, a mother of two from Elm Grove, was fatally stabbed on Sunday."
    assert toll(text) == {"killed": 1}


def test_every_toll_entry_keeps_a_span_even_a_count_no_sentence_gave() -> None:
    # the injured as the harmed less the killed is zero: inferred, not spoken of, so absent
    text = "A man was shot on Main Street. Two people were killed in the shooting."
    assert toll(text) == {"killed": 2}
    # a zero the largest tally never held
    text = "Six victims were injured at the scene. Police said no one was killed that night."
    assert toll(text) == {"killed": 0, "injured": 6}
    assert evidence(text, "killed") == ["no one was killed"]
    # "one of the five people shot has died": the four hurt rest on the one who died
    text = "One of the five people shot outside the nightclub has died, police said Monday."
    assert evidence(text, "injured") == ["One"]


def test_gaza_demo_she_was_taken_to_nasser_hospital_beside_a_420_toll_reads_no_injured_zero() -> (
    None
):
    # a named hospital without an article stays unread, as before this round: the lone "she"
    # beside a stated toll of 420 would read injured 0, a wrong count for the claims
    text = (
        "Ceasefire toll reaches at least 420, Gaza ministry says\n"
        "A three-year-old girl was among those hurt when a shell struck their tent. She was "
        "taken to Nasser Hospital with shrapnel wounds."
    )
    assert "injured" not in toll(text) or toll(text)["injured"] != 0
    # a flight names its destination; a bare "hospital" is British copy
    assert toll("His passenger was airlifted to Regional Medical Center.") == {"injured": 1}
    assert toll("Three people have been taken to hospital after a stabbing.") == {"injured": 3}


def test_number_of_people_injured_unchanged_at_over_1150_is_no_exact_toll() -> None:
    # the toll keeps a figure's value, not its qualifier: only exact stated totals are read
    text = "The number of people injured was unchanged at over 1,150, the official said."
    assert article_toll(text, extract_figures(text)).get("injured") is None
    text = "The death toll from the tower block fire has risen to 19, fire officials said."
    assert toll(text) == {"killed": 19}
