"""What analysts get from Elasticsearch: current value per claim key, and aggregatable fields."""

from __future__ import annotations

import factories
import pytest
from claimwatch.connectors.es_store import ElasticsearchStore
from claimwatch.transforms.errors import StoreWriteError
from claimwatch.transforms.models import Claim, ClaimKey
from elasticsearch import Elasticsearch

pytestmark = pytest.mark.integration

FLOOD = ClaimKey(metric="killed", subject="flood", place="Valencia")
QUAKE = ClaimKey(metric="injured", subject="earthquake")


def claim(n: int, key: ClaimKey, value: float, hours: int, source: str) -> Claim:
    return factories.claim(n, value, key=key, hours=hours, source=source)


def test_current_claim_holds_the_latest_value_and_each_sources_latest(
    es_store: ElasticsearchStore, es_client: Elasticsearch, index_prefix: str
) -> None:
    history = [
        claim(1, FLOOD, 40, 1, "wire.example"),
        claim(2, FLOOD, 51, 2, "local.example"),
        claim(3, FLOOD, 62, 4, "wire.example"),
        claim(4, FLOOD, 58, 3, "local.example"),
        claim(5, QUAKE, 7, 1, "wire.example"),
    ]
    # Newest first and in two batches: the result must not depend on arrival order.
    es_store.save_claims(history[2:])
    es_store.save_claims(history[:2])
    current = es_store.current_claim(FLOOD.as_string())
    assert current is not None
    assert (current["value"], current["source"], current["claim_id"]) == (
        62,
        "wire.example",
        "claim-3",
    )
    assert [(s["source"], s["value"]) for s in current["sources"]] == [
        ("local.example", 58),
        ("wire.example", 62),
    ]
    assert (current["claim_count"], current["source_count"]) == (4, 2)

    es_store.save_claims(history)  # replay
    assert es_store.current_claim(FLOOD.as_string()) == current
    assert es_client.count(index=f"{index_prefix}claims")["count"] == 2
    assert es_client.count(index=f"{index_prefix}claim-history")["count"] == 5
    assert es_store.current_claim("killed|nobody|*|*") is None


def test_claim_fields_aggregate_the_way_analysts_ask(
    es_store: ElasticsearchStore, es_client: Elasticsearch, index_prefix: str
) -> None:
    es_store.save_claims(
        [
            claim(1, FLOOD, 40, 1, "wire.example"),
            claim(2, FLOOD, 51, 2, "local.example"),
            claim(3, QUAKE, 7, 1, "wire.example"),
        ]
    )
    response = es_client.search(
        index=f"{index_prefix}claim-history",
        size=0,
        aggs={
            "by_metric": {
                "terms": {"field": "metric"},
                "aggs": {"top": {"max": {"field": "value"}}},
            },
            "by_day": {"date_histogram": {"field": "published", "calendar_interval": "day"}},
        },
        query={"match": {"quote": "killed"}},  # quote is analysed text
    )
    buckets = {
        b["key"]: b["top"]["value"] for b in response["aggregations"]["by_metric"]["buckets"]
    }
    assert buckets == {"killed": 51.0, "injured": 7.0}
    assert [b["doc_count"] for b in response["aggregations"]["by_day"]["buckets"]] == [3]


def test_text_analyzer_is_configurable_and_a_missing_one_is_a_clear_error(
    es_store: ElasticsearchStore, es_client: Elasticsearch, index_prefix: str
) -> None:
    es_store.save_claims([claim(1, FLOOD, 40, 1, "wire.example")])
    settings = es_client.indices.get_settings(index=f"{index_prefix}claim-history")
    analysis = next(iter(settings.values()))["settings"]["index"]["analysis"]
    assert analysis["analyzer"]["claimwatch_text"]["type"] == "standard"

    # The integ-test distribution has no analysis-common module, hence no "english".
    english = ElasticsearchStore(es_client, prefix=f"{index_prefix}english-", analyzer="english")
    with pytest.raises(StoreWriteError) as info:
        english.save_claims([claim(1, FLOOD, 40, 1, "wire.example")])
    assert "Unknown analyzer type [english]" in str(info.value)
    assert "use 'standard' there" in str(info.value)
