"""The JSON API on a real loopback server: same results as the CLI, 4xx with field paths, limits, headers."""

from __future__ import annotations

import copy
import http.client
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from cli import main
from engine.errors import InputError
from engine.rules.loader import DEFAULT_RULES
from engine.selfcheck import server as serving
from engine.selfcheck.guards import MAX_BODY_BYTES
from helpers import running


@pytest.fixture(scope="module")
def base(server_root: str) -> str:
    return f"{server_root}/api/v1"


def call(url: str, body: bytes | None = None) -> tuple[int, Message, Any]:
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, json.loads(response.read())  # case-insensitive names
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, json.loads(exc.read() or b"null")


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


def test_check_gives_advice_when_asked_and_only_then(base: str, full: dict) -> None:
    doc = copy.deepcopy(full)
    doc["rd"]["super_deduction_filed"] = False
    _, _, plain = call(f"{base}/check", json.dumps(doc).encode())
    status, _, advised = call(f"{base}/check?advice=true", json.dumps(doc).encode())
    assert status == 200 and "advice" not in plain
    rd = next(a for a in advised["advice"] if a["provision"] == "rd-grant")
    assert rd["kind"] == "plan" and [c["field"] for c in rd["changes"]] == ["rd.super_deduction_filed"]
    _, _, eligible = call(f"{base}/check", json.dumps(full).encode())  # the same firm having filed it
    granted = next(r for r in eligible["results"] if r["provision"] == "rd-grant")
    assert (rd["then_status"], rd["then_amount"]) == (granted["status"], granted["amount"])


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


def raw(root: str, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, Message, bytes]:
    """One request with exactly these headers (urllib would fix a bad Content-Length); status, headers, body."""
    host, port = root.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.putrequest(method, path, skip_host="Host" in headers, skip_accept_encoding=True)  # one Host header
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        if body:
            try:
                conn.send(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered and closed before taking the rest: the answer is still there
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def test_oversized_body_is_refused_before_it_is_read(server_root: str) -> None:
    status, _, body = raw(server_root, "POST", "/api/v1/check", {"Content-Length": str(MAX_BODY_BYTES + 1)})
    assert status == 413 and b"body over" in body


@pytest.mark.parametrize(("length", "expected"), [("-1", 400), ("abc", 400), ("", 411), ("+5", 400),
                                                  ("\u00b2", 400)])  # ² is a digit to str.isdigit
def test_a_content_length_that_is_not_a_byte_count_reads_nothing(server_root: str, length: str, expected: int) -> None:
    # Content-Length: -1 once made the server read to the end of the stream, past the 1 MiB limit. Now the HTTP
    # parser refuses a malformed one (400) and the guards one that is missing (411); both answer in zh and en.
    # Without a Content-Length, bytes sent after the headers are a next (malformed) request: none are sent here.
    headers = {"Content-Length": length} if length else {}
    status, _, body = raw(server_root, "POST", "/api/v1/check", headers, b"x" * (4 * MAX_BODY_BYTES) if length else b"")
    doc = json.loads(body)
    assert status == expected and len(body) < 400 and "Content-Length" in doc["error"] and doc["msg"]["zh"]


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"application_id": "A", "rd": {"expense": ' + b"9" * 5000 + b"}}",
                                  b'{"application_id": NaN}'])
def test_hostile_json_is_a_400_not_a_server_error(base: str, body: bytes) -> None:
    status, _, doc = call(f"{base}/check", body)
    assert status == 400 and "not valid JSON" in doc["error"]


def test_cross_origin_requests_are_refused_unless_allowed(server_root: str, full: dict) -> None:
    host = server_root.removeprefix("http://")
    body = json.dumps(full).encode()
    post = {"Content-Type": "text/plain", "Content-Length": str(len(body))}
    status, headers, _ = raw(server_root, "POST", "/api/v1/check", post | {"Origin": "https://evil.example"}, body)
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    status, _, _ = raw(server_root, "POST", "/api/v1/check", post | {"Origin": f"http://{host}"}, body)
    assert status == 200  # the page's own requests carry its origin
    status, headers, _ = raw(server_root, "OPTIONS", "/api/v1/check", {"Origin": "https://evil.example",
                                                                      "Access-Control-Request-Method": "POST"})
    assert status == 403 and headers["X-Content-Type-Options"] == "nosniff"


def test_an_allowed_origin_gets_cors_headers(full: dict) -> None:
    settings = serving.settings_for(str(DEFAULT_RULES), "127.0.0.1", allow_origins=("https://portal.example/",))
    with running(settings) as root:
        body = json.dumps(full).encode()
        status, headers, _ = raw(root, "POST", "/api/v1/check", {"Origin": "https://portal.example",
                                                                 "Content-Length": str(len(body))}, body)
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://portal.example"
        status, headers, _ = raw(root, "OPTIONS", "/api/v1/check", {"Origin": "https://portal.example"})
        assert status == 204 and headers["Access-Control-Allow-Methods"] == "GET, POST"
        assert raw(root, "GET", "/api/v1/provisions", {"Origin": "https://other.example"})[0] == 403


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=12)
SECTIONS = st.fixed_dictionaries({}, optional={
    "application_id": JSON, "as_of": JSON | st.dates().map(str),
    "applicant": st.dictionaries(st.sampled_from(["kind", "uscc", "city_code", "industry_code", "employees", "x"]), JSON),
    "rd": st.dictionaries(st.sampled_from(["expense", "revenue", "year", "prior_year_expense"]), JSON)})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=JSON | SECTIONS, endpoint=st.sampled_from(["check", "next-question", "interview"]))
def test_any_json_gets_a_result_or_errors_naming_fields(base: str, doc: Any, endpoint: str) -> None:
    status, _, answer = call(f"{base}/{endpoint}", json.dumps(doc).encode())
    assert status in (200, 422), (status, answer)
    if status == 422:
        assert answer["errors"] and all(e["loc"] and e["msg"]["en"] and e["msg"]["zh"] for e in answer["errors"])


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
    assert set(spec["paths"]) == {"/api/v1/check", "/api/v1/next-question", "/api/v1/interview", "/api/v1/provisions",
                                  "/api/v1/fields", "/api/v1/schema"}
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
    assert all(status == 200 and doc["application_id"] == f"C-{i}" and doc["total_amount"] == 18_075_000
               for i, (status, _, doc) in results.items())


def step(base: str, body: dict) -> tuple[int, Any]:
    status, _, doc = call(f"{base}/interview", json.dumps(body).encode())
    return status, doc


def test_interview_step_types_the_answer_and_asks_the_next_question(base: str) -> None:
    status, doc = step(base, {"application": {"as_of": "2027-03-31"},
                              "answer": {"field": "applicant.kind", "text": "university"}})
    assert status == 200
    assert doc["application"] == {"as_of": "2027-03-31", "applicant": {"kind": "university"}}
    assert doc["answered"] == [{"field": "applicant.kind", "label": {"zh": "申请单位类型", "en": "Kind of applicant"},
                                "shown": {"zh": "高校", "en": "university"}}]
    assert doc["question"]["field"] != "applicant.kind" and not doc["question"]["field"].startswith("rd.")
    assert doc["result"] is None


def test_interview_step_answers_as_spreadsheet_cells_are_read(base: str) -> None:
    status, doc = step(base, {"answer": {"field": "rd.expense", "text": "5,200,000"}})
    assert status == 200 and doc["application"] == {"rd": {"expense": 5_200_000}}
    status, doc = step(base, {"answer": {"field": "applicant.designations", "text": "无"}})
    assert status == 200 and doc["application"] == {"applicant": {"designations": []}}
    status, doc = step(base, {"answer": {"field": "applicant.designations", "text": "tech_sme; srdi"}})
    assert doc["application"] == {"applicant": {"designations": ["tech_sme", "srdi"]}}


@pytest.mark.parametrize(
    ("body", "loc", "words"),
    [
        ({"answer": {"field": "rd.expense", "text": "约520万"}}, "rd.expense", "whole number"),
        ({"answer": {"field": "applicant.kind", "text": "company"}}, "applicant.kind", "should be one of"),
        ({"answer": {"field": "applicant.uscc", "text": "91370100MA3C5LXA9X"}}, "applicant.uscc", "check character"),
        ({"answer": {"field": "rd.expense", "text": "  "}}, "rd.expense", "an answer is needed"),
        ({"ask": "applicant.knd"}, "ask", "did you mean applicant.kind"),
        ({"skipped": ["nope"]}, "skipped.0", "unknown field nope"),
        ({"application": [], "finish": True}, "application", "object"),
        ({"next": True}, "next", "unknown field"),
    ],
)
def test_interview_step_errors_name_the_field(base: str, body: dict, loc: str, words: str) -> None:
    status, doc = step(base, body)
    assert status == 422
    assert doc["errors"][0]["loc"] == loc and words in doc["errors"][0]["msg"]["en"], doc


def test_interview_step_finishes_with_the_result_or_asks_again(base: str, full: dict) -> None:
    status, doc = step(base, {"application": {k: v for k, v in full.items() if k != "application_id"},
                              "ask": "rd.expense"})
    assert doc["question"]["field"] == "rd.expense" and doc["question"]["kind"] == "yuan"
    status, doc = step(base, {"application": {"applicant": {"kind": "enterprise"}}, "finish": True})
    assert status == 200 and doc["question"] is None
    assert {r["status"] for r in doc["result"]["results"]} == {"undetermined"}


def test_fields_describe_every_input_with_labels_and_suggestions(base: str) -> None:
    fields = {f["field"]: f for f in call(f"{base}/fields")[2]}
    assert "rd.expense" in fields and fields["rd.expense"]["kind"] == "yuan"
    assert {"value": "370100", "zh": "济南", "en": "Jinan"} in fields["applicant.city_code"]["suggestions"]
    for field in fields.values():  # every choice reads in both languages, not as a code
        for choice in field["choice_labels"]:
            assert choice["zh"] != choice["value"] or choice["value"] == "3c", choice


def test_page_is_served_self_contained_with_a_strict_policy(server_root: str) -> None:
    with urllib.request.urlopen(f"{server_root}/", timeout=30) as response:
        page = response.read().decode("utf-8")
        policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert '<script src="/app.js"' in page and "http://" not in page and "https://" not in page
    for asset in ("/app.js", "/app.css", "/favicon.svg"):
        with urllib.request.urlopen(f"{server_root}{asset}", timeout=30) as response:
            assert response.status == 200 and b"https://" not in response.read()


def test_a_host_header_not_on_the_allow_list_is_refused(server_root: str) -> None:
    # DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 sends Host: evil.example.
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example"):
        status, _, body = raw(server_root, "GET", "/api/v1/provisions", {"Host": host})
        doc = json.loads(body)
        assert status == 400 and "Host" in doc["error"] and doc["msg"]["zh"], host
    # Same origin is judged after the Host check, so a rebound name cannot pass as the page's own origin.
    status, _, _ = raw(server_root, "GET", "/api/v1/provisions", {"Host": "evil.example",
                                                                  "Origin": "http://evil.example"})
    assert status == 400
    port = server_root.rsplit(":", 1)[1]
    for host in (f"localhost:{port}", f"[::1]:{port}", "127.0.0.1"):
        assert raw(server_root, "GET", "/api/v1/provisions", {"Host": host})[0] == 200, host


def test_allow_host_adds_a_name(full: dict) -> None:
    settings = serving.settings_for(str(DEFAULT_RULES), "127.0.0.1", allow_hosts=("Subsidy.Example.CN",))
    with running(settings) as root:
        assert raw(root, "GET", "/api/v1/provisions", {"Host": "subsidy.example.cn"})[0] == 200
        body = json.dumps(full).encode()
        status, _, _ = raw(root, "POST", "/api/v1/check", {"Host": "subsidy.example.cn", "Content-Length":
                                                           str(len(body)), "Origin": "https://subsidy.example.cn"}, body)
        assert status == 200  # behind a TLS proxy the page's origin is https
        assert raw(root, "GET", "/api/v1/provisions", {"Host": "other.example"})[0] == 400


@pytest.mark.parametrize(("method", "path", "status", "allow"),
                         [("GET", "/api/v1/check", 405, "POST"), ("POST", "/api/v1/provisions", 405, "GET, HEAD"),
                          ("DELETE", "/", 405, "GET, HEAD"), ("GET", "/api/v2/check", 404, None)])
def test_errors_carry_zh_and_en_and_a_wrong_method_is_405(server_root: str, method: str, path: str, status: int,
                                                          allow: str | None) -> None:
    got, headers, body = raw(server_root, method, path, {"Content-Length": "0"} if method != "GET" else {})
    doc = json.loads(body)
    assert got == status and headers.get("Allow") == allow
    assert doc["error"] == doc["msg"]["en"] and doc["msg"]["zh"] and headers["X-Content-Type-Options"] == "nosniff"


def test_every_refusal_is_bilingual(server_root: str, base: str) -> None:
    status, _, doc = call(f"{base}/check", b'{"application_id": ')
    assert status == 400 and doc["msg"]["en"].startswith("not valid JSON") and "JSON" in doc["msg"]["zh"]
    status, _, body = raw(server_root, "POST", "/api/v1/check", {"Content-Length": str(MAX_BODY_BYTES + 1)})
    assert status == 413 and json.loads(body)["msg"]["zh"].startswith("请求体超过")
    status, _, body = raw(server_root, "GET", "/api/v1/fields", {"Origin": "https://evil.example"})
    assert status == 403 and json.loads(body)["msg"]["zh"]


def test_head_is_answered_wherever_get_is(server_root: str) -> None:
    for path in ("/", "/app.js", "/api/v1/provisions", "/api/v1/openapi.json"):
        get_status, get_headers, get_body = raw(server_root, "GET", path, {})
        status, headers, body = raw(server_root, "HEAD", path, {})
        assert (status, body) == (200, b"") and get_status == 200, path
        assert headers["Content-Length"] == str(len(get_body)) and headers["Content-Type"] == get_headers["Content-Type"]


def test_openapi_documents_every_response_and_request_schema(base: str) -> None:
    spec = call(f"{base}/openapi.json")[2]
    schemas = spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert {"200", "400", "403", "405", "500"} <= set(operation["responses"]), (path, method)
            for status, response in operation["responses"].items():
                assert response["content"]["application/json"]["schema"], (path, method, status)
            if method == "post":
                assert {"411", "413", "422"} <= set(operation["responses"])
                ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                assert ref.rsplit("/", 1)[1] in schemas
    check = spec["paths"]["/api/v1/check"]["post"]["responses"]
    assert check["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ValidationErrors")
    assert check["413"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    assert check["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Evaluation")
    refs = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(spec)))
    assert refs <= set(schemas), refs - set(schemas)  # every reference resolves


def test_answers_are_what_the_documented_models_say(server_root: str, base: str, full: dict) -> None:
    from engine.selfcheck import models

    def valid(model: Any, doc: Any) -> None:
        TypeAdapter(model).validate_python(doc)

    valid(list[models.Provision], call(f"{base}/provisions")[2])
    valid(list[models.FieldDescription], call(f"{base}/fields")[2])
    valid(models.NextQuestion, call(f"{base}/next-question", b'{"applicant": {"kind": "university"}}')[2])
    valid(models.NextQuestion, call(f"{base}/next-question", json.dumps(full).encode())[2])
    valid(models.InterviewReply, step(base, {"answer": {"field": "applicant.kind", "text": "enterprise"}})[1])
    valid(models.InterviewReply, step(base, {"finish": True})[1])
    valid(models.ValidationErrors, call(f"{base}/check", b'{"rd": {"expense": "x"}}')[2])
    valid(models.ErrorBody, call(f"{base}/nothing")[2])


def test_next_question_leaves_the_request_document_as_it_was() -> None:
    from engine.selfcheck.service import Service

    doc = {"as_of": "2027-03-31", "applicant": {"kind": "enterprise"}, "_skipped": ["applicant.city_code"]}
    before = copy.deepcopy(doc)
    service = Service(str(DEFAULT_RULES))
    answer = service.next(doc)
    assert doc == before
    assert answer["question"]["field"] != "applicant.city_code"
    with pytest.raises(InputError) as refused:  # once a TypeError, so a 500
        service.next({"_skipped": 5})
    assert refused.value.issues[0].loc == "_skipped"


def test_subsidy_serve_prints_the_page_then_the_api_and_runs_workers(full: dict) -> None:
    process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", "0", "--workers", "2"],
                               cwd=Path(__file__).resolve().parents[1], stdout=subprocess.PIPE, text=True)
    try:
        page, api = process.stdout.readline(), process.stdout.readline()  # type: ignore[union-attr]
        root = re.search(r"http://127\.0\.0\.1:\d+/", page).group(0)  # type: ignore[union-attr]
        assert f"{root}api/v1/" in api and root not in api.replace(f"{root}api/v1", "")
        deadline = time.monotonic() + 60
        while True:  # the workers load the rulebook after the socket is bound
            try:
                status, _, doc = call(f"{root}api/v1/check", json.dumps(full).encode())
                break
            except (ConnectionError, urllib.error.URLError):
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert status == 200 and doc["total_amount"] == 18_075_000
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) >= 2  # the workers (plus, possibly, multiprocessing's resource tracker)
    finally:
        process.terminate()
        process.wait(30)
