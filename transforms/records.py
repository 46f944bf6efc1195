"""Plain-dict forms of the models, for the log, the store and JSON output.

Pure functions in both directions; decoding raises RecordError naming what is wrong, so a
poison record becomes a dead letter instead of a crash.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from claimwatch.transforms.errors import RecordError
from claimwatch.transforms.models import Alert, Article, Claim, ClaimKey, Figure, SourceValue


def iso(moment: datetime | None) -> str | None:
    """UTC ISO-8601 with a Z, or None."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def parse_iso(text: str | None) -> datetime | None:
    if text is None:
        return None
    return _parse_iso(text)


@lru_cache(maxsize=65_536)
def _parse_iso(text: str) -> datetime:
    # Stored records repeat the same instants (a story's figures, a key's history) millions
    # of times over a long run; datetimes are immutable, so one parse serves them all.
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def number(value: float | None) -> int | float | None:
    """400.0 prints as 400; 2.5 stays 2.5."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "source": article.source,
        "title": article.title,
        "text": article.text,
        "published": iso(article.published),
        "fetched": iso(article.fetched),
        "content_hash": article.content_hash,
        "version": article.version,
        "author": article.author,
        "feed_url": article.feed_url,
        "duplicate_of": article.duplicate_of,
        "duplicate_reason": article.duplicate_reason,
        "story_id": article.story_id,
    }


def article_from_dict(data: dict[str, Any]) -> Article:
    try:
        published = parse_iso(data["published"])
        fetched = parse_iso(data["fetched"])
        if published is None or fetched is None:
            raise ValueError("published and fetched are required")
        return Article(
            id=str(data["id"]),
            url=str(data["url"]),
            canonical_url=str(data["canonical_url"]),
            source=str(data["source"]),
            title=str(data.get("title") or ""),
            text=str(data.get("text") or ""),
            published=published,
            fetched=fetched,
            content_hash=str(data["content_hash"]),
            version=int(data.get("version") or 1),
            author=data.get("author"),
            feed_url=data.get("feed_url"),
            duplicate_of=data.get("duplicate_of"),
            duplicate_reason=data.get("duplicate_reason"),
            story_id=data.get("story_id"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RecordError(f"article record is missing or has a bad field: {exc}") from exc


def encode_article(article: Article) -> bytes:
    return json.dumps(article_to_dict(article), ensure_ascii=False).encode("utf-8")


def decode_article(payload: bytes) -> Article:
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordError(f"log record is not UTF-8 JSON: {exc}") from exc
    try:
        # JSON may escape a lone surrogate ("\ud800"): valid JSON, but no store can keep it.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordError(f"log record holds text that is not valid Unicode: {exc}") from exc
    if not isinstance(data, dict):
        raise RecordError(f"log record is JSON {type(data).__name__}, expected an object")
    return article_from_dict(data)


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "key": claim.key.as_string(),
        "metric": claim.key.metric,
        "subject": claim.key.subject,
        "place": claim.key.place,
        "period": claim.key.period,
        "value": number(claim.value),
        "low": number(claim.low),
        "high": number(claim.high),
        "qualifier": claim.qualifier,
        "source": claim.source,
        "url": claim.url,
        "article_id": claim.article_id,
        "canonical_url": claim.canonical_url,
        "published": iso(claim.published),
        "quote": claim.quote,
        "figure_text": claim.figure_text,
        "start": claim.start,
        "end": claim.end,
        "cumulative": claim.cumulative,
        "unit": claim.unit,
        "out_of": number(claim.out_of),
        "story_id": claim.story_id,
    }


def claim_from_dict(data: dict[str, Any]) -> Claim:
    try:
        published = parse_iso(data["published"])
        assert published is not None
        return Claim(
            id=data["id"],
            key=ClaimKey(
                metric=data["metric"],
                subject=data["subject"],
                place=data.get("place"),
                period=data.get("period"),
            ),
            value=data.get("value"),
            low=data.get("low"),
            high=data.get("high"),
            qualifier=data["qualifier"],
            source=data["source"],
            url=data["url"],
            article_id=data["article_id"],
            canonical_url=data.get("canonical_url") or data["url"],
            published=published,
            quote=data["quote"],
            figure_text=data.get("figure_text") or "",
            start=int(data.get("start") or 0),
            end=int(data.get("end") or 0),
            cumulative=bool(data.get("cumulative")),
            unit=data.get("unit"),
            out_of=data.get("out_of"),
            story_id=data.get("story_id"),
        )
    except (KeyError, TypeError, ValueError, AssertionError) as exc:
        raise RecordError(f"claim record is missing or has a bad field: {exc}") from exc


def source_value_to_dict(value: SourceValue) -> dict[str, Any]:
    return {
        "source": value.source,
        "value": number(value.value),
        "low": number(value.low),
        "high": number(value.high),
        "qualifier": value.qualifier,
        "published": iso(value.published),
        "url": value.url,
    }


def alert_side(claim: Claim | None) -> dict[str, Any] | None:
    """The previous/current block of an alert: the value and its evidence."""
    if claim is None:
        return None
    return {
        "value": number(claim.value),
        "low": number(claim.low),
        "high": number(claim.high),
        "qualifier": claim.qualifier,
        "source": claim.source,
        "url": claim.url,
        "published": iso(claim.published),
        "quote": claim.quote,
        "claim_id": claim.id,
    }


def alert_to_dict(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "claim_key": alert.claim_key,
        "metric": alert.metric,
        "subject": alert.subject,
        "change": alert.change,
        "correction": alert.correction,
        "reason": alert.reason,
        "previous": alert_side(alert.previous),
        "current": alert_side(alert.current),
        "sources": [source_value_to_dict(s) for s in alert.sources],
        "detected_at": iso(alert.detected_at),
        "rules": list(alert.rules),
        "story_id": alert.story_id,
    }


def alert_from_dict(data: dict[str, Any]) -> Alert:
    """Rebuild an alert from alert_to_dict output plus the full claims it points at."""
    try:
        detected = parse_iso(data["detected_at"])
        assert detected is not None
        previous = claim_from_dict(data["previous_claim"]) if data.get("previous_claim") else None
        return Alert(
            id=data["id"],
            claim_key=data["claim_key"],
            metric=data["metric"],
            subject=data["subject"],
            change=data["change"],
            previous=previous,
            current=claim_from_dict(data["current_claim"]),
            detected_at=detected,
            correction=bool(data.get("correction")),
            reason=data.get("reason") or "",
            sources=tuple(
                SourceValue(
                    source=s["source"],
                    value=s.get("value"),
                    low=s.get("low"),
                    high=s.get("high"),
                    qualifier=s["qualifier"],
                    published=parse_iso(s["published"]) or detected,
                    url=s["url"],
                )
                for s in data.get("sources") or ()
            ),
            rules=tuple(data.get("rules") or ()),
            story_id=data.get("story_id"),
        )
    except (KeyError, TypeError, ValueError, AssertionError) as exc:
        raise RecordError(f"alert record is missing or has a bad field: {exc}") from exc


def figure_to_dict(figure: Figure) -> dict[str, Any]:
    """The `claimwatch extract` form of a figure, plus the fields claims need."""
    return {
        "text": figure.text,
        "value": number(figure.value),
        "low": number(figure.low),
        "high": number(figure.high),
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "metric": figure.metric,
        "subject": figure.subject,
        "start": figure.start,
        "end": figure.end,
        "sentence": figure.sentence,
        "place": figure.place,
        "period": figure.period,
        "cumulative": figure.cumulative,
        "role": figure.role,
        "out_of": number(figure.out_of),
    }


def figure_from_dict(data: dict[str, Any]) -> Figure:
    try:
        fields: dict[str, Any] = {name: data.get(name) for name in Figure.__slots__}
        return Figure(**fields)
    except TypeError as exc:
        raise RecordError(f"figure record has a bad field: {exc}") from exc
