"""The article toll, fifth round of issue 11: one test per general rule, named after its case."""

import re._constants as sre_constants
import re._parser as sre_parse
import string
from typing import Any

from claimwatch.transforms.casualty_lexicon import OTHER_INCIDENT, OTHER_INCIDENT_FIRST
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.toll import article_toll
from toll_reading import toll


def _first(items: Any) -> set[str]:
    """The characters a match of a parsed pattern may start with (zero-width steps skipped)."""
    out: set[str] = set()
    for op, arg in items:
        if op is sre_constants.AT:
            continue  # \b: zero-width
        if op is sre_constants.LITERAL:
            out.add(chr(arg))
        elif op is sre_constants.IN:  # "[\d]": each member may start it
            for kind, value in arg:
                out |= _first([(kind, value)])
        elif op is sre_constants.CATEGORY:
            assert arg is sre_constants.CATEGORY_DIGIT, arg  # \w or \s would have no short set
            out.update(string.digits)
        elif op is sre_constants.SUBPATTERN:
            out |= _first(arg[-1])
        elif op is sre_constants.BRANCH:
            for branch in arg[1]:
                out |= _first(branch)
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, _, inner = arg
            out |= _first(inner)
            if low == 0:
                continue  # "(?:s)?": what follows may start the match too
        else:
            raise AssertionError(f"no first set for {op}")
        return out
    raise AssertionError("a branch that may match the empty string")


def test_the_other_incident_check_knows_the_first_character_of_every_branch() -> None:
    # the toll's sentence check skips positions whose character opens no branch
    first = _first(sre_parse.parse(OTHER_INCIDENT.pattern))
    assert first == set(OTHER_INCIDENT_FIRST)


def test_three_other_men_inside_the_home_were_subsequently_injured() -> None:
    # an adverb of sequence between "were" and the trigger still leaves the subject the victims
    text = (
        "Broadway was shot and killed after a home he was visiting was the target of a shooting. "
        "Three other men inside the home were subsequently injured during the shooting."
    )
    assert toll(text) == {"killed": 1, "injured": 3}
    assert toll("Two men were eventually wounded.") == {"injured": 2}


def test_eight_people_were_taken_to_san_francisco_general_with_injuries() -> None:
    # the victims of "with injuries" are the ones taken, not the hospital's name before "with"
    text = (
        "Eight people were taken to San Francisco General with injuries that were not "
        "life-threatening, police said."
    )
    assert toll(text) == {"injured": 8}
    assert toll("The suspect was taken to UMC Trauma with non-life threatening injuries.") == {
        "injured": 1
    }
    # a clause break between: "with injuries" is not told of the ones taken
    assert toll("Two men were taken to Mercy, and officers with injuries were treated.") == {}


def test_a_fourth_man_suffered_a_gunshot_wound_after_three_dead() -> None:
    # an ordinal one past the victims counted so far names one more, not one of them
    text = (
        "Three men were killed in a shooting on Sunday. "
        "A fourth man suffered a gunshot wound in his arm."
    )
    assert toll(text) == {"killed": 3, "injured": 1}
    # "another" after a count of several still names one of them
    text = "Four people were shot on Sunday. Another man was shot in the leg."
    assert toll(text) == {"injured": 4}
    # an ordinal that does not follow the count names one of those counted
    text = "Four people were shot on Sunday. A second victim was shot in the leg."
    assert toll(text) == {"injured": 4}


def test_erica_dervic_who_lived_in_the_400_block_was_pronounced_dead() -> None:
    # a relative clause between the victim and the verb is no phrase boundary, and the
    # numbers inside it ("400 block", "20 to 22") count nobody
    text = (
        "Erica Dervic, who lived in the 400 block of Iowa Avenue, was pronounced dead after "
        "arriving at the emergency room."
    )
    assert toll(text) == {"killed": 1}
    text = "The other three men, who ranged in age from 20 to 22, were wounded."
    assert toll(text) == {"injured": 3}


def test_an_anonymous_911_call_saying_five_people_were_shot_is_five_not_911() -> None:
    # a victim phrase's count is the one nearest its head; a number earlier in the phrase
    # (a phone number, an address) modifies something else
    text = "Authorities went to the home after an anonymous 911 call saying five people were shot."
    assert toll(text) == {"injured": 5}


def test_more_than_two_dozen_shootings_in_which_three_people_were_killed_is_a_roundup() -> None:
    # a count of shootings sums several incidents: not the main incident's toll
    text = (
        "A man was shot and killed on Gratiot Avenue on Saturday. "
        "Police said more than two dozen shootings in which three people were killed over "
        "the weekend were tied to drug disputes."
    )
    assert toll(text) == {"killed": 1}
    text = "One person is dead and another person is in the hospital after two shootings."
    assert toll(text) == {}
    # one shooting, or shootings without a count, still tell the main incident
    text = "Two men were killed Friday, and police are looking into the shootings."
    assert toll(text) == {"killed": 2}


def test_shot_and_killed_her_and_his_wife_then_himself_is_three() -> None:
    # the shooter last in the list of those he killed is one more of the dead
    text = (
        "Police say her stepfather, 45-year-old Tran Trinh Van, shot and killed her and his "
        "wife, 39-year-old Cam Thi To, then himself."
    )
    assert toll(text) == {"killed": 3}
    counted = article_toll(text, extract_figures(text))["killed"]
    assert [e.text for e in counted.evidence][-1] == "himself"
    # "shot … then himself" does not say anyone died; "before himself" lists nobody
    assert toll("He shot his wife and then himself.") == {"injured": 1}
    assert toll("Sean puts everyone before himself, friends said of the man killed.") == {
        "killed": 1
    }


def test_an_early_morning_shooting_that_left_one_person_dead_after_one_killed() -> None:
    # "leaving/left N dead" after the dead were told in the same sentence is their total
    text = (
        "One killed in early-morning shooting Police are investigating an early-morning "
        "shooting that left one person dead."
    )
    assert toll(text) == {"killed": 1}
    text = (
        "Authorities say a man killed his wife and their three children before apparently "
        "shooting himself, leaving five people dead."
    )
    assert toll(text) == {"killed": 5}


def test_all_five_members_of_the_short_family_died() -> None:
    # "N members of <a group>": the members are the victims, counted before "of"
    text = (
        "Police say all five members of the Short family died of apparent gunshot wounds "
        "inside their home."
    )
    assert toll(text) == {"killed": 5}
    assert toll("Two members of the band were wounded.") == {"injured": 2}


def test_about_a_week_after_two_men_were_shot_in_the_same_spot() -> None:
    # harm dated "<a unit> after" in the story's own sentence is an earlier incident's
    text = (
        "Five people were wounded early Saturday morning in a drive-by shooting in southeast "
        "Dallas, about a week after two men were shot in the same spot."
    )
    assert toll(text) == {"injured": 5}
    # hours or days after is the story's own harm: "died two days after her husband was shot"
    text = "A woman was wounded two hours after her husband was shot and killed."
    assert toll(text) == {"killed": 1, "injured": 1}


def test_four_other_overnight_incidents_left_eight_people_wounded_is_a_roundup() -> None:
    text = (
        "A man was shot and killed on the east side, and two women were wounded. "
        "Four other overnight incidents left eight people wounded, police said."
    )
    assert toll(text) == {"killed": 1, "injured": 2}


def test_toya_smith_43_and_daughter_tasmia_allen_17_were_shot_is_two() -> None:
    # a name followed by its age in a comma list is a person, not a place or a title
    text = "Toya Smith, 43, and daughter Tasmia Allen, 17, were shot in Smith's home."
    assert toll(text) == {"injured": 2}
    text = "Lamont Jones, 33, and Mario King, 26, were killed at the car wash."
    assert toll(text) == {"killed": 2}
    # a lone capitalized word before a number may be a place: "In Gaza, 40, …" names no one
    assert toll("In Gaza, 40, including 12 children, died overnight.")["killed"] != 13


def test_shooting_her_mother_before_turning_the_gun_on_himself_has_died() -> None:
    # the one who "has died" after a suicide phrase is the shooter, not the victim shot before
    text = (
        "The 15-year-old boy suspected of killing a teenage girl and shooting her mother "
        "before turning the gun on himself has died, police said."
    )
    assert toll(text) == {"killed": 2, "injured": 1}
    # without the suicide phrase, the one shot is the one who died
    text = "A man was shot outside the store on Friday and later died at the hospital."
    assert toll(text) == {"killed": 1}


def test_six_people_were_shot_two_of_whom_died_is_two_dead_four_hurt() -> None:
    # "N of whom" is a share of the group just told, like "N of them"; before, the death with
    # no subject it could read turned all six into dead
    assert toll("Six people were shot, two of whom died.") == {"killed": 2, "injured": 4}
    # both died: no one left hurt, but no sentence says so, so no injured entry
    assert toll("Two men were shot, both of whom died.") == {"killed": 2}


def test_seven_people_were_shot_including_two_who_died() -> None:
    # the dead of "including N who died" are a share of the group just told
    assert toll("Seven people were shot, including two who died.") == {"killed": 2, "injured": 5}
    text = "Police are looking for a man who shot four others, including one who died, on Friday."
    assert toll(text) == {"killed": 1, "injured": 3}


def test_five_people_were_wounded_but_nobody_was_killed() -> None:
    # "nobody" is a count of zero, not a missing subject that makes the five wounded dead
    assert toll("Five people were wounded, but nobody was killed.") == {"killed": 0, "injured": 5}


def test_three_men_were_wounded_by_a_gunman_who_later_died() -> None:
    # the one who died is the relative's antecedent, not the three wounded told before it
    assert toll("Three men were wounded by a gunman who later died.") == {
        "killed": 1,
        "injured": 3,
    }
    text = "Two officers were wounded by a man who was later killed by police."
    assert toll(text) == {"killed": 1, "injured": 2}
    # "by" without a relative still names the shooter, not a victim
    assert toll("Mother shot in head by 4-year-old son dies") == {"killed": 1}


def test_two_people_a_man_and_a_woman_were_killed_is_two() -> None:
    # a list between commas that names the counted people one by one is the count told again
    assert toll("Two people, a man and a woman, were killed.") == {"killed": 2}
    assert toll("Three victims, two men and a woman, were shot.") == {"injured": 3}
    # a list after one person is more people; one item alone between commas is an apposition
    assert toll("A man, a woman and a child were shot.") == {"injured": 3}
    assert toll("A third person, a bystander, was struck in the arm.") == {"injured": 1}
