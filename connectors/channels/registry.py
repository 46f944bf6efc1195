"""Every channel type alerts.yaml can name under `type:`: one line per channel module."""

from __future__ import annotations

from claimwatch.connectors.channels import (
    ChannelSpec,
    console,
    elasticsearch_index,
    email,
    jsonl,
    kafka_topic,
    slack,
    webhook,
)

CHANNEL_TYPES: dict[str, ChannelSpec] = {
    spec.kind: spec
    for spec in (
        console.SPEC,
        jsonl.SPEC,
        webhook.SPEC,
        slack.SPEC,
        email.SPEC,
        kafka_topic.SPEC,
        elasticsearch_index.SPEC,
    )
}
