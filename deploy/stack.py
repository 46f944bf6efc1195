"""`claimwatch stack up|down|status`: a real Kafka and Elasticsearch on loopback, no Docker.

    up ──fetch (mvn, once, cached)──▶ <cache>/kafka-<v>/lib, <cache>/elasticsearch-<v>/
       ──configure──▶ <state>/kafka/server.properties, <state or es-dir>/elasticsearch/config
       ──start (own session, pid files)──▶ wait: Kafka metadata answers, ES health yellow/green
       ──stdout──▶ CLAIMWATCH_KAFKA=127.0.0.1:19092 / CLAIMWATCH_ELASTICSEARCH=http://…:19200
    down ──SIGTERM the process group, wait, SIGKILL after --stop-timeout
    status ──pid file + probe per service

Elasticsearch refuses to run as root; as root the launcher creates the system user
`claimwatch-es` and runs it as that user, in a folder that user can reach (root's home is
usually closed to others). Progress goes to stderr; stdout carries only the env lines.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from claimwatch.deploy import stack_proc as proc
from claimwatch.deploy import stack_services as svc
from claimwatch.deploy.stack_services import StackSettings
from claimwatch.transforms.errors import StackError

__all__ = ["ServiceStatus", "StackSettings", "default_settings", "down", "endpoints", "main"]
__all__ += ["service_pid", "status", "up"]

SERVICES = ("kafka", "elasticsearch")
_PORTS_FILE = "ports.json"  # what `up` used, so a later `status` probes the right ports


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    name: str
    pid: int | None
    address: str
    healthy: bool


def default_settings(**overrides: object) -> StackSettings:
    """Settings from CLAIMWATCH_* environment variables, then keyword overrides."""
    cache = Path(os.environ.get("CLAIMWATCH_CACHE") or Path.home() / ".cache" / "claimwatch")
    values: dict[str, object] = {
        "cache_dir": cache,
        "state_dir": Path(os.environ.get("CLAIMWATCH_STACK_DIR") or cache / "stack"),
    }
    for field, env in (
        ("kafka_port", "CLAIMWATCH_KAFKA_PORT"),
        ("controller_port", "CLAIMWATCH_KAFKA_CONTROLLER_PORT"),
        ("es_port", "CLAIMWATCH_ES_PORT"),
    ):
        if os.environ.get(env):
            values[field] = int(os.environ[env])
    values.update({k: v for k, v in overrides.items() if v is not None})
    return StackSettings(**values)  # type: ignore[arg-type,unused-ignore]


# -- paths and pid files -------------------------------------------------------------------


def _pid_file(settings: StackSettings, service: str) -> Path:
    return settings.state_dir / f"{service}.pid"


def service_pid(settings: StackSettings, service: str) -> int | None:
    """The pid of a running service started by this launcher, or None."""
    return proc.running_pid(_pid_file(settings, service), svc.marker(settings, service))


# -- up / down / status --------------------------------------------------------------------
def _healthy(settings: StackSettings, service: str) -> bool:
    if service == "kafka":
        return proc.kafka_answers("127.0.0.1", settings.kafka_port)
    return proc.es_health(settings.es_url) in ("green", "yellow")


def _ports(settings: StackSettings, service: str) -> list[tuple[int, str]]:
    if service == "kafka":
        return [
            (settings.kafka_port, "--kafka-port"),
            (settings.controller_port, "--controller-port"),
        ]
    return [(settings.es_port, "--es-port")]


def up(settings: StackSettings) -> list[str]:
    """Start whatever is not running, wait until healthy; returns the services started."""
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    missing = []
    for service in SERVICES:
        pid = service_pid(settings, service)
        if pid is not None:
            svc.progress(f"{service}: already running (pid {pid})")
        else:
            missing.append(service)
    for service in missing:  # every port before starting anything: all or nothing
        for port, flag in _ports(settings, service):
            if not proc.port_free(port):
                raise StackError(
                    f"port {port} for {service} is taken by another process; stop it or "
                    f"choose another port with {flag}"
                )
    started: dict[str, int] = {}
    try:
        for service in missing:
            start = svc.start_kafka if service == "kafka" else svc.start_elasticsearch
            pid = start(settings)
            _pid_file(settings, service).write_text(f"{pid}\n")
            started[service] = pid
            svc.progress(f"{service}: started (pid {pid}), waiting until healthy…")
        _wait_healthy(settings, started)
    except StackError:
        down(settings, tuple(started))  # leave nothing half-started behind
        raise
    ports = {"kafka_port": settings.kafka_port, "controller_port": settings.controller_port}
    ports["es_port"] = settings.es_port
    (settings.state_dir / _PORTS_FILE).write_text(json.dumps(ports) + "\n")
    return list(started)


def _wait_healthy(settings: StackSettings, started: dict[str, int]) -> None:
    pending = set(SERVICES)
    deadline = time.monotonic() + settings.start_timeout
    logs = {"kafka": svc.kafka_logs(settings), "elasticsearch": svc.es_logs(settings)}
    while pending:
        for service in sorted(pending):
            if _healthy(settings, service):
                pending.discard(service)
                svc.progress(f"{service}: healthy")
            elif service in started and service_pid(settings, service) is None:
                raise StackError(f"{service} exited during start-up\n{proc.tail(logs[service])}")
        if pending and time.monotonic() > deadline:
            names = ", ".join(sorted(pending))
            raise StackError(
                f"{names} not healthy after {settings.start_timeout:.0f}s\n"
                + "\n".join(proc.tail(logs[s]) for s in sorted(pending))
            )
        if pending:
            time.sleep(0.5)


def down(settings: StackSettings, services: tuple[str, ...] = SERVICES) -> list[str]:
    """Stop services started by this launcher; returns those that were running."""
    stopped = []
    pids = {s: service_pid(settings, s) for s in services}
    for service, pid in pids.items():
        if pid is None:
            svc.progress(f"{service}: not running")
            continue
        svc.progress(f"{service}: stopping (pid {pid})…")
        if proc.stop_group(pid, svc.marker(settings, service), settings.stop_timeout):
            svc.progress(f"{service}: did not stop within {settings.stop_timeout:.0f}s, killed")
        _pid_file(settings, service).unlink(missing_ok=True)
        stopped.append(service)
    return stopped


def status(settings: StackSettings) -> list[ServiceStatus]:
    out = []
    for service in SERVICES:
        pid = service_pid(settings, service)
        address = settings.kafka_bootstrap if service == "kafka" else settings.es_url
        healthy = pid is not None and _healthy(settings, service)
        out.append(ServiceStatus(service, pid, address, healthy))
    return out


@contextmanager
def endpoints(settings: StackSettings | None = None) -> Iterator[tuple[str, str]]:
    """(Kafka bootstrap, Elasticsearch URL) for tests and tools.

    Uses CLAIMWATCH_KAFKA and CLAIMWATCH_ELASTICSEARCH when both are set; otherwise starts
    the stack and, on exit, stops only the services it started itself.
    """
    kafka, es = os.environ.get("CLAIMWATCH_KAFKA"), os.environ.get("CLAIMWATCH_ELASTICSEARCH")
    if kafka and es:
        yield kafka, es
        return
    settings = settings or default_settings()
    started = up(settings)
    try:
        yield settings.kafka_bootstrap, settings.es_url
    finally:
        if started:
            down(settings, tuple(started))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimwatch stack", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("up", "down", "status"))
    parser.add_argument("--state-dir", type=Path, help="default <cache>/stack")
    parser.add_argument("--kafka-port", type=int, help="default 19092 (CLAIMWATCH_KAFKA_PORT)")
    parser.add_argument("--controller-port", type=int, help="default 19093")
    parser.add_argument("--es-port", type=int, help="default 19200 (CLAIMWATCH_ES_PORT)")
    parser.add_argument("--start-timeout", type=float, help="seconds, default 180")
    parser.add_argument("--stop-timeout", type=float, help="seconds before SIGKILL, default 30")
    return parser


def _remembered_ports(state_dir: Path) -> dict[str, int]:
    try:
        data = json.loads((state_dir / _PORTS_FILE).read_text())
        return {k: int(data[k]) for k in ("kafka_port", "controller_port", "es_port")}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = default_settings(
        state_dir=args.state_dir,
        kafka_port=args.kafka_port,
        controller_port=args.controller_port,
        es_port=args.es_port,
        start_timeout=args.start_timeout,
        stop_timeout=args.stop_timeout,
    )
    if args.action == "status" and None in (args.kafka_port, args.controller_port, args.es_port):
        # Report the ports the stack in this state dir was started with, unless given.
        remembered = _remembered_ports(settings.state_dir)
        settings = replace(
            settings,
            kafka_port=args.kafka_port or remembered.get("kafka_port", settings.kafka_port),
            controller_port=args.controller_port
            or remembered.get("controller_port", settings.controller_port),
            es_port=args.es_port or remembered.get("es_port", settings.es_port),
        )
    try:
        if args.action == "up":
            started = up(settings)
            if not started:
                svc.progress("stack already running: nothing to do")
            print(f"CLAIMWATCH_KAFKA={settings.kafka_bootstrap}")
            print(f"CLAIMWATCH_ELASTICSEARCH={settings.es_url}")
            return 0
        if args.action == "down":
            down(settings)
            return 0
        report = status(settings)
        for s in report:
            state = "stopped" if s.pid is None else f"running pid {s.pid}"
            health = "healthy" if s.healthy else "not answering"
            print(f"{s.name}: {state} at {s.address} ({health if s.pid else 'down'})")
        return 0 if all(s.healthy for s in report) else 3
    except StackError as exc:
        print(f"claimwatch stack {args.action}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
