"""Fixtures for the connector tests: loopback HTTP servers and the store contract."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from loopback_server import Loopback, serve_on


@pytest.fixture(scope="session")
def loopback() -> Iterator[Loopback]:
    """The running server for the whole session."""
    with serve_on() as handle:
        yield handle


@pytest.fixture(scope="session")
def second_loopback() -> Iterator[Loopback]:
    """Another server, on 127.0.0.2: a second host for allow-list and redirect tests."""
    with serve_on("127.0.0.2") as handle:
        yield handle


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


@pytest.fixture
def closed_port_url() -> str:
    """A URL on a loopback port nothing listens on: connection refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


# -- `store`: one contract, every implementation (SQLite here; Elasticsearch with the stack) --


@pytest.fixture(scope="session")
def es_url() -> Iterator[str]:
    from claimwatch.deploy.stack import endpoints

    with endpoints() as (_kafka, es):
        yield es


def _sqlite(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    try:
        from claimwatch.connectors.sqlite_store import SqliteStore
    except ImportError as exc:
        pytest.skip(f"claimwatch.connectors.sqlite_store is not importable yet: {exc}")
    return SqliteStore(tmp_path / "store.db")


def _elasticsearch(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    from claimwatch.connectors.es_store import ElasticsearchStore
    from elasticsearch import Elasticsearch

    client = Elasticsearch(request.getfixturevalue("es_url"), request_timeout=30)
    prefix = f"cwtest-{uuid.uuid4().hex[:10]}-"

    def clean_up() -> None:
        client.indices.delete(index=f"{prefix}*")
        client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}*")
        client.close()

    request.addfinalizer(clean_up)
    return ElasticsearchStore(client, prefix=prefix)


@pytest.fixture(
    params=[
        pytest.param(_sqlite, id="sqlite"),
        pytest.param(_elasticsearch, id="elasticsearch", marks=pytest.mark.integration),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    made = request.param(tmp_path, request)
    yield made
    made.close()
