"""One suite every Store must pass: the embedded SQLite store and Elasticsearch alike.

The Elasticsearch run needs the local stack (`claimwatch stack up`, or started here by
claimwatch.deploy.stack.endpoints) and is marked integration; each test gets its own index
prefix and deletes its indices afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from claimwatch.connectors.store import Delivery, Extraction
from claimwatch.transforms.dedup import signature_for
from claimwatch.transforms.models import Alert, Article, Claim, ClaimKey, Entity, Figure

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def es_url() -> Iterator[str]:
    from claimwatch.deploy.stack import endpoints

    with endpoints() as (_kafka, es):
        yield es


def _sqlite(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    try:
        from claimwatch.connectors.sqlite_store import SqliteStore
    except ImportError as exc:
        pytest.skip(f"claimwatch.connectors.sqlite_store is not importable yet: {exc}")
    return SqliteStore(tmp_path / "store.db")


def _elasticsearch(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    from claimwatch.connectors.es_store import ElasticsearchStore
    from elasticsearch import Elasticsearch

    client = Elasticsearch(request.getfixturevalue("es_url"), request_timeout=30)
    prefix = f"cwtest-{uuid.uuid4().hex[:10]}-"

    def clean_up() -> None:
        client.indices.delete(index=f"{prefix}*")
        client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}*")
        client.close()

    request.addfinalizer(clean_up)
    return ElasticsearchStore(client, prefix=prefix)


@pytest.fixture(
    params=[
        pytest.param(_sqlite, id="sqlite"),
        pytest.param(_elasticsearch, id="elasticsearch", marks=pytest.mark.integration),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    made = request.param(tmp_path, request)
    yield made
    made.close()


def article(n: int, *, url: str | None = None, text: str | None = None, hours: int = 0) -> Article:
    body = text or f"Article {n}: officials said {n * 10} people were killed in the flooding."
    canonical = url or f"http://news.example/{n}"
    return Article(
        id=f"art-{n}",
        url=canonical.replace("http://", "https://"),
        canonical_url=canonical,
        source=f"source-{n % 3}",
        title=f"Title {n}",
        text=body,
        published=T0 + timedelta(hours=hours),
        fetched=T0 + timedelta(hours=hours, minutes=5),
        content_hash=f"hash-{n}",
        version=1,
        author="A. Reporter" if n % 2 else None,
        feed_url="http://news.example/feed.xml",
    )


def claim(n: int, *, key: ClaimKey, value: float, hours: int, source: str = "wire") -> Claim:
    return Claim(
        id=f"claim-{n}",
        key=key,
        value=value,
        low=None,
        high=None,
        qualifier="at_least",
        source=source,
        url=f"https://news.example/{n}",
        article_id=f"art-{n}",
        canonical_url=f"http://news.example/{n}",
        published=T0 + timedelta(hours=hours),
        quote=f"at least {value:g} people were killed",
        figure_text=f"at least {value:g}",
        start=10,
        end=20,
        cumulative=True,
        unit="people",
    )


FLOOD = ClaimKey(metric="killed", subject="flood", place="Valencia")
QUAKE = ClaimKey(metric="injured", subject="earthquake")


def alert(n: int, current: Claim, previous: Claim | None = None) -> Alert:
    return Alert(
        id=f"alert-{n}",
        claim_key=current.key.as_string(),
        metric=current.key.metric,
        subject=current.key.subject,
        change="increase" if previous else "new",
        previous=previous,
        current=current,
        detected_at=T0 + timedelta(days=1, minutes=n),
        reason="toll rose",
    )


def test_articles_round_trip_in_publication_order(store: Any) -> None:
    saved = [article(3, hours=3), article(1, hours=1), article(2, hours=2)]
    store.save_articles(saved)
    assert store.articles() == sorted(saved, key=lambda a: a.published)
    assert [a.id for a in store.articles(limit=2)] == ["art-1", "art-2"]


def test_saving_articles_twice_keeps_one_copy_each(store: Any) -> None:
    batch = [article(n, hours=n) for n in range(5)]
    store.save_articles(batch)
    store.save_articles(batch)
    assert store.articles() == batch


def test_signatures_are_found_by_url_hash_or_band_only(store: Any) -> None:
    text = "Rescue teams said at least 40 people died after the river burst its banks overnight."
    original = signature_for(
        "art-1", "http://a.example/flood", text, T0, "a", ("killed:40.0:40.0:None",)
    )
    copy = signature_for("art-2", "http://b.example/copy", text + " Reuters.", T0, "b")
    unrelated = signature_for("art-3", "http://c.example/x", "Markets rose on Tuesday.", T0, "c")
    store.save_signatures([original, unrelated])

    by_url = store.signatures_matching("http://a.example/flood", "no-such-hash", [])
    by_hash = store.signatures_matching("http://elsewhere", original.content_hash, [])
    by_band = store.signatures_matching("http://elsewhere", "no-such-hash", copy.bands)
    assert by_url == [original]  # minhash, bands and figures survive the round trip exactly
    assert by_hash == [original]
    assert set(original.bands) & set(copy.bands), "the fixture copy should share a band"
    assert [s.article_id for s in by_band] == ["art-1"]
    assert store.signatures_matching("http://elsewhere", "no-such-hash", ["99deadbeef"]) == []


def test_versions_at_lists_each_version_oldest_first(store: Any) -> None:
    url = "http://a.example/story"
    later = signature_for("v2", url, "Update: 52 people have died.", T0 + timedelta(hours=2), "a")
    first = signature_for("v1", url, "At least 40 people have died.", T0, "a")
    store.save_signatures([later, first])
    assert store.versions_at(url) == [("v1", first.content_hash), ("v2", later.content_hash)]
    assert store.versions_at("http://a.example/other") == []


def test_extraction_round_trip_and_missing(store: Any) -> None:
    figure = Figure(
        text="at least 40",
        value=40.0,
        low=40.0,
        high=None,
        qualifier="at_least",
        unit="people",
        metric="killed",
        subject="flood",
        start=12,
        end=23,
        sentence="At least 40 people were killed.",
        place="Valencia",
        cumulative=True,
    )
    extraction = Extraction("art-1", (Entity("Valencia", "GPE", 40, 48),), (figure,))
    store.save_extractions([extraction])
    assert store.extraction("art-1") == extraction
    assert store.extraction("art-404") is None


def test_claim_history_is_ordered_by_publication_not_arrival(store: Any) -> None:
    late = claim(3, key=FLOOD, value=62, hours=5)
    early = claim(1, key=FLOOD, value=40, hours=1, source="local")
    middle = claim(2, key=FLOOD, value=51, hours=3)
    other = claim(4, key=QUAKE, value=7, hours=2)
    store.save_claims([late, other])
    store.save_claims([early, middle])
    assert [c.id for c in store.claim_history(FLOOD.as_string())] == [
        "claim-1",
        "claim-2",
        "claim-3",
    ]
    assert store.claim_history(FLOOD.as_string())[0] == early
    assert store.claim_history(QUAKE.as_string()) == [other]
    assert store.claim_keys() == sorted([FLOOD.as_string(), QUAKE.as_string()])
    assert store.claim_history("killed|nothing|*|*") == []


def test_save_claims_twice_is_idempotent(store: Any) -> None:
    batch = [claim(n, key=FLOOD, value=40 + n, hours=n) for n in range(4)]
    store.save_claims(batch)
    first = store.claim_history(FLOOD.as_string())
    store.save_claims(batch)
    assert store.claim_history(FLOOD.as_string()) == first == batch
    assert store.claim_keys() == [FLOOD.as_string()]


def test_save_alerts_returns_only_alerts_not_seen_before(store: Any) -> None:
    c1 = claim(1, key=FLOOD, value=40, hours=1)
    c2 = claim(2, key=FLOOD, value=52, hours=2)
    a1, a2 = alert(1, c1), alert(2, c2, previous=c1)
    assert store.save_alerts([a1]) == [a1]
    assert store.save_alerts([a1]) == []
    assert store.save_alerts([a1, a2]) == [a2]
    assert store.alerts() == [a1, a2]
    assert store.alerts(limit=1) == [a1]


def test_deliveries_are_kept_per_channel_and_updated_in_place(store: Any) -> None:
    failed = Delivery("alert-1", "webhook", "failed", 1, "503 from hook", T0)
    store.record_delivery(failed)
    store.record_delivery(Delivery("alert-1", "email", "delivered", 1, None, T0))
    done = Delivery("alert-1", "webhook", "delivered", 2, None, T0 + timedelta(minutes=1))
    store.record_delivery(done)
    assert [d.channel for d in store.deliveries("alert-1")] == ["email", "webhook"]
    assert store.deliveries("alert-1")[1] == done
    assert store.deliveries("alert-2") == []


# -- read-only queries of connectors/store_reads.py (web app, /metrics) ----------------------


def test_all_claims_groups_by_key_in_publication_order(store: Any) -> None:
    late = claim(3, key=FLOOD, value=62, hours=5)
    early = claim(1, key=FLOOD, value=40, hours=1, source="local")
    other = claim(4, key=QUAKE, value=7, hours=2)
    store.save_claims([late, other, early])
    ordered = sorted([FLOOD.as_string(), QUAKE.as_string()])
    expected = {FLOOD.as_string(): [early, late], QUAKE.as_string(): [other]}
    assert store.all_claims() == [c for k in ordered for c in expected[k]]


def test_alerts_for_key_and_by_id(store: Any) -> None:
    c1 = claim(1, key=FLOOD, value=40, hours=1)
    c2 = claim(2, key=FLOOD, value=52, hours=2)
    c3 = claim(3, key=QUAKE, value=7, hours=3)
    a1, a2, a3 = alert(1, c1), alert(2, c2, previous=c1), alert(3, c3)
    store.save_alerts([a3, a2, a1])
    assert store.alerts_for_key(FLOOD.as_string()) == [a1, a2]
    assert store.alerts_for_key("killed|nothing|*|*") == []
    assert store.alerts_by_id(["alert-3", "alert-1", "alert-404"]) == [a1, a3]
    assert store.alerts_by_id([]) == []


def test_source_yield_and_counts(store: Any) -> None:
    originals = [article(n, hours=n) for n in (1, 2, 4)]  # source-1, source-2, source-1
    copy = replace(article(7, hours=7), duplicate_of="art-1", duplicate_reason="content_hash")
    store.save_articles([*originals, copy])  # art-7 is source-1 too
    c1 = claim(1, key=FLOOD, value=40, hours=1, source="source-1")
    c2 = claim(2, key=FLOOD, value=52, hours=2, source="source-2")
    store.save_claims([c1, c2])
    store.save_alerts([alert(1, c1), alert(2, c2, previous=c1)])
    store.record_delivery(Delivery("alert-1", "webhook", "failed", 1, "503", T0))
    store.record_delivery(Delivery("alert-2", "webhook", "delivered", 1, None, T0))
    store.record_delivery(Delivery("alert-1", "email", "delivered", 1, None, T0))
    yields = {y.source: y for y in store.source_yield()}
    assert sorted(yields) == ["source-1", "source-2"]
    one = yields["source-1"]
    assert (one.articles, one.duplicates, one.claims, one.alerts) == (3, 1, 1, 1)
    two = yields["source-2"]
    assert (two.articles, two.duplicates, two.claims, two.alerts) == (1, 0, 1, 1)
    assert store.alert_counts() == {"increase": 1, "new": 1}
    assert store.delivery_counts() == {
        ("email", "delivered"): 1,
        ("webhook", "delivered"): 1,
        ("webhook", "failed"): 1,
    }


def test_articles_by_id(store: Any) -> None:
    saved = [article(3, hours=3), article(1, hours=1), article(2, hours=2)]
    store.save_articles(saved)
    assert [a.id for a in store.articles_by_id(["art-3", "art-1", "art-404"])] == ["art-1", "art-3"]
    assert store.articles_by_id(["art-2"]) == [saved[2]]
    assert store.articles_by_id([]) == []


def test_claims_version_moves_when_claims_change(store: Any) -> None:
    empty = store.claims_version()
    store.save_claims([claim(1, key=FLOOD, value=40, hours=1)])
    one = store.claims_version()
    assert one != empty and store.claims_version() == one  # stable while nothing changes
    store.save_claims([claim(2, key=FLOOD, value=52, hours=2)])
    assert store.claims_version() not in (empty, one)
