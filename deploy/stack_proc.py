"""Process and health helpers for the local stack: pid files, ports, probes, stopping.

Standard library only, so `claimwatch stack status` works before any extra is installed.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from claimwatch.transforms.errors import StackError

# Runs in a throw-away interpreter: it starts the service in a new session and exits, so the
# service is re-parented to init. No Popen object outlives the call in the caller (which
# would warn "subprocess still running" when collected) and no zombie is left behind.
_SPAWN = """
import json, subprocess, sys
spec = json.loads(sys.argv[1])
user = spec["user"]
with open(spec["log"], "ab") as log:
    child = subprocess.Popen(
        spec["argv"], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        cwd=spec["cwd"], env=spec["env"], start_new_session=True,
        user=user[0] if user else None, group=user[1] if user else None,
        extra_groups=[] if user else None,
    )
print(child.pid)
"""


def spawn_detached(
    argv: Sequence[str],
    *,
    log: Path,
    cwd: Path,
    env: dict[str, str],
    user: tuple[int, int] | None = None,
) -> int:
    """Start argv detached (own session, output appended to log); returns its pid."""
    spec = {"argv": list(argv), "log": str(log), "cwd": str(cwd), "env": env, "user": user}
    result = subprocess.run(
        [sys.executable, "-W", "ignore::ResourceWarning", "-c", _SPAWN, json.dumps(spec)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise StackError(f"could not start {argv[0]}: {result.stderr.strip()[-2000:]}")
    return int(result.stdout.strip())


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on host:port (TIME_WAIT leftovers do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True


def read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _reap(pid: int) -> None:
    # A service started by this very process stays a zombie until waited for.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def alive(pid: int, marker: str) -> bool:
    """The pid runs and its command line contains marker (guards against pid reuse)."""
    _reap(pid)
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z" and marker.encode() in cmdline


def running_pid(pid_file: Path, marker: str) -> int | None:
    pid = read_pid(pid_file)
    return pid if pid is not None and alive(pid, marker) else None


def stop_group(pid: int, marker: str, timeout: float) -> bool:
    """SIGTERM the service's process group, wait, SIGKILL after timeout. True if it was killed."""
    if not alive(pid, marker):
        return False
    _signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid, marker):
            return False
        time.sleep(0.2)
    _signal_group(pid, signal.SIGKILL)
    while alive(pid, marker):
        time.sleep(0.1)
    return True


def _signal_group(pid: int, sig: int) -> None:
    # Services start in their own session, so pgid == pid and the group holds the
    # Elasticsearch CLI and the server JVM it spawns.
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass
    except PermissionError:
        os.kill(pid, sig)


def kafka_answers(host: str, port: int, timeout: float = 2.0) -> bool:
    """Send a Kafka Metadata v0 request; True when the broker lists at least one broker."""
    client_id = b"claimwatch-stack"
    # Metadata v0: api_key 3, version 0, correlation id, client id, topics=[] (all topics)
    body = struct.pack(">hhih", 3, 0, 7, len(client_id)) + client_id + struct.pack(">i", 0)
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(struct.pack(">i", len(body)) + body)
            header = _recv_exact(sock, 4)
            payload = _recv_exact(sock, struct.unpack(">i", header)[0])
    except OSError:
        return False
    if len(payload) < 8:
        return False
    correlation, brokers = struct.unpack(">ii", payload[:8])
    return bool(correlation == 7 and brokers >= 1)


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            raise ConnectionError("connection closed mid-response")
        chunks.extend(chunk)
    return bytes(chunks)


def es_health(url: str, timeout: float = 2.0) -> str | None:
    """Cluster health status ("green", "yellow", "red") or None when nothing answers."""
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout) as response:
            status = json.loads(response.read().decode("utf-8")).get("status")
            return str(status) if status else None
    except (OSError, urllib.error.URLError, ValueError):
        return None


def tail(paths: Sequence[Path], lines: int = 25) -> str:
    """The last lines of the first existing, non-empty file among paths."""
    for path in paths:
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        if text.strip():
            return f"--- last lines of {path} ---\n" + "\n".join(text.splitlines()[-lines:])
    return "(no log output)"
