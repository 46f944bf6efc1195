"""A demo data dir built by the real pipeline, and a real `claimwatch serve` app on loopback.

The data dir holds the bundled demo plus tests/data/feeds/hostile.xml, whose title and
source name are markup; it is built once per session by `claimwatch run --once`, as
tests/pipelines/test_cli_e2e.py does.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEMO_FEEDS = {  # as config/feeds.yaml names them
    "gaza_monitor.xml": "Gaza Monitor",
    "wire_service.atom": "Wire Service",
    "daily_courier.xml": "Daily Courier",
    "regional_times.xml": "Regional Times",
}
HOSTILE_FEED = ROOT / "tests" / "data" / "feeds" / "hostile.xml"
HOSTILE_SOURCE = "Hostile <b>Wire</b>"


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("web-demo")
    feeds = [
        {"url": str(ROOT / "config" / "demo" / name), "source": source, "fetch_pages": False}
        for name, source in DEMO_FEEDS.items()
    ]
    # feedparser strips markup from a channel title, so the hostile source name comes from
    # the config; the item title's markup survives feedparser and reaches the store as is.
    feeds.append({"url": str(HOSTILE_FEED), "source": HOSTILE_SOURCE, "fetch_pages": False})
    config = data / "feeds.yaml"
    config.write_text(yaml.safe_dump({"feeds": feeds}), encoding="utf-8")
    cli = [sys.executable, "-m", "claimwatch.pipelines.cli"]
    done = subprocess.run(
        [*cli, "run", "--once", "--quiet", "--config", str(config), "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Served:
    base: str

    def get(self, path: str, **kwargs: object) -> requests.Response:
        return requests.get(self.base + path, timeout=30, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def serve_app() -> Iterator[Callable[..., Served]]:
    """Start `create_app` on uvicorn in a thread; every server started is stopped at the end."""
    import uvicorn
    from claimwatch.pipelines.backends import StoreSpec
    from claimwatch.pipelines.web.app import WebConfig, create_app
    from claimwatch.pipelines.web.reads import Reader

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(data: Path, token: str | None = None, spec: StoreSpec | None = None) -> Served:
        spec = spec or StoreSpec("sqlite", str(data / "store.sqlite3"))
        app = create_app(
            WebConfig(
                Reader(spec, data / "feeds.sqlite3"),
                token=token,
                log_path=data / "log.sqlite3",
                backend=f"SQLite store {spec.location}",
            )
        )
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        servers.append((server, thread))
        return Served(f"http://127.0.0.1:{port}")

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def demo_site(demo_data: Path, serve_app: Callable[..., Served]) -> Served:
    return serve_app(demo_data)
