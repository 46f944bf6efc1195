"""Alerts by e-mail over SMTP: multipart plain text + escaped HTML, STARTTLS when asked.

The Message-ID is derived from the alert id, so a mail client threads or drops a resend.
SMTP 4xx and connection errors are retryable; 5xx (bad recipient, refused sender) are not.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate
from typing import Annotated, Literal

from claimwatch.connectors.channels import (
    BuildContext,
    ChannelSettings,
    ChannelSpec,
    PermanentDeliveryError,
    secret,
)
from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.errors import AlertDeliveryError, ConfigError
from pydantic import Field, SecretStr


class EmailChannel:
    """Sends each alert as one e-mail to every recipient."""

    def __init__(
        self,
        *,
        host: str,
        sender: str,
        recipients: Sequence[str],
        name: str = "email",
        port: int = 25,
        starttls: bool = False,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if not recipients:
            raise PermanentDeliveryError(f"email channel {name} has no recipients")
        self.name = name
        self._host = host
        self._port = port
        self._sender = sender
        self._recipients = tuple(recipients)
        self._starttls = starttls
        self._username = username
        self._password = password
        self._timeout = timeout
        self._ssl_context = ssl_context

    def build(self, message: Message) -> EmailMessage:
        """The e-mail for a message (public so tests and previews see exactly what is sent)."""
        mail = EmailMessage()
        # Folding whitespace away keeps article text from injecting header lines.
        mail["Subject"] = " ".join(message.subject.split())[:200]
        mail["From"] = self._sender
        mail["To"] = ", ".join(self._recipients)
        mail["Date"] = formatdate(usegmt=True)
        mail["Message-ID"] = f"<{message.id}@claimwatch>"
        mail["X-Claimwatch-Alert-Id"] = message.id
        mail["X-Claimwatch-Kind"] = message.kind
        mail.set_content(message.text)
        mail.add_alternative(message.html, subtype="html")
        return mail

    def send(self, message: Message) -> None:
        mail = self.build(message)
        where = f"{self._host}:{self._port}"
        try:
            with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
                if self._starttls:
                    smtp.starttls(context=self._ssl_context or ssl.create_default_context())
                if self._username:
                    smtp.login(self._username, self._password or "")
                smtp.send_message(mail, from_addr=self._sender, to_addrs=list(self._recipients))
        except smtplib.SMTPRecipientsRefused as exc:
            # 4xx per recipient is "try later" (greylisting, a full mailbox); 5xx is final.
            codes = [code for code, _ in exc.recipients.values()]
            refused = PermanentDeliveryError if all(c >= 500 for c in codes) else AlertDeliveryError
            raise refused(
                f"email {self.name}: {where} refused every recipient of alert {message.id}: "
                f"{exc.recipients}; check the recipient addresses"
            ) from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise PermanentDeliveryError(
                f"email {self.name}: {where} rejected the login: {exc.smtp_code}; "
                "check the username and password"
            ) from exc
        except smtplib.SMTPResponseException as exc:
            error = PermanentDeliveryError if exc.smtp_code >= 500 else AlertDeliveryError
            raise error(
                f"email {self.name}: {where} answered {exc.smtp_code} for alert {message.id}: "
                f"{exc.smtp_error!r}"
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise AlertDeliveryError(
                f"email {self.name}: cannot deliver alert {message.id} via {where}: {exc}; "
                "is the SMTP server reachable?"
            ) from exc


_ADDRESS = r"^[^@\s]+@[^@\s]+$"


class EmailSettings(ChannelSettings):
    type: Literal["email"]
    host: str
    port: int = Field(default=25, ge=1, le=65535)
    starttls: bool = False
    username: str | None = None
    password: SecretStr | None = None
    password_env: str | None = None
    sender: str = Field(pattern=_ADDRESS)
    recipients: tuple[Annotated[str, Field(pattern=_ADDRESS)], ...] = Field(min_length=1)
    timeout_seconds: float = Field(default=30.0, gt=0)


def build(name: str, settings: EmailSettings, context: BuildContext) -> EmailChannel:
    password = secret(
        name, "password", settings.password, settings.password_env, context.environ, required=False
    )
    if settings.username and not password:
        raise ConfigError(
            f"channels.{name}: username is set but no password; set password_env to the "
            "name of an environment variable holding it"
        )
    return EmailChannel(
        host=settings.host,
        port=settings.port,
        starttls=settings.starttls,
        username=settings.username,
        password=password,
        sender=settings.sender,
        recipients=settings.recipients,
        name=name,
        timeout=settings.timeout_seconds,
    )


SPEC = ChannelSpec("email", EmailSettings, build)
