"""A real HTTP server on 127.0.0.1 for the feed and page connectors (`serve_on`, `Loopback`).

Imported as `loopback_server` (tests/conftest.py puts tests/ on sys.path, like `factories`);
tests/connectors/conftest.py builds its fixtures on it.

Routes:
    /data/<path>          a file under tests/data, with an ETag and Last-Modified; honours
                          If-None-Match and If-Modified-Since with a 304
    /status/<code>        an empty response with that status
    /slow/<seconds>       waits before answering (client timeouts)
    /drip/<seconds>       sends headers, then one byte per 0.2 s for that long (body deadline)
    /big/<n>              n bytes of HTML with no Content-Length (streamed cap)
    /big-declared/<n>     a Content-Length of n and a short body (the declared cap)
    /gzip/<path>          a tests/data file sent with Content-Encoding: gzip
    /gzip-zeros/<n>       n zero bytes, gzip-compressed to a few kB (a decompression bomb)
    /redirect/<path>      301 to /data/<path>
    /slow-headers/<s>     the status line, then one header line per 0.2 s for s seconds
    /hop/<n>              302 to /hop/<n+1>, forever (a redirect chain with no end)
    /self-redirect        302 to itself (a redirect loop)
    anything registered   `loopback.serve(path, body, ...)` from a test

Every request is recorded (path, headers, monotonic arrival time) for assertions.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LAST_MODIFIED = formatdate(1_763_460_000, usegmt=True)  # a fixed moment in November 2025


@dataclass(frozen=True)
class SeenRequest:
    path: str
    headers: dict[str, str]
    at: float


@dataclass(frozen=True)
class Route:
    body: bytes
    status: int = 200
    content_type: str = "application/xml"
    etag: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before answering


@dataclass
class Loopback:
    """Handle on the running server: its base URL, registered routes and request log."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    first: dict[str, list[Route]] = field(default_factory=dict)  # answered once each, first
    requests: list[SeenRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(
        self,
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        content_type: str = "application/xml",
        etag: str | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        extra = tuple((headers or {}).items())
        with self.lock:
            self.routes[path] = Route(data, status, content_type, etag, extra, delay)
        return self.url(path)

    def serve_first(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int,
        content_type: str = "text/plain",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next request for `path` so (once), before its registered route."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(data, status, content_type, None, tuple((headers or {}).items()))
        with self.lock:
            self.first.setdefault(path, []).append(route)

    def seen(self, path: str) -> list[SeenRequest]:
        with self.lock:
            return [r for r in self.requests if r.path == path]


def _handler(loopback: Loopback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep pytest output clean

        def do_GET(self) -> None:
            with loopback.lock:
                loopback.requests.append(
                    SeenRequest(self.path, dict(self.headers.items()), time.monotonic())
                )
                queued = loopback.first.get(self.path)
                route = queued.pop(0) if queued else loopback.routes.get(self.path)
            # The client may give up mid-answer (a timeout test): nothing to do then.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route)

        def _answer(self, route: Route | None) -> None:
            parts = self.path.strip("/").split("/", 1)
            if route is not None:
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self._send(304, b"", route.content_type, {"ETag": route.etag})
                    return
                extra = {"ETag": route.etag} if route.etag else {}
                extra.update(route.headers)
                self._send(route.status, route.body, route.content_type, extra)
            elif parts[0] == "data" and len(parts) == 2:
                self._file(DATA / parts[1])
            elif parts[0] == "status":
                self._send(int(parts[1]), b"", "text/plain")
            elif parts[0] == "slow":
                time.sleep(float(parts[1]))
                self._send(200, b"<rss version='2.0'><channel/></rss>", "application/xml")
            elif parts[0] == "drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                deadline = time.monotonic() + float(parts[1])
                while time.monotonic() < deadline:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
                self.close_connection = True
            elif parts[0] == "big":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                remaining = int(parts[1])
                chunk = b"<p>" + b"a" * 8185 + b"</p>"
                while remaining > 0:
                    self.wfile.write(chunk[: min(len(chunk), remaining)])
                    remaining -= len(chunk)
                self.close_connection = True
            elif parts[0] == "gzip":
                body = gzip.compress((DATA / parts[1]).read_bytes())
                self._send(200, body, "application/xml", {"Content-Encoding": "gzip"})
            elif parts[0] == "gzip-zeros":
                body = gzip.compress(bytes(int(parts[1])))
                self._send(200, body, "text/html", {"Content-Encoding": "gzip"})
            elif parts[0] == "slow-headers":
                self.send_response_only(200)
                self.flush_headers()
                deadline = time.monotonic() + float(parts[1])
                n = 0
                while time.monotonic() < deadline:
                    self.wfile.write(f"X-Pad-{n}: {'x' * 10}\r\n".encode())
                    self.wfile.flush()
                    n += 1
                    time.sleep(0.2)
                self.wfile.write(b"Content-Length: 0\r\nConnection: close\r\n\r\n")
                self.close_connection = True
            elif parts[0] == "hop":
                self._send(302, b"", "text/plain", {"Location": f"/hop/{int(parts[1]) + 1}"})
            elif parts[0] == "self-redirect":
                self._send(302, b"", "text/plain", {"Location": "/self-redirect"})
            elif parts[0] == "redirect":
                self._send(301, b"", "text/plain", {"Location": f"/data/{parts[1]}"})
            elif parts[0] == "big-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", parts[1])
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(b"<p>short</p>")
                self.close_connection = True
            else:
                self._send(404, b"not found", "text/plain")

        def _file(self, path: Path) -> None:
            if not path.is_file():
                self._send(404, b"not found", "text/plain")
                return
            body = path.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if (
                self.headers.get("If-None-Match") == etag
                or self.headers.get("If-Modified-Since") == LAST_MODIFIED
            ):
                self._send(304, b"", "", validators)
                return
            types = {".html": "text/html; charset=utf-8", ".json": "application/feed+json"}
            self._send(200, body, types.get(path.suffix, "application/xml"), validators)

        def _send(
            self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client hanging up mid-response is expected in timeout tests


@contextlib.contextmanager
def serve_on(address: str = "127.0.0.1", port: int = 0) -> Iterator[Loopback]:
    """A server on one loopback address (Linux answers on all of 127.0.0.0/8)."""
    handle = Loopback(base="")
    server = _QuietServer((address, port), _handler(handle))
    handle.base = f"http://{address}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="loopback-http", daemon=True)
    thread.start()
    try:
        yield handle
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
