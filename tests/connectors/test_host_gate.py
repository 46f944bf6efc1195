"""HostGate: one request at a time per host, spaced by the interval, pushed out by back-off."""

from __future__ import annotations

import threading
import time

import pytest
from claimwatch.connectors.host_gate import HostGate, TurnAbandoned


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_next_turn_at_a_host_starts_an_interval_after_the_last_one() -> None:
    clock = Clock()
    gate = HostGate(2.0, clock=clock)
    with gate.turn("https://a.example/feed") as turn:
        assert turn.host == "a.example"
        assert gate.busy("a.example")
    assert gate.ready_at("a.example") == pytest.approx(102.0)
    assert gate.ready_at("b.example") == 0.0  # other hosts are not held up
    with gate.turn("https://b.example/x"):
        pass
    clock.now = 101.0
    with (
        pytest.raises(TurnAbandoned, match="deadline"),
        gate.turn("https://A.EXAMPLE/page", deadline=101.0),
    ):
        pass


def test_back_off_keeps_the_host_waiting_and_is_capped() -> None:
    clock = Clock()
    gate = HostGate(1.0, clock=clock, max_back_off=600.0)
    gate.back_off("a.example", 30.0)
    assert gate.ready_at("a.example") == pytest.approx(130.0)
    gate.back_off("a.example", 10_000.0)
    assert gate.ready_at("a.example") == pytest.approx(700.0)
    with (
        pytest.raises(TurnAbandoned, match="backed off"),
        gate.turn("http://a.example/", deadline=200.0),
    ):
        pass


def test_a_second_thread_waits_for_the_host_and_a_stop_releases_it() -> None:
    gate = HostGate(0.0)
    stop = threading.Event()
    entered = threading.Event()
    outcome: list[str] = []

    def second() -> None:
        try:
            with gate.turn("http://a.example/2", stop=stop):
                outcome.append("ran")
        except TurnAbandoned:
            outcome.append("abandoned")

    with gate.turn("http://a.example/1"):
        entered.set()
        worker = threading.Thread(target=second)
        worker.start()
        time.sleep(0.2)
        assert outcome == []  # one request at a time per host
        started = time.monotonic()
        stop.set()
        worker.join(2)
    assert outcome == ["abandoned"]
    assert time.monotonic() - started < 0.5
