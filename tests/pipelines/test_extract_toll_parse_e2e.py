"""`claimwatch extract` reads the toll with its parse fallback when asked, and only then."""

import json
import os
import subprocess
import sys

import pytest
from claimwatch.transforms.entities import available_model

pytestmark = pytest.mark.skipif(available_model() is None, reason="no spaCy English model")

# the rules read no victim here; the dependency parse reads the two dead
TEXT = "Police said the two were shot several times and died at the scene."


def extract(*args: str, env: dict[str, str] | None = None) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [sys.executable, "-m", "claimwatch.pipelines.cli", "extract", *args, "-"],
        capture_output=True,
        text=True,
        input=TEXT,
        timeout=600,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_extract_reads_with_the_parse_fallback_when_asked() -> None:
    toll = extract(env={"CLAIMWATCH_TOLL_PARSE": "1"})["toll"]
    assert set(toll) == {"killed"}
    assert toll["killed"]["value"] == 2
    (evidence,) = toll["killed"]["evidence"]
    assert TEXT[evidence["start"] : evidence["end"]] == evidence["text"]
    assert "the two were shot" in evidence["text"]


def test_it_is_off_by_default_and_the_flag_beats_the_environment() -> None:
    assert extract(env={"CLAIMWATCH_TOLL_PARSE": ""})["toll"] == {}
    assert extract("--no-toll-parse", env={"CLAIMWATCH_TOLL_PARSE": "1"})["toll"] == {}
    assert extract("--toll-parse")["toll"]["killed"]["value"] == 2
    assert extract(env={"CLAIMWATCH_TOLL_PARSE": "0"})["toll"] == {}
    assert (
        extract("--toll-parse", env={"CLAIMWATCH_TOLL_PARSE": "0"})["toll"]["killed"]["value"] == 2
    )
    # without entities no spaCy model is loaded unless the parse is asked for
    assert extract("--no-entities", env={"CLAIMWATCH_TOLL_PARSE": "1"})["toll"] == {}
