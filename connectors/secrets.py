"""Secrets for clients: where they come from, and keeping them out of every message.

    settings ──SecretSource(env | file | value)──▶ spec (picklable, holds no secret read
             from env or file) ──reveal() when a client is built──▶ SecretStr ──▶ client

A secret read from the environment or a file is read where the connection is opened (a
Beam worker's setup, say), so it never travels inside a pickled pipeline graph. `redact`
removes URL credentials and known secret values from any text before it is logged or raised.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimwatch.transforms.errors import ConfigError
from pydantic import SecretStr

_URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@]+@")
MASK = "***"


@dataclass(frozen=True, slots=True)
class SecretSource:
    """One secret: an environment variable, a file (first line, stripped), or a value."""

    env: str | None = None
    file: str | None = None
    value: SecretStr | None = field(default=None, repr=False)

    def describe(self) -> str:
        if self.env:
            return f"environment variable {self.env}"
        if self.file:
            return f"file {self.file}"
        return "the config file"

    def reveal(self) -> SecretStr:
        """Read the secret; a missing one is a ConfigError that names where, never what."""
        if self.value is not None:
            return self.value
        if self.env:
            text = os.environ.get(self.env)
            if not text:
                raise ConfigError(f"environment variable {self.env} (a secret) is not set")
            return SecretStr(text)
        if self.file:
            try:
                text = Path(self.file).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(
                    f"cannot read the secret file {self.file}: {exc.strerror}"
                ) from None
            if not text:
                raise ConfigError(f"the secret file {self.file} is empty")
            return SecretStr(text)
        raise ConfigError("a secret was configured with neither an env, a file nor a value")


def reveal(source: SecretSource | None) -> SecretStr | None:
    return None if source is None else source.reveal()


def redact_url(url: str) -> str:
    """The URL without `user:password@` (error messages and logs print URLs)."""
    return _URL_CREDENTIALS.sub(lambda m: m.group("scheme"), url)


def redact(text: str, secrets: Iterable[SecretStr | str | None] = ()) -> str:
    """Text with URL credentials and the given secret values replaced by ***."""
    out = _URL_CREDENTIALS.sub(lambda m: m.group("scheme"), text)
    for secret in secrets:
        value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
        if value:
            out = out.replace(value, MASK)
    return out


class MaskedStr(str):
    """A str that hides itself from repr: for client libraries that log their settings dict.

    kafka-python's admin client logs its whole configuration at DEBUG, password included;
    the dict is formatted with repr(), so the value it holds shows as *** there and stays the
    real string everywhere the library uses it (encode(), SCRAM).
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(MASK)


class RedactingFilter(logging.Filter):
    """Masks secret values in records of the loggers it is attached to.

    kafka-python logs each request it sends at DEBUG, the SASL handshake included (user and
    password in the clear, also as raw bytes); the library cannot be told not to, so every
    logger under its namespace gets this filter once a client with a secret is built.
    """

    def __init__(self) -> None:
        super().__init__()
        self._values: set[str] = set()

    def add(self, secret: SecretStr) -> None:
        value = secret.get_secret_value()
        if value:
            # As text, and as it shows inside the repr of the bytes sent on the wire.
            self._values |= {value, repr(value.encode("utf-8"))[2:-1]}

    def filter(self, record: logging.LogRecord) -> bool:
        if self._values:
            message = record.getMessage()
            masked = redact(message, self._values)
            if masked != message:
                record.msg, record.args = masked, None
        return True


_LOG_FILTER = RedactingFilter()  # one per process: logging itself is process-wide


def hide_in_logs(namespace: str, secrets: Iterable[SecretStr]) -> None:
    """Mask these secrets in every record logged under `namespace` (a library's loggers)."""
    for secret in secrets:
        _LOG_FILTER.add(secret)
    names = [n for n in logging.Logger.manager.loggerDict if n.split(".")[0] == namespace]
    for name in [namespace, *names]:
        logger = logging.getLogger(name)
        if _LOG_FILTER not in logger.filters:
            logger.addFilter(_LOG_FILTER)
