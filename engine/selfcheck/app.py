"""The HTTP JSON API for self-check (`subsidy serve`), on FastAPI: stateless, size-limited, no stack traces.

POST /api/v1/check          application JSON → result JSON (the result contract); 422 with field paths
POST /api/v1/next-question  partial application → the next relevant question (as the interview asks)
POST /api/v1/interview      one step of the web page's interview: answer as typed → next question or result
GET  /api/v1/provisions     the provisions of the pack
GET  /api/v1/fields         every input field with its kind, labels, choices and suggestions
GET  /api/v1/schema         JSON Schema of an application
GET  /api/v1/openapi.json   OpenAPI description of the above, generated from the pydantic models
GET  /                      the self-check web page (engine/selfcheck/web/)

Every error body is {"error": English, "msg": {"zh", "en"}}, but 422's {"errors": [{"loc", "type", "msg"}]}.
Host, origin and body-size checks happen in engine/selfcheck/guards.py before a request reaches a route.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException

from engine.errors import InputError
from engine.messages import both
from engine.intake.documents import loads_untrusted
from engine.intake.sample import generate
from engine.render.result_json import result_json
from engine.selfcheck.guards import LOOPBACK_NAMES, SECURITY_HEADERS, ASGIApp, Guards, Message, Receive, Scope, Send
from engine.selfcheck.models import (ErrorBody, FieldDescription, InterviewReply, NextQuestion, Provision,
                                     ValidationErrors, error_json)
from engine.selfcheck.service import Service, describe_fields
from schemas.api import InterviewStep
from schemas.application import Application
from schemas.result import Evaluation

BODY_TIMEOUT_SECONDS = 30  # a client that stops sending mid-body is answered 408 instead of holding a connection
JSON_TYPE = "application/json; charset=utf-8"
# The self-check page: its own script and style only, no inline code, no other origin (no CDN, no analytics).
PAGE_HEADERS = SECURITY_HEADERS | {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "Cache-Control": "no-cache",
}
WEB_DIR = Path(__file__).parent / "web"
PAGES = {"/": ("index.html", "text/html"), "/app.js": ("app.js", "text/javascript"), "/app.css": ("app.css", "text/css"),
         "/favicon.svg": ("favicon.svg", "image/svg+xml")}
STATUS_TEXT = {  # the words of the errors the framework raises: selfcheck.http.<status>
    404: both("selfcheck.http.404"), 405: both("selfcheck.http.405"),
    408: both("selfcheck.http.408", seconds=BODY_TIMEOUT_SECONDS), 500: both("selfcheck.http.500"),
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Host not allowed, or not valid JSON"},
    403: {"model": ErrorBody, "description": "cross-origin request from an origin not allowed"},
    405: {"model": ErrorBody, "description": "method not allowed (see the Allow header)"},
    500: {"model": ErrorBody, "description": "internal error (never a stack trace)"},
}
BODY_ERRORS = _ERRORS | {
    408: {"model": ErrorBody, "description": f"body not received within {BODY_TIMEOUT_SECONDS} s"},
    411: {"model": ErrorBody, "description": "no Content-Length (chunked bodies are not taken)"},
    413: {"model": ErrorBody, "description": "body over 1 MiB, refused before it is read"},
    422: {"model": ValidationErrors, "description": "invalid request: one error per field, with its dotted path"},
}


@dataclass(frozen=True)
class Settings:
    rules_dir: str
    allowed_hosts: frozenset[str] = field(default=LOOPBACK_NAMES)  # Host header names (DNS rebinding)
    allowed_origins: frozenset[str] = frozenset()  # exact `scheme://host[:port]` of foreign pages allowed to call

    def to_json(self) -> str:
        return json.dumps({"rules_dir": self.rules_dir, "allowed_hosts": sorted(self.allowed_hosts),
                           "allowed_origins": sorted(self.allowed_origins)})

    @classmethod
    def from_json(cls, text: str) -> Settings:
        doc = json.loads(text)
        return cls(doc["rules_dir"], frozenset(doc["allowed_hosts"]), frozenset(doc["allowed_origins"]))


class BadRequest(Exception):
    def __init__(self, status: int, message: dict[str, str]) -> None:
        super().__init__(message["en"])
        self.status, self.zh, self.en = status, message["zh"], message["en"]


def create_app(settings: Settings, warm: bool = False) -> ASGIApp:
    """The API and the page behind the guards; the rulebook is loaded here, once per worker process. `warm`:
    answer a few generated applications first (see warm_up), as a server's worker does before it listens."""
    service = Service(settings.rules_dir)
    if warm:
        warm_up(service)
    api = FastAPI(title="Shandong robot-industry subsidy self-check", version="1",
                  openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None)  # no docs UI: it loads a CDN
    api.add_exception_handler(InputError, _invalid)  # type: ignore[arg-type]
    api.add_exception_handler(BadRequest, _bad_request)  # type: ignore[arg-type]
    api.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    api.add_exception_handler(Exception, _internal)
    _add_api_routes(api, service)
    for route, (name, kind) in PAGES.items():
        api.add_api_route(route, _page((WEB_DIR / name).read_bytes(), kind), methods=["GET"], include_in_schema=False)
    api.openapi = lambda: _openapi(api)  # type: ignore[method-assign]
    return Guards(FastCheck(api, service), settings.allowed_hosts, settings.allowed_origins)


WARM_UP_APPLICATIONS = 8  # per day warmed: enough to take the common paths of every provision


def warm_up(service: Service) -> None:
    """Check and write generated applications as of each epoch's first day and as of today (the default), once
    with advice: a fresh worker's first answers then pay nothing for what is built on first use (plans, compiled
    code, the kept JSON pieces), ~16 ms on the first request, and what that makes is already in the heap when
    the server freezes it (engine/selfcheck/server.py)."""
    for day in [*(d.isoformat() for d in service.rulebook.breakpoints[1:]), None]:
        for i, doc in enumerate(generate(WARM_UP_APPLICATIONS, seed=13, as_of=day)):
            try:
                result_json(service.check(doc, advice=i == 0))
            except InputError:  # a generated document the schema refuses: the next one serves as well
                continue


class FastCheck:
    """POST /api/v1/check without a query, answered without the framework's routing and middleware, which cost
    ~15% of the request; the answer is the route's own (same body, same headers). Anything else, and any
    request that fails (invalid JSON or input, an internal error), goes to the framework: its handlers answer
    exactly as they always did, from the body as received."""

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app, self.service = app, service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != "/api/v1/check" \
                or scope.get("query_string"):
            await self.app(scope, receive, send)
            return
        try:
            async with asyncio.timeout(BODY_TIMEOUT_SECONDS):
                body = await _read_body(receive)
        except TimeoutError:
            await _bad_request_response(BadRequest(408, STATUS_TEXT[408]))(scope, receive, send)
            return
        if body is None:  # the client left
            return
        try:
            answer = Response(result_json(self.service.check(loads_untrusted(body.decode("utf-8")))),
                              media_type=JSON_TYPE)
        except Exception:  # noqa: BLE001 - answered by the framework's handlers, as before
            await self.app(scope, _replay(body, receive), send)
            return
        await answer(scope, receive, send)


async def _read_body(receive: Receive) -> bytes | None:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, then whatever the connection says next (a disconnect)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _add_api_routes(api: FastAPI, service: Service) -> None:
    @api.post("/api/v1/check", response_model=Evaluation, responses=BODY_ERRORS, openapi_extra=_body(Application),
              summary="Evaluate an application against every provision")
    async def check(request: Request) -> Response:
        # `?advice=true` adds the advice block (how to qualify); without it the answer is what it always was.
        evaluation = service.check(await _document(request), advice=request.query_params.get("advice") in ("1", "true"))
        return Response(result_json(evaluation), media_type=JSON_TYPE)

    @api.post("/api/v1/next-question", response_model=NextQuestion, responses=BODY_ERRORS,
              openapi_extra=_body(Application, "a partial application, plus `_skipped`: field paths not to ask"),
              summary="The next question worth asking, for a partial application")
    async def next_question(request: Request) -> Response:
        return _json(service.next(await _document(request)))

    @api.post("/api/v1/interview", response_model=InterviewReply, responses=BODY_ERRORS,
              openapi_extra=_body(InterviewStep), summary="One interview step: an answer as typed (checked like a "
              "spreadsheet cell), then the next question or, when nothing more can change a status, the result")
    async def interview(request: Request) -> Response:
        return _json(service.interview(await _document(request)))

    gets: list[tuple[str, Any, Callable[[], Any], str]] = [
        ("provisions", list[Provision], service.provisions, "The provisions of the policy pack"),
        ("fields", list[FieldDescription], describe_fields, "Every input field: kind, zh/en labels, choices, "
                                                            "suggestions"),
        ("schema", dict[str, Any], Application.model_json_schema, "JSON Schema of an application")]
    for name, model, make, summary in gets:
        api.add_api_route(f"/api/v1/{name}", _constant(_json(make())), methods=["GET"], response_model=model,
                          responses=_ERRORS, summary=summary, name=name)


def _constant(response: Response) -> Callable[[], Awaitable[Response]]:
    """These answers never change while the process runs: made once, sent as they are."""
    body, media_type = response.body, response.media_type

    async def endpoint() -> Response:
        return Response(body, media_type=media_type)

    return endpoint


def _page(data: bytes, kind: str) -> Callable[[], Awaitable[Response]]:
    async def page() -> Response:
        return Response(data, media_type=f"{kind}; charset=utf-8", headers=PAGE_HEADERS)

    return page


def _json(body: Any, status: int = 200) -> Response:
    # An error quotes the input, and JSON may carry a lone surrogate ("\ud800") that UTF-8 cannot: written back
    # as the same escape (it can only stand inside a JSON string), not a 500.
    return Response(json.dumps(body, ensure_ascii=False).encode("utf-8", "backslashreplace"), status,
                    media_type=JSON_TYPE)


async def _document(request: Request) -> Any:
    """The body as JSON, decoded with bounded nesting and integer size (the guards bounded its length)."""
    try:
        async with asyncio.timeout(BODY_TIMEOUT_SECONDS):
            raw = await request.body()
    except TimeoutError:
        raise BadRequest(408, STATUS_TEXT[408]) from None
    try:
        return loads_untrusted(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(400, both("selfcheck.bad_json", reason=exc)) from None


def _body(model: type, description: str = "") -> dict[str, Any]:
    """The request body as OpenAPI shows it. The handlers read it themselves: the JSON decoder must be the bounded
    one (engine/intake/documents.py) and a text/plain body (a simple CORS request) must still be taken."""
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "description": description or model.__doc__ or "",
                            "content": {"application/json": {"schema": schema}}}}


def _openapi(api: FastAPI) -> dict[str, Any]:
    if api.openapi_schema is None:
        spec = get_openapi(title=api.title, version=api.version, routes=api.routes, summary=__doc__.splitlines()[0])
        _, request_schemas = models_json_schema([(Application, "validation"), (InterviewStep, "validation")],
                                                ref_template="#/components/schemas/{model}")
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        for name, schema in request_schemas["$defs"].items():
            if schemas.get(name, schema) != schema:  # a request and a response model must not share a name
                raise RuntimeError(f"two different schemas named {name}")
            schemas[name] = schema
        api.openapi_schema = spec
    return api.openapi_schema


async def _invalid(request: Request, exc: InputError) -> Response:
    return _json({"errors": [issue.to_dict() for issue in exc.issues]}, 422)


async def _bad_request(request: Request, exc: BadRequest) -> Response:
    return _bad_request_response(exc)


def _bad_request_response(exc: BadRequest) -> Response:
    return Response(error_json(exc.zh, exc.en), exc.status, media_type=JSON_TYPE)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    message = STATUS_TEXT.get(exc.status_code) or both("selfcheck.http.other", status=exc.status_code)
    headers = dict(exc.headers or {})
    if "GET" in headers.get("Allow", "").split(", "):
        headers["Allow"] += ", HEAD"  # the guards answer HEAD wherever GET is answered
    return Response(error_json(message["zh"], message["en"]), exc.status_code, headers=headers, media_type=JSON_TYPE)


async def _internal(request: Request, exc: Exception) -> Response:
    return Response(error_json(STATUS_TEXT[500]["zh"], STATUS_TEXT[500]["en"]), 500, media_type=JSON_TYPE)
