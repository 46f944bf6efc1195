"""The article log on Kafka (kafka-python): the same contract as the embedded SQLite log.

    append ──key=sha1(canonical URL), timestamp=published──▶ claimwatch.articles (N partitions)
                                          │ read_batch(consumer): from the committed offsets,
                                          │ read ahead per partition, merged by event time
                                          ▼
                               pipeline ──stores──▶ commit(consumer, batch.next_offsets)
    dead_letter ──JSON envelope + reason header──▶ claimwatch.articles.dlq

Keying by canonical URL keeps every version of an article in one partition, in order. A
backlog is handed out in publication order across partitions (connectors/kafka_order.py): each
read takes the globally earliest max_records, so a slice holds what the embedded log's slice
holds. Offsets are committed by hand only after the store has the results (at-least-once; the
store's deterministic ids make the replay harmless), per partition, just past what was taken.

Two ways to own partitions:
  membership="assign"  one reader per consumer name owns every partition (explicit assign),
                       which keeps "committed position to current end" exact.
  membership="group"   readers with one consumer name form a Kafka consumer group and split
                       the partitions; join, leave and crash rebalance them. A member drops
                       what it read ahead of a revoked partition; a commit the group refuses
                       after a rebalance is dropped too, so the new owner replays from the
                       last commit: nothing committed is lost or processed twice.
  membership="standby" a consumer group in which one member, the oldest, owns every
                       partition and decides (connectors/kafka_assignor.py); the others wait
                       and one takes over, from the last commit, when it leaves or dies.

Record timestamps are publication times, often older than a week, so topics created here
keep records until deleted (retention.ms=-1), as the embedded log does; time-based retention
would drop a backfill at once.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

from claimwatch.connectors.kafka_assignor import SingleOwnerAssignor
from claimwatch.connectors.kafka_dead_letters import (
    dead_letter_envelope,
    dead_letter_from_envelope,
)
from claimwatch.connectors.kafka_order import merge_earliest, order_header, record_timestamp_ms
from claimwatch.connectors.kafka_reader import ReadAhead, RebalanceListener
from claimwatch.connectors.kafka_security import KafkaSecurity
from claimwatch.connectors.log import DeadLetter, LogBatch, LogRange, LogRecord
from claimwatch.connectors.secrets import hide_in_logs, redact
from claimwatch.connectors.sqlite_log import article_key
from claimwatch.transforms.errors import ConfigError, LogUnavailable
from claimwatch.transforms.models import Article
from claimwatch.transforms.records import encode_article
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
from kafka.errors import (
    CommitFailedError,
    IllegalGenerationError,
    KafkaConfigurationError,
    KafkaConnectionError,
    KafkaError,
    RebalanceInProgressError,
    TopicAlreadyExistsError,
    UnknownMemberIdError,
)
from kafka.structs import OffsetAndMetadata

log = logging.getLogger(__name__)

REASON_HEADER = "claimwatch-reason"
SOURCE_HEADER = "claimwatch-source"
Membership = Literal["assign", "group", "standby"]
_GROUPED = ("group", "standby")  # both join a consumer group; they differ in who owns what
# Errors a commit gets when the group moved on without this member: its work is dropped.
_REBALANCED = (
    CommitFailedError,
    RebalanceInProgressError,
    IllegalGenerationError,
    UnknownMemberIdError,
)


class KafkaLog:
    """ArticleLog on a Kafka topic.

    Args:
        bootstrap: "host:port[,host:port]" of the brokers.
        topic: the article topic; dead letters go to `<topic>.dlq` unless named.
        partitions: partition count used when the topic is created here.
        replication: replication factor used when creating topics (1 for a local broker).
        poll_timeout: seconds read_batch waits for more records before returning what it has.
        request_timeout: seconds for broker requests and for flushing produced records.
        client_id: shown in broker logs and metrics.
        membership: "assign" (one reader owns every partition) or "group" (see above).
        session_timeout: group mode: seconds without a heartbeat before a member is
            presumed dead and its partitions move (a kill -9 is noticed after this).
        max_poll_interval: group mode: the longest a member may take between two
            read_batch calls (one batch's processing) before the group drops it.
        join_timeout: group mode: seconds read_batch waits for an assignment.
        retention_ms: retention of topics created here (-1: keep, see above).
        security: SASL / TLS settings (PLAINTEXT when None).
    """

    def __init__(
        self,
        bootstrap: str,
        *,
        topic: str = "claimwatch.articles",
        dead_letter_topic: str | None = None,
        partitions: int = 3,
        replication: int = 1,
        poll_timeout: float = 1.0,
        request_timeout: float = 30.0,
        client_id: str = "claimwatch",
        membership: Membership = "assign",
        session_timeout: float = 10.0,
        max_poll_interval: float = 300.0,
        join_timeout: float = 30.0,
        retention_ms: int = -1,
        security: KafkaSecurity | None = None,
    ) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.dead_letter_topic = dead_letter_topic or f"{topic}.dlq"
        self.partitions = partitions
        self.replication = replication
        self.poll_timeout = poll_timeout
        self.request_timeout = request_timeout
        self.client_id = client_id
        self.membership = membership
        self.session_timeout = session_timeout
        self.max_poll_interval = max_poll_interval
        self.join_timeout = join_timeout
        self.retention_ms = retention_ms
        self.security = security or KafkaSecurity()
        hide_in_logs("kafka", self.security.secrets())
        self._producer: KafkaProducer | None = None
        self._readers: dict[str, ReadAhead] = {}
        self._topics_ready = False

    # -- writing ---------------------------------------------------------------------------
    def append(self, articles: Sequence[Article]) -> int:
        """Append articles in the order given, each timestamped with its publication time."""
        with self._guard("append to"):
            producer = self._ensure_producer()
            futures = [
                producer.send(
                    self.topic,
                    key=article_key(a),
                    value=encode_article(a),
                    headers=[order_header(a)],
                    timestamp_ms=record_timestamp_ms(a),
                )
                for a in articles
            ]
            self._wait(producer, futures)
        return len(articles)

    def append_raw(self, rows: Sequence[tuple[bytes | None, bytes]]) -> int:
        """Append raw (key, payload) records and wait until the brokers acknowledge them all."""
        with self._guard("append to"):
            producer = self._ensure_producer()
            futures = [producer.send(self.topic, key=k, value=v) for k, v in rows]
            self._wait(producer, futures)
        return len(rows)

    def dead_letter(self, letters: Sequence[DeadLetter]) -> None:
        with self._guard("write dead letters to"):
            producer = self._ensure_producer()
            futures = []
            for letter in letters:
                origin = f"{self.topic}/{letter.partition}/{letter.offset}"
                futures.append(
                    producer.send(
                        self.dead_letter_topic,
                        value=dead_letter_envelope(letter, self.topic),
                        headers=[
                            (REASON_HEADER, letter.reason.encode("utf-8")),
                            (SOURCE_HEADER, origin.encode("utf-8")),
                        ],
                    )
                )
            self._wait(producer, futures)

    # -- reading ---------------------------------------------------------------------------
    def read_batch(self, consumer: str, max_records: int) -> LogBatch:
        """The globally earliest max_records (by publication time) from the committed offsets.

        Reads ahead up to max_records per owned partition (stopping at the end offsets seen
        when the read began), merges, and keeps what it did not take for the next read, which
        reuses it only if the committed offsets are where this batch ends.
        """
        with self._guard("read from"):
            reader = self._reader(consumer)
            for _attempt in range(3):
                owned = self._owned(reader)
                if not owned:
                    return LogBatch(records=())
                self._sync(reader, owned)
                generation = reader.generation
                end = reader.client.end_offsets(owned)
                self._fill(reader, owned, end, max_records)
                if reader.generation == generation:
                    break  # no rebalance while reading ahead: the buffers are ours
            else:
                return LogBatch(records=())  # the group keeps moving; try again next round
            taken = merge_earliest([reader.buffers[tp.partition] for tp in owned], max_records)
            next_offsets: dict[int, int] = {}
            for item in taken:
                reader.buffers[item.record.partition].popleft()
                next_offsets[item.record.partition] = item.record.offset + 1
            reader.handed.update(next_offsets)
        return LogBatch(records=tuple(i.record for i in taken), next_offsets=next_offsets)

    def read_range(self, span: LogRange) -> tuple[LogRecord, ...]:
        """One partition's records in [start, end), on a consumer of its own (no group)."""
        tp = TopicPartition(self.topic, span.partition)
        out: list[LogRecord] = []
        with self._guard("read a range of"):
            client = self._new_consumer(None)
            try:
                client.assign([tp])
                client.seek(tp, span.start)
                deadline = time.monotonic() + self.request_timeout
                while client.position(tp) < span.end:
                    if time.monotonic() > deadline:
                        raise LogUnavailable(
                            f"Kafka at {self.bootstrap} gave partition {span.partition} of "
                            f"{self.topic} only up to offset {client.position(tp)} of "
                            f"{span.start}..{span.end - 1} within {self.request_timeout:.0f}s"
                        )
                    polled = client.poll(
                        timeout_ms=int(self.poll_timeout * 1000),
                        max_records=max(1, span.end - span.start),
                    )
                    for message in polled.get(tp, []):
                        if span.start <= message.offset < span.end:
                            out.append(
                                LogRecord(
                                    span.partition, message.offset, message.key, message.value
                                )
                            )
            finally:
                client.close()
        return tuple(out)

    def commit(self, consumer: str, batch: LogBatch) -> None:
        if not batch.next_offsets:
            return
        with self._guard("commit offsets to"):
            reader = self._reader(consumer)
            owned = {tp.partition for tp in reader.client.assignment()}
            offsets = {}
            for partition, offset in batch.next_offsets.items():
                if partition not in owned:
                    continue  # revoked meanwhile: the new owner replays it from its commit
                tp = TopicPartition(self.topic, partition)
                committed = reader.client.committed(tp) or 0
                # Never move backwards when an older batch is committed late.
                offsets[tp] = OffsetAndMetadata(max(offset, committed), "", -1)
            dropped = sorted(set(batch.next_offsets) - {tp.partition for tp in offsets})
            try:
                if offsets:
                    reader.client.commit(offsets)
            except _REBALANCED as exc:
                dropped = sorted(batch.next_offsets)
                reader.forget(dropped)
                log.warning(
                    "consumer group %s rebalanced while a batch was processed (%s): its "
                    "offsets for partitions %s were not committed; their owner replays them",
                    consumer,
                    type(exc).__name__,
                    dropped,
                    extra={"dropped_partitions": dropped},
                )
                return
            if dropped:
                log.warning(
                    "partitions %s of %s were revoked from %s before the commit; their new "
                    "owner replays them",
                    dropped,
                    self.topic,
                    consumer,
                    extra={"dropped_partitions": dropped},
                )

    def lag(self, consumer: str) -> int:
        """Records not yet committed, over the partitions this reader owns."""
        with self._guard("read offsets from"):
            reader = self._reader(consumer)
            client = reader.client
            if self.membership in _GROUPED:
                partitions = sorted(client.assignment(), key=lambda tp: tp.partition)
            else:
                partitions = self._partitions(client, self.topic)
            if not partitions:
                return 0
            end = client.end_offsets(partitions)
            start = client.beginning_offsets(partitions)
            return sum(max(0, end[tp] - (client.committed(tp) or start[tp])) for tp in partitions)

    def owned_partitions(self, consumer: str) -> tuple[int, ...]:
        """The partitions this reader owns now (every one, unless it is a group member)."""
        with self._guard("read the assignment from"):
            reader = self._reader(consumer)
            if self.membership in _GROUPED:
                return tuple(sorted(tp.partition for tp in reader.client.assignment()))
            return tuple(tp.partition for tp in self._partitions(reader.client, self.topic))

    def dead_letters(self, max_records: int = 10_000) -> list[DeadLetter]:
        """Everything in the dead-letter topic, oldest first (for the CLI and tests)."""
        with self._guard("read dead letters from"):
            client = self._new_consumer(group=None)
            try:
                partitions = self._partitions(client, self.dead_letter_topic)
                client.assign(partitions)
                client.seek_to_beginning(*partitions)
                end = client.end_offsets(partitions)
                out: list[DeadLetter] = []
                while len(out) < max_records and any(
                    client.position(tp) < end[tp] for tp in partitions
                ):
                    polled = client.poll(timeout_ms=int(self.poll_timeout * 1000))
                    if not polled:
                        break
                    for messages in polled.values():
                        out.extend(dead_letter_from_envelope(m.value) for m in messages)
                return out[:max_records]
            finally:
                client.close()

    def close(self) -> None:
        """Close the clients; a group member leaves its group, so the rest rebalance at once."""
        for reader in self._readers.values():
            reader.client.close()
        self._readers.clear()
        if self._producer is not None:
            self._producer.close(timeout=self.request_timeout)
            self._producer = None

    # -- reading internals -----------------------------------------------------------------
    def _owned(self, reader: ReadAhead) -> list[TopicPartition]:
        client = reader.client
        if self.membership == "assign":
            partitions = self._partitions(client, self.topic)
            if set(client.assignment()) != set(partitions):
                client.assign(partitions)
            return partitions
        deadline = time.monotonic() + self.join_timeout
        while not client.assignment() and not reader.joined and time.monotonic() < deadline:
            # Joining happens inside poll; records it returns are kept, not lost.
            reader.keep(client.poll(timeout_ms=int(self.poll_timeout * 1000)))
        if not client.assignment() and reader.joined:
            # A member given nothing (a standby, or more members than partitions) polls once:
            # that keeps it in the group and lets a rebalance hand it partitions.
            reader.keep(client.poll(timeout_ms=int(self.poll_timeout * 1000)))
        return sorted(client.assignment(), key=lambda tp: tp.partition)

    def _sync(self, reader: ReadAhead, owned: list[TopicPartition]) -> None:
        """Start every owned partition at its committed offset, keeping still-valid read-ahead."""
        start: dict[TopicPartition, int] | None = None
        for tp in owned:
            committed = reader.client.committed(tp)
            if committed is None:
                start = start or reader.client.beginning_offsets(owned)
                committed = start[tp]
            if reader.handed.get(tp.partition) != committed:
                reader.forget([tp.partition])
                reader.client.seek(tp, committed)
                reader.handed[tp.partition] = committed
                reader.fetched[tp.partition] = committed

    def _fill(
        self,
        reader: ReadAhead,
        owned: list[TopicPartition],
        end: dict[TopicPartition, int],
        max_records: int,
    ) -> None:
        """Poll until each owned partition holds max_records or reached `end`."""
        client = reader.client
        generation = reader.generation

        def wanting() -> list[TopicPartition]:
            if reader.generation != generation:
                return []  # rebalanced inside poll: `owned` is stale, read_batch starts over
            return [
                tp
                for tp in owned
                if len(reader.buffers[tp.partition]) < max_records and client.position(tp) < end[tp]
            ]

        # No pause/resume to bound the read-ahead (kafka-python 3.0 stops returning a
        # partition's records after a resume): each poll returns at most max_records, so a
        # partition never holds more than twice max_records.
        if self.membership in _GROUPED and not wanting():
            # Nothing to fetch, but a member must still poll: the group protocol (rejoining
            # after another member left or died) only runs inside poll. Not with timeout 0:
            # kafka-python 3.0 then abandons each join midway and the group never settles.
            reader.keep(
                client.poll(timeout_ms=int(self.poll_timeout * 1000), max_records=max_records)
            )
        # Until every owned partition is full or at `end`, the merge could hand out a later
        # record before an earlier one still on the broker: wait for them, within a limit.
        deadline = time.monotonic() + self.request_timeout
        while want := wanting():
            if time.monotonic() > deadline:
                raise LogUnavailable(
                    f"Kafka at {self.bootstrap} did not deliver partitions "
                    f"{sorted(tp.partition for tp in want)} of {self.topic} up to their end "
                    f"offsets within {self.request_timeout:.0f}s; is the broker overloaded?"
                )
            reader.keep(
                client.poll(timeout_ms=int(self.poll_timeout * 1000), max_records=max_records)
            )

    def _reader(self, name: str) -> ReadAhead:
        if name not in self._readers:
            reader = ReadAhead(self._new_consumer(group=name))
            if self.membership in _GROUPED:
                reader.client.subscribe(topics=[self.topic], listener=RebalanceListener(reader))
            self._readers[name] = reader
        return self._readers[name]

    # -- internals -------------------------------------------------------------------------
    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        secrets = self.security.secrets()
        try:
            self._ensure_topics()
            yield
        except KafkaConfigurationError as exc:
            raise ConfigError(
                redact(f"bad Kafka client settings for {self.bootstrap}: {exc}", secrets)
            ) from None
        except KafkaError as exc:
            raise LogUnavailable(
                redact(
                    f"cannot {action} Kafka at {self.bootstrap} (topic {self.topic}): "
                    f"{type(exc).__name__}: {exc}; is it running? try `claimwatch stack up`",
                    secrets,
                )
            ) from exc

    def _common(self) -> dict[str, Any]:
        return {
            "bootstrap_servers": self.bootstrap,
            "client_id": self.client_id,
            "request_timeout_ms": int(self.request_timeout * 1000),
            # Fail fast when nothing listens, rather than retrying the bootstrap for long.
            "bootstrap_timeout_ms": 5000,
            **self.security.client_options(),
        }

    def _ensure_topics(self) -> None:
        if self._topics_ready:
            return
        self._probe()
        admin = KafkaAdminClient(**self._common())
        try:
            existing = set(admin.list_topics())
            wanted = [
                NewTopic(
                    name,
                    self.partitions,
                    self.replication,
                    topic_configs={"retention.ms": str(self.retention_ms)},
                )
                for name in (self.topic, self.dead_letter_topic)
                if name not in existing
            ]
            if wanted:
                # Another instance may create it between list and create.
                with contextlib.suppress(TopicAlreadyExistsError):
                    admin.create_topics(wanted, timeout_ms=int(self.request_timeout * 1000))
        finally:
            admin.close()
        self._topics_ready = True

    def _probe(self) -> None:
        """Fail fast, and without leaking client sockets, when no broker accepts a connection."""
        refusals = unreachable(self.bootstrap, timeout=5)
        if refusals:
            raise LogUnavailable(
                f"no Kafka broker reachable at {self.bootstrap} ({refusals}); "
                "is it running? try `claimwatch stack up`"
            )

    def _ensure_producer(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = KafkaProducer(
                **self._common(),
                acks="all",
                enable_idempotence=True,  # retries cannot duplicate or reorder records
                retries=10,
                max_in_flight_requests_per_connection=5,
                linger_ms=5,
                batch_size=256 * 1024,
                max_request_size=8 * 1024 * 1024,  # long articles; broker default is 1 MiB
            )
        return self._producer

    def _wait(self, producer: KafkaProducer, futures: Sequence[Any]) -> None:
        producer.flush(timeout=self.request_timeout)
        for future in futures:
            future.get(timeout=self.request_timeout)

    def _new_consumer(self, group: str | None) -> KafkaConsumer:
        group_options: dict[str, Any] = {}
        if self.membership in _GROUPED and group is not None:
            group_options = {
                "session_timeout_ms": int(self.session_timeout * 1000),
                "heartbeat_interval_ms": max(1000, int(self.session_timeout * 1000) // 3),
                "max_poll_interval_ms": int(self.max_poll_interval * 1000),
            }
        if self.membership == "standby" and group is not None:
            group_options["partition_assignment_strategy"] = (SingleOwnerAssignor,)
        return KafkaConsumer(
            **self._common(),
            **group_options,
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_partition_fetch_bytes=8 * 1024 * 1024,
        )

    def _partitions(self, client: KafkaConsumer, topic: str) -> list[TopicPartition]:
        numbers = client.partitions_for_topic(topic)
        if not numbers:
            client.topics()  # refresh metadata once: the topic may be brand new
            numbers = client.partitions_for_topic(topic)
        if not numbers:
            raise LogUnavailable(f"topic {topic} has no partitions on Kafka at {self.bootstrap}")
        return [TopicPartition(topic, p) for p in sorted(numbers)]


def unreachable(bootstrap: str, *, timeout: float) -> str | None:
    """Why no bootstrap server accepts a TCP connection, or None when one does.

    kafka-python's clients start an I/O thread before they bootstrap and leave it (and its
    sockets) running when the bootstrap times out: probing first keeps a down broker from
    leaking a thread per attempt, and fails in one connect instead of a 30 s retry loop.
    """
    errors = []
    for address in bootstrap.split(","):
        host, _, port = address.strip().rpartition(":")
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
                return None
        except (OSError, ValueError) as exc:
            errors.append(f"{address.strip()}: {exc}")
    return "; ".join(errors)


def ensure_topic(
    bootstrap: str,
    topic: str,
    *,
    partitions: int = 1,
    replication: int = 1,
    timeout: float = 30.0,
) -> None:
    """Create `topic` if it does not exist (brokers here run with auto-create off).

    timeout bounds the wait for the cluster (seconds): kafka-python keeps retrying a refused
    bootstrap until then.
    """
    refusals = unreachable(bootstrap, timeout=timeout)
    if refusals:
        raise KafkaConnectionError(refusals)
    waits = int(timeout * 1000)
    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap.split(","),
        client_id="claimwatch",
        bootstrap_timeout_ms=waits,
        request_timeout_ms=waits,
    )
    try:
        if topic not in set(admin.list_topics()):
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics([NewTopic(topic, partitions, replication)])
    finally:
        admin.close()
