"""The article toll's recall (issue 11, twelfth round): injuries told by care or an injury noun,
second outcomes, sums of parts, live blogs and zeros in more wordings. One test per general rule,
named after the kind of statement it reads (the lead's list), with probe sentences of my own."""

from toll_reading import evidence, toll


def test_kind5_zero_without_loss_of_life_is_no_one_killed() -> None:
    text = "The ferry ran aground in fog on Tuesday without loss of life."
    assert toll(text) == {"killed": 0}
    assert evidence(text, "killed") == ["without loss of life"]
    assert toll("Storms lashed the coast overnight; no loss of life has been reported.") == {
        "killed": 0
    }
    assert toll("The dam burst, but there was no reported loss of life.") == {"killed": 0}
    # a count of the dead stands; a wish or a plan is no zero
    assert toll("Two people drowned. Officials said there was no other loss of life.") == {
        "killed": 2
    }
    assert toll("Crews worked through the night to prevent loss of life.") == {}


def test_kind5_zero_no_one_needed_care_or_was_harmed() -> None:
    text = "A fire broke out in the hotel kitchen; no one required medical attention."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["no one required medical attention"]
    assert toll("Smoke filled the corridors, but nobody needed hospital treatment.") == {
        "injured": 0
    }
    text = "The siege ended at dawn. None of the captives was harmed."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["None of the captives was harmed"]
    assert toll("Police stormed the bank and no one was harmed.") == {"injured": 0}
    # a denied grade is no zero; a count of the hurt stands
    assert toll("Six people were taken to hospital. None was seriously harmed.") == {"injured": 6}
    assert toll("Three workers were hurt. No one else needed medical attention.") == {"injured": 3}


def test_kind5_zero_beside_damage_no_damage_or_injuries() -> None:
    text = "A small earthquake shook the town; no damage or injuries have been reported."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["no damage or injuries"]
    assert toll("The blaze was put out quickly and no casualties or damage were reported.") == {
        "killed": 0,
        "injured": 0,
    }
    assert toll("There were no reports of structural damage or fatalities.") == {"killed": 0}
    # damage with harm beside it: the count stands
    assert toll("Two people were hurt, but there was no damage or other injuries.") == {
        "injured": 2
    }


def test_kind5_zero_freed_or_rescued_unharmed() -> None:
    text = "The trapped miners have been freed unharmed."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["The trapped miners have been freed unharmed"]
    assert toll("Four hikers were rescued unharmed on Sunday.") == {"injured": 0}
    assert toll("All 14 passengers had been found unhurt by the evening.") == {"injured": 0}
    # a pet's escape is no zero of people
    assert toll("The dog was found unharmed.") == {}


def test_kind5_partial_zero_keeps_the_count() -> None:
    # the driver alone unhurt is a zero only where no one else was hurt
    assert toll("A van hit a wall. The driver of the van was not injured.") == {"injured": 0}
    text = (
        "A car hit a bus on the ring road. Three bus passengers were hurt. The driver of the "
        "car was not injured."
    )
    assert toll(text) == {"injured": 3}
    assert toll("None of the 30 passengers was hurt when the bus skidded.") == {"injured": 0}
    text = "Eight people were taken to hospital. None was seriously hurt."
    assert toll(text) == {"injured": 8}


def test_kind1_injured_told_by_a_stay_in_hospital() -> None:
    text = "A school coach left the road on Monday. Twelve pupils remain in hospital."
    assert toll(text) == {"injured": 12}
    assert evidence(text, "injured") == ["Twelve pupils"]
    text = "A man died in the crash on the bypass. His wife remains in hospital."
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "injured") == ["His wife"]
    # the stabbed man told again by a pronoun is one
    assert toll("A man was stabbed in the street. He remains in hospital.") == {"injured": 1}


def test_kind1_injured_told_by_an_injury_noun_stitches_glassed_fracture() -> None:
    text = "A barman who needed 12 stitches said the attack was unprovoked."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A barman"]
    assert toll("A supporter was glassed in a pub after the derby.") == {"injured": 1}
    assert toll("Police said a steward was bottled outside the ground.") == {"injured": 1}
    text = "The fight outside the club left a bouncer with a fractured skull."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["a bouncer"]
    assert toll("The co-pilot suffered a broken back in the crash landing.") == {"injured": 1}
    # things bottled or broken are no one hurt
    assert toll("Volunteers handed out bottled water after the flood.") == {}
    assert toll("The shop window was broken during the storm.") == {}


def test_kind1_injured_rescued_alive_and_taken_to_hospital() -> None:
    text = "The building collapsed on Tuesday. Nine were dug out alive and taken to hospital."
    assert toll(text) == {"injured": 9}
    assert evidence(text, "injured") == ["Nine"]
    assert toll("Two climbers were winched to safety and flown to hospital.") == {"injured": 2}
    assert toll("Seven miners were pulled out alive and taken to a hospital.") == {"injured": 7}
    # an arrest before the hospital is no rescue: the arrested man is no one hurt
    assert toll("A man was arrested and taken to hospital.") == {"detained": 1}


def test_kind1_a_share_of_a_group_no_harm_counted_is_the_hurt() -> None:
    # "Five of the freed workers": a share of a group told as no harm count is itself the hurt
    text = (
        "Rescuers freed eleven workers from the flooded mine. Five of the freed workers are "
        "being treated for smoke inhalation."
    )
    assert toll(text) == {"injured": 5}
    assert evidence(text, "injured") == ["Five"]
    assert toll("Four of the firefighters' colleagues are still in hospital.") == {"injured": 4}
    # a share of the hurt told before adds no one
    assert toll("Three people were shot. Two of the victims are still in hospital.") == {
        "injured": 3
    }
    assert toll("Three people were shot, one fatally. Two of them remain in hospital.") == {
        "killed": 1,
        "injured": 2,
    }


def test_kind1_a_survivor_told_by_a_harm_one_lives_with_after_the_dead() -> None:
    text = (
        "Two passengers were killed when the bus overturned. A lorry driver was hospitalised "
        "with chest injuries."
    )
    assert toll(text) == {"killed": 2, "injured": 1}
    assert evidence(text, "injured") == ["A lorry driver"]
    text = "A man was killed in the blast. His wife was taken to hospital with a broken wrist."
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "injured") == ["His wife"]
    text = "The light aircraft crashed, killing the pilot. The co-pilot suffered a broken back."
    assert toll(text) == {"killed": 1, "injured": 1}
    text = "Four hikers died on the ridge. A fifth walker was treated for minor injuries."
    assert toll(text) == {"killed": 4, "injured": 1}


def test_kind1_the_dead_told_again_with_their_wounds_is_no_survivor() -> None:
    # a pronoun, "the victim", a gunshot wound or a retelling may be the one who died
    text = (
        "A man was shot and killed on Friday. The victim was taken to hospital with a gunshot "
        "wound."
    )
    assert toll(text) == {"killed": 1}
    assert toll("A woman died in the crash. She suffered chest injuries.") == {"killed": 1}
    assert toll("A woman died in the crash. The woman had suffered chest injuries.") == {
        "killed": 1
    }
    assert toll("A man was shot dead. A man was taken to hospital with a gunshot wound.") == {
        "killed": 1
    }
    # one hurt told twice is one
    assert toll(
        "A boy was stabbed in the park. He was taken to hospital with cuts and bruises."
    ) == {"injured": 1}


def test_kind2_second_outcome_left_or_leaving_with_injuries() -> None:
    text = "The blast at the depot killed six labourers and left nine others with burns."
    assert toll(text) == {"killed": 6, "injured": 9}
    assert evidence(text, "injured") == ["nine others"]
    # "left [14] with injuries" read 14 shot, the two dead among them: 12 hurt
    assert toll("The crash killed two and left 14 with injuries.") == {"killed": 2, "injured": 14}
    text = "The storm killed five people, leaving 22 with injuries."
    assert toll(text) == {"killed": 5, "injured": 22}
    assert evidence(text, "injured") == ["22"]
    assert toll("The fire left 14 people with severe burns.") == {"injured": 14}
    assert toll("The shooting left one man dead and three others with gunshot wounds.") == {
        "killed": 1,
        "injured": 3,
    }
    assert toll("The fire burns on.") == {}


def test_kind2_second_outcome_escaped_with_minor_injuries() -> None:
    text = "Two climbers died in the avalanche. Four others escaped with minor injuries."
    assert toll(text) == {"killed": 2, "injured": 4}
    assert evidence(text, "injured") == ["Four others"]
    assert toll("The driver walked away with cuts and bruises.") == {"injured": 1}
    assert toll("A man was killed. His son survived with serious burns.") == {
        "killed": 1,
        "injured": 1,
    }
    assert toll("Two men died; a third escaped with a broken leg.") == {"killed": 2, "injured": 1}
    # an escape unhurt stays a zero
    assert toll("The driver escaped without injury.") == {"injured": 0}


def test_kind2_second_outcome_among_the_injured_and_sent_to_hospital() -> None:
    text = "A gas blast tore through the clinic. Two nurses and a porter were among the injured."
    assert toll(text) == {"injured": 3}
    assert toll("The stampede killed three pilgrims and sent 15 to hospital.") == {
        "killed": 3,
        "injured": 15,
    }


def test_kind3_sum_of_parts_with_police_officers() -> None:
    # "police" ended a subject scanned backwards (it is who speaks in "police said")
    text = "Scores of students and at least nine police officers were injured in the clashes."
    assert toll(text) == {"injured": 49}
    assert evidence(text, "injured") == ["Scores of students and at least nine police officers"]
    text = "Two police officers and a bystander were wounded in the shootout."
    assert toll(text) == {"injured": 3}
    assert evidence(text, "injured") == ["Two police officers and a bystander"]
    assert toll("Four police officers were hurt during the protest.") == {"injured": 4}
    assert toll("Five police officers, two firefighters and a paramedic were hurt.") == {
        "injured": 8
    }
    # who speaks is no victim
    assert toll("Police said two people were hurt.") == {"injured": 2}
    assert toll("Two people were shot, police officers said.") == {"injured": 2}


def test_kind3_sum_of_parts_a_dozen_and_their_driver() -> None:
    text = "A dozen pilgrims and their driver died when the bus plunged into a ravine."
    assert toll(text) == {"killed": 13}
    assert evidence(text, "killed") == ["A dozen pilgrims and their driver"]
    assert toll("A dozen tourists and their guide drowned when the boat sank.") == {"killed": 13}
    assert toll("Two soldiers and three civilians were killed in the ambush.") == {"killed": 5}


def test_kind4_live_blog_clock_stamped_entries_are_read() -> None:
    text = (
        "Live: explosion at the chemical plant\n"
        "09:40 — One person was killed in the blast, police say.\n"
        "11:20 — The agency now says four people have died and 27 are hurt.\n"
    )
    assert toll(text) == {"killed": 4, "injured": 27}
    assert evidence(text, "killed") == ["four people"]
    assert evidence(text, "injured") == ["27"]
    text = (
        "Warehouse fire - latest updates\n"
        "9:05 am: Two people were hurt in the fire.\n"
        "11:30 am: Firefighters say six people were taken to hospital.\n"
    )
    assert toll(text) == {"injured": 6}
    # a police log's stamped entries are many incidents, a playlist's lengths no entries
    text = "Police Logs, March 3\n11:45 a.m. — A caller reported a crash; the driver was unhurt.\n"
    assert toll(text) == {}
    text = "Man shot in Elm Street\nA man was shot Sunday.\n0:43 Two men found dead in park."
    assert toll(text) == {"injured": 1}


def test_kind4_the_latest_update_count_stands() -> None:
    text = (
        "Live: explosion in the city centre\n"
        "09:40 — Three people were killed in the blast, police say.\n"
        "11:20 — The ministry now says two people have died and 19 are injured.\n"
    )
    assert toll(text) == {"killed": 2, "injured": 19}
    assert evidence(text, "killed") == ["two people"]
    text = "Two men were killed. Latest figures show one person died and 12 were hurt."
    assert toll(text) == {"killed": 1, "injured": 12}
    assert evidence(text, "killed") == ["one person"]
    # a description of one is no update of the count
    text = (
        "Two people were shot and killed on Friday. Police now say the man who died was a teacher."
    )
    assert toll(text) == {"killed": 2}
    assert toll("Records show two people were killed.") == {"killed": 2}


def test_kind2_second_outcome_another_or_a_further_bare_number() -> None:
    text = "Three people died in the blaze; a further 20 were hurt."
    assert toll(text) == {"killed": 3, "injured": 20}
    assert evidence(text, "injured") == ["a further 20"]
    assert toll("Two were killed and another five injured.") == {"killed": 2, "injured": 5}
    assert toll("Another 20 were hurt in the crush.") == {"injured": 20}
    # "a" before a number alone is no count
    assert toll('The song is called "2 techs and a 50 shot."') == {}


def test_kind1_a_stay_in_hospital_with_a_share_in_a_critical_condition() -> None:
    text = "Fourteen passengers remain in hospital, two of them in a critical condition."
    assert toll(text) == {"injured": 14}
    assert evidence(text, "injured") == ["Fourteen passengers"]
    assert toll("Nine pupils are still in hospital, three of them in a serious condition.") == {
        "injured": 9
    }


def test_kind1_a_survivor_treated_for_an_injury_after_the_dead() -> None:
    text = (
        "The gas explosion killed an elderly couple. Their neighbour was treated in hospital "
        "for burns."
    )
    assert toll(text) == {"killed": 2, "injured": 1}
    assert evidence(text, "injured") == ["Their neighbour"]
    assert toll(
        "A cyclist died in the collision. A pedestrian was treated at the scene for cuts."
    ) == {
        "killed": 1,
        "injured": 1,
    }


def test_kind2_second_outcome_left_in_hospital() -> None:
    text = "The fire killed three firefighters and left two others in hospital."
    assert toll(text) == {"killed": 3, "injured": 2}
    assert evidence(text, "injured") == ["two others"]
    assert toll("The crash left four people dead and 11 in hospital.") == {
        "killed": 4,
        "injured": 11,
    }
    assert toll("The storm left 30 people in hospital.") == {"injured": 30}
    # a death in hospital, and a place left, are no stay of the hurt
    assert toll("The man died in hospital after he left the bar.") == {"killed": 1}


def test_kind2_second_outcome_escaped_with_cuts_or_suffered_wounds() -> None:
    text = "A pedestrian died. The driver and a passenger escaped with cuts."
    assert toll(text) == {"killed": 1, "injured": 2}
    assert evidence(text, "injured") == ["The driver and a passenger"]
    text = "Two soldiers were killed; three more suffered shrapnel wounds."
    assert toll(text) == {"killed": 2, "injured": 3}
    assert evidence(text, "injured") == ["three more"]
    assert toll("The driver walked away with a few scratches.") == {"injured": 1}
    assert toll("A woman suffered no wounds.") == {}


def test_kind5_zero_none_of_the_passengers_or_crew() -> None:
    text = "The plane made an emergency landing. None of the 120 passengers or crew was injured."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["None of the 120 passengers or crew was injured"]
    assert toll("None of the passengers or crew members were hurt.") == {"injured": 0}
    # the hurt told beside it stand
    assert toll("Two were hurt. None of the pupils or teachers was injured.") == {"injured": 2}


def test_kind2_second_outcome_sent_hundreds_to_hospital() -> None:
    text = "The quake killed 40 people and sent hundreds to hospital."
    assert toll(text) == {"killed": 40, "injured": 200}
    assert evidence(text, "injured") == ["hundreds"]
    assert toll("The gas leak sent dozens of people to hospital.") == {"injured": 24}
    assert toll("Paramedics treated scores of people at the scene.") == {"injured": 40}


def test_kind2_second_outcome_and_a_new_victim_in_a_care_clause() -> None:
    text = (
        "A van hit a bus shelter on Friday, killing a pensioner. A schoolgirl was taken to "
        "hospital with a broken leg and a woman was treated for shock."
    )
    assert toll(text) == {"killed": 1, "injured": 2}
    assert evidence(text, "injured") == ["A schoolgirl", "a woman"]
    assert toll("Two men were stabbed and two others were treated at the scene.") == {"injured": 4}
    # the one hurt told again is one
    assert toll("A man was shot and the victim was taken to hospital.") == {"injured": 1}
    assert toll("A man was shot and he was taken to hospital in critical condition.") == {
        "injured": 1
    }


def test_kind1_injured_told_by_medical_care_sought_or_given() -> None:
    text = "Thirty people sought medical treatment after the concert crush."
    assert toll(text) == {"injured": 30}
    assert evidence(text, "injured") == ["Thirty people"]
    assert toll("Five people were treated by paramedics at the scene.") == {"injured": 5}
    assert toll("Two people needed hospital treatment.") == {"injured": 2}
    # a zero and a job title are no hurt
    assert toll("No one required medical attention.") == {"injured": 0}
    assert toll("The hospital's medical director spoke to reporters.") == {}


def test_kind1_injured_left_fighting_for_life_or_in_a_condition() -> None:
    text = "A woman was left fighting for her life after the attack."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A woman"]
    assert toll("A man was left in a critical condition.") == {"injured": 1}
    assert toll("Two children were left in a coma.") == {"injured": 2}
    assert toll("He left in a hurry after the crash.") == {}


def test_kind5_zero_no_reports_of_anyone_being_hurt() -> None:
    text = "A fire broke out at the depot. There were no reports of anyone being hurt."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["no reports of anyone being hurt"]
    assert toll("Police said there were no reports of anyone killed.") == {"killed": 0}
    assert toll("Two were hurt; there were no reports of anyone else being hurt.") == {"injured": 2}


def test_kind3_sum_of_parts_the_dead_were_a_list() -> None:
    text = "The dead were four firefighters and a civilian."
    assert toll(text) == {"killed": 5}
    assert evidence(text, "killed") == ["four firefighters and a civilian"]
    assert toll("Those killed were two soldiers and a nurse.") == {"killed": 3}
    assert toll("The injured were a man and his son.") == {"injured": 2}
    # a predicate that is no list of people
    assert toll("The injured were taken to hospital.") == {}


def test_kind1_a_survivor_with_serious_injuries_after_the_dead() -> None:
    text = (
        "A motorcyclist died in the crash. The car driver was airlifted to hospital with "
        "serious injuries."
    )
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "injured") == ["The car driver"]
    # the victim told again with his wounds is the dead one
    text = "A man died in the crash. The victim was airlifted to hospital with serious injuries."
    assert toll(text) == {"killed": 1}


def test_kind5_zero_neither_of_the_two_is_no_share_of_two_hurt() -> None:
    # "Neither of the two drivers" read as a share of a group of two: injured 2, a wrong count
    text = "The cars collided at the junction. Neither of the two drivers was hurt."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["Neither of the two drivers was hurt"]
    assert toll("Neither of the two drivers needed hospital treatment.") == {"injured": 0}
    assert toll("Four people were shot; none of the four died.") == {"killed": 0, "injured": 4}


def test_kind2_second_outcome_and_left_a_hedged_count_with_burns() -> None:
    text = "The blast killed 14 and left more than 50 with burns."
    assert toll(text) == {"killed": 14, "injured": 50}
    assert evidence(text, "injured") == ["more than 50"]
    assert toll("The fire killed two and left at least 12 in hospital.") == {
        "killed": 2,
        "injured": 12,
    }
    assert toll("Five firefighters suffered minor burns tackling the blaze.") == {"injured": 5}


def test_kind4_live_entries_under_a_title_naming_the_incident() -> None:
    text = (
        "Attack: what we know\n"
        "10:30 - At least 20 people were wounded.\n"
        "12:15 - Police now say 35 were wounded and three killed.\n"
    )
    assert toll(text) == {"killed": 3, "injured": 35}
    text = "Earthquake in the north\n06:10 - Local media report that 12 people have died.\n"
    assert toll(text) == {"killed": 12}


def test_kind1_a_survivor_with_head_injuries_not_the_dead_told_again() -> None:
    text = (
        "Three people were killed in the collision. A baby was flown to hospital with head "
        "injuries."
    )
    assert toll(text) == {"killed": 3, "injured": 1}
    assert evidence(text, "injured") == ["A baby"]
    # "the man" after "a man" died is the dead told again
    assert toll("A man died in the crash. The man suffered head injuries.") == {"killed": 1}
    assert toll("A woman died in the crash. The woman suffered chest injuries.") == {"killed": 1}


def test_kind2_second_outcome_with_another_taken_to_hospital() -> None:
    text = "Four people were killed, with another six taken to hospital."
    assert toll(text) == {"killed": 4, "injured": 6}
    assert evidence(text, "injured") == ["another six"]
    assert toll("Two people died, with 14 others treated at the scene.") == {
        "killed": 2,
        "injured": 14,
    }
    assert toll("A man was shot, with another taken to hospital.") == {"injured": 2}


def test_kind1_injured_taken_ill_and_zero_nobody_needed_to_go_to_hospital() -> None:
    text = "Six workers were taken ill after inhaling fumes at the plant."
    assert toll(text) == {"injured": 6}
    assert evidence(text, "injured") == ["Six workers"]
    text = "Smoke filled the ward. Nobody needed to go to hospital."
    assert toll(text) == {"injured": 0}
    assert toll("Two people were treated at the scene; nobody had to be taken to hospital.") == {
        "injured": 2
    }
