"""The article toll, third round of issue 11: one test per general rule, named after its case."""

from claimwatch.transforms.toll import article_toll
from toll_reading import toll


def test_several_shot_is_no_count_of_one() -> None:
    # a capitalised vague quantifier is not a name: no exact count (and never 1)
    assert toll("Several shot at Detroit parties") == {}
    assert toll("Multiple Shot In Drive-By Near School") == {}
    assert toll("Several shot at party; two men were wounded, police said.") == {"injured": 2}


def test_an_age_after_a_name_cut_at_jr_is_no_death_count() -> None:
    assert toll("Antwone Earl Price Jr., 11, died from a gunshot wound.") == {}
    assert toll("John Smith, 17, was killed.") == {"killed": 1}


def test_a_child_under_the_age_of_10_is_one_victim() -> None:
    assert toll("A child under the age of 10 was killed in a drive-by shooting.") == {"killed": 1}


def test_boy_accidentally_shoots_kills_father_counts_the_father_only() -> None:
    assert toll("6-year-old boy accidentally shoots, kills father in Bartholomew County") == {
        "killed": 1
    }
    assert toll("Woman Accidentally Shoots, Kills Friend Trying to Surprise Her") == {"killed": 1}


def test_mother_shot_by_4_year_old_son_dies_counts_the_mother_only() -> None:
    assert toll("Mother shot in head by 4-year-old son dies") == {"killed": 1}
    assert toll("Baby girl shot by father in Tulare dies, authorities say") == {"killed": 1}


def test_soldier_and_daughter_found_dead_is_a_murder_suicide_of_two() -> None:
    # the dataset's gold counts a shooter who died once, among the killed
    text = (
        "An Army soldier and his 11-year-old daughter were found dead outside their home "
        "after he turned the gun on himself."
    )
    assert toll(text) == {"killed": 2}
    assert toll("He killed his wife and daughter before turning the gun on himself.") == {
        "killed": 3
    }
    assert toll("Two women were found dead before the gunman turned the gun on himself.") == {
        "killed": 3
    }


def test_killed_her_and_his_wife_then_himself_is_three() -> None:
    assert toll("Police say her stepfather shot and killed her and his wife, then himself.") == {
        "killed": 3
    }


def test_jane_doe_a_mother_of_three_was_fatally_shot_is_one_killed() -> None:
    assert toll("Jane Doe, a mother of three, was fatally shot Sunday.") == {"killed": 1}
    assert toll("Police said John Smith, a bystander, was wounded.") == {"injured": 1}
    assert toll("The victim, a man in his 20s, was shot in the leg.") == {"injured": 1}


def test_police_locate_a_second_body_is_two_killed() -> None:
    assert toll("Jacksonville police locate second body after Tuesday drive-by shooting") == {
        "killed": 2
    }
    assert toll("One man was killed. Police found a second body Wednesday.") == {"killed": 2}


def test_fatal_shooting_of_16_year_old_dash_station_name_is_one_killed() -> None:
    text = "Shreveport police ID suspect in fatal shooting of 16-year-old - KSLA News 12 Shreveport"
    assert toll(text) == {"killed": 1}


def test_four_people_dash_including_a_boy_is_four_hurt() -> None:
    text = (
        "Shooters sprayed bullets through the block, striking houses, cars, and four people - "
        "including Mahaj Brown, a 6-year-old boy who was critically wounded, police said."
    )
    assert toll(text) == {"injured": 4}


def test_shooting_victim_identified_teen_killed_is_one_killed() -> None:
    text = "14-year-old shooting victim identified; teen killed in restaurant parking lot"
    assert toll(text) == {"killed": 1}
    assert toll("He is accused of shooting a man.") == {"injured": 1}


def test_girl_who_was_shot_and_later_died_is_one_killed() -> None:
    text = "Police said an 11-year-old girl was shot at her home and later died from her injuries."
    assert toll(text) == {"killed": 1}


def test_fires_gun_hits_his_two_young_sons_is_two_hurt() -> None:
    assert toll("Man accidentally fires gun, hits his two young sons") == {"injured": 2}
    assert toll("Storm hits the city") == {}


def test_shooting_injures_teen_is_one_hurt() -> None:
    assert toll("Several in custody after Vicksburg shooting injures teen") == {"injured": 1}


def test_six_wounded_in_chicago_shootings_is_a_roundup_not_the_toll() -> None:
    text = (
        "6 wounded in Chicago shootings, including 2 teens shot in Logan Square\n"
        "A 17-year-old boy was shot in the leg on Saturday night, police said."
    )
    assert toll(text) == {"injured": 1}
    assert toll("2 dead, 2 injured during violent 24 hours in St. Louis") == {}


def test_gun_accident_that_injured_a_four_year_old_girl_is_one_hurt() -> None:
    text = "No charges in the accidental discharge of a gun that injured a four year-old girl."
    assert toll(text) == {"injured": 1}


def test_succumbed_to_her_injuries_and_was_pronounced_deceased_is_one_killed() -> None:
    text = (
        "EMS personnel arrived but Mrs. Williams succumbed to her injuries and was pronounced "
        "deceased at the scene."
    )
    assert toll(text) == {"killed": 1}
    assert toll("A man was shot and was pronounced dead at the scene.") == {"killed": 1}


def test_bomber_killed_at_least_12_people_and_wounded_30() -> None:
    text = "A suicide bomber killed at least 12 people and wounded 30 at a crowded market."
    assert toll(text) == {"killed": 12, "injured": 30}
    assert toll("The gunman killed more than 40 people.") == {"killed": 40}


def test_scores_of_people_were_wounded_is_at_least_40() -> None:
    counts = article_toll("Scores of people were wounded when security forces fired.")
    assert (counts["injured"].low, counts["injured"].qualifier) == (40, "at_least")
    assert toll("Dozens of people were injured in the stampede.") == {"injured": 24}


def test_a_man_in_his_20s_was_shot_and_killed_is_one_killed() -> None:
    text = "A man in his 20s was shot and killed in the parking lot of a nightclub early Saturday."
    assert toll(text) == {"killed": 1}
    assert toll("Two men in their late teens were wounded.") == {"injured": 2}


def test_her_6_year_old_son_was_also_hit_is_one_hurt() -> None:
    assert toll("Her 6-year-old son was also hit and is expected to survive.") == {"injured": 1}
    assert toll("The boy was hit by a car.") == {}


def test_her_unborn_child_did_not_survive_is_one_killed() -> None:
    text = "A pregnant woman was shot in the stomach, and her unborn child did not survive."
    assert toll(text) == {"killed": 1, "injured": 1}
    assert toll("She is expected to survive.") == {}


def test_gunman_shot_two_before_police_killed_him_is_two_hurt_one_killed() -> None:
    text = "A gunman shot and wounded two people at a shopping mall before police killed him."
    assert toll(text) == {"killed": 1, "injured": 2}
    assert toll("A woman was shot in the head; the wound killed her.") == {"killed": 1}


def test_23_wounded_including_8_children_and_two_killed() -> None:
    text = "Police said 23 people were wounded, including 8 children, and two were killed."
    assert toll(text) == {"killed": 2, "injured": 23}


def test_three_shot_and_one_of_them_has_since_died_is_one_killed_two_hurt() -> None:
    text = "Three people were shot at a house party, and one of them has since died, police said."
    assert toll(text) == {"killed": 1, "injured": 2}
    assert toll("A man was shot in May and has since died.") == {"killed": 1}
