"""Routes of `claimwatch serve`: four pages, their JSON API, /metrics. GET only.

    /claims            every claim key, filtered and sorted      /api/claims
    /claims/{key}      one key: timeline, history, alerts         /api/claims/{key}
    /alerts            newest first, with evidence and delivery   /api/alerts
    /feeds             feed health and per-source yield           /api/feeds
    /metrics           Prometheus text format (store totals, feed health, log lag)

Every article string reaches HTML through Jinja2 with autoescape on; links to articles are
kept only when they are http(s). The Content-Security-Policy forbids every script, so even
a string that slipped through could not run.
"""

from __future__ import annotations

import contextlib
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from claimwatch.pipelines.metrics import StoreCollector
from claimwatch.pipelines.output import claim_row, format_figure
from claimwatch.pipelines.settings import PipelineSettings
from claimwatch.pipelines.web.chart import timeline_chart
from claimwatch.pipelines.web.reads import Reader
from claimwatch.pipelines.web.views import (
    SORTS,
    ClaimFilter,
    ClaimRow,
    alert_rows,
    alerts_by_claim,
    delivery_dict,
    newest_first,
    select,
)
from claimwatch.transforms.change_size import change_size
from claimwatch.transforms.errors import ClaimwatchError
from claimwatch.transforms.models import METRICS, Alert, Claim, SourceValue
from claimwatch.transforms.records import alert_to_dict, claim_to_dict, iso, number
from jinja2 import Environment, FileSystemLoader
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent
CLAIMS_PER_PAGE = 100
ALERTS_PER_PAGE = 50
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        b"base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


@dataclass(frozen=True, slots=True)
class WebConfig:
    reader: Reader
    token: str | None = None  # bearer token every request must carry, when set
    log_path: Path | None = None  # the embedded log, for lag and dead letters on /metrics
    consumer: str = field(default_factory=lambda: PipelineSettings().consumer)
    backend: str = ""  # what the header says is being read ("SQLite store at …")


def create_app(config: WebConfig) -> Starlette:
    env = _environment()
    reader = config.reader
    registry = CollectorRegistry(auto_describe=False)
    registry.register(StoreCollector(reader, config.log_path, config.consumer))

    def page(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(
            request_path=request.url.path, backend=config.backend, **context
        )
        return HTMLResponse(html, status_code=status)

    def claims_page(request: Request) -> Response:
        rows = reader.claim_rows()
        wanted, number_ = _claim_filter(request)
        shown, at = select(rows, wanted, number_, CLAIMS_PER_PAGE)
        sources = sorted({s for r in rows for s in r.sources})
        return page(
            "claims.html",
            request,
            rows=shown,
            page=at,
            filter=wanted,
            metrics=[m for m in METRICS if any(r.current.key.metric == m for r in rows)],
            sources=sources,
            sorts=SORTS,
            total_keys=len(rows),
            page_link=lambda n: _query_link(request, page=n),
        )

    def claim_page(request: Request) -> Response:
        key = request.path_params["key"]
        detail = reader.claim(key)
        if detail is None:
            return page("missing.html", request, status=404, key=key)
        history = detail.history
        anchors = [f"claim-{i}" for i in range(len(history))]
        labels = [_figure(c) for c in history]
        return page(
            "claim.html",
            request,
            detail=detail,
            rows=list(zip(history, anchors, strict=True)),
            summary=_summary(history),
            chart=timeline_chart(history, anchors, labels),
            raised=alerts_by_claim(detail.alerts),
            alerts=alert_rows(newest_first(detail.alerts), detail.deliveries),
        )

    def alerts_page(request: Request) -> Response:
        ordered = newest_first(reader.alerts())
        number_ = _int(request.query_params.get("page"), 1)
        count = max(1, -(-len(ordered) // ALERTS_PER_PAGE))
        number_ = min(max(1, number_), count)
        shown = ordered[(number_ - 1) * ALERTS_PER_PAGE : number_ * ALERTS_PER_PAGE]
        deliveries = reader.deliveries([a.id for a in shown])
        return page(
            "alerts.html",
            request,
            alerts=alert_rows(shown, deliveries),
            page_number=number_,
            page_count=count,
            total=len(ordered),
            page_link=lambda n: _query_link(request, page=n),
        )

    def feeds_page(request: Request) -> Response:
        view = reader.feeds()
        now = datetime.now(timezone.utc)  # display only: how long ago, never a decision
        return page("feeds.html", request, view=view, now=now)

    def api_claims(request: Request) -> Response:
        rows = reader.claim_rows()
        wanted, number_ = _claim_filter(request)
        shown, at = select(rows, wanted, number_, CLAIMS_PER_PAGE)
        return JSONResponse(
            {
                "page": at.number,
                "pages": at.count,
                "total": at.total,
                "claims": [_claim_json(r) for r in shown],
            }
        )

    def api_claim(request: Request) -> Response:
        key = request.path_params["key"]
        detail = reader.claim(key)
        if detail is None:
            return JSONResponse({"error": f"no claims for key {key!r}"}, status_code=404)
        history = list(detail.history)
        return JSONResponse(
            {
                "key": key,
                "current": claim_row(history[-1], history),
                "history": [
                    {
                        **claim_to_dict(c),
                        "title": detail.articles[c.article_id].title
                        if c.article_id in detail.articles
                        else None,
                    }
                    for c in history
                ],
                "alerts": [
                    _alert_json(a, detail.deliveries.get(a.id, []))
                    for a in newest_first(detail.alerts)
                ],
            }
        )

    def api_alerts(request: Request) -> Response:
        ordered = newest_first(reader.alerts())
        limit = min(max(1, _int(request.query_params.get("limit"), ALERTS_PER_PAGE)), 1000)
        number_ = max(1, _int(request.query_params.get("page"), 1))
        shown = ordered[(number_ - 1) * limit : number_ * limit]
        deliveries = reader.deliveries([a.id for a in shown])
        return JSONResponse(
            {
                "page": number_,
                "total": len(ordered),
                "alerts": [_alert_json(a, deliveries.get(a.id, [])) for a in shown],
            }
        )

    def api_feeds(request: Request) -> Response:
        view = reader.feeds()
        return JSONResponse(
            {
                "feeds": [
                    {
                        "feed_url": h.feed_url,
                        "source": h.source,
                        "status": feed_status(h.consecutive_failures, h.last_success),
                        "last_success": iso(h.last_success),
                        "last_failure": iso(h.last_failure),
                        "consecutive_failures": h.consecutive_failures,
                        "failing_since": iso(h.failing_since),
                        "last_error": h.last_error,
                        "entries_seen": h.entries_seen,
                        "last_new_entry": iso(h.last_new_entry),
                    }
                    for h in view.health
                ],
                "sources": [
                    {
                        "source": y.source,
                        "articles": y.articles,
                        "duplicates": y.duplicates,
                        "claims": y.claims,
                        "alerts": y.alerts,
                    }
                    for y in view.yields
                ],
            }
        )

    def metrics(request: Request) -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    def home(request: Request) -> Response:
        return RedirectResponse("/claims", status_code=302)

    async def store_down(request: Request, exc: Exception) -> Response:
        message = str(exc)  # our errors name the store and the fix, never a secret
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=503)
        return page("error.html", request, status=503, message=message)

    routes = [
        Route("/", home),
        Route("/claims", claims_page),
        Route("/claims/{key:path}", claim_page),
        Route("/alerts", alerts_page),
        Route("/feeds", feeds_page),
        Route("/api/claims", api_claims),
        Route("/api/claims/{key:path}", api_claim),
        Route("/api/alerts", api_alerts),
        Route("/api/feeds", api_feeds),
        Route("/metrics", metrics),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        reader.close()

    app = Starlette(
        routes=routes, exception_handlers={ClaimwatchError: store_down}, lifespan=lifespan
    )
    app.add_middleware(Guard, token=config.token)
    return app


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class Guard:
    """ASGI middleware: GET/HEAD only, the bearer token when set, security headers always."""

    def __init__(self, app: Any, token: str | None = None) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        if scope["method"] not in ("GET", "HEAD"):
            reply = PlainTextResponse(
                "read-only: only GET and HEAD", status_code=405, headers={"Allow": "GET, HEAD"}
            )
            await reply(scope, receive, send_with_headers)
            return
        if self.expected is not None:
            sent = dict(scope.get("headers", [])).get(b"authorization", b"")
            if not hmac.compare_digest(sent, self.expected):
                reply = PlainTextResponse(
                    "a bearer token is required: send Authorization: Bearer <token>",
                    status_code=401,
                    headers={"WWW-Authenticate": 'Bearer realm="claimwatch"'},
                )
                await reply(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)


def feed_status(consecutive_failures: int, last_success: datetime | None) -> str:
    if consecutive_failures:
        return "failing"
    return "ok" if last_success is not None else "never polled"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    env.filters["fig"] = _figure
    env.filters["when"] = _when
    env.filters["href"] = safe_href
    env.filters["claim_url"] = claim_url
    env.filters["num"] = _num
    env.filters["quote_parts"] = quote_parts
    env.globals["change_size"] = change_size
    env.globals["feed_status"] = feed_status
    return env


def safe_href(url: str | None) -> str | None:
    """The URL when it is http(s) with a host, else None (no javascript:, data: or file:)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def claim_url(key: str) -> str:
    return "/claims/" + quote(key, safe="")


def quote_parts(quote_text: str, figure_text: str) -> tuple[str, str, str]:
    """The quote split around the figure, so the page can mark it (each part escaped)."""
    at = quote_text.find(figure_text) if figure_text else -1
    if at < 0:
        return quote_text, "", ""
    return quote_text[:at], figure_text, quote_text[at + len(figure_text) :]


def _figure(c: Claim | SourceValue) -> str:
    return format_figure(c.value, c.low, c.high, c.qualifier)


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _num(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    shown = number(value)
    return f"{shown:+,}" if signed else f"{shown:,}"


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _claim_filter(request: Request) -> tuple[ClaimFilter, int]:
    q = request.query_params
    sort = q.get("sort", "last_change")
    return (
        ClaimFilter(
            metric=q.get("metric", "").strip(),
            subject=q.get("subject", "").strip(),
            place=q.get("place", "").strip(),
            source=q.get("source", "").strip(),
            sort=sort if sort in SORTS else "last_change",
        ),
        _int(q.get("page"), 1),
    )


def _query_link(request: Request, **changes: Any) -> str:
    params = dict(request.query_params)
    params.update({k: str(v) for k, v in changes.items()})
    return f"{request.url.path}?{urlencode(params)}"


def _summary(history: tuple[Claim, ...]) -> Any:
    from claimwatch.transforms.claims import summarise

    return summarise(history)


def _claim_json(row: ClaimRow) -> dict[str, Any]:
    return {
        **claim_row(row.current),
        "summary": {
            "conservative": number(row.summary.conservative),
            "best": number(row.summary.best),
            "low": number(row.summary.low),
            "high": number(row.summary.high),
            "sources_disagree": row.summary.disagree,
        },
        "source_count": len(row.sources),
        "sources": list(row.sources),
        "claim_count": row.claims,
        "last_change": iso(row.last_change),
    }


def _alert_json(alert: Alert, deliveries: list[Any]) -> dict[str, Any]:
    size = change_size(alert.previous, alert.current)
    return {
        **alert_to_dict(alert),
        "change_absolute": number(size.absolute) if size else None,
        "change_percent": size.percent if size else None,
        "deliveries": [delivery_dict(d) for d in deliveries],
    }
