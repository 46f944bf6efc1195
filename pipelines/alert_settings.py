"""Alert settings (config/alerts.yaml), validated once, and the channels and rules they build.

    alerts.yaml ──load_alert_settings──▶ AlertSettings
                 ──build_alerting(--alert-webhook, --alert-secret)──▶ Alerting
                        rules (transforms/alert_rules) + channels (connectors/channels)
                        .deliver(store, new alerts, now)   .check_health(store, feeds, …)

A rule's channel list may name "*": every channel, including webhooks added on the command
line, which is how `--alert-webhook URL` receives alerts without editing the file. Secrets are
`SecretStr` and can come from the environment (`secret_env`, `password_env`, `url_env`) so the
file itself holds none; nothing has a default credential.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from claimwatch.connectors.channels import Channel
from claimwatch.connectors.channels.console import ConsoleChannel
from claimwatch.connectors.channels.email import EmailChannel
from claimwatch.connectors.channels.jsonl import JsonlChannel
from claimwatch.connectors.channels.slack import SlackChannel
from claimwatch.connectors.channels.webhook import WebhookChannel
from claimwatch.connectors.delivery import AlertDispatcher, DeliveryReport, sent_history
from claimwatch.connectors.store import Store
from claimwatch.transforms.alert_rules import DEFAULT_CHANGES, AlertRule, select_alerts
from claimwatch.transforms.alert_text import render_alert
from claimwatch.transforms.errors import AlertDeliveryError, ConfigError
from claimwatch.transforms.health import (
    FeedStats,
    HealthAlert,
    HealthThresholds,
    ServiceStatus,
    check_health,
)
from claimwatch.transforms.models import Alert, ChangeKind, Claim, ClaimKey, Metric, SourceValue
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

log = logging.getLogger(__name__)

ALL_CHANNELS = "*"
CLI_WEBHOOK_PREFIX = "cli-webhook-"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSettings(_Model):
    name: str = Field(min_length=1)
    channels: tuple[str, ...] = Field(min_length=1)
    metrics: tuple[Metric, ...] = ()
    subjects: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    changes: tuple[ChangeKind, ...] = DEFAULT_CHANGES
    min_abs_change: float = Field(default=0.0, ge=0)
    min_pct_change: float = Field(default=0.0, ge=0)
    min_sources: int = Field(default=1, ge=1)
    cooldown_minutes: float = Field(default=0.0, ge=0)
    include_new: bool = False

    def to_rule(self, channel_names: Sequence[str]) -> AlertRule:
        channels: list[str] = []
        for name in self.channels:
            channels += list(channel_names) if name == ALL_CHANNELS else [name]
        return AlertRule(
            name=self.name,
            channels=tuple(dict.fromkeys(channels)),
            metrics=self.metrics,
            subjects=self.subjects,
            keywords=self.keywords,
            changes=self.changes,
            min_abs_change=self.min_abs_change,
            min_pct_change=self.min_pct_change,
            min_sources=self.min_sources,
            cooldown=timedelta(minutes=self.cooldown_minutes),
            include_new=self.include_new,
        )


class ConsoleSettings(_Model):
    type: Literal["console"]


class JsonlSettings(_Model):
    type: Literal["jsonl"]
    path: Path  # relative paths are under the data directory


class WebhookSettings(_Model):
    type: Literal["webhook"]
    url: str = Field(pattern=r"^https?://")
    secret: SecretStr | None = None
    secret_env: str | None = None
    timeout_seconds: float = Field(default=10.0, gt=0)


class SlackSettings(_Model):
    type: Literal["slack"]
    # The incoming-webhook URL is itself the credential.
    url: SecretStr | None = None
    url_env: str | None = None
    timeout_seconds: float = Field(default=10.0, gt=0)

    @model_validator(mode="after")
    def _one_url(self) -> SlackSettings:
        if (self.url is None) == (self.url_env is None):
            raise ValueError("give exactly one of url or url_env (the incoming-webhook URL)")
        return self


class EmailSettings(_Model):
    type: Literal["email"]
    host: str
    port: int = Field(default=25, ge=1, le=65535)
    starttls: bool = False
    username: str | None = None
    password: SecretStr | None = None
    password_env: str | None = None
    sender: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    recipients: tuple[Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+$")], ...] = Field(
        min_length=1
    )
    timeout_seconds: float = Field(default=30.0, gt=0)


class KafkaTopicSettings(_Model):
    type: Literal["kafka"]
    bootstrap: str
    topic: str = "claimwatch.alerts"


class ElasticsearchIndexSettings(_Model):
    type: Literal["elasticsearch"]
    url: str = Field(pattern=r"^https?://")
    index: str = "claimwatch-alerts"


ChannelSettings = Annotated[
    ConsoleSettings
    | JsonlSettings
    | WebhookSettings
    | SlackSettings
    | EmailSettings
    | KafkaTopicSettings
    | ElasticsearchIndexSettings,
    Field(discriminator="type"),
]


class HealthSettings(_Model):
    enabled: bool = True
    channels: tuple[str, ...] = (ALL_CHANNELS,)
    failing_polls: int = Field(default=3, ge=1)
    min_silence_hours: float = Field(default=6.0, gt=0)
    silence_factor: float = Field(default=4.0, gt=0)
    min_articles: int = Field(default=5, ge=1)
    empty_ratio: float = Field(default=0.8, gt=0, le=1)

    def thresholds(self) -> HealthThresholds:
        return HealthThresholds(
            failing_polls=self.failing_polls,
            min_silence=timedelta(hours=self.min_silence_hours),
            silence_factor=self.silence_factor,
            min_articles=self.min_articles,
            empty_ratio=self.empty_ratio,
        )


class DeliverySettings(_Model):
    max_attempts: int = Field(default=3, ge=1, le=20)
    backoff_seconds: float = Field(default=1.0, ge=0)
    max_backoff_seconds: float = Field(default=60.0, ge=0)


class AlertSettings(_Model):
    rules: tuple[RuleSettings, ...] = ()
    channels: dict[str, ChannelSettings] = Field(default_factory=dict)
    health: HealthSettings = HealthSettings()
    delivery: DeliverySettings = DeliverySettings()

    @model_validator(mode="after")
    def _known_channels(self) -> AlertSettings:
        known = set(self.channels) | {ALL_CHANNELS}
        for where, names in [(f"rules.{r.name}", r.channels) for r in self.rules] + [
            ("health", self.health.channels)
        ]:
            unknown = [n for n in names if n not in known]
            if unknown:
                raise ValueError(
                    f"{where}.channels names {unknown}, which are not under channels: "
                    f"(defined: {sorted(self.channels)}); define them or use '*' for all"
                )
        rule_names = [r.name for r in self.rules]
        if len(rule_names) != len(set(rule_names)):
            raise ValueError(f"rule names must be unique, got {rule_names}")
        return self


def default_alerts_path() -> Path:
    """The bundled config/alerts.yaml."""
    return Path(str(resources.files("claimwatch.config").joinpath("alerts.yaml")))


def load_alert_settings(path: Path | str | None = None) -> AlertSettings:
    """Read and validate an alerts file (the bundled default when None).

    Raises:
        ConfigError: naming the file, the key and what to change.
    """
    path = Path(path) if path is not None else default_alerts_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ConfigError(f"alerts file {path} does not exist: check the alerts: path") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"alerts file {path} is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"alerts file {path} must be a mapping with rules: and channels:")
    try:
        return AlertSettings.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"alerts file {path}: {problems}") from exc


def build_channels(
    settings: AlertSettings,
    *,
    extra_webhooks: Sequence[str] = (),
    webhook_secret: str | None = None,
    base_dir: Path | None = None,
    kafka_producer: Any = None,
    es_client: Any = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Channel]:
    """Channels by name: those configured, then one per `--alert-webhook` URL.

    Args:
        settings: validated alert settings.
        extra_webhooks: URLs from `--alert-webhook`; named "cli-webhook-1", "cli-webhook-2", …
        webhook_secret: `--alert-secret`, the HMAC key for those extra webhooks.
        base_dir: where relative JSONL paths live (the data directory); the cwd when None.
        kafka_producer / es_client: clients for kafka / elasticsearch channels; built from the
            channel settings when None (needs the kafka / elasticsearch extra).
        environ: where *_env secrets are read (os.environ when None).
    """
    env = os.environ if environ is None else environ
    channels: dict[str, Channel] = {}
    for name, spec in settings.channels.items():
        channels[name] = _channel(name, spec, base_dir, kafka_producer, es_client, env)
    for number, url in enumerate(extra_webhooks, start=1):
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"--alert-webhook {url!r} is not an http(s) URL")
        if not webhook_secret:
            log.warning("--alert-webhook %s has no --alert-secret: alerts go unsigned", url)
        name = f"{CLI_WEBHOOK_PREFIX}{number}"
        channels[name] = WebhookChannel(url, name=name, secret=webhook_secret or None)
    return channels


def _channel(
    name: str,
    spec: Any,
    base_dir: Path | None,
    kafka_producer: Any,
    es_client: Any,
    env: Mapping[str, str],
) -> Channel:
    if isinstance(spec, ConsoleSettings):
        return ConsoleChannel(name)
    if isinstance(spec, JsonlSettings):
        path = spec.path if spec.path.is_absolute() or base_dir is None else base_dir / spec.path
        return JsonlChannel(path, name=name)
    if isinstance(spec, WebhookSettings):
        secret = _secret(name, "secret", spec.secret, spec.secret_env, env, required=False)
        return WebhookChannel(spec.url, name=name, secret=secret, timeout=spec.timeout_seconds)
    if isinstance(spec, SlackSettings):
        url = _secret(name, "url", spec.url, spec.url_env, env, required=True)
        assert url is not None
        return SlackChannel(url, name=name, timeout=spec.timeout_seconds)
    if isinstance(spec, EmailSettings):
        password = _secret(name, "password", spec.password, spec.password_env, env, required=False)
        if spec.username and not password:
            raise ConfigError(
                f"channels.{name}: username is set but no password; set password_env to the "
                "name of an environment variable holding it"
            )
        return EmailChannel(
            host=spec.host,
            port=spec.port,
            starttls=spec.starttls,
            username=spec.username,
            password=password,
            sender=spec.sender,
            recipients=spec.recipients,
            name=name,
            timeout=spec.timeout_seconds,
        )
    if isinstance(spec, KafkaTopicSettings):
        from claimwatch.connectors.channels.kafka_topic import KafkaTopicChannel

        producer = kafka_producer or _kafka_producer(name, spec.bootstrap, spec.topic)
        return KafkaTopicChannel(producer, topic=spec.topic, name=name)
    if isinstance(spec, ElasticsearchIndexSettings):
        from claimwatch.connectors.channels.elasticsearch_index import ElasticsearchIndexChannel

        client = es_client or _es_client(name, spec.url)
        return ElasticsearchIndexChannel(client, index=spec.index, name=name)
    raise ConfigError(f"channels.{name}: unknown channel settings {type(spec).__name__}")


def _secret(
    channel: str,
    key: str,
    value: SecretStr | None,
    env_name: str | None,
    env: Mapping[str, str],
    *,
    required: bool,
) -> str | None:
    if value is not None:
        return value.get_secret_value()
    if env_name is not None:
        if env_name not in env:
            raise ConfigError(
                f"channels.{channel}.{key}_env names ${env_name}, which is not set: "
                f"export {env_name}=… before starting claimwatch"
            )
        return env[env_name]
    if required:
        raise ConfigError(f"channels.{channel}: set {key} or {key}_env")
    return None


def _kafka_producer(name: str, bootstrap: str, topic: str) -> Any:
    try:
        from claimwatch.connectors.kafka_log import ensure_topic
        from kafka import KafkaProducer
        from kafka.errors import KafkaError
    except ImportError as exc:
        raise ConfigError(
            f"channels.{name} is a kafka channel: pip install 'claimwatch[kafka]'"
        ) from exc
    try:
        ensure_topic(bootstrap, topic)
        return KafkaProducer(bootstrap_servers=bootstrap.split(","), acks="all")
    except KafkaError as exc:
        raise ConfigError(
            f"channels.{name}: cannot reach Kafka at {bootstrap}: {exc}; is the broker up?"
        ) from exc


def _es_client(name: str, url: str) -> Any:
    try:
        from elasticsearch import Elasticsearch
    except ImportError as exc:
        raise ConfigError(
            f"channels.{name} is an elasticsearch channel: pip install 'claimwatch[elasticsearch]'"
        ) from exc
    return Elasticsearch(url)


def alert_rules(settings: AlertSettings, channel_names: Iterable[str]) -> list[AlertRule]:
    """The settings' rules as AlertRules, with "*" expanded to these channel names."""
    names = list(channel_names)
    return [rule.to_rule(names) for rule in settings.rules]


@dataclass(frozen=True)
class Alerting:
    """Everything the pipeline needs to alert: built once, used per batch."""

    settings: AlertSettings
    rules: tuple[AlertRule, ...]
    channels: Mapping[str, Channel]
    health_channels: tuple[str, ...]

    def dispatcher(
        self, store: Store, *, sleep: Callable[[float], None] = time.sleep
    ) -> AlertDispatcher:
        d = self.settings.delivery
        return AlertDispatcher(
            store,
            self.channels,
            max_attempts=d.max_attempts,
            backoff=d.backoff_seconds,
            max_backoff=d.max_backoff_seconds,
            sleep=sleep,
        )

    def deliver(
        self,
        store: Store,
        alerts: Sequence[Alert],
        *,
        now: datetime,
        sleep: Callable[[float], None] = time.sleep,
    ) -> DeliveryReport:
        """Route new alerts through the rules (cooldowns from what was sent) and deliver them.

        Pass the alerts `store.save_alerts` returned (new ones only); a replay is harmless
        anyway, because delivered (alert, channel) pairs are skipped.
        """
        routed = select_alerts(alerts, self.rules, history=sent_history(store), now=now)
        return self.dispatcher(store, sleep=sleep).deliver(routed)

    def check_health(
        self,
        store: Store,
        feeds: Iterable[FeedStats],
        services: Iterable[ServiceStatus] = (),
        *,
        now: datetime,
        open_alerts: Sequence[HealthAlert] = (),
    ) -> tuple[list[HealthAlert], DeliveryReport]:
        """Evaluate health and deliver what fires; returns (alerts, report).

        Keep the firing ones and pass them back as `open_alerts` next time, so a recovery
        produces one "recovered" notice.
        """
        if not self.settings.health.enabled:
            return [], DeliveryReport()
        alerts = check_health(
            feeds,
            services,
            now=now,
            thresholds=self.settings.health.thresholds(),
            open_alerts=open_alerts,
        )
        report = self.dispatcher(store).deliver_health(alerts, self.health_channels)
        return alerts, report


def build_alerting(
    settings: AlertSettings,
    *,
    extra_webhooks: Sequence[str] = (),
    webhook_secret: str | None = None,
    base_dir: Path | None = None,
    kafka_producer: Any = None,
    es_client: Any = None,
) -> Alerting:
    """Channels (configured + --alert-webhook) and rules with "*" expanded to all of them."""
    channels = build_channels(
        settings,
        extra_webhooks=extra_webhooks,
        webhook_secret=webhook_secret,
        base_dir=base_dir,
        kafka_producer=kafka_producer,
        es_client=es_client,
    )
    names = list(channels)
    health: list[str] = []
    for name in settings.health.channels:
        health += names if name == ALL_CHANNELS else [name]
    return Alerting(
        settings=settings,
        rules=tuple(alert_rules(settings, names)),
        channels=channels,
        health_channels=tuple(dict.fromkeys(health)),
    )


def sample_alert(now: datetime | None = None) -> Alert:
    """A clearly fake alert for test sends: the same shape as a real one."""
    now = now or datetime.now(timezone.utc)
    key = ClaimKey(metric="killed", subject="claimwatch test subject")

    def claim(claim_id: str, value: float, hours_ago: int, quote: str) -> Claim:
        return Claim(
            id=claim_id,
            key=key,
            value=None,
            low=value,
            high=None,
            qualifier="at_least",
            source="claimwatch test",
            url="https://example.invalid/claimwatch-test",
            article_id=f"article-{claim_id}",
            canonical_url="https://example.invalid/claimwatch-test",
            published=now - timedelta(hours=hours_ago),
            quote=quote,
            figure_text=f"at least {value:.0f}",
            start=0,
            end=0,
            cumulative=True,
        )

    previous = claim("test-previous", 400, 2, "TEST: at least 400 people were killed.")
    current = claim("test-current", 420, 0, "TEST: the toll rose to at least 420.")
    return Alert(
        id=f"claimwatch-test-{int(now.timestamp())}",
        claim_key=key.as_string(),
        metric="killed",
        subject=key.subject,
        change="increase",
        previous=previous,
        current=current,
        detected_at=now,
        reason="test send: nothing happened",
        sources=(
            SourceValue(
                "claimwatch test", None, 420, None, "at_least", current.published, current.url
            ),
        ),
    )


def test_send(
    channels: Mapping[str, Channel], *, now: datetime | None = None
) -> dict[str, str | None]:
    """Send one clearly marked sample alert to each channel; name -> None or the error.

    Nothing is recorded in the store: a test send must not count as a delivered alert.
    """
    message = render_alert(sample_alert(now), rule="test-send", test=True)
    results: dict[str, str | None] = {}
    for name, channel in channels.items():
        try:
            channel.send(message)
        except AlertDeliveryError as exc:
            results[name] = str(exc)
        else:
            results[name] = None
    return results


# pytest collects functions named test_*; this one is API, not a test.
test_send.__test__ = False  # type: ignore[attr-defined]
