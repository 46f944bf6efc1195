"""A clearly marked sample alert, sent to every channel by `claimwatch alerts test-send`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

from claimwatch.connectors.channels import Channel
from claimwatch.transforms.alert_text import render_alert
from claimwatch.transforms.errors import AlertDeliveryError
from claimwatch.transforms.models import Alert, Claim, ClaimKey, SourceValue


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
