"""Which log and store to use: embedded SQLite files, or Kafka and Elasticsearch.

Specs are small picklable values, so Beam workers can open their own connections in setup().
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimwatch.connectors.log import ArticleLog
from claimwatch.connectors.store import Store
from claimwatch.pipelines.settings import Settings
from claimwatch.transforms.errors import ConfigError


@dataclass(frozen=True, slots=True)
class StoreSpec:
    kind: str  # "sqlite" | "elasticsearch"
    location: str  # file path or URL
    index_prefix: str = "claimwatch-"
    text_analyzer: str = "standard"

    def open(self) -> Store:
        if self.kind == "sqlite":
            from claimwatch.connectors.sqlite_store import SqliteStore

            return SqliteStore(self.location)
        try:
            from claimwatch.connectors.es_store import ElasticsearchStore
        except ImportError as exc:
            raise ConfigError(
                "the Elasticsearch store needs the elasticsearch extra: "
                "pip install 'claimwatch[elasticsearch]'"
            ) from exc
        return ElasticsearchStore(
            self.location, prefix=self.index_prefix, analyzer=self.text_analyzer
        )


@dataclass(frozen=True, slots=True)
class LogSpec:
    kind: str  # "sqlite" | "kafka"
    location: str  # file path or bootstrap servers
    topic: str = "claimwatch.articles"
    partitions: int = 3

    def open(self) -> ArticleLog:
        if self.kind == "sqlite":
            from claimwatch.connectors.sqlite_log import SqliteLog

            return SqliteLog(self.location)
        try:
            from claimwatch.connectors.kafka_log import KafkaLog
        except ImportError as exc:
            raise ConfigError(
                "the Kafka log needs the kafka extra: pip install 'claimwatch[kafka]'"
            ) from exc
        return KafkaLog(self.location, topic=self.topic, partitions=self.partitions)


def store_spec(settings: Settings) -> StoreSpec:
    if settings.elasticsearch is not None:
        es = settings.elasticsearch
        return StoreSpec("elasticsearch", es.url, es.index_prefix, es.text_analyzer)
    # Absolute: a worker of a portable runner opens the store from its own working directory.
    return StoreSpec("sqlite", str((Path(settings.data_dir) / "store.sqlite3").resolve()))


def log_spec(settings: Settings) -> LogSpec:
    if settings.kafka is not None:
        k = settings.kafka
        return LogSpec("kafka", k.bootstrap, k.topic, k.partitions)
    return LogSpec("sqlite", str(Path(settings.data_dir) / "log.sqlite3"))
