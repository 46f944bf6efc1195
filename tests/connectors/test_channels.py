"""Channels against real local receivers: HTTP on 127.0.0.1, SMTP via aiosmtpd, files."""

from __future__ import annotations

import email
import email.policy
import io
import json
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from claimwatch.connectors.channels import BuildContext, PermanentDeliveryError, RetryLater
from claimwatch.connectors.channels.console import ConsoleChannel
from claimwatch.connectors.channels.elasticsearch_index import ElasticsearchIndexChannel
from claimwatch.connectors.channels.email import EmailChannel
from claimwatch.connectors.channels.jsonl import JsonlChannel
from claimwatch.connectors.channels.registry import CHANNEL_TYPES
from claimwatch.connectors.channels.slack import SlackChannel
from claimwatch.connectors.channels.webhook import SIGNATURE_HEADER, WebhookChannel, verify
from claimwatch.transforms.alert_text import Message, render_alert
from claimwatch.transforms.errors import AlertDeliveryError
from claimwatch.transforms.models import Alert
from factories import SECRET, WebhookReceiver, alert, claim, closed_port_url

EVIL_QUOTE = "At least 420 killed <script>alert(1)</script> <@U123> <!channel> *bold*"


def make_alert(quote: str = EVIL_QUOTE) -> Alert:
    before = claim(1, 400, at_least=True, hours=-2, quote="At least 400 killed.")
    return alert(42, claim(2, 420, at_least=True, quote=quote), before)


@pytest.fixture
def message() -> Message:
    return render_alert(make_alert(), rule="casualties")


# -- a real HTTP receiver (tests/factories.py: WebhookReceiver) --------------------------------


def test_webhook_posts_json_signed_over_the_exact_body(
    webhook: WebhookReceiver, message: Message
) -> None:
    WebhookChannel(webhook.url, secret=SECRET, clock=lambda: 1_700_000_000.0).send(message)
    (got,) = webhook.requests
    assert got.status == 200 and got.path == "/hook" and got.signed
    assert verify(got.body, SECRET, got.headers[SIGNATURE_HEADER])
    assert not verify(got.body, "wrong", got.headers[SIGNATURE_HEADER])
    assert got.alert_id == "alert-42" and got.kind == "claim"
    assert got.timestamp == "1700000000"
    payload = got.json
    assert payload["kind"] == "claim" and payload["id"] == "alert-42"
    assert payload["rule"] == "casualties"
    assert payload["previous"]["low"] == 400 and payload["current"]["low"] == 420
    assert payload["current"]["quote"] == EVIL_QUOTE  # JSON carries the text as data


def test_the_same_message_is_the_same_bytes_on_every_send(
    webhook: WebhookReceiver, message: Message
) -> None:
    # What lets a receiver drop a resend after a crash: same id, same body, same signature.
    channel = WebhookChannel(webhook.url, secret=SECRET)
    channel.send(message)
    channel.send(render_alert(make_alert(), rule="casualties"))
    first, second = webhook.requests
    assert first.body == second.body and first.alert_id == second.alert_id
    assert first.headers[SIGNATURE_HEADER] == second.headers[SIGNATURE_HEADER]


def test_a_receiver_checking_signatures_rejects_a_wrong_secret(
    webhook: WebhookReceiver, message: Message
) -> None:
    with pytest.raises(PermanentDeliveryError, match="401"):
        WebhookChannel(webhook.url, secret="not-the-secret").send(message)
    with pytest.raises(PermanentDeliveryError, match="401"):
        WebhookChannel(webhook.url).send(message)  # unsigned
    assert [r.signed for r in webhook.requests] == [False, False]


@pytest.mark.parametrize(
    ("webhook", "error"),
    [
        ({"statuses": [500], "secret": None}, AlertDeliveryError),
        ({"statuses": [503], "secret": None}, AlertDeliveryError),
        ({"statuses": [429], "secret": None}, AlertDeliveryError),
        ({"statuses": [400], "secret": None}, PermanentDeliveryError),
        ({"statuses": [404], "secret": None}, PermanentDeliveryError),
    ],
    indirect=["webhook"],
)
def test_webhook_classifies_failures(
    webhook: WebhookReceiver, message: Message, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        WebhookChannel(webhook.url).send(message)
    retryable = not isinstance(caught.value, PermanentDeliveryError)
    assert retryable is (error is AlertDeliveryError)
    assert not isinstance(caught.value, RetryLater)  # no Retry-After was sent


@pytest.mark.parametrize(
    ("webhook", "wait"),
    [
        ({"statuses": [429], "retry_after": "7", "secret": None}, 7.0),
        ({"statuses": [503], "retry_after": "0.5", "secret": None}, 0.5),
        ({"statuses": [503], "retry_after": "-3", "secret": None}, 0.0),
    ],
    indirect=["webhook"],
)
def test_retry_after_is_passed_on_to_the_deliverer(
    webhook: WebhookReceiver, message: Message, wait: float
) -> None:
    with pytest.raises(RetryLater) as caught:
        WebhookChannel(webhook.url).send(message)
    assert caught.value.retry_after == wait


def test_webhook_connection_refused_is_retryable_and_hides_the_path(message: Message) -> None:
    channel = WebhookChannel(closed_port_url("/T0KEN/secret-path"), timeout=2)
    with pytest.raises(AlertDeliveryError) as caught:
        channel.send(message)
    assert not isinstance(caught.value, PermanentDeliveryError)
    assert "secret-path" not in str(caught.value) and "T0KEN" not in str(caught.value)
    assert caught.value.__cause__ is not None  # chained from the requests error


@pytest.mark.parametrize("webhook", [{"secret": None}], indirect=True)
def test_slack_gets_text_and_blocks_without_injection(
    webhook: WebhookReceiver, message: Message
) -> None:
    SlackChannel(webhook.url).send(message)
    (got,) = webhook.requests
    raw = got.body.decode("utf-8")
    payload = json.loads(raw)
    assert set(payload) == {"text", "blocks", "mrkdwn"}
    assert payload["text"].startswith("Killed — palestinians: at least 400 → at least 420")
    for injected in ("<@U123>", "<!channel>", "<script>"):
        assert injected not in raw
    assert "&lt;@U123&gt;" in raw and "&lt;!channel&gt;" in raw
    assert SIGNATURE_HEADER not in got.headers


def test_slack_errors_never_show_the_webhook_url_which_is_the_credential(
    message: Message,
) -> None:
    channel = SlackChannel(closed_port_url("/services/T0001/B0002/XOXBSECRET"), timeout=2)
    with pytest.raises(AlertDeliveryError) as caught:
        channel.send(message)
    assert "XOXBSECRET" not in str(caught.value) and "T0001" not in str(caught.value)


# -- files and terminals ----------------------------------------------------------------------


def test_jsonl_appends_one_line_per_alert(tmp_path: Path, message: Message) -> None:
    path = tmp_path / "out" / "alerts.jsonl"
    channel = JsonlChannel(path)
    channel.send(message)
    channel.send(message)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["id"] == "alert-42"


def test_jsonl_unwritable_path_is_a_delivery_error(tmp_path: Path, message: Message) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(AlertDeliveryError, match="is the directory writable"):
        JsonlChannel(blocker / "alerts.jsonl").send(message)


def test_console_writes_the_plain_text(message: Message) -> None:
    stream = io.StringIO()
    ConsoleChannel(stream=stream).send(message)
    assert message.text in stream.getvalue()


def test_console_closed_stream_is_a_delivery_error(message: Message) -> None:
    stream = io.StringIO()
    stream.close()
    with pytest.raises(AlertDeliveryError):
        ConsoleChannel(stream=stream).send(message)


# -- a real SMTP server -----------------------------------------------------------------------


class _Inbox:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []
        self.reject_with: str | None = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.reject_with:
            return self.reject_with
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp() -> Iterator[tuple[_Inbox, int]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_email_arrives_multipart_with_escaped_html(
    smtp: tuple[_Inbox, int], message: Message
) -> None:
    inbox, port = smtp
    EmailChannel(
        host="127.0.0.1",
        port=port,
        sender="claimwatch@test.example",
        recipients=["desk@test.example", "editor@test.example"],
    ).send(message)
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["desk@test.example", "editor@test.example"]
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert isinstance(mail, EmailMessage)
    assert mail["Subject"].startswith("Killed — palestinians: at least 400 → at least 420")
    assert mail["Message-ID"] == "<alert-42@claimwatch>"
    assert mail["X-Claimwatch-Alert-Id"] == "alert-42"
    plain = mail.get_body(preferencelist=("plain",))
    html = mail.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    assert EVIL_QUOTE in plain.get_content()
    html_body = html.get_content()
    assert "<script>" not in html_body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_body
    assert "&lt;@U123&gt;" in html_body


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a cert")
def test_email_starttls_to_a_server_that_requires_it(tmp_path: Path, message: Message) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=server_tls, require_starttls=True
    )
    controller.start()
    try:
        plain = EmailChannel(
            host="127.0.0.1", port=port, sender="a@test.example", recipients=["b@test.example"]
        )
        # The server insists on STARTTLS first: a configuration problem, not worth a retry.
        with pytest.raises(PermanentDeliveryError, match="530"):
            plain.send(message)
        EmailChannel(
            host="127.0.0.1",
            port=port,
            sender="a@test.example",
            recipients=["b@test.example"],
            starttls=True,
            ssl_context=ssl.create_default_context(cafile=str(cert)),
        ).send(message)
    finally:
        controller.stop()
    (envelope,) = inbox.envelopes
    assert b"alert-42" in envelope.content


def test_an_email_channel_from_alerts_yaml_settings_delivers(
    smtp: tuple[_Inbox, int], message: Message
) -> None:
    inbox, port = smtp
    spec = CHANNEL_TYPES["email"]
    settings = spec.settings.model_validate(
        {"type": "email", "host": "127.0.0.1", "port": port, "sender": "cw@test.example",
         "recipients": ["desk@test.example"], "timeout_seconds": 5}
    )  # fmt: skip
    channel = spec.build("desk-mail", settings, BuildContext())
    assert channel.name == "desk-mail"
    channel.send(message)
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["desk@test.example"]
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert mail["Message-ID"] == "<alert-42@claimwatch>" and mail["From"] == "cw@test.example"


def test_email_refused_recipient_is_permanent(smtp: tuple[_Inbox, int], message: Message) -> None:
    inbox, port = smtp
    inbox.reject_with = "550 no such user"
    channel = EmailChannel(
        host="127.0.0.1", port=port, sender="a@test.example", recipients=["b@test.example"]
    )
    with pytest.raises(PermanentDeliveryError, match="refused every recipient"):
        channel.send(message)


def test_email_temporary_refusal_is_retryable(smtp: tuple[_Inbox, int], message: Message) -> None:
    inbox, port = smtp
    inbox.reject_with = "451 try again later"
    channel = EmailChannel(
        host="127.0.0.1", port=port, sender="a@test.example", recipients=["b@test.example"]
    )
    with pytest.raises(AlertDeliveryError) as caught:
        channel.send(message)
    # smtplib reports a 4xx on every recipient as "all refused"; only 5xx is final.
    assert not isinstance(caught.value, PermanentDeliveryError)
    assert "b@test.example" in str(caught.value)


def test_email_subject_cannot_inject_headers(message: Message) -> None:
    channel = EmailChannel(host="unused", sender="a@test.example", recipients=["b@test.example"])
    sneaky = Message(
        id="x",
        kind="claim",
        subject="Killed\r\nBcc: victim@test.example",
        text="t",
        html="<p>t</p>",
        payload={},
    )
    mail = channel.build(sneaky)
    assert mail["Bcc"] is None
    assert mail["Subject"] == "Killed Bcc: victim@test.example"


# -- Elasticsearch: a loopback server speaking the ES wire protocol ----------------------------


def _es_server(status: int) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    seen: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append({"path": self.path, "body": json.loads(body)})
            reply = (
                {"_id": "alert-42", "result": "created"}
                if status < 300
                else {
                    "error": {"type": "mapper_parsing_exception", "reason": "bad"},
                    "status": status,
                }
            )
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_POST = do_PUT

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize(
    ("status", "error"),
    [(201, None), (400, PermanentDeliveryError), (503, AlertDeliveryError)],
)
def test_elasticsearch_index_uses_the_alert_id(
    message: Message, status: int, error: type[Exception] | None
) -> None:
    from elasticsearch import Elasticsearch

    for url, seen in _es_server(status):
        client = Elasticsearch(url, max_retries=0, request_timeout=5)
        channel = ElasticsearchIndexChannel(client, index="claimwatch-alerts")
        if error is None:
            channel.send(message)
        else:
            with pytest.raises(error) as caught:
                channel.send(message)
            assert (error is AlertDeliveryError) is not isinstance(
                caught.value, PermanentDeliveryError
            )
        assert seen[0]["path"] == "/claimwatch-alerts/_doc/alert-42"
        assert seen[0]["body"]["kind"] == "claim"
        client.close()
