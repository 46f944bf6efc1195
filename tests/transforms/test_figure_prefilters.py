"""The word tests that spare figure extraction's case-blind patterns never skip a match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from claimwatch.transforms import figures as f
from claimwatch.transforms.number_tokens import DIGIT, has_digit

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"

# (pattern, the test that must hold wherever it matches, texts it matches)
CASES: list[tuple[re.Pattern[str], tuple[str, ...], list[str]]] = [
    (
        f._TOTAL_BEFORE,
        f._TOTAL_BEFORE_WORDS,
        ["bringing the TOTAL to ", "the toll of dead rose to"],
    ),
    (f._TOTAL_WORDS, f._TOTAL_WORDS_WORDS, ["So  far", "to date", "In all", "Overall", "since"]),
    (f._PREVIOUS, f._PREVIOUS_WORDS, ["up From an earlier ", "previously reported ", "Rose from"]),
    (f._PREVIOUS, f._PREVIOUS_WORDS, ["compared WITH ", "Initially estimated at "]),
    (f._INCREMENT_BEFORE, f._INCREMENT_WORDS, ["Another ", "an  additional", "a further"]),
    (f._SINCE_EVENT, ("since",), ["SINCE the start of the war", "since the ceasefire"]),
    (f._SINCE_DATE, ("since",), ["Since Oct. 7", "since 7 October"]),
    (f._PAST_WINDOW, f._PAST_WORDS, ["in the PAST 24 hours", "over the last two days"]),
    (f._DAY, ("day", "overnight"), ["on Monday", "OVERNIGHT", "yesterday", "Today"]),
]


def _texts() -> list[str]:
    out: list[str] = []
    for name in ("figures.jsonl", "numbers.jsonl", "toll_blind.jsonl", "toll_varied_dev.jsonl"):
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                out.extend(text[:cut] for cut in range(0, len(text), 5))
                out.append(text)
    return out


TEXTS = _texts()


@pytest.mark.parametrize(("pattern", "words", "examples"), CASES)
def test_a_pattern_matches_only_text_holding_its_words(
    pattern: re.Pattern[str], words: tuple[str, ...], examples: list[str]
) -> None:
    for text in examples:
        assert pattern.search(text), text
        assert f._may_hold(text, words), text
    for text in TEXTS:
        if pattern.search(text):
            assert f._may_hold(text, words), text


def test_the_listing_and_appositive_patterns_need_their_endings() -> None:
    for text in ["23 people, Including ", "of THEM \n", "among whom", *TEXTS]:
        if f._LISTING.search(text):
            assert f._may_end_with(text, f._LISTING_ENDS), text
        if f._APPOSITIVE_AGE.search(text):
            assert text.rstrip().endswith(","), text
    assert f._may_end_with("23 people, Including ", f._LISTING_ENDS)
    assert not f._may_end_with("23 people, included", f._LISTING_ENDS)


def test_non_ascii_text_is_always_read() -> None:
    # IGNORECASE folds "ſ" to "s": lower() does not, so the word test must not decide here
    assert f._PAST_WINDOW.search("in the paſt two days")
    assert f._may_hold("in the paſt two days", f._PAST_WORDS)
    assert not f._may_hold("in the two days", f._PAST_WORDS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no figure here", False),
        ("Route 9 closed", True),
        ("٣ قتلى", True),  # an Arabic-Indic digit is a digit
        ("½ mile, x² and Ⅻ", False),  # numeric, but no decimal digit
        ("", False),
    ],
)
def test_has_digit_is_the_unicode_digit_search(text: str, expected: bool) -> None:
    assert has_digit(text) is expected is (DIGIT.search(text) is not None)


@pytest.mark.parametrize(
    "text",
    [
        "Twenty were hurt",
        "two_dozen were hurt",  # "_" is a word character: no edge before "dozen"
        "a dozen-odd people",
        "someone phoned",
        "No one was hurt",
        "Überall waren hundreds",
        "ſeven ſcore",  # non-ASCII: read with the Unicode tables
        "Dozens",
    ],
)
def test_the_number_word_gate_reads_ascii_text_as_the_unicode_pattern_does(text: str) -> None:
    low = text.lower()
    assert f._may_hold_number(text) is (f._NUMBER_WORD_LOWER.search(low) is not None)
