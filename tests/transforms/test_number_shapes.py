"""The number shapes, tried only where a match can begin, find what a whole-text scan finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from claimwatch.transforms.number_lexicon import _SHAPES
from claimwatch.transforms.numbers import _Leads, find_quantities

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
# the in-sample sets (the held-out blind set 3 is kept out of tests that read its text)
SETS = (
    "figures.jsonl",
    "numbers.jsonl",
    "toll_blind.jsonl",
    "toll_blind2.jsonl",
    "toll_varied_dev.jsonl",
    "stories_hard_negatives.jsonl",
)
EDGES = (
    "Call +1 555 123 4567 or +44 (20) 7946 0958; not a+44 20 7946 0958.",
    "Call (555) 123-4567, 1-800-555-1234 or 555-123-4567x, or 020-1234567 and a020-1234567.",
    "On 2024-01-05, 3/4/2024, 12.05.24 and x3/4/2024 the 12:30pm, 9.30 a.m., 7 pm, 5 o’clock.",
    "At 13:45:10, at 0600 GMT and 1800 local time; 12:30 and a12:30 and 12:305.",
    "Jan 5, 2024; 5th of March 2023; 14 Sept. 2022; March 2021; May 3; ajan 5; xMarch 2021.",
    "Gallery\n12 34\n3 of 10\n  7\t\n4 of 1000\nend 5\n5",
    "9\n\n10 of 12\n  2 of 9 ",
    "See https://example.org/a1, www.example.com/2 or a.b+1@example.org by 5 May.",
    "99999 1-2-3 1234-56-78 ٣/٤/٢٠٢٤ ١٢:٣٠",
    "",
    "no digits at all, only May and June",
    # the case-blind shapes keep their IGNORECASE inside the one pattern of all "digit" shapes
    "At 7 PM, 5 O’CLOCK, 9.30 P.M., 11:05 Am and 0600 hrs; 2 aM, 3 pM.",
)


def _texts() -> list[str]:
    out = list(EDGES)
    for name in SETS:
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                out.append(record["text"])
                out.extend(s for s in re.split(r"(?<=[.!?])\s+", record["text"]) if s)
    return out


TEXTS = _texts()


@pytest.mark.parametrize("index", range(len(_SHAPES)))
def test_each_shape_tried_at_its_leads_matches_the_whole_scan(index: int) -> None:
    _, pattern, lead = _SHAPES[index]
    for text in TEXTS:
        scanned = [m.span() for m in pattern.finditer(text)]
        led = [m.span() for m in _Leads(text).matches(pattern, lead)]
        assert led == scanned, (lead, text)


def test_the_edge_cases_find_their_shapes() -> None:
    # the edges above do exercise the shapes: phones, dates, times and page furniture found
    kinds = {q.kind for text in EDGES for q in find_quantities(text)}
    assert {"phone", "date", "time", "furniture"} <= kinds
    gallery = [q.text for q in find_quantities(EDGES[5]) if q.kind == "furniture"]
    assert gallery == ["12", "34", "3", "10", "7", "5"]
