"""Heavy read-only resources, loaded once per process: the NER model and the rarity table.

Beam's `Shared` keeps one token's object alive between bundles, and two tokens displace each
other: with one for the model and one for the table, each slice dropped one and loaded it
again (spaCy: ~1.1 s a slice). Both are immutable once loaded, so a process keeps them for
its life, on the in-process runner and in a distributed runner's SDK workers alike.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from claimwatch.transforms.story_terms import Rarity

if TYPE_CHECKING:
    from claimwatch.transforms.dependency_reader import DependencyReader
    from claimwatch.transforms.entities import EntityExtractor

_lock = threading.Lock()
_extractors: dict[str, EntityExtractor] = {}
_rarity: list[Rarity] = []
_toll_readers: list[DependencyReader | None] = []


def entity_extractor(scope: str) -> EntityExtractor:
    """The NER model for `scope`, loaded on first use."""
    with _lock:
        if scope not in _extractors:
            from claimwatch.transforms.entities import EntityExtractor

            _extractors[scope] = EntityExtractor.load(scope=scope)
        return _extractors[scope]


def toll_reader() -> DependencyReader | None:
    """The toll's parse fallback, loaded on first use; None where $CLAIMWATCH_TOLL_PARSE is off."""
    with _lock:
        if not _toll_readers:
            from claimwatch.transforms.dependency_reader import DependencyReader, toll_parse_enabled

            _toll_readers.append(DependencyReader.load() if toll_parse_enabled() else None)
        return _toll_readers[0]


def rarity() -> Rarity:
    """The English word-rarity table (~0.5 s to load), loaded on first use."""
    with _lock:
        if not _rarity:
            _rarity.append(Rarity.load())
        return _rarity[0]


def warm_up_rarity() -> None:
    """Load the table on a thread now, so the first slice does not wait for it."""
    threading.Thread(target=rarity, name="claimwatch-rarity", daemon=True).start()
