"""Sentence spans: a rule-based splitter that knows news abbreviations (U.S., Oct., Gen.).

Pure and fast: figures only need sentence boundaries, and running a parser over every
sentence of every article is what makes news pipelines slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep rev st mt ft no vs etc inc
        ltd co corp jr sr jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u
        a.m p.m approx est dept univ""".split()
)
# A candidate boundary: terminal punctuation, optional closing quote/bracket, whitespace; or a
# full stop with the space lost between a word and a capitalized one ("Avenue.Emmanuel", pages
# that join paragraphs): two lower-case letters before it keep "U.S.Army" and "WSFA.com" whole
# (one opening [.!?] for both: a branch opening with a look-behind is tried at every position)
_BOUNDARY = re.compile(r"[.!?](?:[.!?]*[\"'”’)\]]*\s+|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]|[A-Z]\s))")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-•*])")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their character spans in `text` (stripped of surrounding space)."""
    out: list[Sentence] = []
    for para_start, para_end in _paragraphs(text):
        start = para_start
        for match in _BOUNDARY.finditer(text, para_start, para_end):
            if _is_abbreviation(text, match.start()) or not _next_starts_sentence(
                text, match.end()
            ):
                continue
            _add(out, text, start, match.end())
            start = match.end()
        _add(out, text, start, para_end)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    if word in _ABBREVIATIONS:
        return True
    # Single capital initials ("John F. Kennedy") do not end sentences.
    return len(word) == 1 and text[word_start].isupper()


def _next_starts_sentence(text: str, index: int) -> bool:
    if index >= len(text):
        return True
    nxt = text[index]
    return nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(["


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
