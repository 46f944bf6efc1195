"""The single-owner assignor: the oldest member gets every partition, the rest nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

pytest.importorskip("kafka")
from claimwatch.connectors.kafka_assignor import SingleOwnerAssignor


@dataclass
class _Metadata:
    topics: list[str]
    user_data: bytes


@dataclass
class _Member:
    member_id: str
    metadata: _Metadata


@dataclass
class _Cluster:
    partitions: dict[str, set[int]] = field(default_factory=lambda: {"t": {0, 1, 2}})

    def partitions_for_topic(self, topic: str) -> set[int] | None:
        return self.partitions.get(topic)


def _member(ident: str, started: int | None) -> _Member:
    data = b"" if started is None else str(started).encode()
    return _Member(ident, _Metadata(["t"], data))


def _owned(assignment: dict[str, object]) -> dict[str, list[tuple[str, list[int]]]]:
    return {m: list(a.assigned_partitions) for m, a in assignment.items()}  # type: ignore[attr-defined]


def test_the_oldest_member_owns_every_partition() -> None:
    members = [_member("m-a", 300), _member("m-b", 100), _member("m-c", 200)]
    owned = _owned(SingleOwnerAssignor.assign(_Cluster(), members))
    assert owned["m-b"] == [("t", [0, 1, 2])]
    assert owned["m-a"] == [] and owned["m-c"] == []


def test_a_newcomer_never_takes_the_work_and_ties_break_on_member_id() -> None:
    members = [_member("m-z", 100), _member("m-y", 100), _member("m-new", 999)]
    owned = _owned(SingleOwnerAssignor.assign(_Cluster(), members))
    assert owned["m-y"] == [("t", [0, 1, 2])]
    # A member that sends no start time (another client) comes after every claimwatch one.
    owned = _owned(SingleOwnerAssignor.assign(_Cluster(), [_member("a", None), _member("b", 5)]))
    assert owned["b"] == [("t", [0, 1, 2])] and owned["a"] == []


def test_the_subscription_carries_this_processes_start_time() -> None:
    meta = SingleOwnerAssignor.metadata(["t"])
    assert int(bytes(meta.user_data).decode()) > 0
