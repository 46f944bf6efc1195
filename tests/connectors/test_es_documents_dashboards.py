"""Elasticsearch documents for dashboards: @timestamp, nested sources, the change size."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from importlib import resources
from typing import Any

import factories
import pytest
from claimwatch.connectors.es_documents import (
    alert_document,
    article_document,
    claim_history_document,
    current_claim_document,
    delivery_document,
    signature_document,
)
from claimwatch.connectors.store import Delivery
from claimwatch.transforms.dedup import signature_for
from claimwatch.transforms.models import Alert, Article, Claim, ClaimKey

PUBLISHED = datetime(2025, 11, 19, 11, 0, tzinfo=timezone.utc)
DETECTED = datetime(2025, 11, 19, 11, 7, tzinfo=timezone.utc)
KEY = ClaimKey("killed", "palestinians", None, "since ceasefire")


def template(name: str) -> dict[str, Any]:
    path = resources.files("claimwatch.config") / "index_templates" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def claim(n: int, value: float, source: str) -> Claim:
    """An 'at least' toll claim published at PUBLISHED (the shared builder, other clock)."""
    hours = (PUBLISHED - factories.T0).total_seconds() / 3600
    return factories.claim(n, value, key=KEY, source=source, hours=hours, at_least=True)


def alert(previous: Claim | None, current: Claim) -> Alert:
    return factories.alert(1, current, previous, detected_at=DETECTED)


def test_alert_carries_detection_time_and_change_size() -> None:
    doc = alert_document(alert(claim(1, 400, "G"), claim(2, 420, "G")))
    assert doc["@timestamp"] == "2025-11-19T11:07:00Z"  # detected, not published
    assert doc["published"] == "2025-11-19T11:00:00Z"
    assert (doc["change_absolute"], doc["change_percent"]) == (20, 5.0)
    first = alert_document(alert(None, claim(1, 400, "G")))
    assert first["change_absolute"] is None and first["change_percent"] is None


def test_every_document_but_an_extraction_has_its_timestamp() -> None:
    article = Article(
        id="a1",
        url="https://news.example/1",
        canonical_url="https://news.example/1",
        source="G",
        title="t",
        text="x",
        published=PUBLISHED,
        fetched=DETECTED,
        content_hash="h",
    )
    assert article_document(article)["@timestamp"] == "2025-11-19T11:00:00Z"
    assert claim_history_document(claim(1, 400, "G"))["@timestamp"] == "2025-11-19T11:00:00Z"
    current = current_claim_document(KEY.as_string(), [claim(1, 400, "G"), claim(2, 380, "D")])
    assert current["@timestamp"] == "2025-11-19T11:00:00Z"
    sig = signature_for("a1", "https://news.example/1", "text here", PUBLISHED, "G")
    assert signature_document(sig)["@timestamp"] == "2025-11-19T11:00:00Z"
    delivery = Delivery("alert-1", "webhook", "delivered", 1, None, DETECTED)
    assert delivery_document(delivery)["@timestamp"] == "2025-11-19T11:07:00Z"


@pytest.mark.parametrize(
    "name", ["alerts", "articles", "claim-history", "claims", "deliveries", "signatures"]
)
def test_templates_v2_map_timestamp_as_date(name: str) -> None:
    body = template(name)
    assert body["version"] == 2
    assert body["template"]["mappings"]["properties"]["@timestamp"] == {"type": "date"}


def test_sources_are_nested_so_a_source_pairs_with_its_value() -> None:
    for name in ("alerts", "claims"):
        assert template(name)["template"]["mappings"]["properties"]["sources"]["type"] == "nested"


def test_alert_fields_are_all_mapped() -> None:
    # The mapping is dynamic: false, so an unmapped field would be kept but never searchable.
    mapped = set(template("alerts")["template"]["mappings"]["properties"])
    doc = alert_document(alert(claim(1, 400, "G"), claim(2, 420, "G")))
    assert set(doc) <= mapped, set(doc) - mapped
