"""The issue's acceptance, through the real `claimwatch` command: a poll with broken links
stores every good entry and exits 0; `claimwatch feeds` shows what was skipped; page links on
loopback are refused unless --allow-network opens them."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from connector_factories import LONG, article_page, rss
from loopback_server import Loopback, serve_on

CLI = [sys.executable, "-m", "claimwatch.pipelines.cli"]


def claimwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def polled(loopback: Loopback, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    prefix = f"/cli{uuid.uuid4().hex[:8]}"
    full = "<p>" + "</p><p>".join(LONG) + "</p>"
    with serve_on("127.0.0.90") as pages:
        page = pages.serve(
            f"{prefix}/page", article_page("From the page"), content_type="text/html"
        )
        items = [
            {"title": "Good one", "link": "https://good.example/1", "content": full},
            {"title": "Bad port", "link": "http://host:99999/", "content": full},
            {"title": "Port abc", "link": "http://host:abc/", "content": full},
            {
                "title": "Bluesky",
                "link": "at://did:plc:abc123/app.bsky.feed.post/3k",
                "content": full,
            },
            {"title": "Summary only", "link": page, "summary": "A short summary."},
        ]
        feed = loopback.serve(f"{prefix}/feed.xml", rss(items))
        data = tmp_path_factory.mktemp("cli-poll")
        done = claimwatch(
            "run", "--once", "--feed", feed, "--data-dir", str(data),
            "--allow-network", "127.0.0.0/8", "--quiet",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert len(pages.seen(f"{prefix}/page")) == 1
    return data, feed


def test_a_poll_with_broken_links_stores_every_good_entry_and_exits_0(
    polled: tuple[Path, str],
) -> None:
    data, _ = polled
    done = claimwatch("articles", "--data-dir", str(data), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    urls = sorted(json.loads(line)["url"] for line in done.stdout.splitlines() if line.strip())
    assert len(urls) == 2 and urls[1] == "https://good.example/1"


def test_claimwatch_feeds_shows_last_poll_status_and_skips(polled: tuple[Path, str]) -> None:
    data, feed = polled
    done = claimwatch("feeds", "--data-dir", str(data), "--feed", feed, "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert (row["status"], row["new"], row["skipped"], row["failed"]) == ("ok", 2, 3, 0)
    assert row["skip_reasons"] == {"bad_url": 3}
    assert row["last_poll"] and row["next_poll"] > row["last_poll"]
    table = claimwatch("feeds", "--data-dir", str(data), "--feed", feed)
    assert table.returncode == 0 and "3 (bad_url:3)" in table.stdout


def test_without_allow_network_a_loopback_page_link_is_refused(
    loopback: Loopback, tmp_path: Path
) -> None:
    prefix = f"/cli{uuid.uuid4().hex[:8]}"
    secret = loopback.serve(f"{prefix}/secret", article_page("Secret"), content_type="text/html")
    feed = loopback.serve(
        f"{prefix}/feed.xml", rss([{"title": "Innocent", "link": secret, "summary": "Short."}])
    )
    done = claimwatch("run", "--once", "--feed", feed, "--data-dir", str(tmp_path), "--quiet")
    assert done.returncode == 0, done.stderr
    assert loopback.seen(f"{prefix}/secret") == []
    assert "127.0.0.1 is loopback" in done.stderr


def test_ctrl_c_stops_a_poll_within_two_seconds_and_keeps_what_was_fetched(
    loopback: Loopback, tmp_path: Path
) -> None:
    import signal
    import threading
    import time

    prefix = f"/cli{uuid.uuid4().hex[:8]}"
    with serve_on("127.0.0.91") as fast, serve_on("127.0.0.92") as slow:
        quick = fast.serve(f"{prefix}/quick", article_page("Quick"), content_type="text/html")
        items = [
            {"title": "Quick", "link": quick, "summary": "Short."},
            {"title": "Stuck", "link": slow.url("/slow-headers/60"), "summary": "Short."},
        ]
        feed = loopback.serve(f"{prefix}/feed.xml", rss(items))
        proc = subprocess.Popen(
            [*CLI, "run", "--once", "--feed", feed, "--data-dir", str(tmp_path),
             "--allow-network", "127.0.0.0/8"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        lines: list[tuple[float, str]] = []
        reader = threading.Thread(
            target=lambda: lines.extend((time.monotonic(), line) for line in proc.stderr or ())
        )
        reader.start()
        deadline = time.monotonic() + 120
        while not (fast.seen(f"{prefix}/quick") and slow.seen("/slow-headers/60")):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        time.sleep(0.3)  # the quick page is in; the stuck one is still sending headers
        interrupted = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=300)
        reader.join(10)
        if proc.stderr is not None:
            proc.stderr.close()
    polled = [at for at, line in lines if line.startswith("polled ")]
    assert polled and polled[0] - interrupted < 2.0, lines
    assert "1 new articles" in next(line for _, line in lines if line.startswith("polled "))
    done = claimwatch("feeds", "--data-dir", str(tmp_path), "--feed", feed, "--format", "jsonl")
    (row,) = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert (row["status"], row["new"], row["deferred"]) == ("stopped", 1, 1)
