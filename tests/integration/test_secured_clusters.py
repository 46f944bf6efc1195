"""Secured clusters: Elasticsearch with security on (basic auth) and Kafka with SASL.

A broker and a node of our own on other ports (deploy/stack_secure.py), started once for the
module and stopped after it. Every test captures every log record at DEBUG, the client
libraries' included, and checks that no secret shows there or in any error's text.
"""

from __future__ import annotations

import logging
import secrets
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from claimwatch.deploy.stack_secure import SecuredStack, secured_stack
from claimwatch.pipelines.backends import log_spec, store_spec
from claimwatch.pipelines.settings import default_config_path, load_settings
from claimwatch.transforms.errors import ClaimwatchError, ConfigError
from claimwatch.transforms.models import Article

pytestmark = [pytest.mark.integration, pytest.mark.slow]
PORTS = {"kafka_port": 29392, "controller_port": 29393, "es_port": 29600}


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecuredStack]:
    with secured_stack(
        tmp_path_factory.mktemp("secured-stack"),
        **PORTS,
        username="alice",
        password="kafka-" + secrets.token_hex(12),
        elastic_password="elastic-" + secrets.token_hex(12),
        start_timeout=240,
    ) as stack:
        yield stack


@pytest.fixture
def every_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # root: kafka-python and elastic_transport included
    return caplog


def assert_hidden(text: str, *secret_values: str) -> None:
    for value in secret_values:
        assert value not in text


def logged(caplog: pytest.LogCaptureFixture) -> str:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        if record.exc_info:
            lines.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(lines)


def settings_for(tmp_path: Path, **sections: dict[str, Any]) -> Any:
    path = tmp_path / f"claimwatch-{uuid.uuid4().hex[:6]}.yaml"
    path.write_text(yaml.safe_dump(sections), encoding="utf-8")
    return load_settings(path)


def test_elasticsearch_basic_auth_from_env_works_and_never_shows_the_password(
    secured: SecuredStack,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    every_log: pytest.LogCaptureFixture,
    make_article: Callable[..., Article],
) -> None:
    monkeypatch.setenv("CW_ES_PASSWORD", secured.elastic_password)
    es = {"url": secured.es_url, "index_prefix": f"cwsec-{uuid.uuid4().hex[:6]}-"}
    good = settings_for(
        tmp_path, elasticsearch={**es, "username": "elastic", "password_env": "CW_ES_PASSWORD"}
    )
    store = store_spec(good).open()
    try:
        store.save_articles([make_article(1), make_article(2)])
        assert {a.id for a in store.articles()} == {make_article(1).id, make_article(2).id}
    finally:
        store.close()

    wrong = "wrong-" + secrets.token_hex(8)
    (tmp_path / "es-password").write_text(wrong + "\n")
    bad = settings_for(
        tmp_path,
        elasticsearch={**es, "username": "elastic", "password_file": str(tmp_path / "es-password")},
    )
    store = store_spec(bad).open()
    with pytest.raises(ConfigError, match="refused the credentials") as refused:
        store.articles()
    store.close()
    assert_hidden(str(refused.value), wrong, secured.elastic_password)

    # Credentials written into the URL: the store masks them in what it says.
    in_url = f"http://elastic:{secured.elastic_password}@127.0.0.1:{PORTS['es_port']}"
    store = store_spec(settings_for(tmp_path, elasticsearch={**es, "url": in_url})).open()
    try:
        assert len(store.articles()) == 2
        assert_hidden(store.url, secured.elastic_password)
    finally:
        store.close()
    closed = f"http://elastic:{secured.elastic_password}@127.0.0.1:9"  # nothing listens
    store = store_spec(settings_for(tmp_path, elasticsearch={**es, "url": closed})).open()
    with pytest.raises(ClaimwatchError) as unreachable:
        store.articles()
    store.close()
    assert_hidden(str(unreachable.value), secured.elastic_password)
    assert_hidden(logged(every_log), secured.elastic_password, wrong)


def test_elasticsearch_api_key_from_env_works_and_a_revoked_one_is_a_config_error(
    secured: SecuredStack,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    every_log: pytest.LogCaptureFixture,
    make_article: Callable[..., Article],
) -> None:
    from elasticsearch import BadRequestError, Elasticsearch

    admin = Elasticsearch(secured.es_url, basic_auth=("elastic", secured.elastic_password))
    try:
        try:
            key = admin.security.create_api_key(name=f"cwtest-{uuid.uuid4().hex[:6]}")
        except BadRequestError as exc:
            # The integ-test distribution lacks analysis-common, which the .security index
            # (where API keys live) needs; a full distribution creates the key.
            pytest.skip(f"this Elasticsearch cannot create API keys: {exc.message}")
        encoded = str(key["encoded"])
        monkeypatch.setenv("CW_ES_API_KEY", encoded)
        es = {
            "url": secured.es_url,
            "index_prefix": f"cwsec-{uuid.uuid4().hex[:6]}-",
            "api_key_env": "CW_ES_API_KEY",
        }
        store = store_spec(settings_for(tmp_path, elasticsearch=es)).open()
        try:
            store.save_articles([make_article(3)])
            assert [a.id for a in store.articles()] == [make_article(3).id]
        finally:
            store.close()
        admin.security.invalidate_api_key(ids=[key["id"]])
        store = store_spec(settings_for(tmp_path, elasticsearch=es)).open()
        with pytest.raises(ConfigError, match="refused the credentials") as refused:
            store.articles()
        store.close()
    finally:
        admin.close()
    assert_hidden(str(refused.value), encoded, str(key["api_key"]))
    assert_hidden(logged(every_log), encoded, str(key["api_key"]), secured.elastic_password)


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256"])
def test_kafka_sasl_from_a_file_works_and_never_shows_the_password(
    secured: SecuredStack,
    tmp_path: Path,
    every_log: pytest.LogCaptureFixture,
    make_article: Callable[..., Article],
    mechanism: str,
) -> None:
    (tmp_path / "kafka-password").write_text(secured.password + "\n")
    kafka = {
        "bootstrap": secured.bootstrap,
        "topic": f"cwsec.{uuid.uuid4().hex[:6]}.articles",
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": mechanism,
        "username": secured.username + ("-scram" if mechanism.startswith("SCRAM") else ""),
        "password_file": str(tmp_path / "kafka-password"),
    }
    log = log_spec(settings_for(tmp_path, kafka=kafka)).open()
    try:
        log.append([make_article(n) for n in range(5)])
        batch = log.read_batch("pipeline", 100)
        assert len(batch) == 5
        log.commit("pipeline", batch)
        assert log.lag("pipeline") == 0
    finally:
        log.close()

    wrong = "wrong-" + secrets.token_hex(8)
    (tmp_path / "kafka-password").write_text(wrong)
    log = log_spec(settings_for(tmp_path, kafka=kafka)).open()
    with pytest.raises(ClaimwatchError) as refused:
        log.append([make_article(9)])
    log.close()
    assert secured.bootstrap in str(refused.value)
    assert_hidden(str(refused.value), wrong, secured.password)
    assert_hidden(logged(every_log), secured.password, wrong)


def test_run_once_on_the_secured_stack_prints_no_secret(
    secured: SecuredStack, tmp_path: Path
) -> None:
    demo = yaml.safe_load(default_config_path().read_text(encoding="utf-8"))
    feeds = [{**f, "url": str(default_config_path().parent / f["url"])} for f in demo["feeds"]]
    config = tmp_path / "secured.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "feeds": feeds,
                "kafka": {
                    "bootstrap": secured.bootstrap,
                    "topic": f"cwsec.{uuid.uuid4().hex[:6]}.articles",
                    "security_protocol": "SASL_PLAINTEXT",
                    "sasl_mechanism": "PLAIN",
                    "username": secured.username,
                    "password_env": "CW_KAFKA_PASSWORD",
                },
                "elasticsearch": {
                    "url": secured.es_url,
                    "index_prefix": f"cwsec-{uuid.uuid4().hex[:6]}-",
                    "username": "elastic",
                    "password_env": "CW_ES_PASSWORD",
                },
            }
        ),
        encoding="utf-8",
    )
    env = {
        **_env(),
        "CW_KAFKA_PASSWORD": secured.password,
        "CW_ES_PASSWORD": secured.elastic_password,
    }
    argv = [sys.executable, "-m", "claimwatch.pipelines.cli"]
    done = subprocess.run(
        [*argv, "run", "--once", "--config", str(config), "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    alerts = subprocess.run(
        [*argv, "alerts", "--format", "jsonl", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    assert len(alerts.stdout.splitlines()) >= 5
    for text in (done.stdout, done.stderr, alerts.stdout, alerts.stderr):
        assert_hidden(text, secured.password, secured.elastic_password)


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("CW_")}
