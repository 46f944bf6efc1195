"""Which log and store to use: embedded SQLite files, or Kafka and Elasticsearch.

Specs are small picklable values, so Beam workers can open their own connections in setup().
They name where each secret comes from (SecretSource), and read it only in open(): a secret
from the environment or a file never travels inside a pickled pipeline graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claimwatch.connectors.log import ArticleLog
from claimwatch.connectors.secrets import SecretSource, reveal
from claimwatch.connectors.store import Store
from claimwatch.pipelines.settings import ElasticsearchSettings, KafkaSettings, Settings
from claimwatch.transforms.errors import ConfigError


@dataclass(frozen=True, slots=True)
class EsAuthSpec:
    username: str | None = None
    password: SecretSource | None = None
    api_key: SecretSource | None = None
    ca_certs: str | None = None
    verify_certs: bool = True


@dataclass(frozen=True, slots=True)
class KafkaSecuritySpec:
    protocol: str = "PLAINTEXT"
    sasl_mechanism: str | None = None
    username: str | None = None
    password: SecretSource | None = None
    ssl_cafile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None
    ssl_check_hostname: bool = True


@dataclass(frozen=True, slots=True)
class StoreSpec:
    kind: str  # "sqlite" | "elasticsearch"
    location: str  # file path or URL
    index_prefix: str = "claimwatch-"
    text_analyzer: str = "standard"
    auth: EsAuthSpec = field(default_factory=EsAuthSpec)

    def open(self) -> Store:
        if self.kind == "sqlite":
            from claimwatch.connectors.sqlite_store import SqliteStore

            return SqliteStore(self.location)
        try:
            from claimwatch.connectors.es_auth import ElasticsearchAuth
            from claimwatch.connectors.es_store import ElasticsearchStore
        except ImportError as exc:
            raise ConfigError(
                "the Elasticsearch store needs the elasticsearch extra: "
                "pip install 'claimwatch[elasticsearch]'"
            ) from exc
        auth = ElasticsearchAuth(
            username=self.auth.username,
            password=reveal(self.auth.password),
            api_key=reveal(self.auth.api_key),
            ca_certs=self.auth.ca_certs,
            verify_certs=self.auth.verify_certs,
        )
        return ElasticsearchStore(
            self.location, prefix=self.index_prefix, analyzer=self.text_analyzer, auth=auth
        )


@dataclass(frozen=True, slots=True)
class LogSpec:
    kind: str  # "sqlite" | "kafka"
    location: str  # file path or bootstrap servers
    topic: str = "claimwatch.articles"
    partitions: int = 3
    membership: str = "assign"  # "assign" | "group" (see connectors/kafka_log.py)
    session_timeout: float = 10.0
    max_poll_interval: float = 300.0
    retention_ms: int = -1
    security: KafkaSecuritySpec = field(default_factory=KafkaSecuritySpec)

    def open(self) -> ArticleLog:
        if self.kind == "sqlite":
            from claimwatch.connectors.sqlite_log import SqliteLog

            return SqliteLog(self.location)
        try:
            from claimwatch.connectors.kafka_log import KafkaLog
            from claimwatch.connectors.kafka_security import KafkaSecurity
        except ImportError as exc:
            raise ConfigError(
                "the Kafka log needs the kafka extra: pip install 'claimwatch[kafka]'"
            ) from exc
        sec = self.security
        security = KafkaSecurity(
            protocol=sec.protocol,  # type: ignore[arg-type]  # validated by KafkaSettings
            sasl_mechanism=sec.sasl_mechanism,  # type: ignore[arg-type]
            username=sec.username,
            password=reveal(sec.password),
            ssl_cafile=sec.ssl_cafile,
            ssl_certfile=sec.ssl_certfile,
            ssl_keyfile=sec.ssl_keyfile,
            ssl_check_hostname=sec.ssl_check_hostname,
        )
        return KafkaLog(
            self.location,
            topic=self.topic,
            partitions=self.partitions,
            membership=self.membership,  # type: ignore[arg-type]  # validated by KafkaSettings
            session_timeout=self.session_timeout,
            max_poll_interval=self.max_poll_interval,
            retention_ms=self.retention_ms,
            security=security,
        )


def store_spec(settings: Settings) -> StoreSpec:
    if settings.elasticsearch is not None:
        es = settings.elasticsearch
        return StoreSpec(
            "elasticsearch", es.url, es.index_prefix, es.text_analyzer, es_auth_spec(es)
        )
    # Absolute: a worker of a portable runner opens the store from its own working directory.
    return StoreSpec("sqlite", str((Path(settings.data_dir) / "store.sqlite3").resolve()))


def log_spec(settings: Settings) -> LogSpec:
    if settings.kafka is not None:
        k = settings.kafka
        return LogSpec(
            "kafka",
            k.bootstrap,
            k.topic,
            k.partitions,
            membership=k.membership,
            session_timeout=k.session_timeout_seconds,
            max_poll_interval=k.max_poll_interval_seconds,
            retention_ms=k.retention_ms,
            security=kafka_security_spec(k),
        )
    # Absolute, as the store's: a worker elsewhere reads its slice's offset range from it.
    return LogSpec("sqlite", str((Path(settings.data_dir) / "log.sqlite3").resolve()))


def es_auth_spec(es: ElasticsearchSettings) -> EsAuthSpec:
    return EsAuthSpec(
        username=es.username,
        password=_source(es.password, es.password_env, es.password_file),
        api_key=_source(es.api_key, es.api_key_env, es.api_key_file),
        ca_certs=_path(es.ca_certs),
        verify_certs=es.verify_certs,
    )


def kafka_security_spec(k: KafkaSettings) -> KafkaSecuritySpec:
    return KafkaSecuritySpec(
        protocol=k.security_protocol,
        sasl_mechanism=k.sasl_mechanism,
        username=k.username,
        password=_source(k.password, k.password_env, k.password_file),
        ssl_cafile=_path(k.ssl_cafile),
        ssl_certfile=_path(k.ssl_certfile),
        ssl_keyfile=_path(k.ssl_keyfile),
        ssl_check_hostname=k.ssl_check_hostname,
    )


def _source(value: object, env: str | None, file: Path | None) -> SecretSource | None:
    from pydantic import SecretStr

    if isinstance(value, SecretStr):
        return SecretSource(value=value)
    if env:
        return SecretSource(env=env)
    if file is not None:
        return SecretSource(file=str(file))
    return None


def _path(path: Path | None) -> str | None:
    return None if path is None else str(path)
