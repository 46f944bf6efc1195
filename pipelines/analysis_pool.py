"""Analysis on every core: a pool of worker processes, each with its own NER model.

    poll ── parse_feeds(fetched bodies) ──▶ pool       (feedparser is pure CPU work too)
    drain_log ── prefetch(the next slices' articles) ──▶ pool (N processes, FIFO chunks)
    Beam stages ── take(article) ──▶ the analysis, waited for; computed in place on a miss

The pool only computes what is a pure function of an article's text (transforms/analysis.py);
every decision stays in the one process that reads the log in order, so `--workers N` decides
exactly what `--workers 1` does. The stages fall back to computing in place whenever the pool
has nothing for an article (no pool, another runner, a worker that died), so the pool can make
a run faster but never different.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from claimwatch.connectors.feed_entry import ParsedFeed
from claimwatch.connectors.ingest import ParseJob, parse_each, parse_job, parse_job_with_texts
from claimwatch.transforms.analysis import (
    AnalysisFailure,
    AnalysisKey,
    ArticleAnalysis,
    analyse_texts,
    analysis_key,
)
from claimwatch.transforms.errors import FeedError
from claimwatch.transforms.models import Article
from claimwatch.transforms.story_terms import Rarity
from claimwatch.transforms.toll import FallbackReader

if TYPE_CHECKING:
    from claimwatch.transforms.entities import EntityExtractor

log = logging.getLogger(__name__)

WORKERS_ENV = "CLAIMWATCH_WORKERS"
# Articles per task: large enough to amortise spaCy's pipe() and the pickling, small enough
# that the first slice's analyses arrive while later chunks are still being computed.
CHUNK = 16

Result = ArticleAnalysis | AnalysisFailure

_worker_ner: EntityExtractor | None = None
_worker_rarity: Rarity | None = None
_worker_toll_reader: FallbackReader | None = None


def effective_workers(configured: int | None) -> int:
    """The setting, else $CLAIMWATCH_WORKERS, else the number of cores."""
    if configured:
        return configured
    env = os.environ.get(WORKERS_ENV, "").strip()
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            log.warning("%s=%r is not a number; using the number of cores", WORKERS_ENV, env)
    return max(1, os.cpu_count() or 1)


def _init_worker(scope: str) -> None:
    global _worker_ner, _worker_rarity, _worker_toll_reader
    from claimwatch.transforms.entities import EntityExtractor

    _exit_with_parent(os.getppid())
    _worker_ner = EntityExtractor.load(scope=scope)
    _worker_rarity = Rarity.load()
    from claimwatch.pipelines.resources import toll_reader

    _worker_toll_reader = toll_reader()  # the toll's parse fallback, if switched on


def _exit_with_parent(parent: int) -> None:
    """A worker whose `run` was killed (kill -9 gives it no chance to stop us) exits too,
    within a second, instead of finishing a queue nobody will read."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="claimwatch-parent-watch", daemon=True).start()


def _warm() -> int:
    return os.getpid()


def _analyse_chunk(items: list[tuple[str, str, str]]) -> list[Result]:
    assert _worker_ner is not None, "the initializer loads the model"
    return analyse_texts(items, _worker_ner, _worker_rarity, _worker_toll_reader)


class AnalysisPool:
    """N worker processes and the analyses they have computed or are computing.

    Thread-safe: drain_log prefetches from the main thread, the Beam stages take from the
    runner's worker thread. Holds at most `capacity` articles' analyses (oldest dropped).
    """

    def __init__(self, workers: int, scope: str, *, capacity: int = 20_000) -> None:
        # spawn, not fork: the parent has Beam's and the clients' threads running.
        context = multiprocessing.get_context("spawn")
        self.workers = workers
        self._executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(scope,)
        )
        self._lock = threading.Lock()
        self._entries: OrderedDict[AnalysisKey, Future[list[Result]]] = OrderedDict()
        self._capacity = capacity
        self._broken = False
        self.hits = 0
        self.misses = 0
        # Start every worker now, so the models load while the feeds are polled.
        for _ in range(workers):
            self._executor.submit(_warm)

    def prefetch(self, articles: Sequence[Article]) -> None:
        """Queue the analysis of every article not already queued, in the order given."""
        if self._broken:
            return
        with self._lock:
            todo = [(a.id, a.title, a.text) for a in articles if self._key(a) not in self._entries]
            try:
                for start in range(0, len(todo), CHUNK):
                    chunk = todo[start : start + CHUNK]
                    future = self._executor.submit(_analyse_chunk, chunk)
                    for article_id, title, text in chunk:
                        self._entries[analysis_key(article_id, title, text)] = future
            except RuntimeError:  # a worker died: the stages compute in place from now on
                self._give_up("the analysis pool cannot take work")
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)

    def parse_feeds(self, jobs: Sequence[ParseJob]) -> list[ParsedFeed | FeedError]:
        """Feed bodies parsed on the workers and here, in order; here alone if the pool is
        broken.

        This process has nothing else to do meanwhile, and at start-up the workers are still
        loading their models: it takes the last jobs no worker has started yet (a queued
        future it can cancel), while the workers take them from the front.
        """
        if self._broken or len(jobs) < 2:
            return parse_each(jobs)
        try:
            futures = [self._executor.submit(parse_job_with_texts, job) for job in jobs]
        except RuntimeError:
            self._give_up("feed parsing on the analysis workers failed")
            return parse_each(jobs)
        here: dict[int, ParsedFeed | FeedError] = {}
        for index in range(len(jobs) - 1, -1, -1):
            if not futures[index].cancel():
                break  # a worker has it, and every job before it
            here[index] = parse_job(jobs[index])
        try:
            return [here[i] if i in here else futures[i].result() for i in range(len(jobs))]
        except Exception:
            self._give_up("feed parsing on the analysis workers failed")
            return parse_each(jobs)

    def take(self, article: Article) -> ArticleAnalysis | None:
        """The article's analysis (waiting for it), or None: then the caller computes it."""
        key = self._key(article)
        with self._lock:
            future = self._entries.get(key)
        if future is None:
            self.misses += 1
            return None
        try:
            results = future.result()
        except Exception:
            self._give_up("an analysis worker failed")
            self.misses += 1
            return None
        found = next((r for r in results if r.key == key), None)
        if isinstance(found, ArticleAnalysis):
            self.hits += 1
            return found
        self.misses += 1  # a failure: computed again in place, where it becomes a dead letter
        return None

    def forget(self, articles: Sequence[Article]) -> None:
        """Drop these analyses (their slice is committed): the pool holds about two slices."""
        with self._lock:
            for article in articles:
                self._entries.pop(self._key(article), None)

    def close(self) -> None:
        log.info("analysis pool: %d analyses taken, %d computed in place", self.hits, self.misses)
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _give_up(self, why: str) -> None:
        if not self._broken:
            log.warning(
                "%s; analysing in the pipeline's own process from now on", why, exc_info=True
            )
        self._broken = True

    @staticmethod
    def _key(article: Article) -> AnalysisKey:
        return analysis_key(article.id, article.title, article.text)


_active: AnalysisPool | None = None


def active_pool() -> AnalysisPool | None:
    """The pool of this process, if `run` started one: the in-process runner's stages use it."""
    return _active


def start_pool(workers: int, scope: str) -> AnalysisPool | None:
    """Start this process's pool (none for one worker: the stages then do the work)."""
    global _active
    stop_pool()
    if workers > 1:
        _active = AnalysisPool(workers, scope)
    return _active


def stop_pool() -> None:
    global _active
    if _active is not None:
        pool, _active = _active, None
        pool.close()
