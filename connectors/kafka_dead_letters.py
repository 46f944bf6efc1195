"""Dead letters on Kafka: a JSON envelope that keeps the original bytes, the reason and origin.

DeadLetter ──dead_letter_envelope──▶ {reason, topic, partition, offset, payload_base64,
                                      payload_text (when UTF-8)} ──▶ <topic>.dlq
"""

from __future__ import annotations

import base64
import json

from claimwatch.connectors.log import DeadLetter


def dead_letter_envelope(letter: DeadLetter, topic: str) -> bytes:
    """The JSON kept for a dead letter: the reason, where it came from, the raw bytes."""
    try:
        text: str | None = letter.payload.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    return json.dumps(
        {
            "reason": letter.reason,
            "topic": topic,
            "partition": letter.partition,
            "offset": letter.offset,
            "payload_base64": base64.b64encode(letter.payload).decode("ascii"),
            "payload_text": text,
        },
        ensure_ascii=False,
    ).encode("utf-8")


def dead_letter_from_envelope(value: bytes) -> DeadLetter:
    data = json.loads(value.decode("utf-8"))
    return DeadLetter(
        payload=base64.b64decode(data["payload_base64"]),
        reason=data["reason"],
        partition=data.get("partition"),
        offset=data.get("offset"),
    )
