"""The article toll, nineteenth round (issue 11): kinds of miss seen in blind set 8. One test
per kind, probe sentences of my own, positives and negatives."""

from toll_reading import evidence, toll


def test_k1_spelled_ages_after_aged_are_no_more_people() -> None:
    assert toll("Two brothers, aged eight and ten, drowned in the canal.") == {"killed": 2}
    assert toll("Two sisters aged six and nine were injured in the fire.") == {"injured": 2}
    assert toll("Three cousins, aged five, seven and twelve, were hurt.") == {"injured": 3}
    # negatives: a person listed after an age still counts; digits were already ages
    assert toll("A man, aged 40, and three children were injured.") == {"injured": 4}
    assert toll("A woman aged 30 and two others were killed.") == {"killed": 3}
    assert toll("Two brothers, aged 8 and 10, drowned in the canal.") == {"killed": 2}
    text = "Two men and three women were injured."
    assert toll(text) == {"injured": 5}
    assert evidence(text, "injured") == ["Two men and three women"]


def test_k2_no_life_lost_and_no_deaths_recorded_or_linked_are_zero_killed() -> None:
    text = "No life was lost, but the warehouse burned to the ground."
    assert toll(text) == {"killed": 0}
    assert evidence(text, "killed") == ["No life was lost"]
    assert toll("No life has been lost in the floods so far.") == {"killed": 0}
    text = "No deaths have been linked to the contaminated water, officials said."
    assert toll(text) == {"killed": 0}
    assert evidence(text, "killed") == ["No deaths"]
    assert toll("No deaths were recorded in the district.") == {"killed": 0}
    # negatives: a life in other words is no zero; a stated death still stands
    assert toll("There is no life left in the old mill town.") == {}
    assert toll("No one has been linked to the robbery.") == {}
    assert toll("Two people died. No life was lost in the second fire.") == {"killed": 2}


def test_k3_a_share_of_craft_downed_is_no_victims() -> None:
    assert toll("Officials said 12 of 15 missiles were shot down over the capital.") == {}
    assert toll("Navy: 40 of 44 drones shot down overnight") == {}
    assert toll("Air defences said 20 of the 25 rockets were shot down.") == {}
    # negatives: a share of people stays read; people hurt beside the downed craft count
    text = "Two of the five passengers were injured."
    assert toll(text) == {"injured": 2}
    assert evidence(text, "injured") == ["Two"]
    assert toll("Gunmen shot 12 of the 15 passengers.") == {"injured": 12}
    text = "Two helicopters were shot down and three crew members were killed."
    assert toll(text) == {"killed": 3}


def test_k4_a_season_s_sum_is_another_incident() -> None:
    text = "Two hikers died in the rockfall. This monsoon, floods have claimed 64 lives."
    assert toll(text) == {"killed": 2}
    assert evidence(text, "killed") == ["Two hikers"]
    text = "A boy drowned in the river. This rainy season, storms have killed 19 people."
    assert toll(text) == {"killed": 1}
    # negatives: the incident's own count stays; a storm crossing the country is no sum
    assert toll("Four people were killed when the footbridge collapsed.") == {"killed": 4}
    text = "Two people died when the storm swept across the country on Monday."
    assert toll(text) == {"killed": 2}
    text = "Fires have burned 4,000 acres this season, but no one has been hurt, officials said."
    assert toll(text) == {"injured": 0}
