"""Every toll entry shows what it rests on: at least one evidence span, each a real slice.

A count with no span cannot be quoted in an alert or checked by a reader; the toll leaves such
an inference unsaid instead ("a man was shot and killed" says nothing of others hurt).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from claimwatch.pipelines.toll_eval import shooting_news_dir
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.toll import article_toll

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"


def texts() -> Iterator[tuple[str, str]]:
    for path in sorted(EVAL.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                case = json.loads(line)
                text = case.get("text") or case.get("sentence")
                if isinstance(text, str):
                    yield f"{path.name}:{case.get('id', n)}", text
    folder = shooting_news_dir()
    if folder is not None:
        for path in sorted(folder.glob("*.txt")):
            yield path.name, path.read_text(encoding="utf-8")


def test_every_toll_entry_on_every_set_has_evidence_that_is_a_slice_of_the_text() -> None:
    bare, wrong, entries = [], [], 0
    for name, text in texts():
        for metric, count in article_toll(text, extract_figures(text)).items():
            entries += 1
            if not count.evidence:
                bare.append(f"{name} {metric}")
            wrong += [
                f"{name} {metric} {e.text!r}"
                for e in count.evidence
                if text[e.start : e.end] != e.text
            ]
    assert entries > 200, "too few toll entries: the sets were not read"
    assert not bare, f"{len(bare)} entries without evidence: {bare[:10]}"
    assert not wrong, f"evidence that is not the text at its offsets: {wrong[:10]}"


def test_the_eighth_rounds_varied_set_is_among_the_sets_read() -> None:
    # the glob above reads every set; this pins that varied2 is one of them, entry by entry
    cases = [(n, t) for n, t in texts() if n.startswith("toll_varied2_dev.jsonl:")]
    assert len(cases) >= 80
    bare = []
    for name, text in cases:
        toll = article_toll(text, extract_figures(text))
        bare += [f"{name} {m}" for m, c in toll.items() if not c.evidence]
    assert not bare, bare


def test_a_man_shot_and_killed_says_nothing_of_others_hurt() -> None:
    text = "A man was shot and killed outside a store on Main Street on Sunday, police said."
    toll = article_toll(text, extract_figures(text))
    assert toll["killed"].value == 1
    assert "injured" not in toll


def test_one_of_five_people_shot_has_died_leaves_four_hurt_resting_on_that_sentence() -> None:
    text = "One of the five people shot outside the nightclub has died, police said Monday."
    toll = article_toll(text, extract_figures(text))
    assert (toll["killed"].value, toll["injured"].value) == (1, 4)
    assert [e.sentence for e in toll["injured"].evidence] == [text]


@pytest.mark.parametrize(
    "text", ["No one was injured in the shooting.", "Nobody was hurt, police said."]
)
def test_a_stated_zero_is_kept_with_its_words(text: str) -> None:
    toll = article_toll(text, extract_figures(text))
    assert toll["injured"].value == 0
    assert toll["injured"].evidence
