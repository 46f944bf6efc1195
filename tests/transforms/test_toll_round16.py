"""The article toll, sixteenth round (issue 11): care and treatment language, bodies and
martyrs, inverted lists. One test per kind, with probe sentences of my own, positives and
negatives."""

from toll_reading import evidence, toll


def test_care_at_a_named_hospital_is_injured() -> None:
    text = "A cyclist was taken to Royal London Hospital after a collision with a bus."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A cyclist"]
    text = "Two people were rushed to Aga Khan Hospital after a gas cylinder exploded."
    assert toll(text) == {"injured": 2}
    text = (
        "Police were called to a brawl in Leeds. Three men were taken to Leeds General Infirmary."
    )
    assert toll(text) == {"injured": 3}
    text = (
        "A bus overturned near Tarlac. Police said 43 passengers were brought to three hospitals."
    )
    assert toll(text) == {"injured": 43}
    # negatives: a police station, a court, custody are no care
    assert toll("The suspect was taken to Wandsworth police station.") == {}
    assert toll("He was brought to court on Monday.") == {}
    assert toll("She remains in custody at Holloway.") == {}


def test_a_stay_in_a_named_hospital_or_confinement_is_injured() -> None:
    text = (
        "A car struck a tree on the N7 on Friday. The driver remains in Limerick University "
        "Hospital."
    )
    assert toll(text) == {"injured": 1}
    # an apposition before a singular verb is one person
    text = (
        "A van hit a motorbike. The pillion passenger, his brother, remains in Tralee General"
        " Hospital."
    )
    assert toll(text) == {"injured": 1}
    text = (
        "Four men died after drinking bootleg liquor in Nashik, while two others remain confined."
    )
    assert toll(text) == {"killed": 4, "injured": 2}
    text = (
        "Twelve people have died after drinking toxic liquor in Bihar. Another 31 are being "
        "treated at the Patna Medical College Hospital."
    )
    assert toll(text) == {"killed": 12, "injured": 31}


def test_treatment_for_exhaustion_or_hypothermia_is_injured() -> None:
    text = "A man was rescued from the river and treated for hypothermia."
    assert toll(text) == {"injured": 1}
    text = (
        "A fifth crew member, who was wearing a life jacket, was found alive and taken to "
        "Cape Cod Hospital with hypothermia."
    )
    assert toll(text) == {"injured": 1}
    # negatives: rescued alone, or rescued unhurt, is no one hurt
    assert toll("Twenty-seven people were rescued from the flooded village.") == {}
    assert toll("All 14 passengers were rescued unhurt.") == {"injured": 0}


def test_rescued_with_injuries_or_pulled_out_alive_and_admitted_is_injured() -> None:
    text = (
        "A crane fell on a building site, killing two workers. Officials said four others "
        "were rescued from the rubble with injuries and taken to Ikeja General Hospital."
    )
    assert toll(text) == {"killed": 2, "injured": 4}
    text = (
        "Three miners were killed. Two others were pulled out of the debris alive and "
        "admitted to Dhanbad Hospital."
    )
    assert toll(text) == {"killed": 3, "injured": 2}


def test_a_share_of_the_rescued_alive_is_hurt_not_less_the_dead() -> None:
    text = (
        "Building collapse: 6 bodies recovered\n"
        "Rescue workers have recovered six bodies from the rubble of a building in Ojodu.\n"
        "The agency said 15 people were rescued alive, nine of whom were taken to hospital with "
        "injuries."
    )
    assert toll(text) == {"killed": 6, "injured": 9}


def test_the_treated_counted_before_a_share_of_them() -> None:
    text = (
        "A wall collapsed at a market in Ibadan. Officials said six traders were treated, "
        "three of whom were taken to Adeoyo Hospital."
    )
    assert toll(text) == {"injured": 6}
    assert evidence(text, "injured") == ["six traders"]


def test_paramedics_transported_patients_to_hospital() -> None:
    text = "We dispatched two ambulances and transported three patients to Raigmore Hospital."
    assert toll(text) == {"injured": 3}
    assert toll("The firm transported three containers to the port.") == {}


def test_an_exact_care_count_after_a_vague_one() -> None:
    text = (
        "Several people hurt as balcony collapses\n"
        "Several people have been injured after a balcony collapsed during a party. Emergency "
        "services were called shortly before 1am. The ambulance service later said six people "
        "were taken to Gold Coast University Hospital, one with serious spinal injuries."
    )
    assert toll(text) == {"injured": 6}
    assert evidence(text, "injured") == ["six people"]


def test_a_wound_beside_the_care_in_one_clause_still_says_shot() -> None:
    # the hospital named, the wound after it: one of the two later died, so one hurt
    text = (
        "Both occupants, a man and a woman, were transported to Regional Medical Center with "
        "gunshot wounds. The woman later died."
    )
    assert toll(text)["killed"] == 1


def test_the_dead_told_again_at_the_head_of_a_hurt_group() -> None:
    text = (
        "UPDATE: Police confirm the driver of the lorry has died in hospital. Earlier: the "
        "driver of the lorry and two occupants of a car were taken to Cork University Hospital "
        "after a collision on the M8."
    )
    assert toll(text) == {"killed": 1, "injured": 2}
    # negative: another driver is another person
    text = (
        "The driver died at the scene. The driver of the second car and his passenger were "
        "taken to hospital."
    )
    assert toll(text) == {"killed": 1, "injured": 2}


def test_his_passenger_beside_a_dead_driver() -> None:
    text = (
        "A 64-year-old man died after his car hit a tree on State Highway 1 on Sunday evening. "
        "His passenger, a 60-year-old woman, was taken to Whangarei Hospital, police said."
    )
    assert toll(text) == {"killed": 1, "injured": 1}
    # negative: "the passenger" alone may be anyone, the dead man's own role unknown
    text = "A man was killed when his van overturned. The passenger was taken to hospital."
    assert toll(text) == {"killed": 1}


def test_martyred_is_killed() -> None:
    text = (
        "Four soldiers were martyred and two others injured when a bomb hit their vehicle in "
        "Kurram."
    )
    assert toll(text) == {"killed": 4, "injured": 2}
    assert evidence(text, "killed") == ["Four soldiers"]
    assert toll("A constable was martyred in an attack on a checkpoint in Tank.") == {"killed": 1}


def test_burnt_beyond_recognition_is_killed() -> None:
    text = "No fewer than nine travellers were burnt beyond recognition when a bus caught fire."
    assert toll(text) == {"killed": 9}
    assert toll("The house was burnt beyond recognition.") == {}


def test_bodies_recovered_and_deaths_confirmed_are_killed() -> None:
    text = "Rescuers said five bodies were recovered from the river on Monday."
    assert toll(text) == {"killed": 5}
    assert evidence(text, "killed") == ["five bodies"]
    assert toll("Divers pulled out four bodies from the submerged minibus.") == {"killed": 4}
    text = (
        "Twenty-seven people were rescued, three bodies were recovered and one person is missing."
    )
    assert toll(text)["killed"] == 3
    assert toll("Three deaths have been confirmed after the factory fire in Surat.") == {
        "killed": 3
    }
    # negatives: bodies exchanged or returned, a running step, deaths recorded in statistics
    assert toll("The two sides exchanged 30 bodies at the border crossing.") == {}
    assert toll("The agency said 12 bodies of soldiers were returned to their families.") == {}
    text = "Drownings rose by a fifth last summer, with 212 deaths recorded, the charity said."
    assert "killed" not in toll(text)


def test_an_armed_man_shot_dead_is_killed() -> None:
    text = "A man armed with a machete was shot dead by officers in Leeds on Tuesday."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["A man"]
    # negative: what a bus carries is no victim
    assert toll("A bus carrying 30 people was hit by a train.") == {}


def test_inverted_lists() -> None:
    text = (
        "Killed in the crash, which happened shortly after 7 a.m. near the Route 50 exit for "
        "Salina, were a nursing student and her boyfriend."
    )
    assert toll(text) == {"killed": 2}
    assert evidence(text, "killed") == ["a nursing student and her boyfriend"]
    text = (
        "Hurt in the explosion at the Shell station on Main Street in Greensburg: the cashier, "
        "a customer and a passing cyclist, fire officials said."
    )
    assert toll(text) == {"injured": 3}
    assert toll("Injured were two firefighters and a resident, the chief said.") == {"injured": 3}
    # negative: no outcome fronted
    assert toll("Killed time at the airport were the passengers of the delayed flight.") == {}


def test_but_keeps_a_survivor_apart_from_the_dead() -> None:
    text = (
        "A man escaped with burns but his wife and their 6-year-old son died in the fire, "
        "which broke out at 2 a.m. in Akron."
    )
    assert toll(text) == {"killed": 2, "injured": 1}
    assert toll("A woman died but her husband survived with burns.") == {"killed": 1, "injured": 1}
    # negative: a death where the hurt one was taken is the same one
    assert toll("A man was taken to hospital with burns, where he died.") == {"killed": 1}


def test_a_death_of_someone_else_after_the_care_keeps_the_cared_for() -> None:
    text = (
        "Civil Defence said nine residents suffered smoke inhalation and were treated at the "
        "scene, and no one was killed."
    )
    assert toll(text) == {"killed": 0, "injured": 9}
    text = (
        "A hospital official said at least 37 people were treated for injuries, and one man "
        "died of a gunshot wound."
    )
    assert toll(text) == {"killed": 1, "injured": 37}
    # negative: the death is of the one cared for
    assert toll("A woman was rushed to the hospital with gunshot wounds and later died.") == {
        "killed": 1
    }


def test_minor_injuries_beside_care_are_the_living() -> None:
    # a named hospital and minor injuries: the two children, not less the dead mother
    text = (
        "A woman was killed Monday when a tree fell on her car. Her two children, who were in "
        "the back seat, were taken to Prisma Health with minor injuries."
    )
    assert toll(text) == {"killed": 1, "injured": 2}
    assert evidence(text, "injured") == ["Her two children"]
