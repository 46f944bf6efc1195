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
    SecretStr,
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

    # One deadline for a whole request: connect, headers, body and redirects together.
    timeout_seconds: float = Field(default=30.0, gt=0)
    # News pages are rarely above 2 MB; anything larger is a PDF, a video page or an attack.
    max_bytes: int = 5_000_000
    # One request per host per second keeps us polite to small publishers.
    min_interval_per_host: float = Field(default=1.0, ge=0)
    user_agent: str = "claimwatch/0.1 (+https://github.com/claimwatch/claimwatch; news monitor)"
    # Page links from feed items reach public unicast addresses only; these CIDR ranges are
    # opened on purpose (an intranet news site, a test server on 127.0.0.0/8).
    allow_networks: tuple[str, ...] = ()
    # A poll ends by then, keeping what it fetched: 4 minutes leaves the default 5-minute
    # interval room to process before the next poll.
    poll_deadline_seconds: float = Field(default=240.0, gt=0)
    # Pages fetched at once across hosts (each host still one at a time).
    page_workers: int = Field(default=16, ge=1, le=256)
    # Tries for a page across polls before the feed summary is final.
    page_attempts: int = Field(default=4, ge=1, le=20)
    max_redirects: int = Field(default=5, ge=0, le=20)

    @field_validator("allow_networks")
    @classmethod
    def _cidrs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        import ipaddress

        for cidr in value:
            try:
                ipaddress.ip_network(cidr.strip(), strict=False)
            except ValueError as exc:
                raise ValueError(f"{cidr!r} is not a CIDR range such as 10.1.0.0/16") from exc
        return value


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
    # Processes that analyse articles (figures, NER) beside the one that decides; unset: the
    # number of cores ($CLAIMWATCH_WORKERS overrides). `claimwatch run --workers N` sets it.
    workers: int | None = Field(default=None, ge=1, le=256)

    @model_validator(mode="after")
    def _runner_has_what_it_needs(self) -> PipelineSettings:
        from claimwatch.pipelines.runners import runner_problems

        problems = runner_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class SecretFields(BaseModel):
    """A secret given at most one way: `<name>_env` (a variable), `<name>_file`, or inline."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def _secret_sources(self, name: str) -> list[str]:
        given = [f for f in (name, f"{name}_env", f"{name}_file") if getattr(self, f) is not None]
        if len(given) > 1:
            raise ValueError(f"give {name} one way, not {' and '.join(given)}")
        return given


class KafkaSettings(SecretFields):
    bootstrap: str
    topic: str = "claimwatch.articles"
    partitions: int = Field(default=3, ge=1)
    # "group": several `claimwatch run` processes with one consumer name split the
    # partitions through Kafka's group protocol; "assign": one reader owns them all;
    # "standby": a group in which the oldest member owns every partition and decides, the
    # others wait and take over from the last commit (one decider, no single point of failure).
    membership: Literal["assign", "group", "standby"] = "assign"
    # Kafka's own default: a crashed member's partitions move after 10 s without heartbeat.
    session_timeout_seconds: float = Field(default=10.0, gt=0)
    # One batch's processing must fit; a member slower than this is dropped by the group.
    max_poll_interval_seconds: float = Field(default=300.0, gt=0)
    # Record timestamps are publication times: time retention would drop a backfill at once.
    retention_ms: int = -1
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    username: str | None = None
    password: SecretStr | None = None
    password_env: str | None = None
    password_file: Path | None = None
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None
    ssl_check_hostname: bool = True

    @model_validator(mode="after")
    def _sasl_complete(self) -> KafkaSettings:
        given = self._secret_sources("password")
        if self.security_protocol.startswith("SASL_") and not (
            self.sasl_mechanism and self.username and given
        ):
            raise ValueError(
                f"security_protocol {self.security_protocol} needs sasl_mechanism, username "
                "and password_env or password_file"
            )
        return self


class ElasticsearchSettings(SecretFields):
    url: str
    index_prefix: str = "claimwatch-"
    text_analyzer: str = "standard"
    # Basic auth (username + password) or an API key (the base64 "id:key" Kibana shows).
    username: str | None = None
    password: SecretStr | None = None
    password_env: str | None = None
    password_file: Path | None = None
    api_key: SecretStr | None = None
    api_key_env: str | None = None
    api_key_file: Path | None = None
    ca_certs: Path | None = None  # PEM of the CA that signed the cluster's HTTP certificate
    verify_certs: bool = True

    @model_validator(mode="after")
    def _one_way_to_authenticate(self) -> ElasticsearchSettings:
        password, api_key = self._secret_sources("password"), self._secret_sources("api_key")
        if password and api_key:
            raise ValueError("give either username + password or an api_key, not both")
        if bool(password) != bool(self.username):
            raise ValueError("basic auth needs both username and password_env/password_file")
        if self.username and "@" in self.url.partition("://")[2].partition("/")[0]:
            raise ValueError("credentials are given twice: in the url and as username")
        return self


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
    for section, keys in _SECRET_PATHS.items():
        if isinstance(raw.get(section), dict):
            out[section] = {
                k: str((base / v).resolve())
                if k in keys and isinstance(v, str) and not Path(v).is_absolute()
                else v
                for k, v in raw[section].items()
            }
    return out


# Secret and certificate files are relative to the config file too.
_SECRET_PATHS = {
    "kafka": {"password_file", "ssl_cafile", "ssl_certfile", "ssl_keyfile"},
    "elasticsearch": {"password_file", "api_key_file", "ca_certs"},
}
