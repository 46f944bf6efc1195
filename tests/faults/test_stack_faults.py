"""Faults on Kafka + Elasticsearch: kill -9, Elasticsearch paused, the broker restarted.

Each series starts from an empty topic and index prefix and must end where a clean run on
the stack ends: the same articles, duplicate flags, versions, claims and alert ids, nothing
undelivered, every alert of the clean run received by the subscriber, each with one body.
Elasticsearch is paused with SIGSTOP/SIGCONT (a frozen node: connections hang, nothing is
refused), which only works on the stack this suite starts itself.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_harness import (
    Corpus,
    Subscriber,
    deliver_until_empty,
    finish,
    kill_after,
    pause_group,
    serve,
    snapshot,
    start_continuous,
    start_run,
    stop,
    wait_until,
)

pytestmark = pytest.mark.integration

RUN_TIMEOUT = 600
PAUSE_SECONDS = 15


@pytest.fixture(scope="module")
def stack() -> Iterator[tuple[str, str]]:
    from claimwatch.deploy.stack import endpoints

    with endpoints() as (kafka, es):
        yield kafka, es


def _stack_pid(service: str) -> int:
    external = os.environ.get("CLAIMWATCH_KAFKA") and os.environ.get("CLAIMWATCH_ELASTICSEARCH")
    # Someone else's stack: pausing or restarting it is not this suite's to do.
    if external and not os.environ.get("CLAIMWATCH_FAULT_OWN_STACK"):
        pytest.skip("CLAIMWATCH_KAFKA/ELASTICSEARCH point at a stack this suite did not start")
    from claimwatch.deploy.stack import default_settings, service_pid

    pid = service_pid(default_settings(), service)
    if pid is None:
        pytest.skip(f"{service} was not started by the project's launcher")
    return pid


@pytest.fixture(scope="module")
def stack_corpus(
    tmp_path_factory: pytest.TempPathFactory, corpus: Corpus, stack: tuple[str, str]
) -> Iterator[Any]:
    """A factory: corpus configs on fresh topics and index prefixes, removed afterwards."""
    import yaml

    made: list[tuple[str, str]] = []
    kafka, es = stack

    def make(name: str) -> Corpus:
        tag = f"cwfault-{uuid.uuid4().hex[:8]}-{name}"
        config = yaml.safe_load(corpus.config.read_text(encoding="utf-8"))
        config["kafka"] = {"bootstrap": kafka, "topic": f"{tag}.articles", "partitions": 3}
        config["elasticsearch"] = {"url": es, "index_prefix": f"{tag}-"}
        config.setdefault("pipeline", {})["poll_interval_seconds"] = 2
        path = tmp_path_factory.mktemp("stack-configs") / f"{name}.yaml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        made.append((f"{tag}.articles", f"{tag}-"))
        return Corpus(path, corpus.articles)

    yield make
    from elasticsearch import Elasticsearch
    from kafka import KafkaAdminClient

    client = Elasticsearch(es, request_timeout=60)
    admin = KafkaAdminClient(bootstrap_servers=kafka)
    try:
        for topic, prefix in made:
            client.options(ignore_status=404).indices.delete(index=f"{prefix}*")
            client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}*")
            existing = set(admin.list_topics())
            doomed = [t for t in (topic, f"{topic}.dlq") if t in existing]
            if doomed:
                admin.delete_topics(doomed)
    finally:
        admin.close()
        client.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, stack_corpus: Any) -> Any:
    """One clean run on the stack: what every faulty series must end with."""
    corpus = stack_corpus("reference")
    data = tmp_path_factory.mktemp("stack-reference")
    subscriber = Subscriber()
    server = serve(subscriber)
    try:
        assert finish(start_run(corpus, data, subscriber), RUN_TIMEOUT) == 0
    finally:
        server.shutdown()
        server.server_close()
    assert subscriber.ids, "the clean run delivered nothing"
    return snapshot(corpus.config, data, []), set(subscriber.ids)


def _check(corpus: Corpus, data: Path, subscriber: Subscriber, reference: Any) -> None:
    expected_state, expected_ids = reference
    deliver_until_empty(corpus, data, subscriber, [])
    after = snapshot(corpus.config, data, [])
    assert after.articles == expected_state.articles
    assert after.claims == expected_state.claims
    assert after.alerts == expected_state.alerts
    assert after.undelivered == 0
    assert not (expected_ids - subscriber.ids), "alerts never reached the subscriber"
    assert subscriber.ids == expected_ids
    assert subscriber.differing_resends == 0 and subscriber.bad_signatures == 0


def test_kill_9_on_the_stack(
    tmp_path: Path, stack_corpus: Any, subscriber: Subscriber, reference: Any
) -> None:
    corpus, data = stack_corpus("kills"), tmp_path / "kills"
    rng = random.Random(7)
    kills = 0
    for point in ("processing", "delivery", "processing", "delivery"):
        proc = start_run(corpus, data, subscriber)
        if point == "processing":
            killed = kill_after(proc, rng.uniform(4.0, 12.0))
        else:
            subscriber.arm(proc, after=rng.randint(1, 10))
            finish(proc, RUN_TIMEOUT)
            subscriber.disarm()
            killed = proc.returncode != 0
        proc.communicate()
        kills += killed
    assert finish(start_run(corpus, data, subscriber), RUN_TIMEOUT) == 0
    assert kills >= 2
    _check(corpus, data, subscriber, reference)
    print(f"stack kills={kills} received={len(subscriber.ids)} resends={subscriber.duplicates}")


def _complete(corpus: Corpus, data: Path, expected: Any) -> Any:
    def done() -> bool:
        now = snapshot(corpus.config, data, [])
        return now.alerts == expected.alerts and now.undelivered == 0

    return done


def test_elasticsearch_paused_during_processing_is_waited_out(
    tmp_path: Path, stack_corpus: Any, subscriber: Subscriber, reference: Any
) -> None:
    es_pid = _stack_pid("elasticsearch")
    corpus, data = stack_corpus("pause-processing"), tmp_path / "pause-processing"
    proc = start_continuous(corpus, data, subscriber)
    time.sleep(8)  # model loaded, first slice in flight
    pause_group(es_pid, PAUSE_SECONDS).join()
    recovery = wait_until(_complete(corpus, data, reference[0]), timeout=300, proc=proc)
    assert stop(proc) == 0
    _check(corpus, data, subscriber, reference)
    print(f"ES paused {PAUSE_SECONDS}s in processing: complete {recovery:.1f}s after resume")


def test_elasticsearch_paused_during_delivery_is_waited_out(
    tmp_path: Path, stack_corpus: Any, subscriber: Subscriber, reference: Any
) -> None:
    es_pid = _stack_pid("elasticsearch")
    corpus, data = stack_corpus("pause-delivery"), tmp_path / "pause-delivery"
    timers = []
    subscriber.on_receipt = (3, lambda: timers.append(pause_group(es_pid, PAUSE_SECONDS)))
    proc = start_continuous(corpus, data, subscriber)
    wait_until(lambda: bool(timers), timeout=300, every=0.5, proc=proc)
    timers[0].join()
    recovery = wait_until(_complete(corpus, data, reference[0]), timeout=300, proc=proc)
    assert stop(proc) == 0
    _check(corpus, data, subscriber, reference)
    print(f"ES paused {PAUSE_SECONDS}s in delivery: complete {recovery:.1f}s after resume")


def test_broker_restart_is_waited_out(
    tmp_path: Path, stack_corpus: Any, subscriber: Subscriber, reference: Any
) -> None:
    _stack_pid("kafka")
    from claimwatch.deploy.stack import default_settings, down, up

    corpus, data = stack_corpus("broker-restart"), tmp_path / "broker-restart"
    proc = start_continuous(corpus, data, subscriber)
    time.sleep(8)
    settings = default_settings()
    down(settings, ("kafka",))
    up(settings)
    recovery = wait_until(_complete(corpus, data, reference[0]), timeout=300, proc=proc)
    assert stop(proc) == 0
    _check(corpus, data, subscriber, reference)
    print(f"broker restarted: complete {recovery:.1f}s after it was back")


def _owners(kafka: str, group: str) -> list[list[int]] | None:
    """Each member's partitions as the coordinator reports them; None while it rebalances."""
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=kafka)
    try:
        described = admin.describe_groups([group])[group]
    finally:
        admin.close()
    if described.get("group_state") != "Stable":
        return None
    owners = []
    for member in described["members"]:
        assignment = member["member_assignment"]
        if not isinstance(assignment, dict):
            return None  # not yet synced
        owners.append(sorted(p for a in assignment["assigned_partitions"] for p in a["partitions"]))
    return owners


def _one_owner_of_all(kafka: str, group: str, members: int) -> Any:
    def check() -> bool:
        owners = _owners(kafka, group)
        if owners is None or len(owners) != members:
            return False
        assert sorted(owners) == [[]] * (members - 1) + [[0, 1, 2]], owners
        return True

    return check


def test_three_deciders_one_writes_and_a_kill_9_moves_the_work(
    tmp_path: Path, stack_corpus: Any, subscriber: Subscriber, reference: Any, stack: Any
) -> None:
    """membership: standby — three `claimwatch run` on one topic and index; the oldest owns
    every partition and decides, the others wait; kill -9 it mid-backlog and one of them goes
    on from the last commit. The end state is the clean run's, alert for alert."""
    import yaml

    kafka, _ = stack
    base = stack_corpus("standby")
    config = yaml.safe_load(base.config.read_text(encoding="utf-8"))
    config["kafka"].update(membership="standby", session_timeout_seconds=6)
    group = config.setdefault("pipeline", {})["consumer"] = f"deciders-{uuid.uuid4().hex[:6]}"
    with_feeds = tmp_path / "decider-with-feeds.yaml"
    with_feeds.write_text(yaml.safe_dump(config), encoding="utf-8")
    without_feeds = tmp_path / "decider.yaml"  # one poller is enough; all three decide
    without_feeds.write_text(yaml.safe_dump({**config, "feeds": []}), encoding="utf-8")
    first = Corpus(with_feeds, base.articles)
    others = Corpus(without_feeds, base.articles)

    oldest = start_continuous(first, tmp_path / "d0", subscriber)
    standbys: list[Any] = []
    try:
        wait_until(_one_owner_of_all(kafka, group, 1), timeout=120, every=0.5, proc=oldest)
        standbys = [start_continuous(others, tmp_path / f"d{i}", subscriber) for i in (1, 2)]
        wait_until(_one_owner_of_all(kafka, group, 3), timeout=120, every=0.5, proc=oldest)
        topic = config["kafka"]["topic"]
        wait_until(lambda: _in_topic(kafka, topic) >= base.articles, timeout=120, every=0.5)
        oldest.kill()  # mid-backlog: the first slices are being decided
        oldest.communicate()
        took_over = wait_until(_one_owner_of_all(kafka, group, 2), timeout=120, every=0.5)
        recovery = wait_until(_complete(others, tmp_path / "d1", reference[0]), timeout=300)
        for proc in standbys:
            assert stop(proc) == 0
    finally:
        for proc in [oldest, *standbys]:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    _check(others, tmp_path / "d1", subscriber, reference)
    print(f"standby deciders: taken over {took_over:.1f}s after kill -9, complete {recovery:.1f}s")


def _in_topic(kafka: str, topic: str) -> int:
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=kafka)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        return sum(consumer.end_offsets(partitions).values()) if partitions else 0
    finally:
        consumer.close()
