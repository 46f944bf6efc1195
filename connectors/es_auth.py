"""How the Elasticsearch client authenticates: basic auth or an API key, and which CA it trusts.

    ElasticsearchAuth(username, password | api_key: SecretStr, ca_certs, verify_certs)
        ──client_options()──▶ Elasticsearch(url, basic_auth=… | api_key=…, ca_certs=…)

Secrets stay SecretStr until the client is built; `secrets()` lists them so every message
the store raises or logs can be redacted (connectors/secrets.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr


@dataclass(frozen=True, slots=True)
class ElasticsearchAuth:
    username: str | None = None
    password: SecretStr | None = field(default=None, repr=False)
    api_key: SecretStr | None = field(default=None, repr=False)
    ca_certs: str | None = None
    verify_certs: bool = True

    def secrets(self) -> tuple[SecretStr, ...]:
        return tuple(s for s in (self.password, self.api_key) if s is not None)

    def client_options(self) -> dict[str, Any]:
        """Keyword arguments for `elasticsearch.Elasticsearch`."""
        options: dict[str, Any] = {}
        if self.username is not None and self.password is not None:
            options["basic_auth"] = (self.username, self.password.get_secret_value())
        if self.api_key is not None:
            options["api_key"] = self.api_key.get_secret_value()
        if self.ca_certs is not None:
            options["ca_certs"] = self.ca_certs
        if not self.verify_certs:
            options["verify_certs"] = False
        return options
