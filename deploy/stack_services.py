"""Configure and start one service of the local stack: Kafka (KRaft) or Elasticsearch.

Each start returns the pid of a process in its own session (pgid == pid), so stopping the
group stops everything the service spawned. See claimwatch.deploy.stack for the CLI.
"""

from __future__ import annotations

import base64
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from claimwatch.deploy import stack_proc as proc
from claimwatch.deploy.stack_fetch import elasticsearch_home, kafka_lib
from claimwatch.transforms.errors import StackError

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


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def kafka_dir(settings: StackSettings) -> Path:
    return settings.state_dir / "kafka"


def _open_to_others(path: Path) -> bool:
    """Every ancestor is traversable by other users (o+x): an unprivileged user can reach it."""
    path = path.resolve()
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents] if p.exists())


def es_base(settings: StackSettings) -> Path:
    """Where Elasticsearch's config, data and (if needed) a copy of its home live."""
    if os.geteuid() != 0 or _open_to_others(settings.state_dir):
        return settings.state_dir
    digest = hashlib.sha1(str(settings.state_dir.resolve()).encode()).hexdigest()[:10]
    return Path("/var/tmp") / f"claimwatch-stack-{digest}"


def marker(settings: StackSettings, service: str) -> str:
    # A string only our own service's command line contains: guards pid reuse and
    # never mistakes another Kafka/ES on the machine for ours.
    if service == "kafka":
        return str(kafka_dir(settings) / "server.properties")
    return f"claimwatch_stack={es_base(settings) / 'elasticsearch'}"


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
    progress(f"creating system user {name} to run Elasticsearch (it refuses to run as root)")
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
def start_kafka(
    settings: StackSettings,
    *,
    template: str = "kafka.properties",
    values: dict[str, str] | None = None,
    format_args: Sequence[str] = (),
) -> int:
    """Start the broker; a secured one passes another template, its values and, for SCRAM
    users, StorageTool's --add-scram arguments (KRaft keeps SCRAM credentials in metadata)."""
    java = str(_java_home() / "bin" / "java")  # before fetching: fail fast without Java
    lib = kafka_lib(settings.cache_dir, settings.kafka_version)
    kdir = kafka_dir(settings)
    data, logs = kdir / "data", kdir / "logs"
    data.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    config = kdir / "server.properties"
    config.write_text(
        (_DEPLOY / template)
        .read_text()
        .format(
            kafka_port=settings.kafka_port,
            controller_port=settings.controller_port,
            data_dir=data,
            **(values or {}),
        )
    )
    classpath = f"{lib}/*"
    if not (data / "meta.properties").exists():
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        storage_tool = [java, "-cp", classpath, "kafka.tools.StorageTool", "format"]
        result = subprocess.run(
            [
                *storage_tool,
                *("-t", cluster_id, "-c", str(config), "--ignore-formatted"),
                *format_args,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise StackError(f"formatting Kafka storage in {data} failed:\n{result.stderr}")
    return proc.spawn_detached(
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
        log=logs / "console.log",
        cwd=kdir,
        env=dict(os.environ),
    )


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


def start_elasticsearch(settings: StackSettings, *, elastic_password: str | None = None) -> int:
    """Start Elasticsearch; with elastic_password, security is on (basic auth over plain HTTP
    on loopback) and the password is the keystore's bootstrap.password for user `elastic`."""
    dist = elasticsearch_home(settings.cache_dir, settings.es_version)
    java_home = Path(os.environ.get("ES_JAVA_HOME") or _java_home())
    base = es_base(settings)
    root = os.geteuid() == 0
    user = _service_user(settings.es_user) if root else None
    home = dist
    if root and not _open_to_others(dist):
        home = base / f"elasticsearch-{settings.es_version}"
        if not (home / ".complete").exists():
            progress(f"copying Elasticsearch to {home}, where {settings.es_user} can read it")
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
    yml = _ES_YML.format(
        data=data,
        logs=logs,
        port=settings.es_port,
        transport=f"{settings.es_port + 100}-{settings.es_port + 199}",
    )
    if elastic_password is not None:
        yml = yml.replace("xpack.security.enabled: false", _ES_SECURITY)
        _keystore(home, config, java_home, elastic_password)
    (config / "elasticsearch.yml").write_text(yml)
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
    return proc.spawn_detached(
        # The attribute marks the process as ours from its first instant (the bash
        # launcher), before it execs the CLI JVM.
        [str(home / "bin" / "elasticsearch"), f"-Enode.attr.{marker(settings, 'es')}"],
        log=logs / "console.log",
        cwd=esdir,
        env=env,
        user=(user.pw_uid, user.pw_gid) if user else None,
    )


# Security on, TLS off: a single node on loopback needs no transport TLS, and the tests that
# use it check authentication, not encryption.
_ES_SECURITY = """xpack.security.enabled: true
xpack.security.http.ssl.enabled: false
xpack.security.transport.ssl.enabled: false
xpack.security.enrollment.enabled: false"""


def _keystore(home: Path, config: Path, java_home: Path, password: str) -> None:
    """A fresh keystore holding bootstrap.password (the elastic user's first password)."""
    env = {**os.environ, "ES_JAVA_HOME": str(java_home), "ES_PATH_CONF": str(config)}
    env.pop("JAVA_HOME", None)
    tool = str(home / "bin" / "elasticsearch-keystore")
    (config / "elasticsearch.keystore").unlink(missing_ok=True)
    for argv, stdin in (
        ([tool, "create"], None),
        ([tool, "add", "-x", "-f", "bootstrap.password"], password),
    ):
        result = subprocess.run(
            argv, input=stdin, capture_output=True, text=True, env=env, check=False
        )
        if result.returncode != 0:
            raise StackError(f"elasticsearch-keystore {argv[1]} failed: {result.stderr[-2000:]}")


def es_logs(settings: StackSettings) -> list[Path]:
    logs = es_base(settings) / "elasticsearch" / "logs"
    return [logs / "claimwatch-local.log", logs / "console.log"]


def kafka_logs(settings: StackSettings) -> list[Path]:
    logs = kafka_dir(settings) / "logs"
    return [logs / "server.log", logs / "console.log"]
