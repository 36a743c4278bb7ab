"""`subsidy serve`: the self-check app on uvicorn, in one process or in N worker processes.

Workers import the app by name (`app_from_environment`), so the settings travel in an environment variable.
"""

from __future__ import annotations

import asyncio
import gc
import os
import socket
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from engine.rules.loader import load_rulebook
from engine.selfcheck.app import JSON_TYPE, Settings, create_app
from engine.selfcheck.guards import LOOPBACK_NAMES, SECURITY_HEADERS, ASGIApp
from engine.messages import both, text
from engine.selfcheck.models import error_json

SETTINGS_VARIABLE = "SUBSIDY_SERVE_SETTINGS"
MAX_CONNECTIONS_PER_WORKER = 1000  # beyond: 503, so that idle or slow clients cannot exhaust the process
HEADER_TIMEOUT_SECONDS = 10  # a connection that has not sent a whole request head by then is closed


def app_from_environment() -> ASGIApp:
    """The app factory each uvicorn worker calls."""
    app = create_app(Settings.from_json(os.environ[SETTINGS_VARIABLE]), warm=True)
    # What start-up made (rulebook, compiled rules, schemas, and what the warm-up's answers built: most of the
    # heap) lives as long as the process. Frozen, the collector never walks it again: a full collection over it
    # paused a worker for ~100 ms (measured in process), one of the load benchmark's slowest answers.
    gc.collect()
    gc.freeze()
    return app


class Protocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, but a request its parser refuses (a Content-Length that is not a byte count,
    a malformed request line or header) is answered in JSON with zh/en like every other error, not plain text."""

    header_timer: asyncio.TimerHandle | None = None

    # uvicorn has no timeout for the request head: a connection that sends nothing, or a request line a byte at a
    # time, was held forever, and 1000 of them per worker answered every other client 503 until they left.
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def on_headers_complete(self) -> None:
        self._cancel_header_timer()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_timer()  # the next request's head has the same time

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self.header_timer = self.loop.call_later(HEADER_TIMEOUT_SECONDS, self._header_timeout)

    def _cancel_header_timer(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _header_timeout(self) -> None:
        self.header_timer = None
        if (self.cycle is None or self.cycle.response_complete) and not self.transport.is_closing():
            self.transport.close()  # no request in progress, and the next one's head did not arrive in time

    def send_400_response(self, msg: str) -> None:
        message = both("selfcheck.malformed_http")
        body = error_json(message["zh"], message["en"])
        head = ["HTTP/1.1 400 Bad Request", f"Content-Type: {JSON_TYPE}", f"Content-Length: {len(body)}",
                "Connection: close", *(f"{k}: {v}" for k, v in SECURITY_HEADERS.items())]
        self.transport.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        self.transport.close()


def settings_for(rules_dir: str, host: str, allow_hosts: tuple[str, ...] = (),
                 allow_origins: tuple[str, ...] = ()) -> Settings:
    """Host names default to loopback plus the bound address; origins are compared without a trailing slash."""
    return Settings(rules_dir, LOOPBACK_NAMES | {host.strip("[]").lower()} | {h.lower() for h in allow_hosts},
                    frozenset(o.rstrip("/") for o in allow_origins))


def options(settings: Settings, workers: int = 1) -> dict[str, Any]:
    """uvicorn's settings for the app; the app's own settings go to the workers through the environment."""
    os.environ[SETTINGS_VARIABLE] = settings.to_json()
    return {"app": "engine.selfcheck.server:app_from_environment", "factory": True, "workers": workers,
            "http": Protocol, "lifespan": "off", "log_level": "warning", "access_log": False, "server_header": False,
            "limit_concurrency": MAX_CONNECTIONS_PER_WORKER}


def free_port(host: str, port: int) -> int:
    """`port` if it can be bound (0: one the system picks), so the addresses are printed only when they will work."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds it next
        sock.bind((host, port))
        return sock.getsockname()[1]


def url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(settings: Settings, host: str, port: int, workers: int, echo: Callable[[str], None],
          lang: str = "zh") -> None:
    """Tell where the page and the API are, then serve until Ctrl-C. A bad rule pack fails here, before that."""
    load_rulebook(settings.rules_dir)
    port = free_port(host, port)
    root = url(host, port)
    echo(text("selfcheck.serve_page", lang, url=root))
    echo(text("selfcheck.serve_api", lang, url=root))
    uvicorn.run(host=host, port=port, **options(settings, workers))
