"""Fixtures every tier shares; the builders behind them are in tests/factories.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from claimwatch.connectors.sqlite_store import SqliteStore
from factories import Clock, WebhookReceiver, serve_webhook

# One analysing process unless a test asks for more: a pool per `run` would load the NER
# model again in every test (subprocesses inherit this too).
os.environ.setdefault("CLAIMWATCH_WORKERS", "1")


@pytest.fixture
def webhook(request: pytest.FixtureRequest) -> Iterator[WebhookReceiver]:
    """A signed-webhook receiver on 127.0.0.1; parametrize indirectly with serve_webhook's
    keyword arguments (`secret`, `statuses`, `retry_after`) to script it."""
    with serve_webhook(**getattr(request, "param", {})) as receiver:
        yield receiver


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = SqliteStore(tmp_path / "store.sqlite3")
    yield store
    store.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()
