"""The article toll's precision (issue 11, ninth round): one test per general rule, named after
the case it came from (an in-sample set's item or a probe of the issue's wrong-value list)."""

from toll_reading import evidence, toll


def test_the_armys_death_toll_in_the_ground_operation_is_not_the_incidents() -> None:
    # varied2 w092: a war's or a campaign's running sum counts every incident of it
    text = (
        "Israeli forces said two soldiers were killed in fighting in northern Gaza on Tuesday, "
        "bringing the army's death toll in the ground operation to 380."
    )
    assert toll(text) == {"killed": 2}
    assert evidence(text, "killed") == ["two soldiers"]
    text = "Three soldiers died on Monday; the death toll of the war now stands at 1,200."
    assert toll(text) == {"killed": 3}
    # the incident's own toll still reads
    assert toll("The death toll from the bus crash rose to 7 on Tuesday.") == {"killed": 7}
    assert toll("The death toll in the fire rose to 12.") == {"killed": 12}


def test_a_correction_notice_supersedes_the_earlier_figure() -> None:
    # the list: a correction notice's superseded figure is not the toll
    text = (
        "Correction: An earlier version of this story said four people were killed. "
        "Three people were killed."
    )
    assert toll(text) == {"killed": 3}
    assert evidence(text, "killed") == ["Three people"]
    text = (
        "Three people were killed in the crash. An earlier version of this story incorrectly "
        "said four people were killed."
    )
    assert toll(text) == {"killed": 3}
    text = "A previous version of this article gave the death toll as 9. The death toll is 8."
    assert toll(text) == {"killed": 8}
    # a version that is no correction's stays read
    assert toll("Two men were shot and a later version of events emerged.") == {"injured": 2}


def test_three_people_not_four_were_killed_the_denied_count_is_no_victim() -> None:
    # a correction told inside the sentence: ", not four," denies the count after the victims
    text = "This story has been corrected: three people, not four, were killed."
    assert toll(text) == {"killed": 3}
    assert evidence(text, "killed") == ["three people"]
    assert toll("Two men, not the three first reported, were wounded.") == {"injured": 2}
    assert toll("Four people, and not two, were hurt in the blast.") == {"injured": 4}
    assert toll("A man, not a woman as first reported, was shot.") == {"injured": 1}


def test_the_fifth_person_slain_in_two_weeks_is_a_running_count_of_other_incidents() -> None:
    # the issue's "statistics about other incidents": the ordinal counts the days' cases, and
    # the victim it describes is the one already counted
    text = "A man was killed, the fifth person slain in the neighborhood in two weeks."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["A man"]
    text = "A woman was shot Sunday, the third shooting on the block in 10 days."
    assert toll(text) == {"injured": 1}
    # a span of days that counts nothing else leaves the sentence read
    assert toll("Two men were shot and killed in a park on Friday.") == {"killed": 2}


def test_the_homeowner_shot_an_intruder_the_intruder_was_pronounced_dead_is_one_victim() -> None:
    # blind 2 b019: "the intruder" is the one "an intruder" introduced; shot, then dead
    text = (
        "Deputies say the homeowner shot an intruder who broke in through a back window; the "
        "intruder was pronounced dead at the scene."
    )
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["the intruder"]
    assert toll("A man shot a woman on Friday; the woman died.") == {"killed": 1}
    # another of the same noun is someone else
    assert toll("A man was shot and another man was killed.") == {"killed": 1, "injured": 1}


def test_a_gunman_shot_a_clerk_inside_the_store_the_store_is_no_victim() -> None:
    # a place is no person: "the store, and the clerk" named two dead (a lexicon entry that
    # only "store clerk" needed, whose head is the clerk)
    text = "A gunman shot a clerk inside the store, and the clerk died at the hospital."
    assert toll(text) == {"killed": 1}
    assert toll("A store clerk was shot during a robbery.") == {"injured": 1}


def test_an_obituarys_natural_death_has_died_at_the_age_of_88_is_no_casualty() -> None:
    # varied2 w041: an obituary's death, told with no harm and no cause, is no one killed
    text = (
        "Margaret Hale, the actress best known for her role in the long-running soap, has died "
        "at the age of 88, her family said."
    )
    assert toll(text) == {}
    assert toll("He died of natural causes, the coroner found.") == {}
    assert toll("The former teacher died after a long illness, aged 90.") == {}
    # an age beside a harm or a cause is a casualty's
    assert toll("A man has died at the age of 34 after being stabbed in Leeds.") == {"killed": 1}
    assert toll("The retired teacher died aged 80 in a house fire on Monday.") == {"killed": 1}
    assert toll("The boy, who was shot on Friday, died aged 12.") == {"killed": 1}


def test_nine_months_after_the_boys_father_succumbed_to_cancer_is_no_casualty() -> None:
    # dev 603807 (our killed too high): an illness the death is put down to, right after the
    # one who died, is no casualty of the incident; the incident's death beside it stays
    text = (
        "The family of an 8-year-old boy who police said accidentally fatally shot himself in "
        "Port Orange is trying to raise money for the funeral just nine months after the "
        "boy's father succumbed to cancer."
    )
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["an 8-year-old boy", "himself"]
    assert toll("A man died from cancer.") == {}
    # injuries are the incident's
    assert toll("A woman who was shot on Friday died of her injuries.") == {"killed": 1}


def test_a_year_and_a_half_ago_a_girl_was_killed_is_an_earlier_incident() -> None:
    # dev 513903 (our killed too high): "a year and a half ago" dates another incident, like
    # "two years ago"
    text = (
        "A year and a half ago, a 12-year-old girl was killed in the crossfire of a shootout. "
        "A boy, 7, was shot on Monday."
    )
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A boy"]


def test_police_initially_said_three_were_killed_but_later_said_two_the_latest_wins() -> None:
    # the "tolls over time" in one sentence: a count first reported and then revised
    # (by a later count of its outcome) is superseded
    text = "Police initially said three people were killed but later said two had died."
    assert toll(text) == {"killed": 2}
    assert evidence(text, "killed") == ["two"]
    text = "Authorities had earlier put the death toll at 15 but lowered it to 12."
    assert toll(text) == {"killed": 12}
    # no entry beats the superseded 12 (the 10 is not read as a toll)
    assert toll("The toll, earlier given as 12, now stands at 10.").get("killed") != 12
    # news about the first-reported victims revises nothing
    text = "Police initially reported that two men were shot, and later said one had died."
    assert toll(text) == {"killed": 1, "injured": 1}
    assert toll("Officers first said a man was shot; he later died at the hospital.") == {
        "killed": 1
    }


def test_31_killed_over_the_summer_12_shot_every_week_are_statistics_about_other_incidents() -> (
    None
):
    # the "statistics about other incidents": a season's sum and a rate
    text = (
        "Two men were killed Friday. In total, 31 people have been killed in the region over "
        "the summer."
    )
    assert toll(text) == {"killed": 2}
    assert evidence(text, "killed") == ["Two men"]
    text = "A man was shot Friday. On average, 12 people are shot in the city every week."
    assert toll(text) == {"injured": 1}
    # a season that counts nothing else leaves the sentence read
    assert toll("A swimmer drowned on Sunday, the first day of summer.") == {"killed": 1}
