"""Real service restarts through the launcher: data and committed offsets survive, and the
connectors recover once the service is back. Needs a stack the launcher started."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable

import pytest
from claimwatch.connectors.es_store import ElasticsearchStore
from claimwatch.connectors.kafka_log import KafkaLog
from claimwatch.deploy.stack import StackSettings, default_settings, down, service_pid, up
from claimwatch.transforms.errors import StoreUnavailable
from claimwatch.transforms.models import Article

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def launcher(stack: tuple[str, str]) -> StackSettings:
    settings = default_settings()
    owned = all(service_pid(settings, s) for s in ("kafka", "elasticsearch"))
    if not owned or os.environ.get("CLAIMWATCH_KAFKA"):
        pytest.skip("needs the stack started by the launcher, to stop and start it")
    return settings


def test_elasticsearch_restart_keeps_documents_and_the_store_recovers(
    launcher: StackSettings,
    es_url: str,
    index_prefix: str,
    make_article: Callable[..., Article],
) -> None:
    store = ElasticsearchStore(es_url, prefix=index_prefix, request_timeout=5)
    before = make_article(1)
    store.save_articles([before])

    down(launcher, ("elasticsearch",))
    restart = threading.Thread(target=up, args=(launcher,))
    try:
        with pytest.raises(StoreUnavailable) as info:
            store.save_articles([make_article(2)])
        assert "claimwatch stack up" in str(info.value)
        restart.start()
        store.wait_until_available(timeout=150)
    finally:
        if not restart.is_alive() and service_pid(launcher, "elasticsearch") is None:
            up(launcher)
        restart.join()
    after = make_article(2)
    store.save_articles([after])
    assert store.articles() == [before, after]
    store.close()


def test_kafka_restart_keeps_records_and_committed_offsets(
    launcher: StackSettings,
    new_log: Callable[..., KafkaLog],
    make_article: Callable[..., Article],
) -> None:
    log = new_log(partitions=1)
    log.append([make_article(n) for n in range(6)])
    first = log.read_batch("pipeline", 4)
    log.commit("pipeline", first)
    log.close()

    down(launcher, ("kafka",))
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", launcher.kafka_port)) != 0  # really down
    up(launcher)

    reopened = new_log(partitions=1)
    assert reopened.lag("pipeline") == 2
    rest = reopened.read_batch("pipeline", 100)
    assert [r.offset for r in rest.records] == [4, 5]
