"""Alerts appended to a JSON Lines file, one payload per line, fsynced before send returns."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal

from claimwatch.connectors.channels import BuildContext, ChannelSettings, ChannelSpec
from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.errors import AlertDeliveryError


class JsonlChannel:
    """Appends `message.payload` as one JSON line; the line is on disk when send returns."""

    def __init__(self, path: str | Path, name: str = "jsonl") -> None:
        self.name = name
        self.path = Path(path)

    def send(self, message: Message) -> None:
        line = json.dumps(message.payload, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise AlertDeliveryError(
                f"cannot append alert {message.id} to {self.path}: {exc}; "
                "is the directory writable?"
            ) from exc


class JsonlSettings(ChannelSettings):
    type: Literal["jsonl"]
    path: Path  # relative paths are under the data directory


def build(name: str, settings: JsonlSettings, context: BuildContext) -> JsonlChannel:
    path = settings.path
    if not path.is_absolute() and context.base_dir is not None:
        path = context.base_dir / path
    return JsonlChannel(path, name=name)


SPEC = ChannelSpec("jsonl", JsonlSettings, build)
