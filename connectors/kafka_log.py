"""The article log on Kafka (kafka-python): the same contract as the embedded SQLite log.

    append ──key=sha1(canonical URL)──▶ claimwatch.articles (N partitions)
                                          │ read_batch(consumer): group = consumer name,
                                          │ from its committed offsets to the end seen now
                                          ▼
                               pipeline ──stores──▶ commit(consumer, batch.next_offsets)
    dead_letter ──JSON envelope + reason header──▶ claimwatch.articles.dlq

Keying by canonical URL keeps every version of an article in one partition, in order.
Offsets are committed by hand only after the store has the results (at-least-once; the
store's deterministic ids make the replay harmless). Each read starts from the committed
offsets, so a batch read but never committed is read again, by this or a new instance.
One reader per consumer name: partitions are assigned explicitly rather than through a
group rebalance, which keeps the "committed position to current end" slice exact.
"""

from __future__ import annotations

import base64
import contextlib
import json
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from claimwatch.connectors.log import DeadLetter, LogBatch, LogRecord
from claimwatch.connectors.sqlite_log import article_key
from claimwatch.transforms.errors import ConfigError, LogUnavailable
from claimwatch.transforms.models import Article
from claimwatch.transforms.records import encode_article
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
from kafka.errors import KafkaConfigurationError, KafkaError, TopicAlreadyExistsError
from kafka.structs import OffsetAndMetadata

REASON_HEADER = "claimwatch-reason"
SOURCE_HEADER = "claimwatch-source"


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
    ) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.dead_letter_topic = dead_letter_topic or f"{topic}.dlq"
        self.partitions = partitions
        self.replication = replication
        self.poll_timeout = poll_timeout
        self.request_timeout = request_timeout
        self.client_id = client_id
        self._producer: KafkaProducer | None = None
        self._consumers: dict[str, KafkaConsumer] = {}
        self._topics_ready = False

    # -- writing ---------------------------------------------------------------------------
    def append(self, articles: Sequence[Article]) -> int:
        return self.append_raw([(article_key(a), encode_article(a)) for a in articles])

    def append_raw(self, rows: Sequence[tuple[bytes | None, bytes]]) -> int:
        """Append raw (key, payload) records and wait until the brokers acknowledge them all."""
        with self._guard("append to"):
            producer = self._ensure_producer()
            futures = [producer.send(self.topic, key=k, value=v) for k, v in rows]
            producer.flush(timeout=self.request_timeout)
            for future in futures:
                future.get(timeout=self.request_timeout)
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
            producer.flush(timeout=self.request_timeout)
            for future in futures:
                future.get(timeout=self.request_timeout)

    # -- reading ---------------------------------------------------------------------------
    def read_batch(self, consumer: str, max_records: int) -> LogBatch:
        with self._guard("read from"):
            client = self._consumer(consumer)
            partitions = self._assign_from_committed(client)
            end = client.end_offsets(partitions)
            records: list[LogRecord] = []
            while len(records) < max_records:
                if all(client.position(tp) >= end[tp] for tp in partitions):
                    break  # reached the end as it was when the read began
                polled = client.poll(
                    timeout_ms=int(self.poll_timeout * 1000),
                    max_records=max_records - len(records),
                )
                if not polled:
                    break
                for tp, messages in sorted(polled.items(), key=lambda kv: kv[0].partition):
                    records.extend(
                        LogRecord(tp.partition, m.offset, m.key, m.value) for m in messages
                    )
        next_offsets: dict[int, int] = {}
        for record in records:
            next_offsets[record.partition] = max(
                next_offsets.get(record.partition, 0), record.offset + 1
            )
        return LogBatch(records=tuple(records), next_offsets=next_offsets)

    def commit(self, consumer: str, batch: LogBatch) -> None:
        if not batch.next_offsets:
            return
        with self._guard("commit offsets to"):
            client = self._consumer(consumer)
            offsets = {}
            for partition, offset in batch.next_offsets.items():
                tp = TopicPartition(self.topic, partition)
                committed = client.committed(tp) or 0
                # Never move backwards when an older batch is committed late.
                offsets[tp] = OffsetAndMetadata(max(offset, committed), "", -1)
            client.commit(offsets)

    def lag(self, consumer: str) -> int:
        with self._guard("read offsets from"):
            client = self._consumer(consumer)
            partitions = self._partitions(client, self.topic)
            end = client.end_offsets(partitions)
            start = client.beginning_offsets(partitions)
            return sum(max(0, end[tp] - (client.committed(tp) or start[tp])) for tp in partitions)

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
        for client in self._consumers.values():
            client.close()
        self._consumers.clear()
        if self._producer is not None:
            self._producer.close(timeout=self.request_timeout)
            self._producer = None

    # -- internals -------------------------------------------------------------------------
    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            self._ensure_topics()
            yield
        except KafkaConfigurationError as exc:
            raise ConfigError(f"bad Kafka client settings for {self.bootstrap}: {exc}") from exc
        except KafkaError as exc:
            raise LogUnavailable(
                f"cannot {action} Kafka at {self.bootstrap} (topic {self.topic}): "
                f"{type(exc).__name__}: {exc}; is it running? try `claimwatch stack up`"
            ) from exc

    def _common(self) -> dict[str, Any]:
        return {
            "bootstrap_servers": self.bootstrap,
            "client_id": self.client_id,
            "request_timeout_ms": int(self.request_timeout * 1000),
            # Fail fast when nothing listens, rather than retrying the bootstrap for long.
            "bootstrap_timeout_ms": 5000,
        }

    def _ensure_topics(self) -> None:
        if self._topics_ready:
            return
        self._probe()
        admin = KafkaAdminClient(**self._common())
        try:
            existing = set(admin.list_topics())
            wanted = [
                NewTopic(name, self.partitions, self.replication)
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
        errors = []
        last: OSError | ValueError | None = None
        for address in self.bootstrap.split(","):
            host, _, port = address.strip().rpartition(":")
            try:
                with socket.create_connection((host.strip("[]"), int(port)), timeout=5):
                    return
            except (OSError, ValueError) as exc:
                errors.append(f"{address.strip()}: {exc}")
                last = exc
        raise LogUnavailable(
            f"no Kafka broker reachable at {self.bootstrap} ({'; '.join(errors)}); "
            "is it running? try `claimwatch stack up`"
        ) from last

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

    def _new_consumer(self, group: str | None) -> KafkaConsumer:
        return KafkaConsumer(
            **self._common(),
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_partition_fetch_bytes=8 * 1024 * 1024,
        )

    def _consumer(self, name: str) -> KafkaConsumer:
        if name not in self._consumers:
            self._consumers[name] = self._new_consumer(group=name)
        return self._consumers[name]

    def _partitions(self, client: KafkaConsumer, topic: str) -> list[TopicPartition]:
        numbers = client.partitions_for_topic(topic)
        if not numbers:
            client.topics()  # refresh metadata once: the topic may be brand new
            numbers = client.partitions_for_topic(topic)
        if not numbers:
            raise LogUnavailable(f"topic {topic} has no partitions on Kafka at {self.bootstrap}")
        return [TopicPartition(topic, p) for p in sorted(numbers)]

    def _assign_from_committed(self, client: KafkaConsumer) -> list[TopicPartition]:
        partitions = self._partitions(client, self.topic)
        if set(client.assignment()) != set(partitions):
            client.assign(partitions)
        start = client.beginning_offsets(partitions)
        for tp in partitions:
            committed = client.committed(tp)
            client.seek(tp, committed if committed is not None else start[tp])
        return partitions


def dead_letter_envelope(letter: DeadLetter, topic: str) -> bytes:
    """The JSON kept for a dead letter: the reason, where it came from, the raw bytes."""
    try:
        text: str | None = letter.payload.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    return json.dumps(
        {
            "reason": letter.reason,
            "topic": topic,
            "partition": letter.partition,
            "offset": letter.offset,
            "payload_base64": base64.b64encode(letter.payload).decode("ascii"),
            "payload_text": text,
        },
        ensure_ascii=False,
    ).encode("utf-8")


def dead_letter_from_envelope(value: bytes) -> DeadLetter:
    data = json.loads(value.decode("utf-8"))
    return DeadLetter(
        payload=base64.b64decode(data["payload_base64"]),
        reason=data["reason"],
        partition=data.get("partition"),
        offset=data.get("offset"),
    )


def ensure_topic(bootstrap: str, topic: str, *, partitions: int = 1, replication: int = 1) -> None:
    """Create `topic` if it does not exist (brokers here run with auto-create off)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), client_id="claimwatch")
    try:
        if topic not in set(admin.list_topics()):
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics([NewTopic(topic, partitions, replication)])
    finally:
        admin.close()
