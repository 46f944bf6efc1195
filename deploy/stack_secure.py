"""A secured Kafka + Elasticsearch on loopback, on ports of their own, for tests of auth.

    secured_stack(state_dir, ports, user, password, elastic_password)
      ──▶ Kafka: SASL_PLAINTEXT listener, PLAIN user <user> and SCRAM-SHA-256 user <user>-scram
      ──▶ Elasticsearch: xpack security on, basic auth (user elastic), plain HTTP
      ──yield (bootstrap, url)──▶ stop both process groups, whatever happened

Never the shared stack's ports or state: a separate state dir means separate data, pid
files and process markers, so stopping this one cannot touch the shared one.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path

from claimwatch.deploy import stack_proc as proc
from claimwatch.deploy import stack_services as svc
from claimwatch.deploy.stack import default_settings
from claimwatch.transforms.errors import StackError


@dataclass(frozen=True, slots=True)
class SecuredStack:
    bootstrap: str
    es_url: str
    username: str  # Kafka PLAIN user; SCRAM-SHA-256 user is f"{username}-scram"
    password: str
    elastic_password: str


@contextmanager
def secured_stack(
    state_dir: Path,
    *,
    kafka_port: int,
    controller_port: int,
    es_port: int,
    username: str,
    password: str,
    elastic_password: str,
    start_timeout: float = 180.0,
) -> Iterator[SecuredStack]:
    for port in (kafka_port, controller_port, es_port):
        if not proc.port_free(port):
            raise StackError(f"port {port} is taken: choose other ports for the secured stack")
    settings = replace(
        default_settings(),
        state_dir=state_dir,
        kafka_port=kafka_port,
        controller_port=controller_port,
        es_port=es_port,
        start_timeout=start_timeout,
        stop_timeout=20.0,
    )
    state_dir.mkdir(parents=True, exist_ok=True)
    stack = SecuredStack(
        settings.kafka_bootstrap, settings.es_url, username, password, elastic_password
    )
    pids: dict[str, int] = {}
    try:
        scram = f"SCRAM-SHA-256=[name={username}-scram,password={password}]"
        pids["kafka"] = svc.start_kafka(
            settings,
            template="kafka-sasl.properties",
            values={
                "username": username,
                "password": password,
                "broker_password": secrets.token_hex(16),
            },
            format_args=("--add-scram", scram),
        )
        pids["elasticsearch"] = svc.start_elasticsearch(settings, elastic_password=elastic_password)
        _wait(settings, stack, pids)
        yield stack
    finally:
        for service, pid in pids.items():
            proc.stop_group(pid, svc.marker(settings, service), settings.stop_timeout)


def _wait(settings: svc.StackSettings, stack: SecuredStack, pids: dict[str, int]) -> None:
    deadline = time.monotonic() + settings.start_timeout
    pending = {"kafka": _kafka_ready, "elasticsearch": _es_ready}
    logs = {"kafka": svc.kafka_logs(settings), "elasticsearch": svc.es_logs(settings)}
    while pending:
        for service in sorted(pending):
            if pending[service](stack):
                del pending[service]
            elif not proc.alive(pids[service], svc.marker(settings, service)):
                raise StackError(f"secured {service} exited\n{proc.tail(logs[service])}")
        if pending and time.monotonic() > deadline:
            names = ", ".join(sorted(pending))
            raise StackError(
                f"secured {names} not ready after {settings.start_timeout:.0f}s\n"
                + "\n".join(proc.tail(logs[s]) for s in sorted(pending))
            )
        time.sleep(1.0)


def _kafka_ready(stack: SecuredStack) -> bool:
    host, _, port = stack.bootstrap.rpartition(":")
    if proc.port_free(int(port), host):
        return False
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    try:
        admin = KafkaAdminClient(
            bootstrap_servers=stack.bootstrap,
            security_protocol="SASL_PLAINTEXT",
            sasl_mechanism="PLAIN",
            sasl_plain_username=stack.username,
            sasl_plain_password=stack.password,
            request_timeout_ms=5000,
        )
    except KafkaError:
        return False
    try:
        admin.list_topics()
        return True
    except KafkaError:
        return False
    finally:
        with suppress(KafkaError):
            admin.close()


def _es_ready(stack: SecuredStack) -> bool:
    token = base64.b64encode(f"elastic:{stack.elastic_password}".encode()).decode()
    request = urllib.request.Request(
        f"{stack.es_url}/_cluster/health", headers={"Authorization": f"Basic {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            status = json.loads(response.read().decode("utf-8")).get("status")
    except (OSError, urllib.error.URLError, ValueError):
        return False
    return status in ("green", "yellow")
