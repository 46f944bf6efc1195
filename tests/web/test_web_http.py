"""`claimwatch serve` over real HTTP on loopback, on a store the real pipeline built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

KILLED = "killed|palestinians|*|since ceasefire"
ROOT = Path(__file__).resolve().parents[2]


def test_claims_page_lists_every_demo_key(demo_site) -> None:
    page = demo_site.get("/claims")
    assert page.status_code == 200
    api = demo_site.get("/api/claims").json()
    assert api["total"] == len(api["claims"]) >= 14
    for claim in api["claims"]:
        assert quote(claim["key"], safe="") in page.text
    killed = next(c for c in api["claims"] if c["key"] == KILLED)
    # Four sources (420, 380, 412, and Wire Service's rewrite corroborating 420) disagree:
    # conservative is the lowest, best the median.
    assert (killed["value"], killed["qualifier"], killed["source"]) == (
        412,
        "at_least",
        "Regional Times",
    )
    assert killed["summary"] == {
        "conservative": 380,
        "best": 416,
        "low": 380,
        "high": 420,
        "sources_disagree": True,
    }
    assert killed["source_count"] == 4
    assert killed["last_change"] == "2025-11-21T10:20:00Z"


def test_claims_filter_and_sort(demo_site) -> None:
    troops = demo_site.get("/api/claims", params={"metric": "troops"}).json()["claims"]
    assert troops and {c["metric"] for c in troops} == {"troops"}
    by_source = demo_site.get("/api/claims", params={"source": "Daily Courier"}).json()
    assert [c["key"] for c in by_source["claims"]] == [KILLED]
    place = demo_site.get("/api/claims", params={"place": "GAZA"}).json()["claims"]
    assert place and all("gaza" in (c["place"] or "") for c in place)
    newest = [c["last_change"] for c in demo_site.get("/api/claims").json()["claims"]]
    assert newest == sorted(newest, reverse=True)
    oldest = demo_site.get("/api/claims", params={"sort": "-last_change"}).json()["claims"]
    assert [c["last_change"] for c in oldest] == sorted(newest)
    html = demo_site.get("/claims", params={"metric": "troops"}).text
    assert "us troops" in html and "palestinians" not in html


def test_claim_api_has_history_alerts_and_deliveries(demo_site) -> None:
    detail = demo_site.get("/api/claims/" + quote(KILLED, safe="")).json()
    values = [(h["source"], h["value"]) for h in detail["history"]]
    assert values[0] == ("Gaza Monitor", 400) and values[-1] == ("Regional Times", 412)
    assert all(h["quote"] and h["title"] for h in detail["history"])
    kinds = {a["change"] for a in detail["alerts"]}
    assert {"new", "increase", "conflict", "revision"} <= kinds
    correction = next(a for a in detail["alerts"] if a["change"] == "revision")
    assert correction["correction"] is True
    assert (correction["change_absolute"], correction["change_percent"]) == (-8, -1.9)
    assert {d["channel"] for d in correction["deliveries"]} == {"log"}


def test_claim_page_marks_the_correction_and_links_points_to_rows(demo_site) -> None:
    html = demo_site.get("/claims/" + quote(KILLED, safe="")).text
    assert 'class="corrected"' in html and ">correction</span>" in html
    # Gaza Monitor, Daily Courier, Regional Times, Wire Service (the demo's rewrite)
    assert html.count('class="series"') == 4
    for n in range(6):
        assert f'href="#claim-{n}"' in html and f'id="claim-{n}"' in html


def test_unknown_key_is_404(demo_site) -> None:
    assert demo_site.get("/claims/killed%7Cnobody%7C*%7C*").status_code == 404
    missing = demo_site.get("/api/claims/killed%7Cnobody%7C*%7C*")
    assert missing.status_code == 404 and "nobody" in missing.json()["error"]


def test_alerts_newest_first_with_delivery_status(demo_site) -> None:
    api = demo_site.get("/api/alerts").json()
    times = [a["current"]["published"] for a in api["alerts"]]
    assert times == sorted(times, reverse=True) and api["total"] == len(times)
    troops = next(a for a in api["alerts"] if a["subject"] == "us troops" and a["previous"])
    assert (troops["previous"]["value"], troops["current"]["value"]) == (200, 250)
    assert (troops["change_absolute"], troops["change_percent"]) == (50, 25.0)
    assert troops["deliveries"][0]["status"] == "delivered"
    html = demo_site.get("/alerts").text
    assert "up to 200 → <strong>up to 250</strong>" in html and "log: delivered" in html


def test_feeds_health_and_yield(demo_site) -> None:
    api = demo_site.get("/api/feeds").json()
    assert len(api["feeds"]) == 5 and {f["status"] for f in api["feeds"]} == {"ok"}
    yields = {y["source"]: y for y in api["sources"]}
    assert yields["Wire Service"]["articles"] == 5  # the demo's rewrite included
    assert sum(y["duplicates"] for y in yields.values()) == 2  # the re-post and the copy
    assert "Yield per source" in demo_site.get("/feeds").text


def test_hostile_strings_are_escaped(demo_site) -> None:
    key = "killed|people|testville|2025-11-18"
    html = demo_site.get("/claims/" + quote(key, safe="")).text
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "&lt;img src=x onerror=" in html and "<img" not in html
    assert "Hostile &lt;b&gt;Wire&lt;/b&gt;" in html
    claims = demo_site.get("/claims").text
    assert "<b>Wire</b>" not in claims and "Hostile &lt;b&gt;Wire&lt;/b&gt;" in claims


def test_read_only_and_security_headers(demo_site) -> None:
    page = demo_site.get("/claims")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # no script may run
    assert page.headers["x-content-type-options"] == "nosniff"
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        reply = requests.request(method, demo_site.base + "/api/claims", timeout=10)
        assert reply.status_code == 405, method


def test_metrics_from_the_store(demo_site) -> None:
    text = demo_site.get("/metrics").text
    assert 'claimwatch_store_alerts_by_change{change="revision"} 1.0' in text
    assert 'claimwatch_store_deliveries{channel="log",status="delivered"}' in text
    assert 'claimwatch_store_duplicates{source="Gaza Monitor"} 1.0' in text
    assert "claimwatch_log_lag 0.0" in text and "claimwatch_log_dead_letters 0.0" in text
    assert "claimwatch_feed_consecutive_failures{" in text


def test_bearer_token(demo_data: Path, serve_app) -> None:
    site = serve_app(demo_data, token="s3cret-token")
    assert site.get("/api/claims").status_code == 401
    assert site.get("/metrics").status_code == 401
    wrong = site.get("/claims", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "s3cret" not in wrong.text
    ok = site.get("/api/claims", headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200 and ok.json()["total"] >= 14


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimwatch.pipelines.cli", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "example.org"])
def test_serve_refuses_a_public_bind_without_a_token(demo_data: Path, host: str) -> None:
    # Refused before anything binds: no packet leaves loopback.
    done = _serve("--data-dir", str(demo_data), "--host", host)
    assert done.returncode == 1
    assert "without a token" in done.stderr


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    done = _serve("--data-dir", str(tmp_path / "nothing"))
    assert done.returncode == 1 and "no store at" in done.stderr
    assert not (tmp_path / "nothing").exists()  # nothing was created


def test_grafana_dashboard_queries_only_exported_metrics(demo_site) -> None:
    import json
    import re

    from claimwatch.pipelines.metrics import Metrics
    from prometheus_client import generate_latest

    run_metrics = Metrics()
    run_metrics.deliveries.labels("log", "delivered").inc()  # labelled series show once used
    run_metrics.claims_changed.labels("new", "false").inc()
    exported = generate_latest(run_metrics.registry).decode() + demo_site.get("/metrics").text
    names = set(re.findall(r"^(claimwatch_\w+)", exported, re.M))
    dashboard = json.loads((ROOT / "deploy" / "grafana-dashboard.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    used = {n for e in exprs for n in re.findall(r"claimwatch_\w+", e)}
    assert used and used <= names, used - names


def test_kibana_objects_reference_each_other() -> None:
    import json

    objects = [
        json.loads(line)
        for line in (ROOT / "deploy" / "kibana-saved-objects.ndjson").read_text().splitlines()
    ]
    ids = {(o["type"], o["id"]) for o in objects}
    for o in objects:
        for ref in o["references"]:
            assert (ref["type"], ref["id"]) in ids, ref
    patterns = [o for o in objects if o["type"] == "index-pattern"]
    assert {p["attributes"]["timeFieldName"] for p in patterns} == {"@timestamp"}
