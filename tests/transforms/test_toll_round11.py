"""The article toll's zeros, precision and counting (issue 11, eleventh round): one test per
general rule, named after the kind of statement it reads (the lead's list), with probe
sentences of my own."""

from toll_reading import evidence, toll


def test_counting_a_hyphenated_number_word_is_the_count() -> None:
    # "Thirty-eight pupils were taken to hospital": one token, a tens word and a unit
    text = "Thirty-eight pupils were taken to hospital as a precaution after the coach crash."
    assert toll(text) == {"injured": 38}
    assert evidence(text, "injured") == ["Thirty-eight pupils"]
    assert toll("Twenty-one people were killed when the ferry capsized.") == {"killed": 21}
    assert toll("Police said forty-five people were hurt in the stampede.") == {"injured": 45}
    # an age spelled the same way stays an age
    assert toll("A twenty-one-year-old woman was hurt in the crash.") == {"injured": 1}
