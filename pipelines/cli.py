"""The `claimwatch` command: run the job, extract figures, query results, manage the stack."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimwatch.transforms.errors import ClaimwatchError, ConfigError

log = logging.getLogger("claimwatch")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `stack` and `eval` own their flags; hand everything after the word to them.
    if argv[:1] == ["stack"]:
        from claimwatch.deploy.stack import main as stack_main

        return int(stack_main(argv[1:]) or 0)
    if argv[:1] == ["eval"]:
        from claimwatch.pipelines.evaluate import main as eval_main

        return eval_main(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # Beam logs a worker's traceback before re-raising; our own message says it once.
        logging.getLogger("apache_beam").setLevel(logging.CRITICAL)
        # The clients log each failed attempt with a traceback; the error we raise names it.
        for noisy in ("elastic_transport", "kafka"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)
    # Beam warns on import about Google Cloud clients we never use; it is noise to operators.
    logging.getLogger().addFilter(lambda record: "apitools not found" not in record.getMessage())
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except ClaimwatchError as exc:
        print(f"claimwatch: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("claimwatch: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimwatch",
        description="Watch news feeds for figures that change: casualty counts, troop "
        "pledges, hostages, money. Alerts say old → new, who said it, the quote and the link.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(metavar="COMMAND")

    run = sub.add_parser("run", help="poll feeds, process, alert (until Ctrl-C, or --once)")
    run.add_argument("--once", action="store_true", help="poll once, process everything, exit")
    run.add_argument(
        "--feed",
        action="append",
        metavar="URL_OR_PATH",
        help="a feed to poll (repeatable; replaces the configured feeds)",
    )
    _common(run)
    _backends(run)
    run.add_argument("--quiet", action="store_true", help="no progress or alert lines")
    run.add_argument(
        "--allow-network",
        action="append",
        metavar="CIDR",
        default=[],
        help="let page links from feed items reach this range (repeatable; e.g. 10.1.0.0/16)",
    )
    run.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes analysing articles (default: pipeline.workers, else the number of cores)",
    )
    run.add_argument(
        "--metrics-port", type=int, metavar="PORT", help="serve Prometheus /metrics on this port"
    )
    run.add_argument(
        "--metrics-host", default="127.0.0.1", help="address for --metrics-port (127.0.0.1)"
    )
    run.set_defaults(handler=_run)

    deliver = sub.add_parser(
        "deliver", help="deliver pending alerts from the store (until Ctrl-C, or --once)"
    )
    deliver.add_argument("--once", action="store_true", help="deliver what is due now, exit")
    deliver.add_argument(
        "--requeue-failed",
        action="store_true",
        help="first put alert messages a receiver refused (4xx) back in the queue",
    )
    _common(deliver)
    _backends(deliver)
    deliver.add_argument("--quiet", action="store_true", help="no progress lines")
    deliver.set_defaults(handler=_deliver)

    dead = sub.add_parser("dead-letters", help="records a stage could not process; re-queue them")
    _common(dead)
    dead.add_argument("--kafka", metavar="HOST:PORT", help="the log to re-queue onto")
    dead.add_argument("--elasticsearch", metavar="URL", help="read from Elasticsearch")
    dead.add_argument("--format", choices=("jsonl", "table"), default="table")
    dead.add_argument(
        "--requeue",
        nargs="+",
        metavar="ID",
        default=[],
        help="append these dead letters (or 'all') to the log again, e.g. after a fix",
    )
    dead.set_defaults(handler=_dead_letters)

    feeds_cmd = sub.add_parser("feeds", help="each feed: last poll, status, new/skipped/failed")
    _common(feeds_cmd)
    feeds_cmd.add_argument("--feed", action="append", metavar="URL_OR_PATH", help="as for run")
    feeds_cmd.add_argument("--format", choices=("jsonl", "table"), default="table")
    feeds_cmd.set_defaults(handler=_feeds)

    serve = sub.add_parser("serve", help="read-only web app and JSON API over the store")
    _common(serve)
    serve.add_argument("--elasticsearch", metavar="URL", help="read from Elasticsearch")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port (8080)")
    serve.add_argument(
        "--token-file",
        type=Path,
        help="file holding a bearer token every request must send (or set "
        "CLAIMWATCH_WEB_TOKEN); required when --host is not a loopback address",
    )
    serve.set_defaults(handler=_serve)

    extract = sub.add_parser("extract", help="print entities and figures of text or HTML files")
    extract.add_argument("files", nargs="+", metavar="FILE", help="text or HTML; - for stdin")
    extract.add_argument("--no-entities", action="store_true", help="skip spaCy (faster)")
    extract.add_argument(
        "--toll-parse",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="read casualty sentences the toll's rules miss with the parser "
        "(default: $CLAIMWATCH_TOLL_PARSE, else off)",
    )
    extract.set_defaults(handler=_extract)

    for name, helptext in (
        ("articles", "list stored articles and their duplicate_of"),
        ("claims", "current value per claim key, with the sources' disagreement"),
        ("alerts", "claim-change alerts"),
    ):
        cmd = sub.add_parser(name, help=helptext)
        _common(cmd)
        cmd.add_argument("--elasticsearch", metavar="URL", help="read from Elasticsearch")
        cmd.add_argument("--format", choices=("jsonl", "table"), default="table")
        cmd.add_argument("--limit", type=int, default=None)
        if name == "claims":
            cmd.add_argument("--history", action="store_true", help="every figure, not the latest")
            cmd.add_argument("--key", help="only this claim key")
            cmd.add_argument("--metric", help="only this metric")
        if name == "alerts":
            cmd.add_argument(
                "--undelivered",
                action="store_true",
                help="every (alert, channel) not delivered yet, with its state",
            )
            cmd.add_argument(
                "action",
                nargs="?",
                choices=("list", "test-send"),
                default="list",
                help="test-send: send a sample alert to every configured channel",
            )
            cmd.add_argument("--alert-webhook", action="append", metavar="URL", default=[])
            cmd.add_argument("--alert-secret", metavar="SECRET")
        cmd.set_defaults(handler=_query, what=name)

    stories = sub.add_parser("stories", help="stories: articles about one event, together")
    _common(stories)
    stories.add_argument("--elasticsearch", metavar="URL", help="read from Elasticsearch")
    stories.add_argument("--format", choices=("jsonl", "table"), default="table")
    stories.add_argument("--limit", type=int, default=None)
    stories.set_defaults(handler=_stories)

    timeline = sub.add_parser("timeline", help="draw a claim's values over time (SVG)")
    _common(timeline)
    timeline.add_argument("key", help="claim key, as `claimwatch claims` prints it")
    timeline.add_argument("--out", type=Path, help="SVG file (default: <data-dir>/timeline.svg)")
    timeline.set_defaults(handler=_timeline)

    # Listed for --help; main() hands their arguments over before parsing.
    sub.add_parser("stack", help="local Kafka + Elasticsearch: up, down, status", add_help=False)
    sub.add_parser(
        "eval",
        help="score figure extraction on the labelled sets (--json, --failures N)",
        add_help=False,
    )
    return parser


def _backends(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--kafka", metavar="HOST:PORT", help="use Kafka as the log")
    cmd.add_argument("--elasticsearch", metavar="URL", help="use Elasticsearch as the store")
    cmd.add_argument(
        "--alert-webhook",
        action="append",
        metavar="URL",
        default=[],
        help="also POST alerts to this webhook (repeatable)",
    )
    cmd.add_argument(
        "--alert-secret", metavar="SECRET", help="HMAC-SHA256 key for --alert-webhook signatures"
    )


def _common(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--config", type=Path, help="YAML config (default: the bundled demo)")
    cmd.add_argument(
        "--data-dir",
        type=Path,
        help="where the embedded log and store live (default ./claimwatch-data)",
    )


def _settings(args: argparse.Namespace) -> Any:
    from claimwatch.pipelines.settings import load_settings

    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = str(args.data_dir)
    if getattr(args, "feed", None):
        overrides["feeds"] = [{"url": _feed_location(f)} for f in args.feed]
    if getattr(args, "kafka", None):
        overrides["kafka"] = {"bootstrap": args.kafka}
    if getattr(args, "elasticsearch", None):
        overrides["elasticsearch"] = {"url": args.elasticsearch}
    settings = load_settings(args.config, **overrides)
    if getattr(args, "workers", None) is not None:
        if args.workers < 1:
            raise ConfigError(f"--workers must be 1 or more, not {args.workers}")
        pipeline = settings.pipeline.model_copy(update={"workers": args.workers})
        settings = settings.model_copy(update={"pipeline": pipeline})
    if getattr(args, "allow_network", None):
        from claimwatch.pipelines.feeds_cmd import with_allowed_networks

        settings = with_allowed_networks(settings, args.allow_network)
    return settings


def _feed_location(value: str) -> str:
    if "://" in value:
        return value
    return str(Path(value).resolve())


def _say(args: argparse.Namespace) -> Any:
    def say(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    return say


def _run(args: argparse.Namespace) -> int:
    from claimwatch.pipelines.alerting import alert_service_for
    from claimwatch.pipelines.alerting.health import run_health_checks
    from claimwatch.pipelines.app import StopFlag, run
    from claimwatch.pipelines.backends import store_spec

    settings = _settings(args)
    say = _say(args)
    alerting = alert_service_for(
        settings, extra_webhooks=args.alert_webhook, webhook_secret=args.alert_secret
    )
    for warning in alerting.warnings:
        log.warning("%s", warning)
    stop = StopFlag()
    stop.install()

    def health(now: Any, services: Any) -> None:
        reachable = all(s.reachable for s in services)
        store = store_spec(settings).open() if reachable else None
        try:
            run_health_checks(
                alerting, Path(settings.data_dir), store=store, services=services, now=now
            )
        finally:
            if store is not None:
                store.close()

    metrics, bar = _run_watchers(args)
    stats = run(
        settings,
        once=args.once,
        alerting=alerting,
        after_poll=health,
        stop=stop,
        progress=say,
        metrics=metrics,
        bar=bar,
    )
    c = stats.counters
    say(
        f"done: {stats.records} articles in {stats.seconds:.1f}s "
        f"({stats.articles_per_second:.1f}/s), {c.get('articles_duplicate', 0)} duplicates, "
        f"{c.get('figures_tracked', 0)} tracked figures, {c.get('claims_built', 0)} claims, "
        f"{stats.new_alerts} new alerts, {stats.dead_letters} dead letters"
    )
    return 0


def _deliver(args: argparse.Namespace) -> int:
    from claimwatch.pipelines.alerting.commands import deliver
    from claimwatch.pipelines.app import StopFlag

    stop = StopFlag()
    stop.install()
    return deliver(
        _settings(args),
        once=args.once,
        webhooks=args.alert_webhook,
        secret=args.alert_secret,
        stop=stop,
        say=_say(args),
        requeue_failed=args.requeue_failed,
    )


def _dead_letters(args: argparse.Namespace) -> int:
    from claimwatch.pipelines.alerting.commands import dead_letters

    return dead_letters(_settings(args), sys.stdout, fmt=args.format, requeue=args.requeue)


def _feeds(args: argparse.Namespace) -> int:
    from claimwatch.pipelines.feeds_cmd import print_feeds

    return print_feeds(_settings(args), args.format, sys.stdout)


def _run_watchers(args: argparse.Namespace) -> tuple[Any, Any]:
    """The metrics endpoint (with --metrics-port) and the progress bar (on a terminal)."""
    from claimwatch.pipelines.progress import ProgressBar

    metrics = None
    if args.metrics_port is not None:
        from claimwatch.pipelines.metrics import Metrics, serve_metrics

        metrics = Metrics()
        serve_metrics(metrics, args.metrics_port, args.metrics_host)
    bar = None if args.quiet else ProgressBar(sys.stderr)
    return metrics, bar


def _serve(args: argparse.Namespace) -> int:
    from claimwatch.pipelines.web.serve import serve

    return serve(args, _settings(args))


def _extract(args: argparse.Namespace) -> int:
    from claimwatch.pipelines.extract_cmd import extract_files

    for doc in extract_files(
        args.files, with_entities=not args.no_entities, toll_parse=args.toll_parse
    ):
        print(json.dumps(doc, ensure_ascii=False))
    return 0


def _query(args: argparse.Namespace) -> int:
    from claimwatch.pipelines.query import query

    return query(args, _settings(args), sys.stdout)


def _stories(args: argparse.Namespace) -> int:
    from claimwatch.pipelines.stories_cmd import stories

    return stories(args, _settings(args), sys.stdout)


def _timeline(args: argparse.Namespace) -> int:
    from claimwatch.pipelines.backends import store_spec
    from claimwatch.pipelines.timeline import write_timeline

    settings = _settings(args)
    store = store_spec(settings).open()
    try:
        history = store.claim_history(args.key)
    finally:
        store.close()
    if not history:
        print(
            f"claimwatch: no claims for key {args.key!r}; see `claimwatch claims`", file=sys.stderr
        )
        return 1
    out = args.out or Path(settings.data_dir) / "timeline.svg"
    write_timeline(history, out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
