from datetime import datetime, timedelta, timezone

import pytest
from claimwatch.transforms.dedup import (
    MAX_CANDIDATES,
    canonical_url,
    decide_duplicate,
    dedupe_in_order,
    jaccard_estimate,
    minhash,
    nearest_candidates,
    signature_for,
)

T0 = datetime(2025, 10, 20, 12, tzinfo=timezone.utc)

STORY = (
    "Israel has killed at least 400 Palestinians and injured over 1,100 others since the "
    "ceasefire began in October, the Gaza health ministry said on Monday. The ministry said "
    "the dead included dozens of children. Israel's military said it had struck militants "
    "who approached the yellow line that marks the areas its troops still hold. Mediators "
    "from Egypt, Qatar and Turkey met in Cairo to discuss the second phase of the plan, "
    "which foresees an international stabilisation force and the disarmament of Hamas."
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/a/b/?utm_source=rss&utm_medium=feed", "http://example.com/a/b"),
        ("http://example.com/a?id=3&fbclid=xyz#comments", "http://example.com/a?id=3"),
        ("HTTPS://Example.COM:443/Story", "http://example.com/Story"),
        ("https://example.com/a?b=2&a=1", "http://example.com/a?a=1&b=2"),
        ("https://example.com:8443/x", "http://example.com:8443/x"),
    ],
)
def test_canonical_url_drops_tracking_and_noise(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_syndicated_copy_with_other_byline_and_footer_is_near_duplicate() -> None:
    copy = (
        "By Jane Roe, Daily Courier\n\n"
        + STORY
        + "\n\nReporting by Wire staff; © Daily Courier 2025"
    )
    assert jaccard_estimate(minhash(STORY), minhash(copy)) >= 0.8


def test_same_story_rewritten_is_not_a_duplicate() -> None:
    rewrite = (
        "Gaza's health ministry said on Monday that at least 400 Palestinians have been killed "
        "by Israeli fire since the truce took hold, with more than 1,100 wounded. Talks in "
        "Cairo on the next phase made little progress, officials from two delegations said."
    )
    assert jaccard_estimate(minhash(STORY), minhash(rewrite)) < 0.5


def test_a_copy_already_processed_stands_as_the_original_for_a_late_arrival() -> None:
    original = signature_for("a1", "http://wire.example/s", STORY, T0, "Wire")
    copy = signature_for(
        "a2", "http://courier.example/s", STORY + " © Courier", T0 + timedelta(hours=1), "Courier"
    )
    assert decide_duplicate(copy, [original]).duplicate_of == "a1"
    # The copy's claims already went out; the wire story arriving after it must not repeat them.
    assert decide_duplicate(original, [copy]).duplicate_of == "a2"


def test_within_a_batch_the_earliest_published_copy_is_the_original() -> None:
    results = dedupe_in_order(
        [
            (
                "copy",
                "http://courier.example/s",
                STORY + " © Courier",
                T0 + timedelta(hours=1),
                "Courier",
                (),
            ),
            ("wire", "http://wire.example/s", STORY, T0, "Wire", ()),
        ],
        lambda sig: [],
        lambda url: [],
    )
    assert {r.article_id: r.duplicate_of for r in results} == {"wire": None, "copy": "wire"}


def test_revision_at_same_url_is_not_a_duplicate_but_a_new_version() -> None:
    v2 = STORY.replace("at least 400", "at least 420")
    results = dedupe_in_order(
        [
            ("a1", "http://wire.example/s", STORY, T0, "Wire", ()),
            ("a2", "http://wire.example/s", v2, T0 + timedelta(hours=3), "Wire", ()),
        ],
        lambda sig: [],
        lambda url: [],
    )
    assert [(r.article_id, r.duplicate_of, r.version) for r in results] == [
        ("a1", None, 1),
        ("a2", None, 2),
    ]


def test_replayed_article_is_not_its_own_duplicate() -> None:
    sig = signature_for("a1", "http://wire.example/s", STORY, T0, "Wire")
    assert decide_duplicate(sig, [sig]).duplicate_of is None


def test_batch_decides_in_publication_order_and_against_the_store() -> None:
    stored = signature_for("old", "http://wire.example/s", STORY, T0 - timedelta(days=1), "Wire")
    results = dedupe_in_order(
        [
            ("repost", "http://wire.example/s", STORY, T0, "Wire", ()),
            (
                "fresh",
                "http://other.example/x",
                "A different story entirely about floods.",
                T0,
                "Other",
                (),
            ),
        ],
        lambda sig: [stored] if sig.content_hash == stored.content_hash else [],
        lambda url: [],
    )
    verdicts = {r.article_id: (r.duplicate_of, r.reason) for r in results}
    assert verdicts == {"repost": ("old", "content_hash"), "fresh": (None, None)}


def test_near_copy_with_other_figures_is_an_update_not_a_duplicate() -> None:
    updated = STORY.replace("at least 400", "at least 420")
    original = signature_for("a1", "http://wire.example/s", STORY, T0, "Wire", ("killed:400",))
    update = signature_for(
        "a2",
        "http://wire.example/s-update",
        updated,
        T0 + timedelta(hours=5),
        "Wire",
        ("killed:420",),
    )
    copy = signature_for(
        "a3",
        "http://courier.example/s",
        "By J. Roe. " + STORY,
        T0 + timedelta(hours=1),
        "Courier",
        ("killed:400",),
    )
    assert decide_duplicate(update, [original]).duplicate_of is None
    assert decide_duplicate(copy, [original]).duplicate_of == "a1"


def _version(n: int, figures: tuple[str, ...] | None = None) -> tuple:
    """Item n of one story told again and again: the same text, the toll moving on."""
    toll = 400 + n
    return (
        f"v{n:04d}",
        f"http://wire.example/s-{n}",
        STORY.replace("at least 400", f"at least {toll}"),
        T0 + timedelta(minutes=n),
        "Wire",
        figures if figures is not None else (f"killed:{toll}",),
    )


def test_texts_stating_other_figures_share_no_band() -> None:
    a = signature_for(*_version(1))
    b = signature_for(*_version(2))
    same_figures = signature_for(*_version(2, a.figures))
    assert jaccard_estimate(a.minhash, b.minhash) > 0.75, "near-identical texts"
    assert not set(a.bands) & set(b.bands)
    assert set(a.bands) & set(same_figures.bands)


def test_candidates_are_capped_by_shared_bands_then_time_whatever_the_input_order() -> None:
    probe = signature_for(*_version(0, ("killed:400",)))
    others = [signature_for(*_version(n, ("killed:400",))) for n in range(1, 80)]
    exact = signature_for("exact", "http://copy.example/x", _version(0)[2], T0, "C", ())
    picked = nearest_candidates(probe, [*others, exact], limit=MAX_CANDIDATES)
    assert picked[0].article_id == "exact"  # an exact-content match always stays in
    assert len(picked) == 1 + MAX_CANDIDATES
    backwards = nearest_candidates(probe, [exact, *reversed(others)], limit=MAX_CANDIDATES)
    assert [s.article_id for s in backwards] == [s.article_id for s in picked]
    shared = [len(set(probe.bands) & set(s.bands)) for s in picked[1:]]
    assert shared == sorted(shared, reverse=True)
    left_out = {s.article_id for s in others} - {s.article_id for s in picked}
    assert all(
        len(set(probe.bands) & set(s.bands)) <= shared[-1]
        for s in others
        if s.article_id in left_out
    )


def test_a_copy_is_found_among_thousands_of_versions_with_other_figures() -> None:
    versions = [_version(n) for n in range(1, 1500)]
    copy = (
        "copy",
        "http://courier.example/s",
        "By J. Roe. " + versions[700][2] + " Reuters.",
        T0 + timedelta(days=3),
        "Courier",
        versions[700][5],
    )
    results = dedupe_in_order([*versions, copy], lambda sig: [], lambda url: [])
    verdicts = {r.article_id: r.duplicate_of for r in results}
    assert verdicts["copy"] == "v0701"
    assert not any(verdicts[v[0]] for v in versions), "a version with other figures is news"
