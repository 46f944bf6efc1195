"""Settings, validated once when loaded: one model per concern, passed down as plain values.

A config file is YAML with optional top-level sections `feeds`, `pipeline`, `kafka`,
`elasticsearch`, `alerts`; command-line options override it. Paths in the file are relative
to the file itself, so `--config elsewhere/claimwatch.yaml` works from any directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from claimwatch.transforms.errors import ConfigError
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)


class FeedSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    source: str | None = None
    fetch_pages: bool = True


class FetchSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    timeout_seconds: float = 20.0
    # News pages are rarely above 2 MB; anything larger is a PDF, a video page or an attack.
    max_bytes: int = 5_000_000
    # One request per host per second keeps us polite to small publishers.
    min_interval_per_host: float = 1.0
    user_agent: str = "claimwatch/0.1 (+https://github.com/claimwatch/claimwatch; news monitor)"


class PipelineSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # The in-process runner is the embedded default; the others run the same graph on a Beam
    # job service (pipelines/runners.py turns these fields into Beam's options).
    runner: Literal["embedded", "portable", "flink", "dataflow"] = "embedded"
    flink_master: str = "[local]"
    # portable: the Job API endpoint (Prism, Beam's Flink or Spark job server) and where the
    # SDK workers run: LOOPBACK (inside this process), EXTERNAL (a worker pool at
    # environment_config HOST:PORT) or DOCKER (environment_config = the SDK image).
    job_endpoint: str | None = None
    environment: Literal["LOOPBACK", "EXTERNAL", "DOCKER"] = "LOOPBACK"
    environment_config: str | None = None
    # flink: a job-server jar already on disk, so Beam does not download one at run time.
    flink_job_server_jar: Path | None = None
    # dataflow: where, and a bucket for staging and temp files.
    project: str | None = None
    region: str | None = None
    temp_location: str | None = None
    # Any other Beam option, passed as given ("--sdk_container_image=…").
    beam_args: tuple[str, ...] = ()
    # Each slice pays about two seconds of Beam set-up; 1,000 records (about 300 MB peak
    # with the NER model) keep that under a tenth of the slice's work.
    batch_size: int = Field(default=1000, ge=1, le=100_000)
    poll_interval_seconds: float = Field(default=300.0, gt=0)
    # NER on sentences holding a tracked figure (fast), any number ("numbers"), or all.
    entity_scope: Literal["figures", "numbers", "all"] = "figures"
    conflict_window_hours: float = Field(default=24.0, gt=0)
    consumer: str = "claimwatch-pipeline"

    @model_validator(mode="after")
    def _runner_has_what_it_needs(self) -> PipelineSettings:
        from claimwatch.pipelines.runners import runner_problems

        problems = runner_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class KafkaSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    bootstrap: str
    topic: str = "claimwatch.articles"
    partitions: int = Field(default=3, ge=1)


class ElasticsearchSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    index_prefix: str = "claimwatch-"
    text_analyzer: str = "standard"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dir: Path = Path("claimwatch-data")
    feeds: tuple[FeedSettings, ...] = ()
    fetch: FetchSettings = FetchSettings()
    pipeline: PipelineSettings = PipelineSettings()
    kafka: KafkaSettings | None = None
    elasticsearch: ElasticsearchSettings | None = None
    alerts: Path | None = None  # alert rules and channels (config/alerts.yaml form)

    @field_validator("feeds", mode="before")
    @classmethod
    def _feeds_as_objects(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple({"url": v} if isinstance(v, str) else v for v in value)
        return value


def default_config_path() -> Path:
    """The bundled config/feeds.yaml: the demo feeds."""
    return Path(str(resources.files("claimwatch.config").joinpath("feeds.yaml")))


def load_settings(path: Path | None, **overrides: Any) -> Settings:
    """Read the YAML file (the bundled demo config when None) and apply overrides."""
    path = path or default_config_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist: check --config") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"config file {path} is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"config file {path} must be a mapping with a 'feeds' list")
    raw = _resolve_paths(raw, path.parent)
    for key, value in overrides.items():
        if value is not None:
            raw[key] = value
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"config {path}: {problems}") from exc


def _resolve_paths(raw: dict[str, Any], base: Path) -> dict[str, Any]:
    """Feed paths and the alerts file are relative to the config file, not the cwd."""
    out = dict(raw)
    feeds = []
    for feed in raw.get("feeds") or []:
        entry = {"url": feed} if isinstance(feed, str) else dict(feed)
        url = str(entry.get("url", ""))
        if url and "://" not in url and not Path(url).is_absolute():
            entry["url"] = str((base / url).resolve())
        feeds.append(entry)
    if feeds:
        out["feeds"] = feeds
    if isinstance(raw.get("alerts"), str) and not Path(raw["alerts"]).is_absolute():
        out["alerts"] = str((base / raw["alerts"]).resolve())
    return out
