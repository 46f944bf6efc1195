"""The feedparser and gofeed test corpora through read_feed: every file parsed or rejected with
a reason, none crashes. Read in place from ../shared/data/feed-corpora (not copied here).

The figures are printed (pytest -s, or the -rA summary) and reported in the issue note; the
floors below are what this reader achieved when they were measured, so a regression fails.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest
from claimwatch.connectors.feeds import read_feed
from claimwatch.transforms.errors import FeedError

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "feed-corpora"
if not CORPORA.is_dir():  # a worktree under /work/wt, or main: ../shared either way
    CORPORA = Path("/work/shared/data/feed-corpora")

# Rejection messages by kind; every FeedError message must match one of them.
REJECTIONS = {
    "empty": r"returned an empty body",
    "html": r"returned HTML, not XML",
    "not_xml_feed": r"is not a feed this reader understands",
    "no_feed_structure": r"has no RSS, Atom or JSON Feed structure",
    "json_unparseable": r"looks like JSON but does not parse",
    "json_not_feed": r"is JSON but not a JSON Feed",
    "json_no_items": r"JSON Feed without an items list",
}
# Measured 2026-12-01 on these corpora (3,198 files): see the issue note.
FLOORS = {"parsed_files": 2430, "entries": 1115}


def _files() -> list[Path]:
    return sorted(p for p in CORPORA.rglob("*") if p.suffix in (".xml", ".json") and p.is_file())


@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"feed corpora not found at {CORPORA}")
def test_every_corpus_file_is_parsed_or_rejected_with_a_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    counts: collections.Counter[str] = collections.Counter()
    crashes: list[str] = []
    unexplained: list[str] = []
    for path in _files():
        counts["files"] += 1
        counts[f"files:{path.relative_to(CORPORA).parts[0]}"] += 1
        url = "https://corpus.example/" + path.relative_to(CORPORA).as_posix()
        try:
            parsed = read_feed(path.read_bytes(), feed_url=url)
        except FeedError as exc:
            kind = next((k for k, rx in REJECTIONS.items() if re.search(rx, str(exc))), None)
            if kind is None:
                unexplained.append(f"{path.name}: {exc}")
            counts[f"rejected:{kind}"] += 1
            counts["rejected"] += 1
            continue
        except Exception as exc:
            crashes.append(f"{path.relative_to(CORPORA)}: {exc!r}")
            continue
        counts["parsed_files"] += 1
        counts["entries"] += len(parsed.entries)
        counts["linkless_kept"] += sum(e.url.startswith("urn:claimwatch:") for e in parsed.entries)
        for skip in parsed.skipped:
            counts[f"skipped:{skip.reason}"] += 1
        assert all(e.entry_id and e.url for e in parsed.entries), path

    with capsys.disabled():
        print("\nfeed corpora:", dict(sorted(counts.items())))
    assert crashes == []
    assert unexplained == []
    assert counts["parsed_files"] + counts["rejected"] == counts["files"]
    for name, floor in FLOORS.items():
        assert counts[name] >= floor, (name, counts[name])


@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"feed corpora not found at {CORPORA}")
@pytest.mark.parametrize("name", ["version_json_10.json", "version_json_11.json"])
def test_json_feed_1_0_and_1_1_are_both_read(name: str) -> None:
    path = CORPORA / "gofeed" / "testdata" / "parser" / "json" / name
    parsed = read_feed(path.read_bytes(), feed_url="https://sample-json-feed.com/feed.json")
    assert parsed.entries
