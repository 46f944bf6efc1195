"""Dedup signatures and the pure decision: exact URL, exact content, near-duplicate.

A syndicated copy differs from the original by a byline, a footer, a dateline: its word
shingles still overlap heavily, so MinHash estimates a high Jaccard similarity. LSH bands
turn "find similar signatures" into exact lookups on band hashes, which any store can index.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

NUM_PERM = 64
BANDS = 16  # 16 bands x 4 rows: pairs above ~0.6 Jaccard become candidates with high odds
ROWS = NUM_PERM // BANDS
SHINGLE = 5
# Syndicated copies measured ≥0.85 true Jaccard, same-story rewrites ≤0.5; 64 permutations
# estimate within ±0.05 (1 sd), so 0.75 keeps copies in. A near-copy must also state the same
# figures, so an update that only changes a number is never swallowed by this margin.
NEAR_DUPLICATE_JACCARD = 0.75
# Near-copy candidates compared per article, at most: without a cap, 2,000 versions of one
# story make every new one compare against all before it (batches took 6 → 89 s). A copy
# shares about half its bands with its original (Jaccard ≥ 0.85: 0.85^4 per band), a
# same-figure rewrite one or two, so the top 32 by shared bands keep every real original.
MAX_CANDIDATES = 32

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "ocid",
        "cmpid",
        "ref",
        "ref_src",
        "smid",
        "partner",
        "cid",
        "ito",
        "taid",
        "at_medium",
        "at_campaign",
        "src",
        "ncid",
        "guccounter",
        "_ga",
        "share",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_")

# Hash space for MinHash: a Mersenne prime below 2**31, so (a * g + b) with g < 2**32 stays
# inside int64 and numpy can do all permutations of all shingles in one step.
_PRIME = (1 << 31) - 1
_WORD = re.compile(r"\w+", re.UNICODE)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    default_port = {"http": 80, "https": 443}.get(scheme)
    netloc = host if port in (None, default_port) else f"{host}:{port}"
    if scheme == "https":
        scheme = "http"  # the same page is served on both; treat them as one
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def normalise_text(text: str) -> str:
    """Case- and whitespace-folded text: what the content hash and shingles see."""
    return " ".join(_WORD.findall(text.lower()))


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # Fixed, seeded coefficients: every worker and every restart must hash alike.
    a, b = [], []
    for i in range(NUM_PERM):
        digest = hashlib.sha256(f"claimwatch-minhash-{i}".encode()).digest()
        x, y = struct.unpack("<QQ", digest[:16])
        a.append(x % (_PRIME - 1) + 1)
        b.append(y % _PRIME)
    return np.array(a, dtype=np.int64)[:, None], np.array(b, dtype=np.int64)[:, None]


_PERM_A, _PERM_B = _permutations()


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """32-bit hashes of the word 5-grams (the whole text when shorter)."""
    words = normalise_text(text).split()
    if len(words) < size:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
    return {
        int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "little")
        for g in grams
    }


def minhash(text: str) -> tuple[int, ...]:
    grams = shingles(text)
    if not grams:
        return tuple([_PRIME] * NUM_PERM)
    g = np.fromiter(grams, dtype=np.int64, count=len(grams))[None, :]
    return tuple(int(v) for v in ((_PERM_A * g + _PERM_B) % _PRIME).min(axis=1))


def band_hashes(signature: Sequence[int], figures: Sequence[str] = ()) -> tuple[str, ...]:
    """One short hash per band; two signatures sharing any band are candidates.

    The figure fingerprint is part of each band's key: only a text stating the same figures
    can be a near-duplicate (decide_duplicate), so two thousand copies of one story with other
    figures each never become one another's candidates, and the lookup stays small. Without
    figures the key is the plain band hash, as before figures were keyed in.
    """
    salt = "\x1f".join(sorted(set(figures))).encode("utf-8")
    out = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        raw = b"".join(r.to_bytes(8, "little") for r in rows)
        if salt:
            raw += b"\x00" + salt
        out.append(f"{band:02d}" + hashlib.blake2b(raw, digest_size=8).hexdigest())
    return tuple(out)


def jaccard_estimate(a: Sequence[int], b: Sequence[int]) -> float:
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


@dataclass(frozen=True, slots=True)
class Signature:
    """What the store keeps per original article to recognise its copies later."""

    article_id: str
    canonical_url: str
    content_hash: str
    minhash: tuple[int, ...]
    bands: tuple[str, ...]
    published: datetime
    source: str
    # The tracked figures the text states ("killed:400"): a near-copy that states other
    # figures is an update of the story, which must reach claim tracking, not a duplicate.
    figures: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DuplicateVerdict:
    duplicate_of: str | None
    reason: str | None  # "content_hash" | "near_duplicate" | None
    similarity: float = 0.0


def signature_for(
    article_id: str,
    canonical: str,
    text: str,
    published: datetime,
    source: str,
    figures: tuple[str, ...] = (),
    precomputed: tuple[int, ...] | None = None,
) -> Signature:
    mh = precomputed if precomputed is not None else minhash(text)
    fingerprint = tuple(sorted(set(figures)))
    return Signature(
        article_id=article_id,
        canonical_url=canonical,
        content_hash=content_hash(text),
        minhash=mh,
        bands=band_hashes(mh, fingerprint),
        published=published,
        source=source,
        figures=fingerprint,
    )


def nearest_candidates(
    signature: Signature, candidates: Iterable[Signature], limit: int = MAX_CANDIDATES
) -> list[Signature]:
    """The candidates worth comparing, at most `limit` of them plus exact-content matches.

    Only an exact-content match or a near-copy stating the same figures at another URL can
    be a duplicate (decide_duplicate); of those, the ones sharing the most LSH bands come
    first (the expected share of bands grows with the Jaccard similarity), then the earliest
    published, then by id. The order and the cut depend only on the signatures, never on the
    order the store returned them in.
    """
    exact: dict[str, Signature] = {}
    near: dict[str, Signature] = {}
    mine = set(signature.bands)
    for other in candidates:
        if other.article_id == signature.article_id:
            continue
        if other.content_hash == signature.content_hash:
            exact[other.article_id] = other
        elif other.canonical_url != signature.canonical_url and other.figures == signature.figures:
            near[other.article_id] = other
    ranked = sorted(
        near.values(),
        key=lambda o: (-len(mine.intersection(o.bands)), o.published, o.article_id),
    )
    first = sorted(exact.values(), key=lambda o: (o.published, o.article_id))
    return [*first, *ranked[:limit]]


def decide_duplicate(
    signature: Signature,
    candidates: Iterable[Signature],
    *,
    threshold: float = NEAR_DUPLICATE_JACCARD,
) -> DuplicateVerdict:
    """Is this article a copy of an earlier one?

    Same content anywhere is a duplicate. Near-identical text is a duplicate too, unless it
    sits at the same canonical URL: that is the source revising its own article, which must
    reach claim tracking. A candidate with the same article id is this article replayed.
    Within a batch articles are decided in publication order, so the earliest copy is the
    original. Across batches the first copy processed stands as the original even when a copy
    published earlier arrives later: its claims and alerts already went out, and marking the
    late one a duplicate keeps them from going out twice. A near-copy stating other figures
    is an update.
    """
    best: tuple[float, Signature] | None = None
    for other in candidates:
        if other.article_id == signature.article_id:
            continue
        if other.content_hash == signature.content_hash:
            return DuplicateVerdict(other.article_id, "content_hash", 1.0)
        if other.canonical_url == signature.canonical_url:
            continue
        if other.figures != signature.figures:
            continue
        similarity = jaccard_estimate(signature.minhash, other.minhash)
        if similarity >= threshold and (best is None or similarity > best[0]):
            best = (similarity, other)
    if best is not None:
        return DuplicateVerdict(best[1].article_id, "near_duplicate", best[0])
    return DuplicateVerdict(None, None)


@dataclass(frozen=True, slots=True)
class DedupResult:
    """An article with its duplicate verdict and version filled in, and its signature."""

    article_id: str
    duplicate_of: str | None
    reason: str | None
    version: int
    signature: Signature


def dedupe_in_order(
    items: Sequence[tuple[str, str, str, datetime, str, tuple[str, ...]]],
    stored_candidates: Callable[[Signature], list[Signature]],
    stored_versions: Callable[[str], list[tuple[str, str]]],
    minhashes: Mapping[str, tuple[int, ...]] | None = None,
    signatures: Mapping[str, Signature] | None = None,
) -> list[DedupResult]:
    """Decide a batch in publication order against the store and against itself.

    `items` are (article id, canonical url, text, published, source, figure fingerprint).
    Within the batch an earlier original is a candidate for later articles exactly as a
    stored one would be. `minhashes` (by article id) are signatures already computed
    elsewhere from the same texts (the analysis pool): the same numbers, not recomputed;
    `signatures` (by article id) are the items' whole signatures, when the caller has them.
    """
    known = minhashes or {}
    ready = signatures or {}
    by_band: dict[str, list[Signature]] = {}
    by_hash: dict[str, Signature] = {}
    hashes_at: dict[str, list[tuple[str, str]]] = {}
    out = []
    for article_id, canonical, text, published, source, figures in sorted(
        items, key=lambda i: (i[3], i[0])
    ):
        sig = ready.get(article_id) or signature_for(
            article_id, canonical, text, published, source, figures, known.get(article_id)
        )
        local = {id(s): s for band in sig.bands for s in by_band.get(band, [])[:MAX_CANDIDATES]}
        if sig.content_hash in by_hash:
            local[id(by_hash[sig.content_hash])] = by_hash[sig.content_hash]
        candidates = stored_candidates(sig)
        verdict = decide_duplicate(sig, nearest_candidates(sig, [*candidates, *local.values()]))
        # Only versions published before this one count, so a replay (which finds versions
        # stored after this one the first time) gives the same number; the URL's signatures,
        # which the candidates always include, tell when each was published.
        when = {c.article_id: (c.published, c.article_id) for c in candidates}
        mine = (published, article_id)
        stored = [
            (a, h) for a, h in stored_versions(canonical) if when.get(a, (published, "")) < mine
        ]
        seen = stored + hashes_at.get(canonical, [])
        earlier_hashes = {h for a, h in seen if a != article_id and h != sig.content_hash}
        out.append(
            DedupResult(
                article_id, verdict.duplicate_of, verdict.reason, len(earlier_hashes) + 1, sig
            )
        )
        if verdict.duplicate_of is None:
            for band in sig.bands:
                by_band.setdefault(band, []).append(sig)
            by_hash[sig.content_hash] = sig
            hashes_at.setdefault(canonical, []).append((article_id, sig.content_hash))
    return out
