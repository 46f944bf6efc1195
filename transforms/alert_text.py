"""What a person reads: one wording for every alert, rendered safely for each channel.

    Alert ───────┐
    HealthAlert ─┴─ render_alert / render_health ──▶ Message(subject, text, html, parts, payload)

Article text (quotes, subjects, source names, URLs) is untrusted: a quote can contain markup,
chat mentions or fake links. HTML escapes every piece with `html.escape`. `parts` is the same
wording as neutral structure (header, warning, text, link) for channels with a markup of their
own: each escapes it by its own rules (Slack's in connectors/channels/slack.py).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal
from urllib.parse import urlsplit

from claimwatch.transforms.health import HealthAlert
from claimwatch.transforms.models import Alert, Claim, Qualifier, SourceValue
from claimwatch.transforms.records import alert_to_dict, iso

TEST_MARK = "[TEST] "


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of the wording, for channels that render their own markup.

    `text` is plain (untrusted article text included): the channel escapes it. A "link" part
    has the http(s) URL to link and `text` as its label.
    """

    kind: Literal["header", "warning", "text", "link"]
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """An alert rendered once for every channel; channels pick the form they speak."""

    id: str
    kind: Literal["claim", "health"]
    subject: str
    text: str
    html: str
    payload: Mapping[str, Any]
    test: bool = False
    parts: tuple[Part, ...] = ()


# -- numbers ------------------------------------------------------------------------------------


def format_number(value: float) -> str:
    """1100 -> "1,100"; 2.5 -> "2.5"; 420.0 -> "420"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_quantity(
    qualifier: Qualifier,
    value: float | None,
    low: float | None = None,
    high: float | None = None,
    unit: str | None = None,
) -> str:
    """A figure as a person would say it: "at least 400", "15–20", "fewer than 50"."""
    if qualifier == "range" and low is not None and high is not None:
        text = f"{format_number(low)}–{format_number(high)}"
    else:
        number = _pick(qualifier, value, low, high)
        if number is None:
            text = "an unknown number"
        else:
            # Money is "less than $50", people are "fewer than 50".
            prefix = "less than " if qualifier == "less_than" and unit else _PREFIX[qualifier]
            text = f"{prefix}{format_number(number)}"
    return f"{text} {unit}" if unit else text


_PREFIX: dict[str, str] = {
    "exact": "",
    "range": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "up_to": "up to ",
    "less_than": "fewer than ",
    "approximately": "about ",
}


def _pick(q: Qualifier, value: float | None, low: float | None, high: float | None) -> float | None:
    if value is not None:
        return value
    if q in ("up_to", "less_than"):
        return high if high is not None else low
    return low if low is not None else high


def claim_quantity(claim: Claim) -> str:
    """A claim's figure, with its whole when it has one: "11 of 28"."""
    text = format_quantity(claim.qualifier, claim.value, claim.low, claim.high, claim.unit)
    return f"{text} of {format_number(claim.out_of)}" if claim.out_of is not None else text


def source_quantity(value: SourceValue) -> str:
    return format_quantity(value.qualifier, value.value, value.low, value.high)


def format_time(moment: datetime | None) -> str:
    if moment is None:
        return "unknown time"
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


# -- the one wording ------------------------------------------------------------------------------


def headline(alert: Alert) -> str:
    """ "Killed — palestinians: at least 400 → at least 420 (increase)"."""
    title = f"{alert.metric.capitalize()} — {alert.subject}"
    if alert.previous is None:
        change = f"{claim_quantity(alert.current)} (new)"
    else:
        kind = f"{alert.change}, correction" if alert.correction else alert.change
        change = f"{claim_quantity(alert.previous)} → {claim_quantity(alert.current)} ({kind})"
    line = f"{title}: {change}"
    return f"CORRECTION: {line}" if alert.correction else line


CORRECTION_NOTE = (
    "CORRECTION — a cumulative count went DOWN. An earlier figure was revised; "
    "this is not good news, and the earlier number should not be repeated."
)


def plain_text(alert: Alert, *, rule: str | None = None, test: bool = False) -> str:
    """The full alert as plain text: headline, change, key, both claims and every source."""
    lines = []
    if test:
        lines.append(f"{TEST_MARK}This is a test alert from claimwatch; nothing happened.")
    if alert.correction:
        lines += [f"!!! {CORRECTION_NOTE} !!!", ""]
    lines.append(headline(alert))
    lines.append(f"Change: {alert.change}" + (" (correction)" if alert.correction else ""))
    lines.append(f"Claim key: {alert.claim_key}")
    if alert.reason:
        lines.append(f"Why: {alert.reason}")
    if rule:
        lines.append(f"Rule: {rule}")
    for label, claim in (("Before", alert.previous), ("Now", alert.current)):
        if claim is None:
            continue
        lines += [
            "",
            f"{label}: {claim_quantity(claim)} — {claim.source}, {format_time(claim.published)}",
            f"  “{claim.quote}”",
            f"  {claim.url}",
        ]
    if alert.sources:
        lines += ["", "Latest figure from each source:"]
        lines += [
            f"  - {s.source}: {source_quantity(s)} ({format_time(s.published)}) {s.url}"
            for s in alert.sources
        ]
    lines += ["", f"Alert id: {alert.id} · detected {format_time(alert.detected_at)}"]
    return "\n".join(lines)


def html_text(alert: Alert, *, rule: str | None = None, test: bool = False) -> str:
    """The same content as HTML for e-mail; every piece of article text is escaped."""
    e = html.escape
    parts = ['<div style="font-family: sans-serif">']
    if test:
        parts.append(
            f"<p><strong>{e(TEST_MARK)}</strong>This is a test alert; nothing happened.</p>"
        )
    if alert.correction:
        parts.append(
            '<p style="background:#b00020;color:#fff;padding:8px;font-weight:bold">'
            f"{e(CORRECTION_NOTE)}</p>"
        )
    parts.append(f"<h2>{e(headline(alert))}</h2>")
    parts.append("<ul>")
    parts.append(f"<li>Change: <strong>{e(alert.change)}</strong></li>")
    parts.append(f"<li>Claim key: <code>{e(alert.claim_key)}</code></li>")
    if alert.reason:
        parts.append(f"<li>Why: {e(alert.reason)}</li>")
    if rule:
        parts.append(f"<li>Rule: {e(rule)}</li>")
    parts.append("</ul>")
    for label, claim in (("Before", alert.previous), ("Now", alert.current)):
        if claim is None:
            continue
        parts.append(
            f"<h3>{label}: {e(claim_quantity(claim))} — {_html_link(claim.url, claim.source)}, "
            f"{e(format_time(claim.published))}</h3>"
            f"<blockquote>{e(claim.quote)}</blockquote>"
        )
    if alert.sources:
        parts.append("<h3>Latest figure from each source</h3><ul>")
        parts += [
            f"<li>{_html_link(s.url, s.source)}: {e(source_quantity(s))} "
            f"({e(format_time(s.published))})</li>"
            for s in alert.sources
        ]
        parts.append("</ul>")
    parts.append(
        f"<p><small>Alert id {e(alert.id)} · detected {e(format_time(alert.detected_at))}"
        "</small></p></div>"
    )
    return "\n".join(parts)


def alert_parts(alert: Alert, *, rule: str | None = None, test: bool = False) -> tuple[Part, ...]:
    """The wording of a claim alert as parts: header, correction, facts, each side, sources."""
    top = headline(alert)
    if test:
        top = TEST_MARK + top
    parts = [Part("header", top)]
    if alert.correction:
        parts.append(Part("warning", CORRECTION_NOTE))
    facts = f"Change: {alert.change}\nClaim key: {alert.claim_key}"
    if alert.reason:
        facts += f"\nWhy: {alert.reason}"
    if rule:
        facts += f"\nRule: {rule}"
    parts.append(Part("text", facts))
    for label, claim in (("Before", alert.previous), ("Now", alert.current)):
        if claim is None:
            continue
        parts.append(
            Part(
                "text",
                f"{label}: {claim_quantity(claim)} — {claim.source}, "
                f"{format_time(claim.published)}\n“{claim.quote}”",
            )
        )
        if is_web_url(claim.url):
            parts.append(Part("link", "open article", claim.url))
    if alert.sources:
        parts.append(
            Part(
                "text",
                "Latest figure from each source:\n"
                + "\n".join(
                    f"• {s.source}: {source_quantity(s)} ({format_time(s.published)}) {s.url}"
                    for s in alert.sources
                ),
            )
        )
    return tuple(parts)


def json_payload(alert: Alert, *, rule: str | None = None, test: bool = False) -> dict[str, Any]:
    """alert_to_dict plus the rendered wording and what kind of payload this is."""
    return {
        "kind": "claim",
        "test": test,
        "rule": rule,
        **alert_to_dict(alert),
        "headline": (TEST_MARK if test else "") + headline(alert),
        "text": plain_text(alert, rule=rule, test=test),
    }


def render_alert(alert: Alert, *, rule: str | None = None, test: bool = False) -> Message:
    """Every channel form of a claim alert."""
    subject = headline(alert)
    return Message(
        id=alert.id,
        kind="claim",
        subject=(TEST_MARK if test else "") + subject,
        text=plain_text(alert, rule=rule, test=test),
        html=html_text(alert, rule=rule, test=test),
        payload=json_payload(alert, rule=rule, test=test),
        test=test,
        parts=alert_parts(alert, rule=rule, test=test),
    )


# -- health ---------------------------------------------------------------------------------------


def health_headline(alert: HealthAlert) -> str:
    state = "RECOVERED" if alert.status == "recovered" else alert.severity.upper()
    return f"[claimwatch health] {state}: {alert.condition.replace('_', ' ')} — {alert.subject}"


def render_health(alert: HealthAlert, *, test: bool = False) -> Message:
    """Every channel form of an operator alert (payload "kind": "health")."""
    top = (TEST_MARK if test else "") + health_headline(alert)
    lines = [
        top,
        alert.message,
        f"Since: {format_time(alert.since)} · detected {format_time(alert.detected_at)}",
        f"Health alert id: {alert.id}",
    ]
    text = "\n".join(lines)
    e = html.escape
    body = (
        f'<div style="font-family: sans-serif"><h2>{e(top)}</h2><p>{e(alert.message)}</p>'
        f"<p><small>Since {e(format_time(alert.since))} · detected "
        f"{e(format_time(alert.detected_at))} · id {e(alert.id)}</small></p></div>"
    )
    payload = {
        "kind": "health",
        "test": test,
        "id": alert.id,
        "condition": alert.condition,
        "subject": alert.subject,
        "source": alert.source,
        "status": alert.status,
        "severity": alert.severity,
        "message": alert.message,
        "episode": alert.episode,
        "since": iso(alert.since),
        "detected_at": iso(alert.detected_at),
        "headline": top,
        "text": text,
    }
    parts = (Part("header", top), Part("text", "\n".join(lines[1:])))
    return Message(alert.id, "health", top, text, body, payload, test, parts)


# -- escaping -------------------------------------------------------------------------------------


def _html_link(url: str, label: str) -> str:
    if not is_web_url(url):
        return html.escape(label)
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'


def is_web_url(url: str) -> bool:
    """http(s) with a host: the only URLs any channel turns into a link."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
