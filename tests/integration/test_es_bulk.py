"""Bulk writes check every item: one bad document fails alone, named, and the rest land."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from claimwatch.connectors.es_store import BulkWriteError, ElasticsearchStore
from claimwatch.transforms.errors import StoreWriteError
from claimwatch.transforms.models import Article
from elasticsearch import Elasticsearch

pytestmark = pytest.mark.integration


def test_a_rejected_document_is_named_and_the_others_are_stored(
    es_store: ElasticsearchStore,
    es_client: Elasticsearch,
    index_prefix: str,
    make_article: Callable[..., Article],
) -> None:
    good = [make_article(n) for n in range(5)]
    # `version` is mapped as integer: 2**40 cannot be indexed, a per-item 400 inside a 200.
    bad = replace(make_article(99), version=2**40)
    with pytest.raises(StoreWriteError) as info:
        es_store.save_articles([*good[:2], bad, *good[2:]])

    assert isinstance(info.value, BulkWriteError)
    assert [(i, d) for i, d, _ in info.value.failures] == [(f"{index_prefix}articles", bad.id)]
    assert "rejected 1 of 6 documents" in str(info.value)
    assert "failed to parse field [version]" in str(info.value)
    assert es_store.articles() == good
    es_client.indices.refresh(index=f"{index_prefix}articles")  # articles refresh lazily
    assert es_client.count(index=f"{index_prefix}articles")["count"] == 5


def test_another_worker_sees_signatures_and_claims_at_once(
    es_client: Elasticsearch, index_prefix: str, make_article: Callable[..., Article]
) -> None:
    from claimwatch.transforms.dedup import signature_for

    writer = ElasticsearchStore(es_client, prefix=index_prefix)
    reader = ElasticsearchStore(es_client, prefix=index_prefix)  # a second DoFn instance
    article = make_article(1)
    signature = signature_for(
        article.id, article.canonical_url, article.text, article.published, article.source
    )
    writer.save_signatures([signature])
    # No refresh by the reader: the writer refreshed the index the pipeline reads back.
    assert reader.signatures_matching(article.canonical_url, "other-hash", []) == [signature]
    assert reader.versions_at(article.canonical_url) == [(article.id, article.content_hash)]
