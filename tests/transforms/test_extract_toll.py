"""`claimwatch extract` prints the article toll beside the figures (issue 11)."""

import json
import subprocess
import sys

CLI = [sys.executable, "-m", "claimwatch.pipelines.cli"]


def extract(text: str) -> dict[str, object]:
    done = subprocess.run(
        [*CLI, "extract", "--no-entities", "-"],
        capture_output=True,
        text=True,
        input=text,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert isinstance(doc, dict)
    return doc


def test_extract_adds_the_toll_with_evidence_spans() -> None:
    text = (
        "One dead, two hurt in overnight shooting\n"
        "A man was shot and killed and two women were wounded outside a bar, police said."
    )
    toll = extract(text)["toll"]
    assert isinstance(toll, dict)
    assert set(toll) == {"killed", "injured"}
    assert (toll["killed"]["value"], toll["killed"]["qualifier"]) == (1, "exact")
    assert (toll["injured"]["value"], toll["injured"]["low"]) == (2, 2)
    for count in toll.values():
        assert count["evidence"], count
        for span in count["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_a_metric_not_spoken_of_is_absent() -> None:
    assert extract("The council met on Tuesday to discuss the budget.")["toll"] == {}
    assert set(extract("A 9-year-old girl was shot on her porch.")["toll"]) == {"injured"}
