"""Alert settings (config/alerts.yaml), validated once when loaded; loading does no I/O.

A rule's channel list may name "*": every channel, including webhooks added on the command
line, which is how `--alert-webhook URL` receives alerts without editing the file. Channel
entries are validated by their own type's settings model (connectors/channels/registry.py).
Secrets are `SecretStr` and can come from the environment (`secret_env`, `password_env`,
`url_env`) so the file itself holds none; nothing has a default credential.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from claimwatch.connectors.channels import ChannelSettings
from claimwatch.connectors.channels.registry import CHANNEL_TYPES
from claimwatch.transforms.alert_rules import DEFAULT_CHANGES, AlertRule
from claimwatch.transforms.errors import ConfigError
from claimwatch.transforms.health import HealthThresholds
from claimwatch.transforms.models import ChangeKind, Metric
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

ALL_CHANNELS = "*"


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
    # Measured in publication time between the figures alerted on, never the clock.
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
    # Attempts a one-shot run (`run --once`, `deliver --once`) makes per pair before it leaves
    # the rest to a later run; the continuous loop retries for as long as it takes.
    max_attempts: int = Field(default=3, ge=1, le=20)
    backoff_seconds: float = Field(default=1.0, ge=0)
    # Five minutes between tries of a channel that is down: an outage costs at most that
    # much extra delay once it ends.
    max_backoff_seconds: float = Field(default=300.0, ge=0)
    # Pairs claimed per round: bounds one round's work and a lost lease's resends.
    batch: int = Field(default=200, ge=1, le=10_000)
    lease_seconds: float = Field(default=300.0, gt=0)
    interval_seconds: float = Field(default=2.0, gt=0)  # between rounds when idle


class AlertSettings(_Model):
    rules: tuple[RuleSettings, ...] = ()
    channels: dict[str, ChannelSettings] = Field(default_factory=dict)
    health: HealthSettings = HealthSettings()
    delivery: DeliverySettings = DeliverySettings()

    @field_validator("channels", mode="before")
    @classmethod
    def _typed_channels(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out: dict[str, ChannelSettings] = {}
        for name, raw in value.items():
            if isinstance(raw, ChannelSettings):
                out[name] = raw
                continue
            kind = raw.get("type") if isinstance(raw, dict) else None
            spec = CHANNEL_TYPES.get(str(kind))
            if spec is None:
                raise ValueError(
                    f"channels.{name}.type is {kind!r}; known types: {sorted(CHANNEL_TYPES)}"
                )
            try:
                out[name] = spec.settings.model_validate(raw)
            except ValidationError as exc:
                # Validated here, the entry's errors would lose its name: say it.
                problems = "; ".join(
                    f"channels.{name}.{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
                    for err in exc.errors()
                )
                raise ValueError(problems) from None
        return out

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
