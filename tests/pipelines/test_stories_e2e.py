"""Stories through the real `claimwatch` command on the bundled demo feeds."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "claimwatch.pipelines.cli"]
TOLL_KEY = "killed|palestinians|*|since ceasefire"


def claimwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600, check=False)


def jsonl(*args: str) -> list[dict]:
    done = claimwatch(*args)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo-stories")
    done = claimwatch("run", "--once", "--quiet", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    return data


def by_path(articles: list[dict], fragment: str) -> dict:
    (found,) = [a for a in articles if a["url"].endswith(fragment)]
    return found


def test_the_rewrite_joins_the_toll_story_without_being_a_duplicate(demo: Path) -> None:
    articles = jsonl("articles", "--data-dir", str(demo), "--format", "jsonl")
    first = by_path(articles, "/2025/11/14/at-least-400-killed-since-ceasefire")
    update = by_path(articles, "/2025/11/19/gaza-toll-since-ceasefire-rises-to-420")
    repost = by_path(articles, "rises-to-420?utm_source=rss&utm_medium=feed")
    rewrite = by_path(articles, "/gaza-deaths-since-truce-climb-to-420")
    bakery = next(a for a in articles if "bakery" in a["url"])

    assert rewrite["duplicate_of"] is None
    assert rewrite["story_id"] == update["story_id"] == first["story_id"]
    assert repost["duplicate_of"] == update["id"] and repost["story_id"] == update["story_id"]
    assert bakery["story_id"] not in (None, first["story_id"])
    assert all(a["story_id"] for a in articles)


def test_stories_list_the_toll_story_with_its_sources_and_latest_figures(demo: Path) -> None:
    stories = jsonl("stories", "--data-dir", str(demo), "--format", "jsonl")
    articles = jsonl("articles", "--data-dir", str(demo), "--format", "jsonl")
    rewrite = by_path(articles, "/gaza-deaths-since-truce-climb-to-420")
    (toll,) = [s for s in stories if s["id"] == rewrite["story_id"]]

    assert toll["title"].startswith("At least 400 Palestinians killed since ceasefire")
    assert toll["sources"] == ["Daily Courier", "Gaza Monitor", "Regional Times", "Wire Service"]
    assert rewrite["id"] in toll["article_ids"] and toll["article_count"] == 6
    assert TOLL_KEY in toll["claim_keys"]
    latest = {f["key"]: f for f in toll["figures"]}[TOLL_KEY]
    assert (latest["value"], latest["source"]) == (412, "Regional Times")
    assert "terms" not in toll  # the centroid is internal
    assert [s["first_seen"] for s in stories] == sorted(s["first_seen"] for s in stories)


def test_alerts_carry_their_story_and_the_rewrite_only_corroborates(demo: Path) -> None:
    alerts = jsonl("alerts", "--data-dir", str(demo), "--format", "jsonl")
    articles = jsonl("articles", "--data-dir", str(demo), "--format", "jsonl")
    toll_story = by_path(articles, "/gaza-deaths-since-truce-climb-to-420")["story_id"]

    assert all(a["story_id"] for a in alerts)
    assert {a["story_id"] for a in alerts if a["claim_key"] == TOLL_KEY} == {toll_story}
    assert not [a for a in alerts if "climb-to-420" in a["current"]["url"]]


def test_a_sources_repeated_count_the_next_day_is_compared_within_its_story(demo: Path) -> None:
    alerts = jsonl("alerts", "--data-dir", str(demo), "--format", "jsonl")
    injured = sorted(
        (a["current"]["published"][:10], a["change"])
        for a in alerts
        if a["claim_key"].startswith("injured|people|*|")
        and a["current"]["source"] == "Regional Times"
    )

    # 20 Nov: Regional Times' first "more than 1,150 injured" is new. 21 Nov (item 13, the
    # same story): the same figure again, keyed by another day, is no change, so no alert.
    assert injured == [("2025-11-20", "new")]


def test_the_demo_tells_four_stories(demo: Path) -> None:
    stories = jsonl("stories", "--data-dir", str(demo), "--format", "jsonl")

    assert sorted(s["article_count"] for s in stories) == [1, 2, 4, 6]


def test_stories_table_for_people(demo: Path) -> None:
    done = claimwatch("stories", "--data-dir", str(demo))
    assert done.returncode == 0, done.stderr
    header, _rule, *rows = done.stdout.splitlines()
    assert header.split()[:4] == ["first", "seen", "last", "seen"]
    assert any("At least 400 Palestinians" in r and "Wire Service" in r for r in rows)
    articles = claimwatch("articles", "--data-dir", str(demo))
    assert articles.stdout.splitlines()[0].rstrip().endswith("story")


def test_a_second_run_keeps_every_story(demo: Path) -> None:
    before = jsonl("stories", "--data-dir", str(demo), "--format", "jsonl")
    again = claimwatch("run", "--once", "--quiet", "--data-dir", str(demo))
    assert again.returncode == 0, again.stderr

    assert jsonl("stories", "--data-dir", str(demo), "--format", "jsonl") == before
