"""Heavy read-only resources, loaded once per process: the NER model and the rarity table.

Beam's `Shared` keeps one token's object alive between bundles, and two tokens displace each
other: with one for the model and one for the table, each slice dropped one and loaded it
again (spaCy: ~1.1 s a slice). Both are immutable once loaded, so a process keeps them for
its life, on the in-process runner and in a distributed runner's SDK workers alike.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from claimwatch.transforms.story_terms import Rarity

if TYPE_CHECKING:
    from claimwatch.transforms.dependency_reader import DependencyReader
    from claimwatch.transforms.entities import EntityExtractor

_lock = threading.Lock()
_extractors: dict[str, EntityExtractor] = {}
_rarity: list[Rarity] = []
_toll_readers: list[DependencyReader | None] = []

# The toll's parse fallback is off unless asked: "1", "on", "true" or "yes" turns it on. On the
# held-out blind sets it added 4 right counts of 420 and none on the newest set, for about 17 %
# more CPU per extracted article (bench/README.md), so it is not worth its cost by default.
TOLL_PARSE_ENV = "CLAIMWATCH_TOLL_PARSE"


def toll_parse_enabled(asked: bool | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether the toll reads with the parse fallback: as asked, else $CLAIMWATCH_TOLL_PARSE."""
    if asked is not None:
        return asked
    value = (os.environ if environ is None else environ).get(TOLL_PARSE_ENV, "").strip().lower()
    return value in ("1", "on", "true", "yes")


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
            from claimwatch.transforms.dependency_reader import DependencyReader

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
