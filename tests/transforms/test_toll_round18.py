"""The article toll, eighteenth round (issue 11): subjects the rules lost behind a relative
clause or a participle phrase, and leftovers of rounds 16-17. One test per kind, probe
sentences of my own, positives and negatives."""

from toll_reading import evidence, toll


def test_k1_a_subject_before_a_relative_clause_is_the_verbs() -> None:
    text = "Four others who touched the fence were shocked and taken to hospital."
    assert toll(text) == {"injured": 4}
    assert evidence(text, "injured") == ["Four others"]
    text = "A 64-year-old woman who found it in her garden suffered a broken arm."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A 64-year-old woman"]
    text = "A pensioner who was walking her dog suffered a broken arm."
    assert evidence(text, "injured") == ["A pensioner"]
    text = "Two officers who responded to the call were injured."
    assert toll(text) == {"injured": 2}
    # negatives: a shooter before the clause stays unread as before; a clause with its own
    # harm keeps the readings it had; a speaker's clause names no victim
    assert toll("A gunman who opened fire on the crowd was shot by police.") == {}
    text = "A neighbour who saw the crash said the driver was killed."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["the driver"]


def test_k1_a_subject_before_a_participle_phrase_is_the_verbs() -> None:
    text = (
        "Two other surfers caught in the same current were pulled to shore and treated for "
        "exhaustion."
    )
    assert toll(text) == {"injured": 2}
    assert evidence(text, "injured") == ["Two other surfers"]
    text = "A woman found unconscious in the river was taken to hospital."
    assert evidence(text, "injured") == ["A woman"]
    text = "Three firefighters working at the blaze were injured."
    assert evidence(text, "injured") == ["Three firefighters"]
    # negative: a detained man before the clause is detained, not hurt
    assert toll("A man who was driving the van was arrested.") == {"detained": 1}


def test_k2_a_harm_word_between_count_and_noun_keeps_the_count() -> None:
    text = "Eleven injured people, including three policemen, had been brought to hospital."
    assert toll(text) == {"injured": 11}
    assert evidence(text, "injured") == ["Eleven injured people"]
    text = "At least 12 wounded soldiers were flown to a military hospital."
    assert toll(text) == {"injured": 12}
    assert evidence(text, "injured") == ["At least 12 wounded soldiers"]
    text = "Two people were killed and nine injured people were taken to hospital."
    assert toll(text) == {"killed": 2, "injured": 9}
    # negatives: two counts in a row stay apart; the injured without a count give none
    assert toll("The blast killed 4 injured 20 people.") == {"killed": 4, "injured": 20}
    assert toll("The injured people were taken to hospital.") == {}


def test_k3_a_getaway_then_care_is_the_subjects_care() -> None:
    text = "A tenant managed to escape and was treated in hospital for smoke inhalation."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A tenant"]
    text = "Two residents fled the building and were treated for smoke inhalation."
    assert toll(text) == {"injured": 2}
    text = "A pensioner was knocked down by a delivery van and treated by paramedics."
    assert toll(text) == {"injured": 1}
    # negatives: a death told before the "and" is not counted again; a getaway then arrest
    # is no hurt
    assert toll("A man succumbed to his injuries and was pronounced dead.") == {"killed": 1}
    assert "injured" not in toll("The gunman fled and was later arrested.")


def test_k1_a_named_or_deed_named_person_before_who() -> None:
    text = "A Good Samaritan who stopped to help at a crash scene was struck and killed by a van."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["A Good Samaritan"]
    text = "Carla Mendes who lives on the corner was shot in the leg."
    assert evidence(text, "injured") == ["Carla Mendes"]
    # negative: the police before a clause are no victims; the one the clause names is
    text = "Police who arrived at the scene were told the man was killed."
    assert toll(text) == {"killed": 1}
    assert evidence(text, "killed") == ["the man"]


def test_k3_a_getaway_tells_a_survivor_beside_the_dead() -> None:
    text = (
        "Two girls died in a house fire in Leeds. "
        "A man escaped and was taken to hospital in an unstable condition."
    )
    assert toll(text) == {"killed": 2, "injured": 1}
    text = (
        "A 50-year-old man drowned after his van slid into a canal. His wife, who was a "
        "passenger, managed to escape through a window and was treated in hospital for "
        "hypothermia."
    )
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "injured") == ["His wife"]
    # negative: a lone one taken to hospital beside the dead may be one of them
    text = (
        "Two girls died in a house fire in Leeds. "
        "A man was taken to hospital in an unstable condition."
    )
    assert toll(text) == {"killed": 2}


def test_k6_one_of_a_pair_and_the_other() -> None:
    text = "One of them died at the scene and the other is recovering in hospital."
    assert toll(text) == {"killed": 1, "injured": 1}
    assert evidence(text, "injured") == ["the other"]
    text = (
        "Two hikers were attacked by a bull near Ambleside. One of them died at the scene "
        "and the other is recovering in Furness General hospital."
    )
    assert toll(text) == {"killed": 1, "injured": 1}
    text = "One was injured while the other was killed."
    assert toll(text) == {"killed": 1, "injured": 1}
    # negatives: "the others" tells no count; "the other" with no one before it is unread
    assert toll("One of them died and the others were taken to hospital.") == {"killed": 1}
    assert toll("The other was taken to hospital.") == {}


def test_k7_a_counted_pair_then_its_list_is_two() -> None:
    text = "Both riders, a 30-year-old man and a 25-year-old woman, were killed."
    assert toll(text) == {"killed": 2}
    text = "The two riders, a man and a woman, were killed."
    assert toll(text) == {"killed": 2}
    # a third person beyond the listed pair adds
    text = "Both bikers, a man and a woman, and a passer-by were killed."
    assert toll(text) == {"killed": 3}


def test_k5_bitten_is_hurt() -> None:
    text = "A postman was bitten by a dog on Elm Street."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A postman"]
    text = "A dog was killed and its owner bitten on the arm when another dog attacked them."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["its owner"]
    assert toll("Two children were bitten by a stray dog.") == {"injured": 2}
    # negatives: a figure of speech, an animal bitten
    assert toll("She was bitten by the travel bug in her twenties.") == {}
    assert toll("A dog was bitten by a snake.") == {}


def test_k3_the_harm_after_being_is_the_main_clauses_subjects() -> None:
    text = "A man was taken to hospital after being stabbed."
    assert toll(text) == {"injured": 1}
    assert evidence(text, "injured") == ["A man"]
    text = (
        "A swimmer has been flown to a hospital in a serious condition after being bitten "
        "by a shark off the island."
    )
    assert evidence(text, "injured") == ["A swimmer"]
    assert toll("Two teenagers were taken to hospital after being hit by a car.") == {"injured": 2}
    # negatives: a suspect chased is no victim; a thing interrupted is no one
    assert "injured" not in toll("The suspect was arrested after being chased by police.")
    assert toll("The match was abandoned after being interrupted by a storm.") == {}
