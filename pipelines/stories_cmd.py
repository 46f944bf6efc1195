"""`claimwatch stories`: the stories the store holds, as JSON lines or a table."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from claimwatch.pipelines.backends import store_spec
from claimwatch.pipelines.output import format_figure, write_jsonl, write_table
from claimwatch.pipelines.settings import Settings
from claimwatch.transforms.stories import Story
from claimwatch.transforms.story_records import story_to_dict

STORY_HEADERS = ["first seen", "last seen", "articles", "sources", "title", "latest figures"]


def stories(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    store = store_spec(settings).open()
    try:
        found = store.stories(args.limit)
    finally:
        store.close()
    if args.format == "jsonl":
        write_jsonl((story_row(s) for s in found), out)
    else:
        write_table([story_table_row(s) for s in found], STORY_HEADERS, out)
    return 0


def story_row(story: Story) -> dict[str, Any]:
    """The `claimwatch stories --format jsonl` contract: the stored story less its centroid."""
    row = story_to_dict(story)
    del row["terms"], row["index_terms"]
    return row


def story_table_row(story: Story) -> list[str]:
    figures = ", ".join(
        f"{f.key.split('|')[0]} {format_figure(f.value, f.low, f.high, f.qualifier)}"
        for f in story.figures
    )
    return [
        story.first_seen.strftime("%Y-%m-%dT%H:%M"),
        story.last_seen.strftime("%Y-%m-%dT%H:%M"),
        str(len(story.article_ids)),
        ", ".join(story.sources),
        story.title,
        figures,
    ]
