"""What an article's text yields on its own: figures and named entities, before any decision.

Analysis is a pure function of the text (and the NER model), so it can run anywhere, in any
order, in any number of processes, and be reused: the decisions that follow (dedup, stories,
claims, alerts) read stored state in publication order and are made in one place. A cached
analysis is used only for the same article id *and* the same text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimwatch.transforms.dedup import minhash
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.models import Entity, Figure
from claimwatch.transforms.story_terms import Profile, Rarity, article_profile
from claimwatch.transforms.toll import FallbackReader, TollCount, article_toll

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
    profile: Profile | None = None  # the story terms (transforms/story_terms.py), if asked
    toll: Mapping[str, TollCount] | None = None  # the incident's counts (transforms/toll.py)


@dataclass(frozen=True, slots=True)
class AnalysisFailure:
    """One text the analysis could not handle: the decider retries it and dead-letters it."""

    key: AnalysisKey
    reason: str


def analysis_key(article_id: str, title: str, text: str) -> AnalysisKey:
    digest = hashlib.blake2b(f"{title}\x00{text}".encode(), digest_size=16).hexdigest()
    return AnalysisKey(article_id, digest)


def analyse_texts(
    items: Sequence[tuple[str, str, str]],
    ner: EntityExtractor,
    rarity: Rarity | None = None,
    toll_reader: FallbackReader | None = None,
) -> list[ArticleAnalysis | AnalysisFailure]:
    """(article id, title, text) → their analyses, in order; one bad text fails only itself.

    With `rarity`, each analysis carries its story profile too; `toll_reader` is the toll's
    parse fallback (transforms/dependency_reader.py), None for its rules alone.
    """
    out: list[ArticleAnalysis | AnalysisFailure] = []
    ok: list[tuple[AnalysisKey, str, list[Figure], Profile | None, dict[str, TollCount]]] = []
    for article_id, title, text in items:
        key = analysis_key(article_id, title, text)
        try:
            figures = extract_figures(text)
            profile = (
                article_profile(title, text, figures, rarity=rarity) if rarity is not None else None
            )
            toll = article_toll(text, figures, fallback=toll_reader)
            ok.append((key, text, figures, profile, toll))
        except Exception as exc:  # one article's text must not stop the others
            out.append(AnalysisFailure(key, f"{type(exc).__name__}: {exc}"))
    try:
        entities = ner.extract_many([x[1] for x in ok], [x[2] for x in ok])
    except Exception:  # find the text that breaks the batch; the rest keep theirs
        entities = []
        for key, text, figures, _, _ in ok:
            try:
                entities.extend(ner.extract_many([text], [figures]))
            except Exception as exc:
                entities.append([])
                out.append(AnalysisFailure(key, f"{type(exc).__name__}: {exc}"))
    failed = {f.key for f in out}
    out.extend(
        ArticleAnalysis(key, tuple(figures), tuple(found), minhash(text), profile, toll)
        for (key, text, figures, profile, toll), found in zip(ok, entities, strict=True)
        if key not in failed
    )
    return out
