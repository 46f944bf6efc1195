"""`claimwatch serve`: check where to bind and who may read, then run the app on uvicorn."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

from claimwatch.pipelines.backends import store_spec
from claimwatch.pipelines.settings import Settings
from claimwatch.transforms.errors import ConfigError

TOKEN_ENV = "CLAIMWATCH_WEB_TOKEN"


def serve(args: argparse.Namespace, settings: Settings) -> int:
    try:
        import uvicorn
        from claimwatch.pipelines.web.app import WebConfig, create_app
        from claimwatch.pipelines.web.reads import Reader
    except ImportError as exc:
        raise ConfigError(
            f"`claimwatch serve` needs the web extra ({exc.name} is missing): "
            "pip install 'claimwatch[web]'"
        ) from exc
    spec = store_spec(settings)
    data_dir = Path(settings.data_dir)
    if spec.kind == "sqlite" and not Path(spec.location).exists():
        raise ConfigError(
            f"no store at {spec.location}: run `claimwatch run --once --data-dir {data_dir}` "
            "first, or point --data-dir at an existing one"
        )
    token = read_token(args.token_file, os.environ.get(TOKEN_ENV))
    if token is None and not is_loopback(args.host):
        raise ConfigError(
            f"refusing to serve on {args.host} without a token: anyone who can reach it could "
            f"read the store. Set {TOKEN_ENV} or pass --token-file, or bind 127.0.0.1"
        )
    kind = "SQLite store" if spec.kind == "sqlite" else "Elasticsearch"
    backend = f"{kind} {spec.location}"
    log_path = data_dir / "log.sqlite3" if settings.kafka is None else None
    app = create_app(
        WebConfig(
            reader=Reader(spec, data_dir / "feeds.sqlite3"),
            token=token,
            log_path=log_path,
            consumer=settings.pipeline.consumer,
            backend=backend,
        )
    )
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"claimwatch: serving {backend} read-only on http://{shown}:{args.port}/"
        + (" (bearer token required)" if token else "")
        + " — Ctrl-C to stop",
        file=sys.stderr,
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and `localhost`; any other name might resolve anywhere."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_token(path: Path | None, env_value: str | None) -> str | None:
    """The bearer token from --token-file, else the environment; None when neither is set."""
    if path is not None:
        try:
            token = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"cannot read the token file {path}: {exc.strerror}") from exc
        if not token:
            raise ConfigError(f"the token file {path} is empty")
        return token
    if env_value is not None and env_value.strip():
        return env_value.strip()
    return None
