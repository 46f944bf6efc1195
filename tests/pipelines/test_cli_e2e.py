"""The README's promise, through the real `claimwatch` command on the bundled demo feeds."""

import json
from pathlib import Path

import pytest
from claimwatch.connectors.sqlite_log import SqliteLog
from factories import claimwatch, jsonl_lines


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    done = claimwatch("run", "--once", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert "15 new articles" in done.stderr
    return data


def jsonl(*args: str) -> list[dict]:
    done = claimwatch(*args)
    assert done.returncode == 0, done.stderr
    return jsonl_lines(done.stdout)


def test_demo_alerts_tell_the_story(demo_run: Path) -> None:
    alerts = jsonl("alerts", "--data-dir", str(demo_run), "--format", "jsonl")
    seen = {
        (
            a["metric"],
            a["subject"],
            a["change"],
            a["previous"]["value"] if a["previous"] else None,
            a["current"]["value"],
        )
        for a in alerts
    }
    assert ("killed", "palestinians", "new", None, 400) in seen
    assert ("killed", "palestinians", "increase", 400, 420) in seen
    assert ("killed", "palestinians", "conflict", 420, 380) in seen
    assert ("killed", "palestinians", "revision", 420, 412) in seen
    assert ("troops", "us troops", "increase", 200, 250) in seen
    assert ("remains", "deceased hostages", "increase", 9, 11) in seen
    correction = next(a for a in alerts if a["change"] == "revision" and a["metric"] == "killed")
    assert correction["correction"] is True
    # Every alert carries its evidence: who, the quote around the figure, and the link.
    for a in alerts:
        assert a["current"]["quote"] and a["current"]["url"].startswith("https://")
        assert a["claim_key"].startswith(a["metric"] + "|")
    # Nothing that only a previous value or a distractor says becomes a claim.
    assert not any(
        a["metric"] == "troops" and a["current"]["value"] == 200 and a["change"] != "new"
        for a in alerts
    )


def test_duplicates_are_marked_and_never_alert(demo_run: Path) -> None:
    articles = jsonl("articles", "--data-dir", str(demo_run), "--format", "jsonl")
    dupes = {a["url"]: a["duplicate_of"] for a in articles if a["duplicate_of"]}
    by_id = {a["id"]: a for a in articles}
    repost = next(u for u in dupes if "utm_source=rss" in u)
    assert "utm_source" not in by_id[dupes[repost]]["url"]
    syndicated = next(u for u in dupes if "dailycourier.example" in u)
    assert by_id[dupes[syndicated]]["source"] == "Wire Service"
    alerts = jsonl("alerts", "--data-dir", str(demo_run), "--format", "jsonl")
    assert not {a["current"]["url"] for a in alerts} & set(dupes)


def test_routed_alerts_reach_the_audit_log_once_and_nothing_is_left_undelivered(
    demo_run: Path,
) -> None:
    alerts = jsonl("alerts", "--data-dir", str(demo_run), "--format", "jsonl")
    routed = sorted(a["id"] for a in alerts if a["rules"])
    audit = jsonl_lines((demo_run / "alerts.jsonl").read_text(encoding="utf-8"))
    assert routed and sorted(a["id"] for a in audit) == routed
    assert all(a["kind"] == "claim" and a["rule"] in a["rules"] for a in audit)
    assert all(a["change"] != "new" for a in audit)  # "new" claims stay quiet by default
    assert jsonl("alerts", "--undelivered", "--data-dir", str(demo_run), "--format", "jsonl") == []
    nothing = claimwatch("deliver", "--once", "--data-dir", str(demo_run))
    assert nothing.returncode == 0, nothing.stderr
    assert "delivered 0 alert messages" in nothing.stderr
    assert len((demo_run / "alerts.jsonl").read_text(encoding="utf-8").splitlines()) == len(audit)


def test_second_run_creates_no_new_alert(demo_run: Path) -> None:
    before = jsonl("alerts", "--data-dir", str(demo_run), "--format", "jsonl")
    lines = (demo_run / "alerts.jsonl").read_text(encoding="utf-8")
    again = claimwatch("run", "--once", "--data-dir", str(demo_run))
    assert again.returncode == 0, again.stderr
    assert "0 new articles" in again.stderr
    assert jsonl("alerts", "--data-dir", str(demo_run), "--format", "jsonl") == before
    assert (demo_run / "alerts.jsonl").read_text(encoding="utf-8") == lines


def test_dead_letters_are_listed_with_their_bytes_and_undecodable_ones_are_kept(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    log = SqliteLog(data / "log.sqlite3")
    log.append_raw([(None, b"\xff\xfe not json"), (None, b"[1, 2]")])
    log.close()
    feed = tmp_path / "empty.xml"
    feed.write_text('<rss version="2.0"><channel><title>quiet</title></channel></rss>')
    run = claimwatch("run", "--once", "--feed", str(feed), "--data-dir", str(data))
    assert run.returncode == 0, run.stderr
    assert "2 dead letters" in run.stderr
    letters = jsonl("dead-letters", "--data-dir", str(data), "--format", "jsonl")
    assert [(d["stage"], d["bytes"], d["payload"]) for d in letters] == [
        ("decode", 11, "\\xff\\xfe not json"),
        ("decode", 6, "[1, 2]"),
    ]
    assert "not UTF-8 JSON" in letters[0]["reason"] and "expected an object" in letters[1]["reason"]
    table = claimwatch("dead-letters", "--data-dir", str(data))
    assert table.returncode == 0 and letters[0]["id"] in table.stdout
    requeue = claimwatch("dead-letters", "--data-dir", str(data), "--requeue", "all")
    assert requeue.returncode == 1
    assert requeue.stdout.count("still undecodable, kept") == 2
    unknown = claimwatch("dead-letters", "--data-dir", str(data), "--requeue", "nope")
    assert unknown.returncode == 1 and "no dead letter with id ['nope']" in unknown.stderr
    assert len(jsonl("dead-letters", "--data-dir", str(data), "--format", "jsonl")) == 2


def test_tables_for_people(demo_run: Path) -> None:
    table = claimwatch("alerts", "--data-dir", str(demo_run), "--format", "table")
    assert table.returncode == 0
    assert "at least 400 → at least 420" in table.stdout
    claims = claimwatch("claims", "--data-dir", str(demo_run), "--format", "table")
    assert "disagreement" in claims.stdout and "sources)" in claims.stdout


def test_claims_show_conflict_summary(demo_run: Path) -> None:
    claims = jsonl("claims", "--data-dir", str(demo_run), "--format", "jsonl", "--metric", "killed")
    toll = next(c for c in claims if c["key"] == "killed|palestinians|*|since ceasefire")
    summary = toll["summary"]
    assert summary["sources_disagree"] is True
    assert (summary["conservative"], summary["low"], summary["high"]) == (380, 380, 420)
    assert {s["source"] for s in summary["sources"]} == {
        "Gaza Monitor",
        "Daily Courier",
        "Regional Times",
        "Wire Service",  # its rewrite of the 420 toll (config/demo item 11a) corroborates
    }


def test_extract_contract_on_the_issue_sentences() -> None:
    text = (
        "Israel has killed at least 400 Palestinians and injured over 1,100 others since the "
        "ceasefire. Channel 13 said the force would stay through 2027. 3 0"
    )
    done = claimwatch("extract", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["source"] == "-"
    tracked = [(f["value"], f["qualifier"], f["metric"]) for f in doc["figures"] if f["metric"]]
    assert tracked == [(400, "at_least", "killed"), (1100, "more_than", "injured")]
    for f in doc["figures"]:
        assert text[f["start"] : f["end"]] == f["text"]
        assert set(f) >= {
            "text",
            "value",
            "low",
            "high",
            "qualifier",
            "unit",
            "metric",
            "subject",
            "start",
            "end",
            "sentence",
        }
    assert {"Israel", "Palestinians"} <= {e["text"] for e in doc["entities"]}


def test_clear_error_for_a_missing_config(tmp_path: Path) -> None:
    done = claimwatch("run", "--once", "--config", str(tmp_path / "nope.yaml"))
    assert done.returncode == 1
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr
