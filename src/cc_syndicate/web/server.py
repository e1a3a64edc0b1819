"""waitress, the production WSGI server in pure Python, serving the application."""

from __future__ import annotations

import logging
from collections.abc import Callable

import waitress
from flask import Flask

from ..models import ServeSettings

MAX_REQUEST_BODY = 64 * 1024


def serve(app: Flask, serve: ServeSettings, *, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Listen on ``host:port`` (0: any free port) and answer until interrupted; ``announce`` is told the
    address once the socket is bound."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    server = waitress.create_server(
        app, host=host, port=port, threads=serve.threads, ident="cc-syndicate",
        max_request_body_size=MAX_REQUEST_BODY,
        # waitress drops X-Forwarded-* unless told otherwise; with trusted proxies ProxyFix reads them.
        clear_untrusted_proxy_headers=not serve.trusted_proxies,
    )
    bound = getattr(server, "effective_port", port)
    shown = f"[{host}]" if ":" in host else host
    announce(f"Serving on http://{shown}:{bound}{serve.base_path}/ ({serve.threads} threads, "
             f"{serve.concurrent_checks} checks at once, {serve.rate_limit} per client)")
    server.run()
