"""Pure mappers between the models and Elasticsearch documents, with deterministic ids.

Every id comes from content (article id, claim id, alert id, a hash of the claim key), so a
replayed batch overwrites the same documents instead of adding copies. No I/O here.

Every document but an extraction (which has no time of its own) carries `@timestamp`, the
field Kibana and other dashboards pick by default: publication time for articles, signatures,
claim history and current claims, detection time for alerts, the last update for deliveries.
Alerts also carry their numeric change (`change_absolute`, `change_percent`).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from claimwatch.connectors.store import Delivery, Extraction, StoredDeadLetter
from claimwatch.transforms.change_size import change_size
from claimwatch.transforms.dedup import Signature, band_hashes
from claimwatch.transforms.models import Alert, Article, Claim, Entity
from claimwatch.transforms.records import (
    alert_to_dict,
    article_to_dict,
    claim_from_dict,
    claim_to_dict,
    figure_from_dict,
    figure_to_dict,
    iso,
    number,
    parse_iso,
)
from claimwatch.transforms.stories import Story
from claimwatch.transforms.story_records import story_to_dict


def key_id(key: str) -> str:
    """Document id of a claim key's current-value document (keys can be long or odd)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def delivery_id(alert_id: str, channel: str) -> str:
    return f"{alert_id}:{channel}"


def article_document(article: Article) -> dict[str, Any]:
    return {"@timestamp": iso(article.published), **article_to_dict(article)}


def claim_history_document(claim: Claim) -> dict[str, Any]:
    return {"@timestamp": iso(claim.published), **claim_to_dict(claim)}


def signature_document(signature: Signature) -> dict[str, Any]:
    return {
        "@timestamp": iso(signature.published),
        "article_id": signature.article_id,
        "canonical_url": signature.canonical_url,
        "content_hash": signature.content_hash,
        "bands": list(signature.bands),
        "minhash": list(signature.minhash),
        "published": iso(signature.published),
        "source": signature.source,
        "figures": list(signature.figures),
    }


def signature_from_document(doc: dict[str, Any]) -> Signature:
    minhash = tuple(int(v) for v in doc["minhash"])
    published = parse_iso(doc["published"])
    assert published is not None
    return Signature(
        article_id=doc["article_id"],
        canonical_url=doc["canonical_url"],
        content_hash=doc["content_hash"],
        minhash=minhash,
        bands=band_hashes(minhash, tuple(doc.get("figures") or ())),
        published=published,
        source=doc["source"],
        figures=tuple(doc.get("figures") or ()),
    )


def extraction_document(extraction: Extraction) -> dict[str, Any]:
    return {
        "article_id": extraction.article_id,
        "entities": [
            {"text": e.text, "label": e.label, "start": e.start, "end": e.end}
            for e in extraction.entities
        ],
        "figures": [figure_to_dict(f) for f in extraction.figures],
    }


def extraction_from_document(doc: dict[str, Any]) -> Extraction:
    return Extraction(
        article_id=doc["article_id"],
        entities=tuple(Entity(**e) for e in doc.get("entities") or ()),
        figures=tuple(figure_from_dict(f) for f in doc.get("figures") or ()),
    )


def _latest_first(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.published, c.id), reverse=True)


def current_claim_document(key: str, history: Iterable[Claim]) -> dict[str, Any]:
    """The current-value document of a key: its latest claim and each source's latest value.

    Computed from the whole history, so the result does not depend on arrival order and
    rewriting it after a replay changes nothing.
    """
    ordered = _latest_first(history)
    if not ordered:
        raise ValueError(f"no claims for key {key!r}")
    latest = ordered[0]
    per_source: dict[str, Claim] = {}
    for claim in ordered:
        per_source.setdefault(claim.source, claim)
    return {
        "@timestamp": iso(latest.published),
        "key": key,
        "metric": latest.key.metric,
        "subject": latest.key.subject,
        "place": latest.key.place,
        "period": latest.key.period,
        "claim_id": latest.id,
        "value": number(latest.value),
        "low": number(latest.low),
        "high": number(latest.high),
        "qualifier": latest.qualifier,
        "source": latest.source,
        "url": latest.url,
        "published": iso(latest.published),
        "quote": latest.quote,
        "claim_count": len(ordered),
        "source_count": len(per_source),
        "sources": [
            {
                "source": c.source,
                "value": number(c.value),
                "low": number(c.low),
                "high": number(c.high),
                "qualifier": c.qualifier,
                "published": iso(c.published),
                "url": c.url,
                "claim_id": c.id,
            }
            for c in sorted(per_source.values(), key=lambda c: c.source)
        ],
        "latest": claim_to_dict(latest),
    }


def current_claim_from_document(doc: dict[str, Any]) -> Claim:
    return claim_from_dict(doc["latest"])


def alert_document(alert: Alert) -> dict[str, Any]:
    doc: dict[str, Any] = {"@timestamp": iso(alert.detected_at), **alert_to_dict(alert)}
    doc["published"] = iso(alert.current.published)
    size = change_size(alert.previous, alert.current)
    doc["change_absolute"] = number(size.absolute) if size else None
    doc["change_percent"] = size.percent if size else None
    doc["previous_claim"] = claim_to_dict(alert.previous) if alert.previous else None
    doc["current_claim"] = claim_to_dict(alert.current)
    return doc


def story_document(story: Story) -> dict[str, Any]:
    """A story as stored: its fields, index terms for candidate lookup, and the centroid."""
    return story_to_dict(story)


def delivery_document(delivery: Delivery) -> dict[str, Any]:
    return {
        "@timestamp": iso(delivery.updated),
        "alert_id": delivery.alert_id,
        "channel": delivery.channel,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "last_error": delivery.last_error,
        "updated": iso(delivery.updated),
        "claim_key": delivery.claim_key,
        "published": iso(delivery.published),
        "not_before": iso(delivery.not_before),
    }


def delivery_from_document(doc: dict[str, Any]) -> Delivery:
    updated = parse_iso(doc["updated"])
    assert updated is not None
    return Delivery(
        alert_id=doc["alert_id"],
        channel=doc["channel"],
        status=doc["status"],
        attempts=int(doc["attempts"]),
        last_error=doc.get("last_error"),
        updated=updated,
        claim_key=doc.get("claim_key") or "",
        published=parse_iso(doc.get("published")),
        not_before=parse_iso(doc.get("not_before")),
    )


def dead_letter_document(letter: StoredDeadLetter) -> dict[str, Any]:
    return {
        "id": letter.id,
        "stage": letter.stage,
        "reason": letter.reason,
        # The original bytes, whatever they are: base64 keeps them exact.
        "payload_b64": base64.b64encode(letter.payload).decode("ascii"),
        "partition": letter.partition,
        "offset": letter.offset,
        "created": iso(letter.created),
    }


def dead_letter_from_document(doc: dict[str, Any]) -> StoredDeadLetter:
    return StoredDeadLetter(
        id=doc["id"],
        stage=doc["stage"],
        reason=doc["reason"],
        payload=base64.b64decode(doc["payload_b64"]),
        partition=doc.get("partition"),
        offset=doc.get("offset"),
        created=parse_iso(doc["created"]) or datetime.min,
    )
