"""The article toll's counting and evidence (issue 11, fifteenth round): one test per kind of
miss the lead named (B: the evidence points to the wrong words; A: the count is wrong), with
probe sentences of my own, positives and negatives."""

from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.toll import article_toll
from toll_reading import evidence, toll


def test_b3_an_exact_count_after_a_vague_one_rests_on_its_own_span() -> None:
    # "dozens hurt" beside the dead, made exact by a later count: the value is the later
    # count's, and so is its evidence
    text = (
        "Stampede at Accra concert\n"
        "At least 4 people were killed and dozens hurt in a stampede at a concert in Accra on "
        "Friday, police said.\n"
        "The national ambulance service later said 27 people were treated in hospital."
    )
    assert toll(text) == {"killed": 4, "injured": 27}
    assert evidence(text, "injured") == ["27 people"]
    # one sentence
    text = (
        "Three miners died and scores were hurt when a gallery caved in near Potosi. Officials "
        "said 42 people were taken to hospital."
    )
    assert toll(text) == {"killed": 3, "injured": 42}
    assert "42 people" in evidence(text, "injured")
    # negative: the vague count is the larger one and stays its own evidence
    text = "Dozens of people were hurt when a stand collapsed in Cheyenne on Saturday."
    assert evidence(text, "injured") == ["Dozens of people"]


def test_b1_a_zeros_evidence_holds_the_words_that_say_zero() -> None:
    text = (
        "All 112 passengers and five crew on Flight QF 908 escaped unhurt after the jet made an "
        "emergency landing at Darwin."
    )
    assert toll(text) == {"injured": 0}
    assert any("escaped unhurt" in e for e in evidence(text, "injured"))
    text = "Flight 2231 skidded off the runway in Oslo on Monday. No one was hurt."
    assert evidence(text, "injured") == ["No one was hurt"]
    text = "Mark Jennings, the pilot, walked away unharmed after the glider crashed near Wanaka."
    assert evidence(text, "injured") == ["Mark Jennings, the pilot, walked away unharmed"]
    text = (
        "A bus carrying 30 pupils slid into a ditch near Tartu. None of the children were injured."
    )
    assert evidence(text, "injured") == ["None of the children were injured"]
    # a zero killed beside hurt: the span stops at its own outcome's word
    text = "Nobody was killed, but six people were hurt when the ferry hit the pier in Split."
    assert toll(text)["injured"] == 6
    if "killed" in toll(text):
        assert evidence(text, "killed") == ["Nobody was killed"]
    # negative: a count's evidence is not stretched
    text = "Two climbers were injured in a rockfall on the Eiger, one of them seriously."
    assert evidence(text, "injured") == ["Two climbers"]


def test_b2_a_pronoun_comes_with_the_mention_it_stands_for() -> None:
    text = (
        "A swimmer was pulled from the water off Bondi on Sunday. She was taken to hospital "
        "with serious injuries."
    )
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A swimmer", "She"]
    text = "A 15-year-old cyclist was struck by a van in Leeds. He later died in hospital."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["A 15-year-old cyclist", "He"]
    # the sex of the pronoun passes over a noun of the other sex; an attacker is no referent
    text = (
        "A hiker was found at the foot of a cliff near Keswick. Rescuers said the woman, in her "
        "50s, had been walking alone with her husband. She was flown to hospital with head "
        "injuries."
    )
    assert evidence(text, "injured")[0] == "the woman"
    text = (
        "A pensioner was attacked outside a shop in Derby. The attacker fled on foot. He was "
        "taken to hospital with a broken jaw."
    )
    assert evidence(text, "injured") == ["A pensioner", "He"]
    # the referent's quote is its own sentence
    count = article_toll(text, extract_figures(text))["injured"]
    assert count.evidence[0].sentence == "A pensioner was attacked outside a shop in Derby."
    # negative: a counted mention keeps its span alone
    text = "A taxi driver was stabbed in Wolverhampton on Monday night."
    assert evidence(text, "injured") == ["A taxi driver"]


def test_a1_another_group_is_besides_the_ones_told_before() -> None:
    text = (
        "A bus driver and a cyclist were taken to hospital after the collision in Derby. "
        "Another four pedestrians were treated at the scene."
    )
    assert toll(text) == {"injured": 6}
    assert evidence(text, "injured") == ["A bus driver and a cyclist", "Another four pedestrians"]
    text = (
        "Four people were shot outside a bar in Memphis on Friday. A further three were wounded "
        "by flying glass."
    )
    assert toll(text) == {"injured": 7}
    # negatives: one more victim may be one of the four; "two others" the rest of them
    text = "Four people were shot outside a bar in Memphis. Another man was shot nearby."
    assert toll(text) == {"injured": 4}
    text = (
        "Police found four men shot in a car park in Tulsa. One died at the scene. Two others "
        "were taken to hospital with minor wounds."
    )
    assert toll(text)["injured"] == 3


def test_a1_one_more_of_another_kind_told_also_is_besides_the_group() -> None:
    text = (
        "Nine firefighters were injured battling the blaze in Fresno. A resident was also "
        "taken to hospital."
    )
    assert toll(text) == {"injured": 10}
    text = "Six passengers were hurt when the tram derailed in Oslo. The driver was also injured."
    assert toll(text) == {"injured": 7}
    # negatives: one of the same kind, or anyone ("a woman"), may be one of the group; an
    # ordinal one is placed by the count before it
    text = (
        "Nine firefighters were injured battling the blaze in Fresno. A firefighter was also "
        "taken to hospital."
    )
    assert toll(text) == {"injured": 9}
    text = "Four people were shot outside a bar in Memphis. A woman was also wounded."
    assert toll(text) == {"injured": 4}


def test_a1_an_attacker_shot_who_later_died_is_one_more_dead() -> None:
    text = (
        "Three people have been killed in a knife attack in Lyon. The attacker was shot by "
        "police and later died in hospital."
    )
    assert toll(text) == {"killed": 4}
    text = (
        "Two people were stabbed at a market in Graz. The assailant was shot by officers and "
        "died at the scene."
    )
    assert toll(text)["killed"] == 1
    # negative: shot and taken to hospital is no death
    text = (
        "Three people have been killed in a knife attack in Lyon. The attacker was shot by "
        "police and taken to hospital."
    )
    assert toll(text) == {"killed": 3}


def test_b4_every_place_the_article_states_the_count_is_evidence() -> None:
    text = (
        "Clashes at Bristol march leave 9 officers hurt\n"
        "Nine police officers were injured during clashes in Bristol on Saturday, Avon and "
        "Somerset Police said."
    )
    assert toll(text) == {"injured": 9}
    spans = evidence(text, "injured")
    assert len(spans) == 2 and "9 officers" in spans[0] and spans[1] == "Nine police officers"
    # the headline's figure of the parts summed
    text = (
        "Two children among 3 dead in Regina house fire\n"
        "Two children and a woman died in a house fire in Regina early Friday, fire officials "
        "say."
    )
    assert toll(text) == {"killed": 3}
    assert evidence(text, "killed") == ["3", "Two children and a woman"]
    # negative: a span of another count is not added
    text = (
        "Crash leaves 4 hurt in Hobart\n"
        "Five people were injured when a bus and a truck collided in Hobart on Monday."
    )
    assert evidence(text, "injured") == ["Five people"]


def test_a2_a_stated_whole_beats_the_parts_told_among_it() -> None:
    text = (
        "Two students and their teacher were among those injured in the blast; in all, 14 "
        "people were hurt."
    )
    assert toll(text) == {"injured": 14}
    text = (
        "Two students and their teacher were among those injured in the blast in Kharkiv on "
        "Friday. In all, 14 people were hurt, officials said."
    )
    assert toll(text) == {"injured": 14}
    # negatives: a share with no whole beside it is the count told; a whole of another
    # outcome (the dead) is none of the hurt's
    assert toll("A nurse and two porters were among the injured.") == {"injured": 3}
    text = "Five people were killed and a nurse and two porters were among the injured."
    assert toll(text) == {"killed": 5, "injured": 3}


def test_a4_a_zero_said_of_one_leaves_anothers_hurt() -> None:
    text = (
        "The swimmer, a man in his 50s, was pulled from the water and flown to Cairns Hospital "
        "suffering from hypothermia. A second swimmer made it back to the beach and was unhurt."
    )
    assert toll(text) == {"injured": 1}
    text = (
        "The cyclist, a woman in her 40s, was taken to hospital with a broken arm. A second "
        "cyclist in the group was unhurt."
    )
    assert toll(text) == {"injured": 1}
    # negative: the zero alone stands
    assert toll("A second cyclist in the group was unhurt.") == {"injured": 0}


def test_a3_a_list_of_the_dead_counts_every_item() -> None:
    text = (
        "The dead were a taxi driver, a nurse, two farmers and a 9-year-old girl, police said. "
        "The van left the road near Gilgit on Monday."
    )
    assert toll(text) == {"killed": 5}
    assert evidence(text, "killed") == ["a taxi driver, a nurse, two farmers and a 9-year-old girl"]
    assert toll("The dead were four firefighters and a civilian.") == {"killed": 5}
    # negatives: an apposition after a comma is the one before told again; a list not closed
    # by "and" is no list
    assert toll("A third person, a bystander, was shot in the arm.") == {"injured": 1}
    assert toll("The dead were a taxi driver, a nurse said.") == {"killed": 1}


def test_a5_an_anniversary_or_memorial_is_no_current_toll() -> None:
    text = (
        "Two years on, Hartlepool remembers the night the mill burned\n"
        "It is two years since fire tore through the old mill in Hartlepool, killing three "
        "workers and leaving dozens jobless.\n"
        "On Saturday, about 300 people gathered at the site for a memorial service."
    )
    assert toll(text) == {}
    text = "Sunday marks the tenth anniversary of the ferry disaster that killed 57 people."
    assert toll(text) == {}
    assert toll("A crowd gathered at a memorial to the 12 miners who died in the collapse.") == {}
    # negatives: "since" of a time or a count that grew is the story's own
    text = (
        "Three people were killed in a fire in Hartlepool on Friday. It was the worst blaze in "
        "the town since 2019."
    )
    assert toll(text) == {"killed": 3}
    assert toll("Two people have died since the crash on Sunday.") == {"killed": 2}
    text = "A dock worker has died since the explosion at the port of Gdynia on Tuesday."
    assert toll(text) == {"killed": 1}


def test_b2_the_referent_is_no_agent_or_companion() -> None:
    text = (
        "A pensioner was punched by a teenager outside a shop in Derby. He was taken to "
        "hospital with a broken jaw."
    )
    assert evidence(text, "injured") == ["A pensioner", "He"]
    text = (
        "A hiker walking with a friend near Keswick fell 20 metres. He was flown to hospital "
        "with head injuries."
    )
    assert evidence(text, "injured") == ["A hiker", "He"]


def test_b4_a_headline_count_with_its_harm_words_is_evidence_too() -> None:
    text = (
        "Over 60 fall ill after wedding in Kent\n"
        "More than 60 guests were taken ill after a wedding reception in Maidstone."
    )
    assert toll(text) == {"injured": 60}
    assert evidence(text, "injured") == ["Over 60", "More than 60 guests"]
    # negative: the headline's count of another kind (arrests) is not the hurt's
    text = (
        "Over 60 arrested after match\nMore than 60 fans were injured in clashes after the match."
    )
    assert evidence(text, "injured") == ["More than 60 fans"]


def test_a1_b4_one_more_told_also_after_a_headline_count_and_its_evidence() -> None:
    text = (
        "Scuffles at Bradford rally leave 8 officers hurt\n"
        "Eight police officers were injured, two of them seriously, during scuffles in Bradford "
        "on Sunday, police said.\n"
        "A member of the public was also taken to hospital with a cut to the head."
    )
    assert toll(text) == {"injured": 9}
    spans = evidence(text, "injured")
    # the parts summed: the 8 where both headline and body state it, and the one more
    assert "Eight police officers" in spans and "A member" in spans
    assert any("8 officers" in e for e in spans)


def test_b2_a_span_opening_with_a_pronoun_comes_with_its_referent() -> None:
    text = (
        "A nurse was knocked down by a van during the school run in Hull on Monday. She "
        "suffered leg and arm injuries and is in hospital, Humberside Police said."
    )
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured")[0] == "A nurse"


def test_b2_a_possessive_is_no_pronoun() -> None:
    text = (
        "A man died when his car left the road near Sligo. His wife was taken to hospital with "
        "a broken arm."
    )
    assert evidence(text, "injured") == ["His wife"]


def test_b4_a_sum_with_the_attacker_keeps_every_statement_of_the_victims() -> None:
    text = (
        "Knife attack at Adelaide mall: two dead\n"
        "Two people have been killed and three injured in a stabbing attack at a mall in "
        "Adelaide's west.\n"
        "The attacker was shot by police and later died in hospital."
    )
    assert toll(text) == {"killed": 3, "injured": 3}
    assert evidence(text, "killed") == ["two", "Two people", "The attacker"]


def test_a3_a_person_told_by_what_is_his_and_another_are_two() -> None:
    text = "The driver of the lorry and his passenger were taken to hospital."
    assert toll(text) == {"injured": 2}
    text = "The owner of the shop and his son were injured in the fire in Bolton."
    assert toll(text) == {"injured": 2}
    # negatives: one driver, of a vehicle; "the van and the car" name no second person
    assert toll("The driver of the van was injured.") == {"injured": 1}
    assert toll("The driver of the van and the car were injured.") == {"injured": 1}
    assert toll("The driver of one of the cars was killed.") == {"killed": 1}
