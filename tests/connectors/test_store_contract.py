"""One suite every Store must pass: the embedded SQLite store and Elasticsearch alike.

The Elasticsearch run needs the local stack (`claimwatch stack up`, or started here by
claimwatch.deploy.stack.endpoints) and is marked integration; each test gets its own index
prefix and deletes its indices afterwards.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import factories
import pytest
from claimwatch.connectors.store import Delivery, Extraction, StoredDeadLetter
from claimwatch.transforms.dedup import signature_for
from claimwatch.transforms.models import Alert, Article, Claim, ClaimKey, Entity, Figure

T0 = factories.T0


FLOOD = ClaimKey(metric="killed", subject="flood", place="Valencia")
QUAKE = ClaimKey(metric="injured", subject="earthquake")
NOW = T0 + timedelta(days=2)
LEASE = timedelta(minutes=5)


def article(n: int, *, hours: int = 0) -> Article:
    return factories.article(
        f"art-{n}",
        url=f"https://news.example/{n}",
        source=f"source-{n % 3}",
        hours=hours,
        text=f"Article {n}: officials said {n * 10} people were killed in the flooding.",
        author="A. Reporter" if n % 2 else None,
        feed_url="http://news.example/feed.xml",
    )


def claim(n: int, *, key: ClaimKey, value: float, hours: int, source: str = "wire") -> Claim:
    return factories.claim(n, value, key=key, hours=hours, source=source, unit="people")


def alert(n: int, current: Claim, previous: Claim | None = None, **extra: Any) -> Alert:
    detected = T0 + timedelta(days=1, minutes=n)
    return factories.alert(n, current, previous, detected_at=detected, reason="toll rose", **extra)


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
    copy = signature_for(
        "art-2", "http://b.example/copy", text + " Reuters.", T0, "b", ("killed:40.0:40.0:None",)
    )
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


def test_a_bounded_lookup_returns_the_signatures_sharing_most_bands(store: Any) -> None:
    figures = ("killed:40.0:40.0:None",)
    text = "Rescue teams said at least 40 people died after the river burst its banks overnight."
    probe = signature_for("probe", "http://p.example/x", text, T0, "p", figures)
    # Signatures made to share 1..6 of the probe's bands, plus an exact-content match.
    sharing = [
        replace(
            probe,
            article_id=f"s{n}",
            canonical_url=f"http://s{n}.example",
            content_hash=f"h{n}",
            bands=(*probe.bands[:n], *(f"{b}x" for b in probe.bands[n:])),
        )
        for n in range(1, 7)
    ]
    same_text = replace(
        probe,
        article_id="exact",
        canonical_url="http://e.example",
        bands=tuple(f"{b}y" for b in probe.bands),
    )
    store.save_signatures([*sharing, same_text])

    found = store.signatures_matching(
        "http://p.example/x", probe.content_hash, probe.bands, limit=3
    )
    assert {s.article_id for s in found} == {"exact", "s6", "s5", "s4"}
    everything = store.signatures_matching("http://p.example/x", probe.content_hash, probe.bands)
    assert {s.article_id for s in everything} == {"exact", *(f"s{n}" for n in range(1, 7))}

    # Many lookups at once give what each alone gives, in the same order (dedup reads a whole
    # slice's candidates up front).
    lookups = [
        ("http://p.example/x", probe.content_hash, probe.bands),
        ("http://s2.example", "h2", ["no-band"]),
        ("http://nowhere", "nothing", probe.bands[:1]),
    ]
    assert store.signatures_matching_many(lookups, limit=3) == [
        store.signatures_matching(u, h, b, limit=3) for u, h, b in lookups
    ]
    assert store.signatures_matching_many([], limit=3) == []


def test_versions_at_lists_each_version_oldest_first(store: Any) -> None:
    url = "http://a.example/story"
    later = signature_for("v2", url, "Update: 52 people have died.", T0 + timedelta(hours=2), "a")
    first = signature_for("v1", url, "At least 40 people have died.", T0, "a")
    store.save_signatures([later, first])
    assert store.versions_at(url) == [("v1", first.content_hash), ("v2", later.content_hash)]
    assert store.versions_at("http://a.example/other") == []
    assert store.versions_at_many([url, "http://a.example/other", url]) == {
        url: store.versions_at(url),
        "http://a.example/other": [],
    }


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


def test_recent_articles_are_the_newest_first_and_bounded(store: Any) -> None:
    saved = [article(n, hours=n) for n in (2, 0, 3, 1)]
    store.save_articles(saved)
    newest = sorted(saved, key=lambda a: a.published, reverse=True)
    assert store.recent_articles(2) == newest[:2]
    assert store.recent_articles(10) == newest


def test_extractions_are_read_back_by_article_id(store: Any) -> None:
    figure = Figure(
        text="40", value=40.0, low=None, high=None, qualifier="exact", unit="people",
        metric="killed", subject="flood", start=0, end=2, sentence="40 people were killed.",
    )  # fmt: skip
    one = Extraction("art-1", (Entity("Valencia", "GPE", 3, 11),), (figure,))
    two = Extraction("art-2", (), ())
    store.save_extractions([one, two])
    got = store.extractions(["art-2", "art-404", "art-1", "art-2"])
    assert sorted(got, key=lambda e: e.article_id) == [one, two]  # each once, unknown ids left out
    assert store.extractions([]) == []


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
    keys = [FLOOD.as_string(), QUAKE.as_string(), "killed|nothing|*|*"]
    assert store.claim_histories(keys) == {k: store.claim_history(k) for k in keys}


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


def test_alerts_keep_the_rules_that_routed_them(store: Any) -> None:
    routed = alert(1, claim(1, key=FLOOD, value=40, hours=1), rules=("casualties", "desk"))
    store.save_alerts([routed])
    assert store.alerts()[0].rules == ("casualties", "desk")
    assert store.alerts()[0] == routed


def test_alerts_by_ids_in_publication_order_each_once(store: Any) -> None:
    c1, c2 = claim(1, key=FLOOD, value=40, hours=1), claim(2, key=FLOOD, value=52, hours=2)
    a1, a2 = alert(1, c1), alert(2, c2, previous=c1)
    a3 = alert(3, claim(3, key=QUAKE, value=7, hours=0))
    store.save_alerts([a2, a3, a1])
    assert store.alerts_by_ids(["alert-2", "alert-1", "alert-404", "alert-2"]) == [a1, a2]
    assert store.alerts_by_ids(["alert-3"]) == [a3]
    assert store.alerts_by_ids([]) == []


def test_alerts_for_keys_returns_every_alert_of_those_keys_oldest_first(store: Any) -> None:
    c1, c2 = claim(1, key=FLOOD, value=40, hours=1), claim(2, key=FLOOD, value=52, hours=2)
    a1, a2 = alert(1, c1), alert(2, c2, previous=c1, rules=("casualties",))
    a3 = alert(3, claim(3, key=QUAKE, value=7, hours=0))
    store.save_alerts([a2, a3, a1])
    assert store.alerts_for_keys([FLOOD.as_string()]) == [a1, a2]
    assert store.alerts_for_keys([QUAKE.as_string(), FLOOD.as_string()]) == [a3, a1, a2]
    assert store.alerts_for_keys(["killed|nothing|*|*"]) == []
    assert store.alerts_for_keys([]) == []
    # Only those published from a moment on (what cooldowns can reach): the bound is inclusive.
    both = [QUAKE.as_string(), FLOOD.as_string()]
    assert store.alerts_for_keys(both, published_from=c2.published) == [a2]
    assert store.alerts_for_keys(both, published_from=c1.published) == [a1, a2]
    assert store.alerts_for_keys(both, published_from=T0 - timedelta(days=1)) == [a3, a1, a2]


# -- the outbox -------------------------------------------------------------------------------


def queued(n: int, hours: int, key: ClaimKey = FLOOD) -> Alert:
    return alert(n, claim(n, key=key, value=40 + n, hours=hours))


def test_enqueue_stores_pending_pairs_and_never_resets_a_stored_one(store: Any) -> None:
    a = queued(1, hours=1)
    store.enqueue_deliveries([factories.pending(a, "hook"), factories.pending(a, "file")])
    hook, file = sorted(store.deliveries(a.id), key=lambda d: d.channel, reverse=True)
    assert hook == factories.pending(a, "hook") and file == factories.pending(a, "file")
    assert hook.claim_key == FLOOD.as_string() and hook.published == a.current.published
    done = replace(hook, status="delivered", attempts=2, updated=NOW)
    refused = replace(file, status="failed", attempts=1, last_error="550 no such user")
    store.record_delivery(done)
    store.record_delivery(refused)
    # A replayed slice enqueues the same pairs (and a new one) again.
    store.enqueue_deliveries(
        [factories.pending(a, c) for c in ("hook", "file", "mail")] + [factories.pending(a, "hook")]
    )
    states = {d.channel: d for d in store.deliveries(a.id)}
    assert states == {"hook": done, "file": refused, "mail": factories.pending(a, "mail")}


def test_claim_leases_due_pairs_oldest_publication_first(store: Any) -> None:
    a1, a2, a3 = queued(1, hours=1), queued(2, hours=2), queued(3, hours=3, key=QUAKE)
    store.enqueue_deliveries([factories.pending(a) for a in (a3, a1, a2)])
    first = store.claim_deliveries(NOW, LEASE, 2)
    assert [d.alert_id for d in first] == ["alert-1", "alert-2"]
    assert {d.not_before for d in first} == {NOW + LEASE}
    assert store.deliveries("alert-1")[0].not_before == NOW + LEASE  # the lease is stored
    # A second deliverer within the lease gets only what nobody holds, then nothing.
    later = NOW + timedelta(minutes=1)
    assert [d.alert_id for d in store.claim_deliveries(later, LEASE, 10)] == ["alert-3"]
    assert store.claim_deliveries(later + timedelta(minutes=1), LEASE, 10) == []
    # A lease that ran out (its deliverer died) is taken over, exactly when it ends.
    retaken = store.claim_deliveries(NOW + LEASE, LEASE, 10)
    assert [d.alert_id for d in retaken] == ["alert-1", "alert-2"]
    assert [d.status for d in retaken] == ["pending", "pending"]


def test_claim_skips_finished_pairs_and_backoffs_that_have_not_run_out(store: Any) -> None:
    a1, a2, a3 = queued(1, hours=1), queued(2, hours=2), queued(3, hours=3)
    store.enqueue_deliveries([factories.pending(a) for a in (a1, a2, a3)])
    store.record_delivery(replace(factories.pending(a1), status="delivered", attempts=1))
    store.record_delivery(replace(factories.pending(a2), status="failed", attempts=1))
    backoff = replace(factories.pending(a3), attempts=1, not_before=NOW + timedelta(seconds=30))
    store.record_delivery(backoff)
    assert store.claim_deliveries(NOW, LEASE, 10) == []
    due = store.claim_deliveries(NOW + timedelta(seconds=30), LEASE, 10)
    assert [(d.alert_id, d.attempts) for d in due] == [("alert-3", 1)]


def test_undelivered_lists_pending_and_failed_oldest_publication_first(store: Any) -> None:
    late, early, middle, sent = (
        queued(1, hours=3),
        queued(2, hours=1),
        queued(3, hours=2, key=QUAKE),
        queued(4, hours=0),
    )
    store.enqueue_deliveries([factories.pending(a) for a in (late, early, middle, sent)])
    store.record_delivery(replace(factories.pending(sent), status="delivered", attempts=1))
    refused = replace(factories.pending(middle), status="failed", attempts=1, last_error="400")
    store.record_delivery(refused)
    listed = store.undelivered()
    assert [(d.alert_id, d.status) for d in listed] == [
        ("alert-2", "pending"),
        ("alert-3", "failed"),
        ("alert-1", "pending"),
    ]
    assert listed[1] == refused
    assert [d.alert_id for d in store.undelivered(limit=2)] == ["alert-2", "alert-3"]


def test_dead_letters_round_trip_with_their_exact_bytes(store: Any) -> None:
    poison = StoredDeadLetter(
        "dl-1", "decode", "not UTF-8 JSON", b"\xff\xfe\x00 not json\r\n", 0, 7, NOW
    )
    later = NOW + timedelta(seconds=1)
    text = '{"id": "a", "text": "٤٠٠ قتيل — 400 killed"}'.encode()
    failed = StoredDeadLetter("dl-2", "extract", "ValueError: too long", text, 2, 11, later)
    store.save_dead_letters([failed, poison])
    assert store.dead_letters() == [poison, failed]
    assert store.dead_letters()[0].payload == b"\xff\xfe\x00 not json\r\n"
    assert store.dead_letters(limit=1) == [poison]
    # A replayed slice writes the same ids again: overwritten, not duplicated.
    store.save_dead_letters([poison])
    assert [d.id for d in store.dead_letters()] == ["dl-1", "dl-2"]
    store.remove_dead_letters(["dl-1", "dl-404"])
    assert store.dead_letters() == [failed]
    store.remove_dead_letters([])
    assert store.dead_letters() == [failed]


# -- read-only queries of connectors/store_reads.py (web app, /metrics) ----------------------


def test_all_claims_groups_by_key_in_publication_order(store: Any) -> None:
    late = claim(3, key=FLOOD, value=62, hours=5)
    early = claim(1, key=FLOOD, value=40, hours=1, source="local")
    other = claim(4, key=QUAKE, value=7, hours=2)
    store.save_claims([late, other, early])
    ordered = sorted([FLOOD.as_string(), QUAKE.as_string()])
    expected = {FLOOD.as_string(): [early, late], QUAKE.as_string(): [other]}
    assert store.all_claims() == [c for k in ordered for c in expected[k]]


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


def test_sqlite_store_under_a_file_is_store_unavailable(tmp_path: Path) -> None:
    from claimwatch.connectors.sqlite_store import SqliteStore
    from claimwatch.transforms.errors import StoreUnavailable

    blocker = tmp_path / "data"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable, match="data directory"):
        SqliteStore(blocker / "store.sqlite3")
