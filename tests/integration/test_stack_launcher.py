"""`claimwatch stack` itself: its errors need no services; the rest uses the session stack."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from claimwatch.deploy.stack import default_settings, main, service_pid


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_stack(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimwatch.deploy.stack", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def bare_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """An environment with an empty cache and no Java or Maven unless a test adds them."""
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "CLAIMWATCH_JAVA_HOME")}
    env["CLAIMWATCH_CACHE"] = str(tmp_path / "cache")
    env["PATH"] = str(tmp_path / "bin")
    (tmp_path / "bin").mkdir()
    yield env


def ports(tmp_path: Path) -> list[str]:
    return [
        "--state-dir",
        str(tmp_path / "state"),
        "--kafka-port",
        str(free_port()),
        "--controller-port",
        str(free_port()),
        "--es-port",
        str(free_port()),
    ]


def test_up_without_java_says_so(bare_env: dict[str, str], tmp_path: Path) -> None:
    result = run_stack(["up", *ports(tmp_path)], bare_env)
    assert result.returncode == 1
    assert "no Java found" in result.stderr
    assert "JAVA_HOME" in result.stderr
    assert result.stdout == ""  # no endpoints printed for a stack that is not up


def test_up_without_maven_on_a_cold_cache_says_so(bare_env: dict[str, str], tmp_path: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("no java on this machine")
    (tmp_path / "bin" / "java").symlink_to(Path(java).resolve())
    result = run_stack(["up", *ports(tmp_path)], bare_env)
    assert result.returncode == 1
    assert "mvn is not on PATH" in result.stderr
    assert not (tmp_path / "cache" / "kafka-3.9.1" / ".complete").exists()


@pytest.mark.parametrize(
    ("flag", "service"), [("--kafka-port", "kafka"), ("--es-port", "elasticsearch")]
)
def test_up_refuses_a_port_another_process_holds_and_starts_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, service: str
) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        args = ports(tmp_path)
        args[args.index(flag) + 1] = str(taken)
        assert main(["up", *args]) == 1
    err = capsys.readouterr().err
    assert f"port {taken} for {service} is taken by another process" in err
    assert flag in err
    assert list((tmp_path / "state").glob("*.pid")) == []  # not even the other service


def test_status_of_a_stack_that_never_started(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", *ports(tmp_path)]) == 3
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == ["kafka", "elasticsearch"]
    assert all("stopped" in line for line in out)


@pytest.mark.integration
def test_up_on_a_running_stack_is_a_noop_that_prints_the_endpoints(
    stack: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    settings = default_settings()
    before = {s: service_pid(settings, s) for s in ("kafka", "elasticsearch")}
    if None in before.values() or os.environ.get("CLAIMWATCH_KAFKA"):
        pytest.skip("the session stack was not started by the launcher's defaults")
    assert main(["up"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"CLAIMWATCH_KAFKA={settings.kafka_bootstrap}",
        f"CLAIMWATCH_ELASTICSEARCH={settings.es_url}",
    ]
    assert "already running" in captured.err
    assert {s: service_pid(settings, s) for s in before} == before

    assert main(["status"]) == 0
    status = capsys.readouterr().out
    assert f"kafka: running pid {before['kafka']} at {settings.kafka_bootstrap} (healthy)" in status
    assert f"elasticsearch: running pid {before['elasticsearch']}" in status


def test_status_probes_the_ports_up_remembered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "ports.json").write_text(
        '{"kafka_port": 29092, "controller_port": 29093, "es_port": 29200}'
    )
    assert main(["status", "--state-dir", str(state)]) == 3
    out = capsys.readouterr().out
    assert "kafka: stopped at 127.0.0.1:29092" in out
    assert "elasticsearch: stopped at http://127.0.0.1:29200" in out
