"""The number reader's tokens: spans, kinds and gaps as the token pattern defines them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from claimwatch.transforms.number_tokens import (
    _FIRST_WORDS,
    _TOKEN_RE,
    _tokenize,
    _tokens_and_openers,
)

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
EDGES = (
    "",
    "   ",
    "  12 killed,\tthree\u00a0hurt  ",
    "US$3.5bn — 1,250,000 people; (24) O’Brien's 9/11 12:30 ½ ² Ⅻ x²",
    "\n20 000\u202fpeople\n\nTwenty-eight",
    "İstanbul ΟΔΟΣ dog’s",
    # ASCII text has its own pattern: separators \x1c-\x1f and \v are spaces, "_" a symbol
    "it's 3.5.\x1c4\x1fsaid\x0bO'Neil's_x 1,2/3:4 ''a'' 7'b 'quoted' 9-11 ~x",
)


def _texts() -> list[str]:
    out = list(EDGES)
    for name in ("figures.jsonl", "numbers.jsonl", "toll_blind.jsonl", "toll_varied_dev.jsonl"):
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"])
    return out


@pytest.mark.parametrize("text", _texts())
def test_tokens_are_the_pattern_matches_with_their_spans_kinds_and_gaps(text: str) -> None:
    expected = [
        (
            m.group(),
            m.group().lower(),
            m.start(),
            m.end(),
            "num" if m.group()[0].isdecimal() else "word" if m.group()[0].isalpha() else "sym",
            m.start() == 0 or text[m.start() - 1].isspace(),
        )
        for m in _TOKEN_RE.finditer(text)
    ]
    assert [tuple(t) for t in _tokenize(text)] == expected


@pytest.mark.parametrize("text", _texts())
def test_the_openers_are_the_digit_runs_and_the_words_that_may_start_a_number(text: str) -> None:
    toks, openers = _tokens_and_openers(text)
    expected = [
        k
        for k, t in enumerate(toks)
        if t.kind == "num" or (t.kind == "word" and t.low in _FIRST_WORDS)
    ]
    assert openers == expected


def test_openers_of_a_phrase() -> None:
    toks, openers = _tokens_and_openers("Some 3 dozen of the Twelve, ½ and a few ²")
    assert [toks[k].text for k in openers] == ["3", "dozen", "Twelve", "a"]  # "few" only after "a"


def test_kinds_and_gaps_of_a_mixed_phrase() -> None:
    toks = _tokenize("US$3.5bn, ½ x")
    assert [(t.text, t.kind, t.gap) for t in toks] == [
        ("US", "word", True),
        ("$", "sym", False),
        ("3.5", "num", False),
        ("bn", "word", False),
        (",", "sym", False),
        ("½", "sym", True),  # numeric but neither a decimal digit nor a letter
        ("x", "word", True),
    ]


def test_after_a_or_an_only_the_listed_words_can_open_a_number() -> None:
    # _core skips "a"/"an" before any other word: both readers must agree it counts nothing
    from claimwatch.transforms.number_tokens import (
        _AFTER_ARTICLE,
        _FIRST_WORDS,
        _vague_core,
        _word_core,
    )

    words = {t.low for text in _texts() for t in _tokenize(text)} | _FIRST_WORDS
    for article in ("a", "an", "A", "An"):
        for word in sorted(words):
            for tail in ("", " of hundred", " of a million", " million people", " hundred"):
                toks = _tokenize(f"{article} {word}{tail}")
                if toks[1].low in _AFTER_ARTICLE:
                    continue
                assert _vague_core(toks, 0) is None, toks
                assert _word_core(toks, 0) is None, toks
    # and the listed ones do open numbers
    opened = {w for w in _AFTER_ARTICLE if _word_core(_tokenize(f"a {w} million"), 0)}
    opened |= {w for w in _AFTER_ARTICLE if _vague_core(_tokenize(f"a {w} of hundred"), 0)}
    opened |= {w for w in _AFTER_ARTICLE if _vague_core(_tokenize(f"a {w} hundred"), 0)}
    assert opened == _AFTER_ARTICLE
