"""The HTTP transport under every claimwatch request: pinned, checked connections, one deadline.

    get_capped ─with request_scope(policy, resolver, deadline, stop)─▶ session.get
        GuardedAdapter (mounted on the session)
          new connection:  resolver(host) ─▶ policy.refusal(each address) ─▶ connect to that IP
                           (Host header and TLS SNI/certificate keep the name)
          every request:   the socket's real peer checked again (a pooled connection opened for
                           a trusted feed is not a way in for an untrusted page link)
        Watchdog: past the deadline or on stop, the socket is shut down, so a server that
                  trickles its headers cannot hold a request open (read timeouts are per read)

The scope lives in a thread-local because requests gives an adapter no per-request context;
outside a scope the policy is deny-by-default, so a forgotten scope fails closed.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import requests
from claimwatch.connectors.address_policy import AddressPolicy, BlockedAddressError
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.connection import create_connection

Resolver = Callable[[str, int], Sequence[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses from the system resolver, in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(eq=False)
class RequestScope:
    """One logical request (all its redirect hops): who may be reached, and until when."""

    policy: AddressPolicy
    resolver: Resolver
    deadline: float  # time.monotonic()
    stop: threading.Event | None = None
    expired: str | None = None  # why the watchdog cut it: "deadline" or "stopped"
    sent_at: float | None = None  # when the last request's bytes were all sent
    _sockets: list[socket.socket] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def add(self, sock: socket.socket | None) -> None:
        """Watch this socket. Sockets, not connections: http.client drops `conn.sock` as soon
        as a response says Connection: close, while the body is still being read."""
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
        if self.expired is not None:
            self._cut(sock)

    def expire(self, why: str) -> None:
        with self._lock:
            if self.expired is not None:
                return
            self.expired = why
            sockets = list(self._sockets)
        for sock in sockets:
            self._cut(sock)

    @staticmethod
    def _cut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed, or detached into an SSL socket
            sock.shutdown(socket.SHUT_RDWR)


_current = threading.local()


def current_scope() -> RequestScope:
    scope = getattr(_current, "scope", None)
    if scope is None:
        # Fails closed: nothing reachable but public addresses, no deadline beyond 30 s.
        return RequestScope(AddressPolicy(), system_resolver, time.monotonic() + 30.0)
    assert isinstance(scope, RequestScope)
    return scope


class Watchdog:
    """One daemon thread that cuts the sockets of scopes past their deadline or stopped."""

    tick = 0.05  # how late a cut may come; well inside the 2 s a Ctrl-C may take

    def __init__(self) -> None:
        self._scopes: set[RequestScope] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def scope(
        self,
        *,
        policy: AddressPolicy,
        resolver: Resolver,
        deadline: float,
        stop: threading.Event | None = None,
    ) -> Iterator[RequestScope]:
        scope = RequestScope(policy, resolver, deadline, stop)
        previous = getattr(_current, "scope", None)
        _current.scope = scope
        with self._lock:
            self._scopes.add(scope)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="claimwatch-http-watchdog", daemon=True
                )
                self._thread.start()
        self._wake.set()
        try:
            yield scope
        finally:
            _current.scope = previous
            with self._lock:
                self._scopes.discard(scope)

    def _run(self) -> None:
        while True:
            with self._lock:
                scopes = list(self._scopes)
            if not scopes:
                self._wake.clear()
                if not self._wake.wait(5.0):
                    with self._lock:
                        if not self._scopes:
                            self._thread = None
                            return
                continue
            now = time.monotonic()
            for scope in scopes:
                if scope.stop is not None and scope.stop.is_set():
                    scope.expire("stopped")
                elif now >= scope.deadline:
                    scope.expire("deadline")
            time.sleep(self.tick)


def _connect(conn: HTTPConnection) -> socket.socket:
    """Resolve, check every address, connect to the first allowed one; Host/SNI keep the name."""
    scope = current_scope()
    host = conn.host.strip("[]")
    port = int(conn.port or (443 if isinstance(conn, HTTPSConnection) else 80))
    try:
        addresses = list(scope.resolver(host, port))
    except (socket.gaierror, UnicodeError) as exc:
        raise NameResolutionError(conn.host, conn, socket.gaierror(str(exc))) from exc
    if not addresses:
        raise NameResolutionError(conn.host, conn, socket.gaierror(f"{host} has no address"))
    for address in addresses:
        # All or nothing: a name answering with one public and one internal address is how
        # DNS rebinding slips in, so any refused answer refuses the name.
        reason = scope.policy.refusal(address)
        if reason is not None:
            raise BlockedAddressError(
                f"refused to connect to {host}: {reason}; open the range with "
                "fetch.allow_networks or --allow-network if this is on purpose"
            )
    last: OSError | None = None
    for address in addresses:
        timeout = conn.timeout if isinstance(conn.timeout, int | float) else None
        budget = max(0.001, scope.remaining())
        try:
            sock = create_connection(
                (address, port),
                min(timeout, budget) if timeout is not None else budget,
                source_address=conn.source_address,
                socket_options=conn.socket_options,
            )
            scope.add(sock)  # the TLS handshake can be cut too
            return sock
        except TimeoutError as exc:
            raise ConnectTimeoutError(conn, f"connection to {host} timed out") from exc
        except OSError as exc:
            last = exc
    raise NewConnectionError(conn, f"Failed to establish a new connection: {last}")


def _check_peer(conn: HTTPConnection) -> None:
    """A reused connection: its actual peer must pass this request's policy too."""
    scope = current_scope()
    sock = conn.sock
    scope.add(sock)
    if sock is None:
        return
    try:
        peer = str(sock.getpeername()[0])
    except OSError:
        return  # not connected; _connect will check the new one
    reason = scope.policy.refusal(peer)
    if reason is not None:
        raise BlockedAddressError(f"refused to reuse a connection to {conn.host}: {reason}")


class _Guarded:
    """The checks both connection classes add: pinned connect, peer re-check, send time."""

    sock: Any

    def _new_conn(self) -> socket.socket:
        return _connect(self)  # type: ignore[arg-type]  # mixed into an HTTP(S)Connection

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        current_scope().add(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _check_peer(self)  # type: ignore[arg-type]
        super().request(*args, **kwargs)  # type: ignore[misc]
        current_scope().sent_at = time.monotonic()


class _GuardedHTTPConnection(_Guarded, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_Guarded, HTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections are checked and pinned by the current RequestScope."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPPool,
            "https": _GuardedHTTPSPool,
        }

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        # Through a proxy the connection goes to the proxy, not the checked address.
        raise BlockedAddressError(
            f"claimwatch does not fetch through proxies ({proxy}): the address check "
            "needs a direct connection"
        )


def guard_session(session: requests.Session, *, pool_size: int = 10) -> requests.Session:
    """Mount GuardedAdapter for http and https (once) and ignore proxy environment variables."""
    for prefix in ("http://", "https://"):
        if not isinstance(session.adapters.get(prefix), GuardedAdapter):
            session.mount(
                prefix, GuardedAdapter(pool_connections=pool_size, pool_maxsize=pool_size)
            )
    session.trust_env = False
    return session
