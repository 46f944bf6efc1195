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
    assert evidence(text, "injured") == ["no one"]
    assert toll("Smoke filled the corridors, but nobody needed hospital treatment.") == {
        "injured": 0
    }
    text = "The siege ended at dawn. None of the captives was harmed."
    assert toll(text) == {"injured": 0}
    assert evidence(text, "injured") == ["None of the captives"]
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
    assert evidence(text, "injured") == ["The trapped miners"]
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
