"""A Kafka partition assignor that gives every partition to one member: the decider.

    members of one consumer group ─JoinGroup─▶ leader runs assign() ─▶ the oldest member owns
    every partition; the others own none and wait (hot standbys)

Decisions (dedup, versions, stories, claim changes, alert routing) read stored state in
publication order, so exactly one process may make them at a time. The group protocol gives
that for free: one owner per partition, a new owner only after the old one left or missed its
session, and an old owner's late commit refused (its generation is stale). "Oldest" is the
member that joined first (its start time rides in the subscription's user data), so a newly
started process never takes the work from a running one; ties break on the member id.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from kafka.coordinator.assignors.abstract import AbstractPartitionAssignor
from kafka.protocol.consumer.metadata import (
    ConsumerProtocolAssignment,
    ConsumerProtocolSubscription,
)

# When this process's first consumer was built: the seniority it claims in every join.
_STARTED_NS = time.time_ns()


def _seniority(member: Any) -> tuple[int, str]:
    raw = bytes(member.metadata.user_data or b"")
    try:
        started = int(raw.decode("ascii"))
    except ValueError:
        started = 2**63  # a member without a start time (another client) comes last
    return started, str(member.member_id)


class SingleOwnerAssignor(AbstractPartitionAssignor):  # type: ignore[misc]
    name = "claimwatch-single-owner"
    version = 0

    @classmethod
    def assign(cls, cluster: Any, members: Any) -> dict[str, Any]:
        members = list(members)
        owner = min(members, key=_seniority)
        topics: dict[str, list[int]] = defaultdict(list)
        for topic in sorted({t for m in members for t in m.metadata.topics}):
            topics[topic] = sorted(cluster.partitions_for_topic(topic) or ())
        return {
            m.member_id: ConsumerProtocolAssignment(
                cls.version, sorted(topics.items()) if m is owner else [], b""
            )
            for m in members
        }

    @classmethod
    def metadata(cls, topics: Any) -> Any:
        return ConsumerProtocolSubscription(
            cls.version, list(topics), str(_STARTED_NS).encode("ascii")
        )

    @classmethod
    def on_assignment(cls, assignment: Any, generation: int) -> None:
        pass
