"""Alerts on a terminal: the plain-text form, one block per alert."""

from __future__ import annotations

import sys
from typing import Literal, TextIO

from claimwatch.connectors.channels import BuildContext, ChannelSettings, ChannelSpec
from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.errors import AlertDeliveryError


class ConsoleChannel:
    """Writes the plain-text alert to a stream (stdout unless another is passed in)."""

    def __init__(self, name: str = "console", *, stream: TextIO | None = None) -> None:
        self.name = name
        self._stream = stream

    def send(self, message: Message) -> None:
        stream = self._stream if self._stream is not None else sys.stdout
        try:
            stream.write(f"{'=' * 72}\n{message.text}\n")
            stream.flush()
        except (OSError, ValueError) as exc:  # ValueError: write to a closed stream
            raise AlertDeliveryError(f"console channel {self.name} cannot write: {exc}") from exc


class ConsoleSettings(ChannelSettings):
    type: Literal["console"]


def build(name: str, settings: ConsoleSettings, context: BuildContext) -> ConsoleChannel:
    return ConsoleChannel(name)


SPEC = ChannelSpec("console", ConsoleSettings, build)
