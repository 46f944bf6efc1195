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
