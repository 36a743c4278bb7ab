"""The HTTP JSON API for self-check (`subsidy serve`): stateless, size-limited, no stack traces, no CORS by default.

POST /api/v1/check          application JSON → result JSON (SPEC §4); 422 with field paths
POST /api/v1/next-question  partial application → the next relevant question (as the interview asks)
POST /api/v1/interview      one step of the web page's interview: answer as typed → next question or result
GET  /api/v1/provisions     the provisions of the pack
GET  /api/v1/fields         every input field with its kind, labels, choices and suggestions
GET  /api/v1/schema         JSON Schema of an application
GET  /api/v1/openapi.json   OpenAPI description of the above
GET  /                      the self-check web page (engine/selfcheck/web/)
"""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.errors import InputError
from engine.evaluate.evaluator import Evaluator
from engine.evaluate.explain import CHOICES, show
from engine.intake.documents import issues_from, loads_untrusted, parse_application
from engine.selfcheck.interview import Question, answer, evaluate_partial, next_question
from engine.rules.loader import load_rulebook
from schemas.api import InterviewStep
from schemas.application import FIELDS, Application
from schemas.codes import ROBOT_INDUSTRY_CLASSES, SHANDONG_CITIES

MAX_BODY_BYTES = 1024 * 1024
REQUEST_TIMEOUT_SECONDS = 30  # a client that stops sending mid-request gives up its thread after this
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
# The self-check page: its own script and style only, no inline code, no other origin (no CDN, no analytics).
PAGE_HEADERS = SECURITY_HEADERS | {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "Cache-Control": "no-cache",
}
WEB_DIR = Path(__file__).parent / "web"
PAGES = {"/": ("index.html", "text/html"), "/app.js": ("app.js", "text/javascript"), "/app.css": ("app.css", "text/css"),
         "/favicon.svg": ("favicon.svg", "image/svg+xml")}


class _Server(ThreadingHTTPServer):
    # The stdlib's listen backlog of 5 resets connections under a burst of concurrent clients.
    request_queue_size = 128
    daemon_threads = True


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, body: dict[str, Any]) -> None:
        super().__init__(status.phrase)
        self.status, self.body = status, body


def openapi() -> dict[str, Any]:
    ok = {"description": "OK", "content": {"application/json": {}}}
    errors = {"400": {"description": "not JSON"}, "413": {"description": "body over 1 MiB"},
              "422": {"description": "invalid application: one error per field, with its dotted path"}}
    body = {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Application"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Shandong robot-industry subsidy self-check", "version": "1"},
        "paths": {
            "/api/v1/check": {"post": {"summary": "Evaluate an application against every provision",
                                       "requestBody": body, "responses": {"200": ok, **errors}}},
            "/api/v1/next-question": {"post": {"summary": "The next question worth asking, for a partial application",
                                               "requestBody": body, "responses": {"200": ok, **errors}}},
            "/api/v1/interview": {"post": {
                "summary": "One interview step: an answer as typed (checked like a spreadsheet cell), then the next "
                           "question or, when nothing more can change a status, the result",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/InterviewStep"}}}},
                "responses": {"200": ok, **errors}}},
            "/api/v1/provisions": {"get": {"summary": "The provisions of the policy pack", "responses": {"200": ok}}},
            "/api/v1/fields": {"get": {"summary": "Every input field: kind, zh/en labels, choices, suggestions",
                                       "responses": {"200": ok}}},
            "/api/v1/schema": {"get": {"summary": "JSON Schema of an application", "responses": {"200": ok}}},
        },
        "components": {"schemas": {"Application": Application.model_json_schema(),
                                   "InterviewStep": InterviewStep.model_json_schema()}},
    }


class Service:
    """What the handlers call; one evaluator, used under a lock (the durable_rules C core is not thread-safe)."""

    def __init__(self, rules_dir: str) -> None:
        self.rulebook = load_rulebook(rules_dir)
        self.evaluator = Evaluator(self.rulebook)
        self.lock = threading.Lock()

    def provisions(self) -> list[dict[str, Any]]:
        return [{"id": p.id, "title": {"zh": p.title.zh, "en": p.title.en},
                 "citation": {"section": p.citation.section, "text": p.citation.text},
                 "effective": {"from": p.window.from_.isoformat(), "to": p.window.to.isoformat()}}
                for p in self.rulebook.provisions]

    def check(self, doc: Any) -> dict[str, Any]:
        app = _valid(lambda: parse_application(doc, source="request"))
        with self.lock:
            return self.evaluator.evaluate(app).to_json_dict()

    def next(self, doc: Any) -> dict[str, Any]:
        if not isinstance(doc, dict):
            raise ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, {"errors": [{"loc": "(application)", "type": "model_type",
                                                                        "msg": {"en": "should be a JSON object",
                                                                                "zh": "应为 JSON 对象"}}]})
        skipped = frozenset(doc.pop("_skipped", []) or [])
        with self.lock:
            q = _valid(lambda: next_question(self.evaluator, doc, skipped))
            if q is None:
                return {"question": None, "result": evaluate_partial(self.evaluator, doc).to_json_dict()}
        return {"question": _question(q)}

    def interview(self, body: Any) -> dict[str, Any]:
        """One step of the web page's interview: apply the answer, then the next question or the result."""
        step = _valid(lambda: _step(body))
        doc = step.application
        if step.answer is not None:
            doc = _valid(lambda: answer(doc, step.answer.field, step.answer.text))
        with self.lock:
            q = None if step.finish else (
                Question(step.ask, FIELDS[step.ask], ()) if step.ask in FIELDS
                else _valid(lambda: next_question(self.evaluator, doc, frozenset(step.skipped))))
            result = None if q else evaluate_partial(self.evaluator, doc).to_json_dict()
        answered = [{"field": path, "label": {"zh": spec.zh, "en": spec.en},
                     "shown": dict(zip(("zh", "en"), show(value, spec.kind)))}
                    for path, spec in FIELDS.items()
                    if "." in path and (value := _get(doc, path)) is not None]  # answers, not the as_of date
        return {"application": doc, "answered": answered, "question": _question(q) if q else None, "result": result}


def _step(body: Any) -> InterviewStep:
    try:
        return InterviewStep.model_validate(body)
    except ValidationError as exc:
        raise InputError("request", issues_from(exc)) from None


def _get(doc: dict[str, Any], path: str) -> Any:
    section, _, name = path.partition(".")
    holder = doc.get(section)
    return holder.get(name) if isinstance(holder, dict) else None


def _options(pairs: dict[str, tuple[str, str]]) -> list[dict[str, str]]:
    return [{"value": value, "zh": zh, "en": en} for value, (zh, en) in pairs.items()]


# Values a person may pick for free-text code fields (anything else may still be typed).
SUGGESTIONS = {"applicant.city_code": _options(SHANDONG_CITIES),
               "applicant.industry_code": _options(ROBOT_INDUSTRY_CLASSES)}


def describe_field(path: str) -> dict[str, Any]:
    """What a form needs to ask for one field: its kind, labels, choices and suggestions."""
    spec = FIELDS[path]
    return {"field": path, "kind": spec.kind, "label": {"zh": spec.zh, "en": spec.en}, "choices": list(spec.choices),
            "choice_labels": _options({c: CHOICES.get(c, (c, c)) for c in spec.choices}),
            "suggestions": SUGGESTIONS.get(path, [])}


def _question(q: Question) -> dict[str, Any]:
    return {**describe_field(q.field), "needed_by": list(q.provisions)}


def _valid(call: Any) -> Any:
    try:
        return call()
    except InputError as exc:
        raise ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, {"errors": [i.to_dict() for i in exc.issues]}) from None


def make_server(service: Service, host: str = "127.0.0.1", port: int = 8000,
                allowed_origins: frozenset[str] = frozenset()) -> ThreadingHTTPServer:
    """The API and page server. Browsers may call it from `allowed_origins` too (exact `scheme://host[:port]`)."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "subsidy"
        sys_version = ""
        timeout = REQUEST_TIMEOUT_SECONDS

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
            pass  # no request log on stderr; a reverse proxy keeps access logs

        def _send(self, status: HTTPStatus, body: Any, extra: dict[str, str] | None = None) -> None:
            data = b"" if status == HTTPStatus.NO_CONTENT else json.dumps(body, ensure_ascii=False).encode("utf-8")
            self._write(status, data, "application/json", SECURITY_HEADERS | (extra or {}))

        def _write(self, status: HTTPStatus, data: bytes, content_type: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> Any:
            text = self.headers.get("Content-Length") or ""
            if not text.isascii() or not text.isdigit():  # absent, negative or not a number: read nothing
                raise ApiError(HTTPStatus.LENGTH_REQUIRED, {"error": "a Content-Length of 0 or more bytes is required"})
            length = int(text)
            if length > MAX_BODY_BYTES:
                raise ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"body over {MAX_BODY_BYTES} bytes"})
            try:
                return loads_untrusted(self.rfile.read(length).decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ApiError(HTTPStatus.BAD_REQUEST, {"error": f"not valid JSON: {exc}"}) from None

        def _cross_origin(self) -> dict[str, str] | None:
            """CORS headers for an allowed foreign origin, {} for same-origin requests; None: refuse."""
            origin = self.headers.get("Origin")
            if origin is None or origin.partition("://")[2] == self.headers.get("Host"):  # http or, via a proxy, https
                return {}
            if origin in allowed_origins:
                return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
            return None

        def _handle(self, routes: dict[str, Any]) -> None:
            cors = self._cross_origin()
            try:
                if cors is None:
                    raise ApiError(HTTPStatus.FORBIDDEN, {"error": "cross-origin requests are not allowed "
                                                                   "(subsidy serve --allow-origin)"})
                route = routes.get(self.path.split("?", 1)[0])
                if route is None:
                    raise ApiError(HTTPStatus.NOT_FOUND, {"error": "no such endpoint"})
                self._send(HTTPStatus.OK, route(), cors)
            except ApiError as exc:
                if exc.status in (HTTPStatus.REQUEST_ENTITY_TOO_LARGE, HTTPStatus.LENGTH_REQUIRED):
                    self.close_connection = True  # the unread body must not be taken for the next request
                self._send(exc.status, exc.body, cors or {})
            except Exception:  # noqa: BLE001 - never a stack trace to the client
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "internal error"}, cors or {})

        def do_OPTIONS(self) -> None:  # noqa: N802 - a CORS preflight
            cors = self._cross_origin()
            if not cors:  # refused, or same-origin (which needs no preflight)
                self._send(HTTPStatus.FORBIDDEN, {"error": "cross-origin requests are not allowed"})
                return
            self._send(HTTPStatus.NO_CONTENT, None, cors | {"Access-Control-Allow-Methods": "GET, POST",
                                                            "Access-Control-Allow-Headers": "Content-Type",
                                                            "Access-Control-Max-Age": "600"})

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            page = pages.get(self.path.split("?", 1)[0])
            if page is not None:
                self._write(HTTPStatus.OK, *page, PAGE_HEADERS)
                return
            self._handle({"/api/v1/provisions": service.provisions, "/api/v1/schema": Application.model_json_schema,
                          "/api/v1/fields": lambda: [describe_field(path) for path in FIELDS],
                          "/api/v1/openapi.json": openapi})

        def do_POST(self) -> None:  # noqa: N802
            self._handle({"/api/v1/check": lambda: service.check(self._body()),
                          "/api/v1/next-question": lambda: service.next(self._body()),
                          "/api/v1/interview": lambda: service.interview(self._body())})

    pages = {route: ((WEB_DIR / name).read_bytes(), kind) for route, (name, kind) in PAGES.items()}
    return _Server((host, port), Handler)
