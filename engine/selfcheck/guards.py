"""ASGI middleware in front of the self-check API: Host allow-list, origin check and CORS, body limit, headers.

Pure ASGI rather than Starlette's BaseHTTPMiddleware: that one costs a task and a stream per request, which
shows on the load benchmark. Refusals are answered here, before routing and before any body is read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from engine.messages import both
from engine.selfcheck.models import error_json

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 1024 * 1024
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
PREFLIGHT = {"Access-Control-Allow-Methods": "GET, POST", "Access-Control-Allow-Headers": "Content-Type",
             "Access-Control-Max-Age": "600"}
REFUSALS = {"host": 400, "origin": 403, "length": 411, "bad_length": 400, "size": 413}  # the words: selfcheck.refuse.*
_ENCODED_SECURITY = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
_SECURITY_NAMES = frozenset(name for name, _ in _ENCODED_SECURITY)


def host_name(host: str) -> str:
    """The name in a Host header or an origin's authority, without the port: `[::1]:8000` → `::1`."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    name, colon, port = host.rpartition(":")
    return name.rstrip(".") if colon and port.isdigit() and ":" not in name else host.rstrip(".")


class Guards:
    """Refuses what must not reach the app; adds security (and CORS) headers to every answer; HEAD as GET."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str], allowed_origins: frozenset[str]) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in allowed_hosts)
        self.origins = allowed_origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan: nothing to guard
            await self.app(scope, receive, send)
            return
        refusal, cors = self._check(scope["method"], _wanted(scope["headers"]))
        send = self._headed(send, cors, scope["method"] == "HEAD")
        if refusal == "preflight":
            await send({"type": "http.response.start", "status": 204, "headers": _encode(PREFLIGHT)})
            await send({"type": "http.response.body", "body": b""})
        elif refusal is not None:
            await _refuse(send, refusal)
        else:
            await self.app({**scope, "method": "GET"} if scope["method"] == "HEAD" else scope, receive, send)

    def _check(self, method: str, headers: dict[str, str]) -> tuple[str | None, dict[str, str]]:
        """What refuses the request (None: nothing) and the CORS headers its answer carries."""
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            return "host", {}
        origin = headers.get("origin")
        cors: dict[str, str] = {}
        if origin is not None:
            scheme, _, authority = origin.partition("://")
            # Same origin: the page's own requests. Host is on the allow-list by now, so a rebound name cannot pass.
            if not (scheme in ("http", "https") and authority.lower() == host.lower()):
                if origin not in self.origins:
                    return "origin", {}
                cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        if method == "OPTIONS":  # a CORS preflight: only foreign origins that are allowed need one
            return ("preflight" if cors else "origin"), cors
        if method in ("POST", "PUT", "PATCH"):
            return _body_refusal(headers.get("content-length")), cors
        return None, cors

    @staticmethod
    def _headed(send: Send, cors: dict[str, str], head: bool) -> Send:
        extra = _encode(cors)

        async def headed(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                message["headers"] = [*headers, *extra, *_security_headers(headers)]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}  # HEAD: the GET answer's headers, no body
            await send(message)

        return headed


_WANTED = frozenset({b"host", b"origin", b"content-length"})


def _wanted(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """The request headers the checks read (the last of each name), decoded: a browser sends a dozen others,
    which nothing here reads. More than one Host makes it "": a bad request (RFC 9112 §3.2), and no way to slip
    a foreign name past the allow-list behind an allowed one."""
    wanted = {name.decode("latin-1"): value.decode("latin-1") for name, value in raw if name in _WANTED}
    if sum(name == b"host" for name, _ in raw) > 1:
        wanted["host"] = ""
    return wanted


def _security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The security headers an answer does not set itself (the page sets its own policy and caching)."""
    if not headers or not any(name.lower() in _SECURITY_NAMES for name, _ in headers):
        return _ENCODED_SECURITY
    present = {name.lower() for name, _ in headers}
    return [(name, value) for name, value in _ENCODED_SECURITY if name not in present]


def _body_refusal(length: str | None) -> str | None:
    """A body needs a plain Content-Length within the limit; refused before a byte of it is read."""
    if length is None:
        return "length"
    if not (length.isascii() and length.isdigit()):  # the HTTP parser refuses these first; this is a backstop
        return "bad_length"
    return "size" if int(length) > MAX_BODY_BYTES else None


async def _refuse(send: Send, reason: str) -> None:
    message = both(f"selfcheck.refuse.{reason}", limit=MAX_BODY_BYTES) if reason == "size" \
        else both(f"selfcheck.refuse.{reason}")
    status, body = REFUSALS[reason], error_json(message["zh"], message["en"])
    headers = {"Content-Type": "application/json; charset=utf-8", "Content-Length": str(len(body))}
    if reason in ("length", "size", "bad_length"):
        headers["Connection"] = "close"  # the unread body must not be taken for the next request
    await send({"type": "http.response.start", "status": status, "headers": _encode(headers)})
    await send({"type": "http.response.body", "body": body})


def _encode(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
