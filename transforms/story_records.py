"""Plain-dict forms of stories, for the store and JSON output; pure in both directions."""

from __future__ import annotations

from typing import Any

from claimwatch.transforms.errors import RecordError
from claimwatch.transforms.records import iso, number, parse_iso
from claimwatch.transforms.stories import Story, StoryFigure


def story_to_dict(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "first_seen": iso(story.first_seen),
        "last_seen": iso(story.last_seen),
        "sources": list(story.sources),
        "article_ids": list(story.article_ids),
        "article_count": len(story.article_ids),
        "claim_keys": list(story.claim_keys),
        "figures": [story_figure_to_dict(f) for f in story.figures],
        "terms": [[t, w] for t, w in story.terms],
        "index_terms": list(story.index_terms()),
        "people": list(story.people),
        "regions": list(story.regions),
    }


def story_figure_to_dict(figure: StoryFigure) -> dict[str, Any]:
    return {
        "key": figure.key,
        "value": number(figure.value),
        "low": number(figure.low),
        "high": number(figure.high),
        "qualifier": figure.qualifier,
        "source": figure.source,
        "published": iso(figure.published),
        "url": figure.url,
        "claim_id": figure.claim_id,
    }


def story_from_dict(data: dict[str, Any]) -> Story:
    try:
        first, last = parse_iso(data["first_seen"]), parse_iso(data["last_seen"])
        if first is None or last is None:
            raise ValueError("first_seen and last_seen are required")
        return Story(
            id=str(data["id"]),
            title=str(data.get("title") or ""),
            first_seen=first,
            last_seen=last,
            sources=tuple(data.get("sources") or ()),
            article_ids=tuple(data.get("article_ids") or ()),
            terms=tuple((str(t), float(w)) for t, w in data.get("terms") or ()),
            claim_keys=tuple(data.get("claim_keys") or ()),
            figures=tuple(_figure(f) for f in data.get("figures") or ()),
            # Absent from stories stored before they were kept: the lexical rule alone then.
            people=tuple(str(p) for p in data.get("people") or ()),
            regions=tuple(str(r) for r in data.get("regions") or ()),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RecordError(f"story record is missing or has a bad field: {exc}") from exc


def _figure(data: dict[str, Any]) -> StoryFigure:
    # Every candidate story is read back with its figures for every article it is scored
    # against; the same stored figure decodes to the same immutable value, so decode it once.
    key = (
        data["claim_id"],
        data["key"],
        data["published"],
        data.get("value"),
        data.get("low"),
        data.get("high"),
        data["qualifier"],
        data["source"],
        data["url"],
    )
    found = _DECODED.get(key)
    if found is None:
        if len(_DECODED) >= _DECODED_MAX:
            _DECODED.clear()
        found = _DECODED[key] = _decode_figure(data)
    return found


_DECODED: dict[tuple[Any, ...], StoryFigure] = {}
_DECODED_MAX = 200_000


def _decode_figure(data: dict[str, Any]) -> StoryFigure:
    published = parse_iso(data["published"])
    if published is None:
        raise ValueError("a story figure needs its publication time")
    return StoryFigure(
        key=data["key"],
        value=data.get("value"),
        low=data.get("low"),
        high=data.get("high"),
        qualifier=data["qualifier"],
        source=data["source"],
        published=published,
        url=data["url"],
        claim_id=data["claim_id"],
    )
