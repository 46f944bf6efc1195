import pytest
from claimwatch.transforms.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. will send troops. Indonesia offered more.",
            ["The U.S. will send troops.", "Indonesia offered more."],
        ),
        ("On Oct. 10 the truce began. It held.", ["On Oct. 10 the truce began.", "It held."]),
        (
            '"We are ready," he said. Gen. Smith agreed.',
            ['"We are ready," he said.', "Gen. Smith agreed."],
        ),
        (
            "First paragraph without stop\n\nSecond one.",
            ["First paragraph without stop", "Second one."],
        ),
        ("It rose to 2.5 million. Then fell.", ["It rose to 2.5 million.", "Then fell."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He fired at the corner of Coles Avenue.Emmanuel Stokes, 28, was shot.",
            ["He fired at the corner of Coles Avenue.", "Emmanuel Stokes, 28, was shot."],
        ),
        (
            "It was a murder-suicide.Those who knew her were shaken.",
            ["It was a murder-suicide.", "Those who knew her were shaken."],
        ),
        (
            "A teen was hurt in a shooting.A girl, 14, came in later.",
            ["A teen was hurt in a shooting.", "A girl, 14, came in later."],
        ),
        # abbreviations, initials and host names stay whole
        (
            "The U.S.Army said so. See WSFA.com for more.",
            ["The U.S.Army said so.", "See WSFA.com for more."],
        ),
        ("Gov.Smith and St.Louis police spoke.", ["Gov.Smith and St.Louis police spoke."]),
    ],
)
def test_a_full_stop_with_the_space_lost_before_a_capital_ends_a_sentence(
    text: str, expected: list[str]
) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)
