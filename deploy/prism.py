"""Beam's Prism job service and an EXTERNAL worker pool on loopback, for `runner: portable`.

    go install …/cmd/prism@v2.77.0 ──▶ <cache>/prism/v2.77.0/bin/prism   (+ .complete, once)
    prism --job_port P            ──▶ Job API on 127.0.0.1:P              (until stopped)
    worker pool (python -m claimwatch.deploy.worker_pool --service_port W)
                                  ──▶ SDK workers for environment EXTERNAL at 127.0.0.1:W

Prism is Beam's own portable runner in Go; it speaks the same Job API as Beam's Flink and Spark
job servers, whose jars are not obtainable on every machine. Go puts everything it fetches or
builds (GOPATH, GOMODCACHE, GOCACHE) under the cache, never the user's ~/go: the first build
takes about three minutes, later starts only the process start-up.

    python -m claimwatch.deploy.prism build    # fetch and build once; prints the binary's path
    python -m claimwatch.deploy.prism serve    # both on free loopback ports until Ctrl-C;
                                               # prints the `pipeline:` config that uses them
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from claimwatch.deploy.stack_proc import alive, spawn_detached, stop_group
from claimwatch.transforms.errors import StackError

PRISM_MODULE = "github.com/apache/beam/sdks/v2/go/cmd/prism"
# The Go SDK release that matches the Python SDK (apache-beam==2.77.0 in pyproject.toml).
PRISM_VERSION = "v2.77.0"
_MARKER = ".complete"
_BUILD_TIMEOUT_S = 1200.0


def cache_dir() -> Path:
    """<cache>/prism, next to the Kafka and Elasticsearch downloads."""
    base = Path(os.environ.get("CLAIMWATCH_CACHE") or Path.home() / ".cache" / "claimwatch")
    return base / "prism"


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def binary_fault(binary: Path) -> str | None:
    """Why binary cannot run (`prism -h` fails), or None when it runs.

    A cache copied with a size limit or cut short on disk keeps its marker but holds a
    truncated executable, which the kernel still starts and which then dies of SIGSEGV before
    writing a byte: "exited at start" with an empty log. Asking for its usage text (~25 ms)
    tells such a binary from a good one.
    """
    try:
        done = subprocess.run([str(binary), "-h"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{binary} -h: {exc}"
    if done.returncode != 0:
        how = (
            f"killed by {signal.Signals(-done.returncode).name}"
            if done.returncode < 0
            else f"exit {done.returncode}"
        )
        size = binary.stat().st_size if binary.exists() else 0
        return f"{binary} -h: {how} ({size:,} bytes)"
    return None


def prism_binary(cache: Path | None = None, version: str = PRISM_VERSION) -> Path:
    """The Prism executable, built with `go install` into the cache when missing or broken."""
    root = cache or cache_dir()
    home = root / version
    binary = home / "bin" / "prism"
    if (home / _MARKER).exists() and binary.exists():
        fault = binary_fault(binary)
        if fault is None:
            return binary
        _progress(f"the cached Prism does not run ({fault}); building it again")
        (home / _MARKER).unlink()
        binary.unlink()
    go = shutil.which("go")
    if go is None:
        raise StackError(
            "go is not on PATH: Prism is built from the Go module proxy with "
            f"`go install {PRISM_MODULE}@{version}` (Go 1.22+, https://go.dev/dl/)"
        )
    _progress(f"building Beam's Prism runner {version} with go install (once, ~3 min)…")
    (home / "bin").mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "GOBIN": str(home / "bin"),
        "GOPATH": str(root / "gopath"),
        "GOMODCACHE": str(root / "gomodcache"),
        "GOCACHE": str(root / "gocache"),
        # The module cache is read-only by default, which makes `rm -rf <cache>` fail.
        "GOFLAGS": "-modcacherw -buildvcs=false",
        "CGO_ENABLED": "0",
    }
    try:
        done = subprocess.run(
            [go, "install", f"{PRISM_MODULE}@{version}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=_BUILD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise StackError(f"go install of Prism took over {_BUILD_TIMEOUT_S:.0f}s") from exc
    if done.returncode != 0 or not binary.exists():
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise StackError(
            f"go install {PRISM_MODULE}@{version} failed ({done.returncode}):\n{tail}\n"
            "is the Go module proxy reachable (GOPROXY)?"
        )
    fault = binary_fault(binary)
    if fault is not None:
        raise StackError(
            f"go install {PRISM_MODULE}@{version} built a binary that does not run: {fault}"
        )
    (home / _MARKER).write_text(version + "\n")
    # The binary is all that is needed; Go's build and module caches are ~2 GB.
    for scratch in ("gocache", "gomodcache", "gopath"):
        shutil.rmtree(root / scratch, ignore_errors=True)
    return binary


def free_port() -> int:
    """A loopback port nothing listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def job_service_answers(endpoint: str, timeout: float = 2.0) -> bool:
    """True when a Beam Job API at endpoint answers GetJobs (not merely accepts TCP)."""
    import grpc
    from apache_beam.portability.api import beam_job_api_pb2, beam_job_api_pb2_grpc

    with grpc.insecure_channel(endpoint) as channel:
        try:
            beam_job_api_pb2_grpc.JobServiceStub(channel).GetJobs(
                beam_job_api_pb2.GetJobsRequest(), timeout=timeout
            )
        except grpc.RpcError:
            return False
    return True


def worker_pool_answers(endpoint: str, timeout: float = 2.0) -> bool:
    """True when a gRPC server listens at endpoint (the pool has no read-only call)."""
    import grpc

    with grpc.insecure_channel(endpoint) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=timeout)
        except grpc.FutureTimeoutError:
            return False
    return True


def _wait(
    what: str, pid: int, marker: str, ready: Callable[[], bool], log: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid, marker):
            raise StackError(f"{what} exited at start; its log ({log}):\n{_tail(log)}")
        if ready():
            return
        time.sleep(0.3)
    stop_group(pid, marker, timeout=5)
    raise StackError(f"{what} did not answer within {timeout:.0f}s; its log ({log}):\n{_tail(log)}")


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


@contextlib.contextmanager
def prism_server(
    binary: Path, *, log_dir: Path, port: int | None = None, timeout: float = 60.0
) -> Iterator[str]:
    """Prism's job service on 127.0.0.1; yields "127.0.0.1:PORT" once it answers, then stops it."""
    port = port or free_port()
    log = log_dir / "prism.log"
    log_dir.mkdir(parents=True, exist_ok=True)
    endpoint = f"127.0.0.1:{port}"
    argv = [
        str(binary),
        f"--job_port={port}",
        # The web UI is not needed and would take another port.
        "--serve_http=false",
        "--log_kind=text",
    ]
    pid = spawn_detached(argv, log=log, cwd=log_dir, env=dict(os.environ))
    try:
        try:
            _wait("Prism", pid, str(binary), lambda: job_service_answers(endpoint), log, timeout)
        except StackError as exc:
            # Its own exit status is lost (it is not our child); say whether it runs at all.
            fault = binary_fault(binary)
            raise StackError(f"{exc}\n{fault or f'{binary} -h runs'}") from None
        yield endpoint
    finally:
        stop_group(pid, str(binary), timeout=10)


def worker_env(python: str = sys.executable) -> dict[str, str]:
    """The environment SDK workers need: this interpreter's bin first on PATH.

    Beam's worker pool starts each SDK worker as `python -c …`, found on PATH: it must be the
    interpreter that has claimwatch and its dependencies installed.
    """
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(python).parent), env.get("PATH", "")])
    return env


@contextlib.contextmanager
def worker_pool(
    *,
    log_dir: Path,
    port: int | None = None,
    python: str = sys.executable,
    timeout: float = 60.0,
) -> Iterator[str]:
    """Beam's EXTERNAL worker pool on 127.0.0.1; yields "127.0.0.1:PORT", then stops it."""
    port = port or free_port()
    log = log_dir / "worker-pool.log"
    log_dir.mkdir(parents=True, exist_ok=True)
    endpoint = f"127.0.0.1:{port}"
    marker = "claimwatch.deploy.worker_pool"
    argv = [python, "-m", marker, f"--service_port={port}"]
    pid = spawn_detached(argv, log=log, cwd=log_dir, env=worker_env(python))
    try:
        _wait("the worker pool", pid, marker, lambda: worker_pool_answers(endpoint), log, timeout)
        yield endpoint
    finally:
        stop_group(pid, marker, timeout=10)


def pipeline_config(job_endpoint: str, worker_endpoint: str) -> str:
    """The `pipeline:` section of a config file that runs on these two."""
    return (
        "pipeline:\n"
        "  runner: portable\n"
        f"  job_endpoint: {job_endpoint}\n"
        "  environment: EXTERNAL\n"
        f"  environment_config: {worker_endpoint}\n"
    )


def _wait_for_stop_signal() -> None:
    # Explicit handlers: a shell starts background jobs with SIGINT ignored, and the default
    # SIGTERM would skip the context managers that stop Prism and the pool.
    stopped = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    stopped.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimwatch.deploy.prism", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build Prism once into the cache; print the binary's path")
    serve = sub.add_parser("serve", help="run Prism and a worker pool on loopback until Ctrl-C")
    serve.add_argument("--job-port", type=int, default=None)
    serve.add_argument("--worker-port", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        binary = prism_binary()
        if args.command == "build":
            print(binary)
            return 0
        with (
            tempfile.TemporaryDirectory(prefix="claimwatch-prism-") as tmp,
            prism_server(binary, log_dir=Path(tmp), port=args.job_port) as job,
            worker_pool(log_dir=Path(tmp), port=args.worker_port) as workers,
        ):
            print(pipeline_config(job, workers), flush=True)
            _progress(f"Prism at {job}, worker pool at {workers}; logs in {tmp}; Ctrl-C stops")
            _wait_for_stop_signal()
    except StackError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
