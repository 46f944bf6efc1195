"""Fixtures of the fault suite: a counting subscriber per test, a corpus per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_harness import Corpus, Subscriber, make_corpus, serve

# Size of the generated corpus: small in CI so the whole suite stays bounded in time; the
# bench row runs it with CLAIMWATCH_FAULT_ARTICLES=3000.
ARTICLES = int(os.environ.get("CLAIMWATCH_FAULT_ARTICLES", "240"))
BATCH = int(os.environ.get("CLAIMWATCH_FAULT_BATCH", "60"))


@pytest.fixture
def subscriber() -> Iterator[Subscriber]:
    subscriber = Subscriber()
    server = serve(subscriber)
    yield subscriber
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return make_corpus(
        tmp_path_factory.mktemp("fault-corpus"), articles=ARTICLES, batch_size=BATCH, extra={}
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent.name == "faults":
            item.add_marker(pytest.mark.faults)
