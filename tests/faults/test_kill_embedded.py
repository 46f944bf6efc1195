"""kill -9 at random points of `claimwatch run --once` on the embedded default.

After each series the data dir must hold what a clean run holds (articles, duplicate flags,
versions, claims, alert ids), nothing may be left undelivered, and the subscriber must have
received every alert the clean run delivered, each with one body.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from fault_harness import (
    Corpus,
    Subscriber,
    deliver_until_empty,
    finish,
    kill_after,
    kill_after_commit,
    snapshot,
    start_run,
)

RUN_TIMEOUT = 600


def clean_run(corpus: Corpus, data: Path, subscriber: Subscriber) -> None:
    assert finish(start_run(corpus, data, subscriber), RUN_TIMEOUT) == 0


def test_kill_9_at_random_points_loses_and_duplicates_nothing(
    tmp_path: Path, corpus: Corpus, subscriber: Subscriber
) -> None:
    began = time.monotonic()
    clean_run(corpus, tmp_path / "reference", subscriber)
    # a kill "while processing" lands inside the run on any machine: a share of the clean
    # run's own length, not fixed seconds (a fast machine finished 240 articles before 3 s,
    # and every later run of the series had nothing left to interrupt)
    clean_seconds = time.monotonic() - began
    reference = snapshot(corpus.config, tmp_path / "reference", [])
    expected = subscriber.ids
    assert expected, "the clean run delivered nothing: the corpus does not exercise alerts"
    assert reference.undelivered == 0

    # Same receiver, fresh counts for the faulty series.
    subscriber.receipts.clear()
    subscriber.bodies.clear()
    rng = random.Random(20261201)
    data = tmp_path / "faulty"
    kills: list[str] = []
    plan = ["after_commit", "processing", "delivery", "processing", "after_commit", "delivery"]
    for point in plan:
        proc = start_run(corpus, data, subscriber)
        if point == "after_commit":
            killed = kill_after_commit(proc, data, timeout=120)
        elif point == "processing":
            killed = kill_after(proc, rng.uniform(0.3, 0.7) * clean_seconds)
        else:
            subscriber.arm(proc, after=rng.randint(1, 12))
            finish(proc, RUN_TIMEOUT)
            subscriber.disarm()
            killed = proc.returncode != 0
        if killed:
            proc.communicate()  # reap it and close its pipe
            kills.append(point)
        else:
            finish(proc, RUN_TIMEOUT)
    started = time.monotonic()
    clean_run(corpus, data, subscriber)
    deliver_until_empty(corpus, data, subscriber, [])
    recovery = time.monotonic() - started

    after = snapshot(corpus.config, data, [])
    assert len(kills) >= 4, f"only {kills} killed a run: the corpus is too small to hit"
    assert after.articles == reference.articles
    assert after.claims == reference.claims
    assert after.alerts == reference.alerts
    assert after.routed == reference.routed
    assert after.undelivered == 0
    missing = expected - subscriber.ids
    assert not missing, f"{len(missing)} alerts never reached the subscriber after {kills}"
    assert subscriber.ids == expected
    assert subscriber.bad_signatures == 0
    # A resend (the kill landed after the receiver accepted, before "delivered" was written)
    # carries the same alert id and the same bytes, so the subscriber drops it by id.
    assert subscriber.differing_resends == 0
    print(
        f"kills={kills} expected={len(expected)} received={len(subscriber.ids)} "
        f"resends={subscriber.duplicates} recovery={recovery:.1f}s"
    )
