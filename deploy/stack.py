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
import base64
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from claimwatch.deploy import stack_proc as proc
from claimwatch.deploy.stack_fetch import elasticsearch_home, kafka_lib
from claimwatch.transforms.errors import StackError

SERVICES = ("kafka", "elasticsearch")
_DEPLOY = Path(__file__).resolve().parent
_MIN_FREE_BYTES = 1 << 30  # ES disk watermarks are off below, so refuse to start on <1 GiB


@dataclass(frozen=True, slots=True)
class StackSettings:
    cache_dir: Path
    state_dir: Path
    kafka_port: int = 19092
    controller_port: int = 19093
    es_port: int = 19200
    kafka_version: str = "3.9.1"
    es_version: str = "8.19.3"  # matches the 8.19 Python client; the integ-test-zip exists
    heap_mb: int = 512  # per JVM: enough for tests, leaves room on a shared 2-core box
    es_user: str = "claimwatch-es"
    start_timeout: float = 180.0
    stop_timeout: float = 30.0

    @property
    def kafka_bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def es_url(self) -> str:
        return f"http://127.0.0.1:{self.es_port}"


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    name: str
    pid: int | None
    address: str
    healthy: bool


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


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
    return StackSettings(**values)  # type: ignore[arg-type]


# -- paths and pid files -------------------------------------------------------------------
def _pid_file(settings: StackSettings, service: str) -> Path:
    return settings.state_dir / f"{service}.pid"


def _kafka_dir(settings: StackSettings) -> Path:
    return settings.state_dir / "kafka"


def _open_to_others(path: Path) -> bool:
    """Every ancestor is traversable by other users (o+x): an unprivileged user can reach it."""
    path = path.resolve()
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents] if p.exists())


def _es_base(settings: StackSettings) -> Path:
    """Where Elasticsearch's config, data and (if needed) a copy of its home live."""
    if os.geteuid() != 0 or _open_to_others(settings.state_dir):
        return settings.state_dir
    digest = hashlib.sha1(str(settings.state_dir.resolve()).encode()).hexdigest()[:10]
    return Path("/var/tmp") / f"claimwatch-stack-{digest}"


def _marker(settings: StackSettings, service: str) -> str:
    # A string only our own service's command line contains: guards pid reuse and
    # never mistakes another Kafka/ES on the machine for ours.
    if service == "kafka":
        return str(_kafka_dir(settings) / "server.properties")
    return f"claimwatch_stack={_es_base(settings) / 'elasticsearch'}"


def service_pid(settings: StackSettings, service: str) -> int | None:
    """The pid of a running service started by this launcher, or None."""
    return proc.running_pid(_pid_file(settings, service), _marker(settings, service))


# -- Java and the ES user ------------------------------------------------------------------
def _java_home() -> Path:
    for env in ("CLAIMWATCH_JAVA_HOME", "JAVA_HOME"):
        if os.environ.get(env) and (Path(os.environ[env]) / "bin" / "java").exists():
            return Path(os.environ[env])
    java = shutil.which("java")
    if java is None:
        raise StackError(
            "no Java found: Kafka and Elasticsearch 8 need Java 17+ "
            "(apt-get install openjdk-17-jre-headless, or set JAVA_HOME)"
        )
    return Path(java).resolve().parent.parent


def _service_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pass
    _progress(f"creating system user {name} to run Elasticsearch (it refuses to run as root)")
    useradd = shutil.which("useradd")
    if useradd is None:
        raise StackError(f"running as root and user {name} is missing, and there is no useradd")
    result = subprocess.run(
        [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise StackError(f"useradd {name} failed: {result.stderr.strip()}")
    return pwd.getpwnam(name)


def _chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    for p in [path, *path.rglob("*")]:
        os.chown(p, user.pw_uid, user.pw_gid, follow_symlinks=False)


# -- Kafka ---------------------------------------------------------------------------------
def _start_kafka(settings: StackSettings) -> int:
    lib = kafka_lib(settings.cache_dir, settings.kafka_version)
    java = str(_java_home() / "bin" / "java")
    kdir = _kafka_dir(settings)
    data, logs = kdir / "data", kdir / "logs"
    data.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    config = kdir / "server.properties"
    config.write_text(
        (_DEPLOY / "kafka.properties")
        .read_text()
        .format(
            kafka_port=settings.kafka_port,
            controller_port=settings.controller_port,
            data_dir=data,
        )
    )
    classpath = f"{lib}/*"
    if not (data / "meta.properties").exists():
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        storage_tool = [java, "-cp", classpath, "kafka.tools.StorageTool", "format"]
        result = subprocess.run(
            [*storage_tool, "-t", cluster_id, "-c", str(config), "--ignore-formatted"],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise StackError(f"formatting Kafka storage in {data} failed:\n{result.stderr}")
    console = open(logs / "console.log", "ab")  # noqa: SIM115 - handed to the child process
    with console:
        child = subprocess.Popen(
            [
                java,
                f"-Xms{settings.heap_mb // 2}m",
                f"-Xmx{settings.heap_mb}m",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                f"-Dlog4j.configuration=file:{_DEPLOY / 'kafka-log4j.properties'}",
                f"-Dkafka.logs.dir={logs}",
                "-cp",
                classpath,
                "kafka.Kafka",
                str(config),
            ],
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            cwd=kdir,
            start_new_session=True,
        )
    return child.pid


# -- Elasticsearch -------------------------------------------------------------------------
_ES_YML = """# Written by claimwatch.deploy.stack: a single-node test cluster on loopback.
cluster.name: claimwatch-local
node.name: claimwatch-local-1
path.data: {data}
path.logs: {logs}
network.host: 127.0.0.1
http.port: {port}
transport.port: {transport}
discovery.type: single-node
xpack.security.enabled: false
# One node on a possibly small disk: the watermarks would only turn indices read-only;
# the launcher refuses to start with less than 1 GiB free instead.
cluster.routing.allocation.disk.threshold_enabled: false
# Lets tests delete their own `<prefix>*` indices.
action.destructive_requires_name: false
"""


def _start_elasticsearch(settings: StackSettings) -> int:
    dist = elasticsearch_home(settings.cache_dir, settings.es_version)
    java_home = Path(os.environ.get("ES_JAVA_HOME") or _java_home())
    base = _es_base(settings)
    root = os.geteuid() == 0
    user = _service_user(settings.es_user) if root else None
    home = dist
    if root and not _open_to_others(dist):
        home = base / f"elasticsearch-{settings.es_version}"
        if not (home / ".complete").exists():
            _progress(f"copying Elasticsearch to {home}, where {settings.es_user} can read it")
            shutil.rmtree(home, ignore_errors=True)
            shutil.copytree(dist, home)
    esdir = base / "elasticsearch"
    config, data, logs, tmp = (esdir / n for n in ("config", "data", "logs", "tmp"))
    for folder in (config, data, logs, tmp):
        folder.mkdir(parents=True, exist_ok=True)
    base.chmod(0o755)
    free = shutil.disk_usage(data).free
    if free < _MIN_FREE_BYTES:
        raise StackError(
            f"only {free >> 20} MiB free under {data}: Elasticsearch needs at least 1 GiB; "
            "free some space or pass --state-dir on a larger disk"
        )
    for name in ("jvm.options", "log4j2.properties"):
        shutil.copy(dist / "config" / name, config / name)
    (config / "jvm.options.d").mkdir(exist_ok=True)
    (config / "elasticsearch.yml").write_text(
        _ES_YML.format(
            data=data,
            logs=logs,
            port=settings.es_port,
            transport=f"{settings.es_port + 100}-{settings.es_port + 199}",
        )
    )
    if user is not None:
        _chown_tree(esdir, user)
    env = {
        **os.environ,
        "ES_JAVA_HOME": str(java_home),
        "ES_PATH_CONF": str(config),
        "ES_TMPDIR": str(tmp),
        "ES_JAVA_OPTS": f"-Xms{settings.heap_mb}m -Xmx{settings.heap_mb}m",
        "HOME": str(esdir),
    }
    env.pop("JAVA_HOME", None)  # ES 8 warns about JAVA_HOME; ES_JAVA_HOME decides
    console = open(logs / "console.log", "ab")  # noqa: SIM115 - handed to the child process
    with console:
        child = subprocess.Popen(
            # The attribute marks the process as ours from its first instant (the bash
            # launcher), before it execs the CLI JVM.
            [str(home / "bin" / "elasticsearch"), f"-Enode.attr.{_marker(settings, 'es')}"],
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            cwd=esdir,
            env=env,
            start_new_session=True,
            user=user.pw_uid if user else None,
            group=user.pw_gid if user else None,
            extra_groups=[] if user else None,
        )
    return child.pid


def _es_logs(settings: StackSettings) -> list[Path]:
    logs = _es_base(settings) / "elasticsearch" / "logs"
    return [logs / "claimwatch-local.log", logs / "console.log"]


def _kafka_logs(settings: StackSettings) -> list[Path]:
    logs = _kafka_dir(settings) / "logs"
    return [logs / "server.log", logs / "console.log"]


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
    started: dict[str, int] = {}
    for service in SERVICES:
        if service_pid(settings, service) is not None:
            _progress(f"{service}: already running (pid {service_pid(settings, service)})")
            continue
        for port, flag in _ports(settings, service):
            if not proc.port_free(port):
                raise StackError(
                    f"port {port} for {service} is taken by another process; stop it or "
                    f"choose another port with {flag}"
                )
        start = _start_kafka if service == "kafka" else _start_elasticsearch
        pid = start(settings)
        _pid_file(settings, service).write_text(f"{pid}\n")
        started[service] = pid
        _progress(f"{service}: started (pid {pid}), waiting until healthy…")
    try:
        _wait_healthy(settings, started)
    except StackError:
        down(settings, tuple(started))  # leave nothing half-started behind
        raise
    return list(started)


def _wait_healthy(settings: StackSettings, started: dict[str, int]) -> None:
    pending = set(SERVICES)
    deadline = time.monotonic() + settings.start_timeout
    logs = {"kafka": _kafka_logs(settings), "elasticsearch": _es_logs(settings)}
    while pending:
        for service in sorted(pending):
            if _healthy(settings, service):
                pending.discard(service)
                _progress(f"{service}: healthy")
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
            _progress(f"{service}: not running")
            continue
        _progress(f"{service}: stopping (pid {pid})…")
        if proc.stop_group(pid, _marker(settings, service), settings.stop_timeout):
            _progress(f"{service}: did not stop within {settings.stop_timeout:.0f}s, killed")
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
    try:
        if args.action == "up":
            started = up(settings)
            if not started:
                _progress("stack already running: nothing to do")
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
