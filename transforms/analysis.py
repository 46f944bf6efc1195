"""What an article's text yields on its own: figures and named entities, before any decision.

Analysis is a pure function of the text (and the NER model), so it can run anywhere, in any
order, in any number of processes, and be reused: the decisions that follow (dedup, stories,
claims, alerts) read stored state in publication order and are made in one place. A cached
analysis is used only for the same article id *and* the same text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimwatch.transforms.dedup import minhash
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.models import Entity, Figure

if TYPE_CHECKING:
    from claimwatch.transforms.entities import EntityExtractor


@dataclass(frozen=True, slots=True)
class AnalysisKey:
    article_id: str
    text_digest: str


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    key: AnalysisKey
    figures: tuple[Figure, ...]
    entities: tuple[Entity, ...]
    minhash: tuple[int, ...]  # the dedup signature of the text (transforms/dedup.py)


@dataclass(frozen=True, slots=True)
class AnalysisFailure:
    """One text the analysis could not handle: the decider retries it and dead-letters it."""

    key: AnalysisKey
    reason: str


def analysis_key(article_id: str, text: str) -> AnalysisKey:
    return AnalysisKey(article_id, hashlib.blake2b(text.encode(), digest_size=16).hexdigest())


def analyse_texts(
    items: Sequence[tuple[str, str]], ner: EntityExtractor
) -> list[ArticleAnalysis | AnalysisFailure]:
    """(article id, text) pairs → their analyses, in order; one bad text fails only itself."""
    out: list[ArticleAnalysis | AnalysisFailure] = []
    ok: list[tuple[AnalysisKey, str, list[Figure]]] = []
    for article_id, text in items:
        key = analysis_key(article_id, text)
        try:
            ok.append((key, text, extract_figures(text)))
        except Exception as exc:  # one article's text must not stop the others
            out.append(AnalysisFailure(key, f"{type(exc).__name__}: {exc}"))
    try:
        entities = ner.extract_many([t for _, t, _ in ok], [f for _, _, f in ok])
    except Exception:  # find the text that breaks the batch; the rest keep theirs
        entities = []
        for key, text, figures in ok:
            try:
                entities.extend(ner.extract_many([text], [figures]))
            except Exception as exc:
                entities.append([])
                out.append(AnalysisFailure(key, f"{type(exc).__name__}: {exc}"))
    failed = {f.key for f in out}
    out.extend(
        ArticleAnalysis(key, tuple(figures), tuple(found), minhash(text))
        for (key, text, figures), found in zip(ok, entities, strict=True)
        if key not in failed
    )
    return out
