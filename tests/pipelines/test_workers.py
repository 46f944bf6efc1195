"""`run --workers N`: analysis in N processes, decisions in one — the same store as one worker."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from claimwatch.connectors.feed_entry import ParsedFeed
from claimwatch.connectors.ingest import ParseJob, parse_each, parse_job, parse_job_with_texts
from claimwatch.pipelines.analysis_pool import AnalysisPool, effective_workers
from claimwatch.transforms.analysis import ArticleAnalysis, analyse_texts
from claimwatch.transforms.articles import entry_text
from claimwatch.transforms.entities import EntityExtractor
from claimwatch.transforms.errors import FeedError
from claimwatch.transforms.story_terms import Rarity
from factories import article, claimwatch, jsonl_lines

ROOT = Path(__file__).resolve().parents[2]
FEEDS = ROOT / "tests" / "data" / "feeds"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 generated articles (copies, syndication, evolving tolls) in slices of 25."""
    folder = tmp_path_factory.mktemp("workers-corpus")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate_corpus.py"),
            "--out",
            str(folder),
            "--articles",
            "120",
            "--seed",
            "3",
        ],
        check=True,
        capture_output=True,
    )
    config = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
    config["pipeline"] = {"batch_size": 25}
    path = folder / "claimwatch.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def _snapshot(config: Path, data: Path) -> dict[str, list[str]]:
    out = {}
    for part, extra in (("articles", []), ("claims", ["--history"]), ("alerts", [])):
        done = claimwatch(
            part, "--format", "jsonl", *extra, "--config", str(config), "--data-dir", str(data)
        )
        assert done.returncode == 0, done.stderr
        rows = jsonl_lines(done.stdout)
        for row in rows:
            row.pop("detected_at", None)  # the wall clock of the run
        out[part] = sorted(repr(sorted(r.items())) for r in rows)
    return out


def test_two_workers_decide_exactly_what_one_does(corpus: Path, tmp_path: Path) -> None:
    runs: dict[int, Any] = {}
    for workers in (1, 2):
        data = tmp_path / f"w{workers}"
        done = claimwatch(
            "run",
            "--once",
            "--workers",
            str(workers),
            "--config",
            str(corpus),
            "--data-dir",
            str(data),
        )
        assert done.returncode == 0, done.stderr
        assert ("analysing on 2 worker processes" in done.stderr) == (workers == 2)
        runs[workers] = _snapshot(corpus, data)
    assert len(runs[1]["articles"]) == 120 and runs[1]["alerts"]
    assert any("'duplicate_of', '" in row for row in runs[1]["articles"])
    assert runs[2] == runs[1]


def test_workers_below_one_is_a_clear_error(corpus: Path, tmp_path: Path) -> None:
    done = claimwatch(
        "run", "--once", "--workers", "0", "--config", str(corpus), "--data-dir", str(tmp_path)
    )
    assert done.returncode == 1
    assert "--workers must be 1 or more" in done.stderr


def test_effective_workers_setting_then_environment_then_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMWATCH_WORKERS", "3")
    assert effective_workers(5) == 5
    assert effective_workers(None) == 3
    monkeypatch.setenv("CLAIMWATCH_WORKERS", "many")
    assert effective_workers(None) >= 1  # a bad value falls back to the cores, with a warning
    monkeypatch.delenv("CLAIMWATCH_WORKERS")
    assert effective_workers(None) >= 1


def test_the_pool_gives_what_analysing_in_place_gives_and_nothing_it_was_not_asked() -> None:
    texts = [
        article("a", text="Israeli strikes killed at least 12 people in Khan Younis on Monday."),
        article("b", text="The ministry said 40 people were injured in Gaza City."),
        article("c", text=""),
    ]
    pool = AnalysisPool(1, "figures")
    try:
        assert pool.take(texts[0]) is None  # never prefetched: the stage computes it
        pool.prefetch(texts)
        got = [pool.take(a) for a in texts]
        # The same text under another id, or another text under the same id, is a miss.
        assert pool.take(article("a", text="Other words.")) is None
        assert pool.take(replace(texts[0], title="Another headline")) is None
        feeds = [
            ParseJob((FEEDS / "rss20.xml").read_bytes(), "https://a.example/feed", None, None),
            ParseJob((FEEDS / "not_a_feed.xml").read_bytes(), "https://b.example/f", None, None),
        ]
        parsed = pool.parse_feeds(feeds)
    finally:
        pool.close()
    assert isinstance(parsed[0], ParsedFeed) and parsed[0].entries
    assert replace(parsed[0], texts=()) == parse_each(feeds[:1])[0]
    # Parsed on a worker, the entries' texts come along (what ingest would work out itself);
    # parsed here, while the worker still loads its model, they are left for ingest.
    assert parsed[0].texts in ((), tuple(entry_text(e) for e in parsed[0].entries))
    assert isinstance(parsed[1], FeedError)  # returned, not raised: the other feeds go on
    local = analyse_texts(
        [(a.id, a.title, a.text) for a in texts], EntityExtractor.load(), Rarity.load()
    )
    assert got == local
    assert all(isinstance(g, ArticleAnalysis) and g.profile is not None for g in got)
    assert got[0] is not None and [f.value for f in got[0].figures if f.metric] == [12]
    assert any(e.text == "Khan Younis" for e in got[0].entities)


def test_feeds_parsed_by_the_workers_and_here_come_back_in_order_as_parsing_in_place() -> None:
    # Started just now, the workers are still loading their models: this process parses the
    # jobs none of them has started, from the back, and the answer is still in job order.
    bodies = [(FEEDS / "rss20.xml").read_bytes(), (FEEDS / "not_a_feed.xml").read_bytes()]
    jobs = [
        ParseJob(bodies[i % 2], f"https://feed{i}.example/rss", f"Source {i}", None)
        for i in range(12)
    ]
    pool = AnalysisPool(2, "figures")
    try:
        parsed = pool.parse_feeds(jobs)
    finally:
        pool.close()

    def shown(result: object) -> object:
        if isinstance(result, FeedError):
            return (type(result).__name__, str(result))
        assert isinstance(result, ParsedFeed)
        assert result.texts in ((), tuple(entry_text(e) for e in result.entries))
        return replace(result, texts=())

    assert [shown(p) for p in parsed] == [shown(p) for p in parse_each(jobs)]
    assert [isinstance(p, FeedError) for p in parsed] == [i % 2 == 1 for i in range(12)]


def test_a_feed_parsed_for_a_worker_carries_each_entrys_plain_text() -> None:
    job = ParseJob((FEEDS / "rss20.xml").read_bytes(), "https://a.example/feed", None, None)
    parsed = parse_job_with_texts(job)
    assert isinstance(parsed, ParsedFeed) and parsed.entries
    assert parsed.texts == tuple(entry_text(e) for e in parsed.entries)
    assert replace(parsed, texts=()) == parse_job(job)
    bad = ParseJob((FEEDS / "not_a_feed.xml").read_bytes(), "https://b.example/f", None, None)
    assert isinstance(parse_job_with_texts(bad), FeedError)
