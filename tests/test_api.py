"""The JSON API on a real loopback server: same results as the CLI, 4xx with field paths, limits, headers."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from engine import DEFAULT_RULES
from engine.api import MAX_BODY_BYTES, Service, make_server


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = make_server(Service(str(DEFAULT_RULES)), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    server.shutdown()
    server.server_close()


def call(url: str, body: bytes | None = None) -> tuple[int, dict[str, str], Any]:
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), json.loads(exc.read() or b"null")


def test_check_returns_what_the_cli_returns(base: str, full: dict, tmp_path) -> None:
    status, headers, got = call(f"{base}/check", json.dumps(full).encode())
    assert status == 200
    path = tmp_path / "app.json"
    path.write_text(json.dumps(full), encoding="utf-8")
    cli = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json"]).output)
    for doc in (got, cli):
        del doc["audit"]["evaluated_at"]
    assert got == cli
    assert headers["X-Content-Type-Options"] == "nosniff" and "Access-Control-Allow-Origin" not in headers


@pytest.mark.parametrize(
    ("body", "status", "check"),
    [
        (b'{"application_id": "A", "rd": {"expense": "12"}}', 422, lambda d: d["errors"][0]["loc"] == "rd.expense"),
        (b'{"application_id": "A", "applicant": {"emploees": 1}}', 422,
         lambda d: d["errors"][0]["loc"] == "applicant.emploees" and "did you mean" in d["errors"][0]["msg"]["en"]),
        (b'{"application_id": ', 400, lambda d: "not valid JSON" in d["error"]),
        (b"[1, 2]", 422, lambda d: d["errors"][0]["loc"] == "(application)"),
    ],
)
def test_bad_requests_get_4xx_with_field_paths(base: str, body: bytes, status: int, check: Any) -> None:
    got_status, _, doc = call(f"{base}/check", body)
    assert got_status == status and check(doc)
    assert "Traceback" not in json.dumps(doc)


def test_oversized_body_is_refused(base: str) -> None:
    body = b'{"application_id": "' + b"x" * (MAX_BODY_BYTES + 10) + b'"}'
    try:
        status, _, doc = call(f"{base}/check", body)
    except (ConnectionError, urllib.error.URLError):
        return  # the server may close the connection before the client finishes sending
    assert status == 413 and "body over" in doc["error"]


def test_next_question_follows_the_interview(base: str) -> None:
    status, _, doc = call(f"{base}/next-question", json.dumps({"as_of": "2027-03-31",
                                                              "applicant": {"kind": "university"}}).encode())
    assert status == 200
    question = doc["question"]
    assert question["field"] in ("applicant.city_code", "applicant.dishonest_listed")
    assert not question["field"].startswith("rd.")


def test_provisions_schema_and_openapi(base: str) -> None:
    assert [p["id"] for p in call(f"{base}/provisions")[2]][:2] == ["scenario-award", "rd-grant"]
    assert call(f"{base}/schema")[2]["additionalProperties"] is False
    spec = call(f"{base}/openapi.json")[2]
    assert set(spec["paths"]) == {"/api/v1/check", "/api/v1/next-question", "/api/v1/provisions", "/api/v1/schema"}
    assert call(f"{base}/nothing")[0] == 404


def test_concurrent_requests_all_get_their_own_answer(base: str, full: dict) -> None:
    results: dict[int, Any] = {}

    def one(i: int) -> None:
        doc = {**full, "application_id": f"C-{i}"}
        results[i] = call(f"{base}/check", json.dumps(doc).encode())

    threads = [threading.Thread(target=one, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(24))
    assert all(status == 200 and doc["application_id"] == f"C-{i}" and doc["total_amount"] == 17_110_000
               for i, (status, _, doc) in results.items())
