"""`claimwatch extract`: figures and entities of files, one JSON object per input."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from claimwatch.pipelines.resources import toll_parse_enabled
from claimwatch.transforms.dependency_reader import DependencyReader
from claimwatch.transforms.entities import EntityExtractor
from claimwatch.transforms.errors import ClaimwatchError, ExtractionError
from claimwatch.transforms.figures import extract_figures
from claimwatch.transforms.records import figure_to_dict
from claimwatch.transforms.toll import article_toll, toll_to_dict


def read_input(name: str) -> str:
    """Text of a file or stdin; HTML is reduced to its main text first."""
    raw = sys.stdin.buffer.read() if name == "-" else _read(Path(name))
    text = raw.decode("utf-8", errors="replace")
    head = text.lstrip()[:500].lower()
    if head.startswith("<") and (
        "<html" in head or "<!doctype" in head or "<p" in head or "<div" in head or "<body" in head
    ):
        from claimwatch.connectors.pages import extract_text

        try:
            return extract_text(raw, url=name).text
        except ExtractionError:
            from claimwatch.transforms.articles import html_to_text

            return html_to_text(text)
    return text


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ClaimwatchError(f"cannot read {path}: {exc.strerror}") from exc


def extract_files(
    names: Sequence[str], *, with_entities: bool = True, toll_parse: bool | None = None
) -> Iterator[dict[str, Any]]:
    """One JSON object per input.

    `toll_parse` reads the casualty sentences the toll's rules miss with the parser
    (transforms/dependency_reader.py); None: $CLAIMWATCH_TOLL_PARSE, else off, and off without
    entities (--no-entities: no spaCy at all) unless asked.
    """
    ner = EntityExtractor.load(scope="all") if with_entities else None
    parse = toll_parse if toll_parse is not None else with_entities and toll_parse_enabled()
    reader = DependencyReader.load() if parse else None
    for name in names:
        text = read_input(name)
        entities = ner.extract(text) if ner else []
        figures = extract_figures(text)
        yield {
            "source": name,
            "entities": [
                {"text": e.text, "label": e.label, "start": e.start, "end": e.end} for e in entities
            ],
            "figures": [figure_to_dict(f) for f in figures],
            "toll": toll_to_dict(article_toll(text, figures, fallback=reader)),
        }
