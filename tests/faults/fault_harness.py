"""What the fault suite needs: a subscriber that counts, runs that get killed, and snapshots.

Subscriber  a loopback webhook receiver: checks every signature, counts receipts per
            alert id, keeps the body bytes, and can SIGKILL the sender mid-delivery
Corpus      a generated corpus (bench/generate_corpus.py) with a config pointing at it
start_run   `claimwatch run --once` as a real process, killed with SIGKILL at a point
snapshot    articles, duplicate flags, versions, claims, alert ids and undelivered pairs
            through the CLI, so the same code compares the embedded and the stack runs
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml
from claimwatch.connectors.channels.webhook import ALERT_ID_HEADER, SIGNATURE_HEADER, verify

ROOT = Path(__file__).resolve().parents[2]
SECRET = "fault-suite-secret"
CLAIMWATCH = [sys.executable, "-m", "claimwatch.pipelines.cli"]


@dataclass
class Subscriber:
    """Receipts per alert id; `kill_at` SIGKILLs `victim` when that many have arrived."""

    url: str = ""
    receipts: Counter[str] = field(default_factory=Counter)
    bodies: dict[str, set[bytes]] = field(default_factory=dict)
    bad_signatures: int = 0
    truncated: int = 0  # requests cut off by a kill -9 mid-send (not signatures gone bad)
    kill_at: int | None = None
    victim: subprocess.Popen[bytes] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    # (n, action): run `action` once, when the n-th message arrives (e.g. pause the store).
    on_receipt: tuple[int, Any] | None = None
    _seen_this_run: int = 0
    _seen_total: int = 0

    def arm(self, victim: subprocess.Popen[bytes], after: int) -> None:
        with self.lock:
            self.victim, self.kill_at, self._seen_this_run = victim, after, 0

    def disarm(self) -> None:
        with self.lock:
            self.victim, self.kill_at = None, None

    def handle(self, body: bytes, signature: str | None, alert_id: str | None) -> int:
        """The HTTP status to answer: 200 when accepted."""
        with self.lock:
            if not verify(body, SECRET, signature):
                self.bad_signatures += 1
                return 401
            self._seen_this_run += 1
            self._seen_total += 1
            if self.on_receipt is not None and self._seen_total >= self.on_receipt[0]:
                action, self.on_receipt = self.on_receipt[1], None
                action()
            victim, due = self.victim, self.kill_at
            if victim is not None and due is not None and self._seen_this_run >= due:
                # The sender dies mid-delivery: this message is never acknowledged.
                victim.send_signal(signal.SIGKILL)
                self.victim, self.kill_at = None, None
                return 503
            ident = alert_id or json.loads(body)["id"]
            self.receipts[ident] += 1
            self.bodies.setdefault(ident, set()).add(body)
            return 200

    @property
    def ids(self) -> set[str]:
        return set(self.receipts)

    @property
    def duplicates(self) -> int:
        return sum(n - 1 for n in self.receipts.values() if n > 1)

    @property
    def differing_resends(self) -> int:
        return sum(1 for bodies in self.bodies.values() if len(bodies) > 1)


def serve(subscriber: Subscriber) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            body = self.rfile.read(length)
            if len(body) < length:
                # the sender was SIGKILLed mid-request: a cut-off body, never a signed one;
                # nothing to answer (its outbox resends the alert after the restart)
                subscriber.truncated += 1
                self.close_connection = True
                return
            status = subscriber.handle(
                body, self.headers.get(SIGNATURE_HEADER), self.headers.get(ALERT_ID_HEADER)
            )
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    subscriber.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass(frozen=True)
class Corpus:
    config: Path
    articles: int


def make_corpus(folder: Path, *, articles: int, batch_size: int, extra: dict[str, Any]) -> Corpus:
    """A generated corpus and a config: small batches so a backlog spans several slices."""
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate_corpus.py"),
            "--out",
            str(folder),
            "--articles",
            str(articles),
            "--seed",
            "7",
        ],
        check=True,
        capture_output=True,
    )
    config = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
    bundled = yaml.safe_load((ROOT / "config" / "alerts.yaml").read_text(encoding="utf-8"))
    # Short leases and backoffs: a killed deliverer's pairs are taken over within seconds.
    bundled["delivery"] = {
        "lease_seconds": 3,
        "backoff_seconds": 0.2,
        "max_backoff_seconds": 2,
        "interval_seconds": 0.2,
    }
    bundled.setdefault("health", {})["enabled"] = False
    (folder / "alerts.yaml").write_text(yaml.safe_dump(bundled), encoding="utf-8")
    config["alerts"] = str(folder / "alerts.yaml")
    config.setdefault("pipeline", {})["batch_size"] = batch_size
    config.update(extra)
    path = folder / "claimwatch.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return Corpus(path, articles)


def cli_args(corpus: Corpus, data_dir: Path, subscriber: Subscriber) -> list[str]:
    return [
        "--config",
        str(corpus.config),
        "--data-dir",
        str(data_dir),
        "--alert-webhook",
        subscriber.url,
        "--alert-secret",
        SECRET,
    ]


def start_run(corpus: Corpus, data_dir: Path, subscriber: Subscriber) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*CLAIMWATCH, "run", "--once", "--quiet", *cli_args(corpus, data_dir, subscriber)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
    )


def finish(proc: subprocess.Popen[bytes], timeout: float) -> int:
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError(f"claimwatch run did not finish in {timeout:.0f}s") from None
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"claimwatch run failed ({proc.returncode}): {err.decode()[-2000:]}")
    return proc.returncode


def committed_offset(data_dir: Path) -> int:
    """The embedded log's committed position (0 before the first commit)."""
    path = data_dir / "log.sqlite3"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            row = db.execute("SELECT MAX(next_offset) FROM consumers").fetchone()
    except sqlite3.Error:
        return 0
    return int(row[0] or 0) if row else 0


def kill_after_commit(proc: subprocess.Popen[bytes], data_dir: Path, timeout: float) -> bool:
    """SIGKILL the run as soon as the committed offset moves; False if it finished first."""
    start = committed_offset(data_dir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if committed_offset(data_dir) > start:
            proc.send_signal(signal.SIGKILL)
            return True
        time.sleep(0.02)
    return False


def kill_after(proc: subprocess.Popen[bytes], seconds: float) -> bool:
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        return True


def cli(*args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [*CLAIMWATCH, *args], capture_output=True, text=True, timeout=timeout, env=_env()
    )
    if done.returncode != 0:
        raise AssertionError(f"claimwatch {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout


def deliver_until_empty(
    corpus: Corpus, data_dir: Path, subscriber: Subscriber, backend: list[str], *, rounds: int = 10
) -> int:
    """`claimwatch deliver --once` until nothing is undelivered (leases of killed runs lapse)."""
    for attempt in range(rounds):
        base = ["--config", str(corpus.config), "--data-dir", str(data_dir), *backend]
        if not _jsonl(cli("alerts", "--undelivered", "--format", "jsonl", *base)):
            return attempt
        time.sleep(1.5)
        cli("deliver", "--once", "--quiet", *cli_args(corpus, data_dir, subscriber), *backend)
    return rounds


@dataclass(frozen=True)
class Snapshot:
    articles: frozenset[tuple[str, str | None, int]]
    claims: frozenset[tuple[Any, ...]]
    alerts: frozenset[str]
    routed: frozenset[str]
    undelivered: int


def snapshot(config: Path, data_dir: Path, backend: list[str]) -> Snapshot:
    base = ["--config", str(config), "--data-dir", str(data_dir), *backend]
    articles = _jsonl(cli("articles", "--format", "jsonl", *base))
    claims = _jsonl(cli("claims", "--history", "--format", "jsonl", *base))
    alerts = _jsonl(cli("alerts", "--format", "jsonl", *base))
    undelivered = _jsonl(cli("alerts", "--undelivered", "--format", "jsonl", *base))
    return Snapshot(
        articles=frozenset((a["id"], a["duplicate_of"], a["version"]) for a in articles),
        claims=frozenset(
            (
                c["key"],
                c["value"],
                c["low"],
                c["high"],
                c["qualifier"],
                c["source"],
                c["url"],
                c["published"],
            )
            for c in claims
        ),
        alerts=frozenset(a["id"] for a in alerts),
        routed=frozenset(a["id"] for a in alerts if a.get("rules")),
        undelivered=len(undelivered),
    )


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CLAIMWATCH_FAULT", None)
    return env


def start_continuous(
    corpus: Corpus, data_dir: Path, subscriber: Subscriber
) -> subprocess.Popen[bytes]:
    """`claimwatch run` until SIGTERM: the mode that must wait outages out."""
    return subprocess.Popen(
        [*CLAIMWATCH, "run", "--quiet", *cli_args(corpus, data_dir, subscriber)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
    )


def wait_until(
    done: Any, *, timeout: float, every: float = 3.0, proc: subprocess.Popen[bytes] | None = None
) -> float:
    """Seconds until `done()` held; fails when it never does or the process died."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc is not None and proc.poll() is not None:
            _, err = proc.communicate()
            raise AssertionError(f"the run exited ({proc.returncode}): {err.decode()[-2000:]}")
        try:
            if done():
                return time.monotonic() - start
        except AssertionError:
            pass  # the store may be paused: ask again
        time.sleep(every)
    raise AssertionError(f"not done after {timeout:.0f}s")


def stop(proc: subprocess.Popen[bytes], timeout: float = 120) -> int:
    """SIGTERM (a clean stop) and the exit status."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError("the run did not stop within the timeout after SIGTERM") from None
    return proc.returncode


def pause_group(pid: int, seconds: float) -> threading.Timer:
    """SIGSTOP a service's process group now, SIGCONT it after `seconds` (on a timer)."""
    group = os.getpgid(pid)
    os.killpg(group, signal.SIGSTOP)
    timer = threading.Timer(seconds, os.killpg, (group, signal.SIGCONT))
    timer.start()
    return timer
