"""How a Kafka client authenticates and encrypts: SASL (PLAIN, SCRAM) and TLS options.

    KafkaSecurity(protocol, mechanism, username, password: SecretStr, ssl_*) ──client_options()
        ──▶ kafka-python keyword arguments (the password as a MaskedStr: hidden from repr)

PLAINTEXT (the default) adds nothing, so a local broker needs no settings at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from claimwatch.connectors.secrets import MaskedStr
from claimwatch.transforms.errors import ConfigError
from pydantic import SecretStr

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]


@dataclass(frozen=True, slots=True)
class KafkaSecurity:
    protocol: SecurityProtocol = "PLAINTEXT"
    sasl_mechanism: SaslMechanism | None = None
    username: str | None = None
    password: SecretStr | None = field(default=None, repr=False)
    ssl_cafile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None
    ssl_check_hostname: bool = True

    @property
    def uses_sasl(self) -> bool:
        return self.protocol.startswith("SASL_")

    def secrets(self) -> tuple[SecretStr, ...]:
        return (self.password,) if self.password is not None else ()

    def client_options(self) -> dict[str, Any]:
        """kafka-python keyword arguments for producers, consumers and the admin client."""
        options: dict[str, Any] = {"security_protocol": self.protocol}
        if self.uses_sasl:
            if not (self.sasl_mechanism and self.username and self.password is not None):
                raise ConfigError(
                    f"Kafka security_protocol {self.protocol} needs sasl_mechanism, username "
                    "and a password (password_env or password_file)"
                )
            options |= {
                "sasl_mechanism": self.sasl_mechanism,
                "sasl_plain_username": self.username,
                "sasl_plain_password": MaskedStr(self.password.get_secret_value()),
            }
        if self.protocol in ("SSL", "SASL_SSL"):
            options |= {
                "ssl_cafile": self.ssl_cafile,
                "ssl_certfile": self.ssl_certfile,
                "ssl_keyfile": self.ssl_keyfile,
                "ssl_check_hostname": self.ssl_check_hostname,
            }
        return options
