"""Secrets in settings: given one way, read only when a client is built, printed nowhere."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from claimwatch.connectors.kafka_security import KafkaSecurity
from claimwatch.connectors.secrets import SecretSource, redact, redact_url
from claimwatch.pipelines.backends import log_spec, store_spec
from claimwatch.pipelines.settings import load_settings
from claimwatch.transforms.errors import ConfigError
from pydantic import SecretStr

SECRET = "s3cr3t-Pa55-do-not-print"


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claimwatch.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_secrets_come_from_the_environment_only_when_a_client_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(
        config(
            tmp_path,
            "kafka: {bootstrap: '127.0.0.1:1', security_protocol: SASL_PLAINTEXT,\n"
            "        sasl_mechanism: PLAIN, username: alice, password_env: CW_TEST_KAFKA_PW}\n"
            "elasticsearch: {url: 'http://127.0.0.1:2', username: elastic,\n"
            "                password_env: CW_TEST_ES_PW}\n",
        )
    )
    log, store = log_spec(settings), store_spec(settings)
    monkeypatch.setenv("CW_TEST_KAFKA_PW", SECRET)
    monkeypatch.setenv("CW_TEST_ES_PW", SECRET)
    # The specs travel to Beam workers: they name the variable, never hold its value.
    for spec in (log, store):
        assert SECRET.encode() not in pickle.dumps(spec)
        assert SECRET not in repr(spec)
    assert log.security.password is not None
    assert log.security.password.reveal().get_secret_value() == SECRET
    assert store.auth.password is not None
    assert store.auth.password.describe() == "environment variable CW_TEST_ES_PW"


def test_a_missing_secret_names_where_it_was_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CW_TEST_UNSET", raising=False)
    with pytest.raises(ConfigError, match=r"CW_TEST_UNSET.*not set"):
        SecretSource(env="CW_TEST_UNSET").reveal()
    with pytest.raises(ConfigError, match="cannot read the secret file"):
        SecretSource(file=str(tmp_path / "absent")).reveal()
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(ConfigError, match="is empty"):
        SecretSource(file=str(tmp_path / "empty")).reveal()


def test_secret_and_certificate_files_are_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "es").write_text(SECRET + "\n")
    settings = load_settings(
        config(
            tmp_path,
            "elasticsearch: {url: 'https://127.0.0.1:2', username: elastic,\n"
            "                password_file: secrets/es, ca_certs: certs/ca.pem}\n",
        )
    )
    spec = store_spec(settings)
    assert spec.auth.ca_certs == str(tmp_path / "certs" / "ca.pem")
    assert spec.auth.password is not None
    assert spec.auth.password.reveal().get_secret_value() == SECRET  # stripped of "\n"


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        ("kafka: {bootstrap: 'h:1', security_protocol: SASL_SSL, sasl_mechanism: PLAIN}", "needs"),
        (
            "kafka: {bootstrap: 'h:1', password_env: A, password_file: /b}",
            "password one way",
        ),
        (
            "elasticsearch: {url: 'http://h', username: u, password_env: A, api_key_env: B}",
            "not both",
        ),
        ("elasticsearch: {url: 'http://h', password_env: A}", "needs both"),
        (
            "elasticsearch: {url: 'http://u:p@h', username: u, password_env: A}",
            "given twice",
        ),
        ("kafka: {bootstrap: 'h:1', sasl_mechanism: GSSAPI}", "sasl_mechanism"),
    ],
)
def test_incomplete_or_ambiguous_credentials_are_refused(
    tmp_path: Path, section: str, problem: str
) -> None:
    with pytest.raises(ConfigError, match=problem):
        load_settings(config(tmp_path, section + "\n"))


def test_an_inline_secret_is_a_secret_type_and_never_printed(tmp_path: Path) -> None:
    settings = load_settings(
        config(tmp_path, f"elasticsearch: {{url: 'http://h', api_key: {SECRET}}}\n")
    )
    assert settings.elasticsearch is not None
    assert isinstance(settings.elasticsearch.api_key, SecretStr)
    assert SECRET not in repr(settings) and SECRET not in str(settings.model_dump())


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://elastic:hunter2@es.example:9243/", "https://es.example:9243/"),
        ("http://127.0.0.1:9200", "http://127.0.0.1:9200"),
        ("see http://u:p@h:1/x and https://v@h2", "see http://h:1/x and https://h2"),
    ],
)
def test_urls_lose_their_credentials(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_redact_masks_known_secret_values() -> None:
    assert redact(f"auth failed for {SECRET}!", [SecretStr(SECRET), None]) == "auth failed for ***!"


def test_the_kafka_password_hides_from_the_client_settings_dump() -> None:
    options = KafkaSecurity(
        protocol="SASL_PLAINTEXT",
        sasl_mechanism="SCRAM-SHA-256",
        username="alice",
        password=SecretStr(SECRET),
    ).client_options()
    # kafka-python's admin client logs this dict at DEBUG; the library still gets the value.
    assert SECRET not in repr(options) and SECRET not in str(options)
    assert options["sasl_plain_password"] == SECRET
    assert options["sasl_plain_password"].encode() == SECRET.encode()
    with pytest.raises(ConfigError, match="needs sasl_mechanism"):
        KafkaSecurity(protocol="SASL_SSL").client_options()


def test_secrets_are_masked_in_records_of_a_librarys_loggers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    from claimwatch.connectors.secrets import hide_in_logs

    caplog.set_level(logging.DEBUG)
    hide_in_logs("cwtestlib", [SecretStr(SECRET)])
    logging.getLogger("cwtestlib").debug("auth_bytes=%r", b"alice\x00alice\x00" + SECRET.encode())
    logging.getLogger("cwtestlib").debug("password %s", SECRET)
    logging.getLogger("elsewhere").debug("untouched %s", "x")
    messages = [r.getMessage() for r in caplog.records]
    assert all(SECRET not in m for m in messages)
    assert messages[:2] == ["auth_bytes=b'alice\\x00alice\\x00***'", "password ***"]
    assert messages[2] == "untouched x"
