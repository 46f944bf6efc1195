"""`claimwatch serve` reading Elasticsearch: the same pages and API over the real stack."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import factories
import pytest
from claimwatch.connectors.store import Delivery
from claimwatch.transforms.models import Alert, Claim, ClaimKey

pytestmark = pytest.mark.integration
T0 = factories.T0
KEY = ClaimKey("killed", "palestinians", None, "since ceasefire")


def claim(n: int, value: float, source: str, hours: int) -> Claim:
    # A quote with markup: the claim page must show it as text.
    quote = f"At least {value:g} <b>killed</b>"
    return factories.claim(n, value, key=KEY, hours=hours, source=source, quote=quote)


@pytest.fixture
def es_prefix() -> Iterator[tuple[str, str]]:
    from claimwatch.deploy.stack import endpoints
    from elasticsearch import Elasticsearch

    with endpoints() as (_kafka, url):
        prefix = f"cwweb-{uuid.uuid4().hex[:10]}-"
        yield url, prefix
        client = Elasticsearch(url, request_timeout=30)
        client.indices.delete(index=f"{prefix}*")
        client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}*")
        client.close()


def test_pages_and_api_on_elasticsearch(es_prefix, serve_app, tmp_path: Path) -> None:
    from claimwatch.connectors.es_store import ElasticsearchStore
    from claimwatch.pipelines.backends import StoreSpec

    url, prefix = es_prefix
    store = ElasticsearchStore(url, prefix=prefix)
    first, second = claim(1, 400, "Gaza Monitor", 0), claim(2, 420, "Gaza Monitor", 24)
    other = claim(3, 380, "Daily Courier", 30)
    store.save_claims([first, second, other])
    alert = Alert(
        id="al2",
        claim_key=KEY.as_string(),
        metric="killed",
        subject="palestinians",
        change="increase",
        previous=first,
        current=second,
        detected_at=T0 + timedelta(hours=25),
    )
    store.save_alerts([alert])
    store.record_delivery(Delivery("al2", "webhook", "failed", 3, "503 from hook", T0))
    store.close()

    site = serve_app(tmp_path, spec=StoreSpec("elasticsearch", url, prefix))
    claims = site.get("/api/claims").json()["claims"]
    assert [(c["key"], c["value"], c["source_count"]) for c in claims] == [
        (KEY.as_string(), 380, 2)
    ]
    assert claims[0]["summary"]["sources_disagree"] is True
    detail = site.get("/api/claims/" + quote(KEY.as_string(), safe="")).json()
    assert [h["value"] for h in detail["history"]] == [400, 420, 380]
    assert detail["alerts"][0]["deliveries"][0]["status"] == "failed"
    assert detail["alerts"][0]["change_percent"] == 5.0
    html = site.get("/claims/" + quote(KEY.as_string(), safe="")).text
    assert html.count('class="series"') == 2 and "&lt;b&gt;killed&lt;/b&gt;" in html
    metrics = site.get("/metrics").text
    assert 'claimwatch_store_deliveries{channel="webhook",status="failed"} 1.0' in metrics
    assert 'claimwatch_store_claims{source="Gaza Monitor"} 2.0' in metrics
