"""A feed that keeps failing is announced once, through the same channels as claim alerts."""

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[dict]]]:
    got: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", got
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_failing_feed_gives_one_health_alert_not_one_per_poll(
    tmp_path: Path, receiver: tuple[str, list[dict]]
) -> None:
    url, got = receiver
    dead_feed = f"http://127.0.0.1:{closed_port()}/rss.xml"
    for _ in range(5):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "claimwatch.pipelines.cli",
                "run",
                "--once",
                "--feed",
                dead_feed,
                "--data-dir",
                str(tmp_path),
                "--alert-webhook",
                url,
                "--alert-secret",
                "s3cret",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "1 feeds failed" in done.stderr
    health = [p for p in got if p.get("kind") == "health"]
    assert len(health) == 1, got
    assert dead_feed in json.dumps(health[0])
