"""POST /api/v1/check without a query is answered past the framework (FastCheck): same bytes, same headers."""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.json"))
VOLATILE = re.compile(rb'"evaluated_at":"[^"]*"')  # the only value that may differ between two answers


def post(root: str, path: str, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    where = urlsplit(root)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        connection.request("POST", path, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, [(k.lower(), v) for k, v in response.getheaders() if k.lower() != "date"], \
            response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_fast_answer_is_the_route_s_answer(server_root: str, example: Path) -> None:
    body = example.read_bytes()
    fast = post(server_root, "/api/v1/check", body)
    routed = post(server_root, "/api/v1/check?advice=false", body)  # a query: through the framework's route
    assert fast[0] == routed[0] == 200
    assert fast[1] == routed[1]
    assert VOLATILE.sub(b"", fast[2]) == VOLATILE.sub(b"", routed[2])


@pytest.mark.parametrize("body, status", [(b"{not json", 400), (b'{"application_id": 5}', 422),
                                          ("\u4e2d".encode("gbk"), 400), (b"[]", 422),
                                          (b'{"application_id": "\\ud800"}', 422)])  # a lone surrogate, quoted back
def test_refusals_are_the_framework_s(server_root: str, body: bytes, status: int) -> None:
    fast = post(server_root, "/api/v1/check", body)
    routed = post(server_root, "/api/v1/check?advice=false", body)
    assert fast == routed and fast[0] == status
    answer = json.loads(fast[2])
    assert "errors" in answer if status == 422 else answer["msg"]["zh"] and answer["error"]
    if b"ud800" in body:  # pydantic's English for the broken text is ours, in both languages
        assert answer["errors"][0]["msg"] == {"zh": "含有无效字符(孤立的代理项)",
                                              "en": "contains a character that is not valid Unicode (a lone surrogate)"}


def test_only_a_failing_check_reaches_the_framework() -> None:
    import asyncio

    from engine.rules.loader import DEFAULT_RULES
    from engine.selfcheck.app import FastCheck
    from engine.selfcheck.service import Service

    reached: list[bytes] = []

    async def framework(scope, receive, send) -> None:  # noqa: ANN001 - an ASGI app
        reached.append((await receive())["body"])
        await send({"type": "http.response.start", "status": 418, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    fast = FastCheck(framework, Service(str(DEFAULT_RULES)))

    def status_of(body: bytes, query: bytes = b"") -> int:
        sent: list[dict] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/api/v1/check", "query_string": query, "headers": []}
        asyncio.run(fast(scope, receive, send))
        return sent[0]["status"]

    assert status_of(EXAMPLES[0].read_bytes()) == 200 and reached == []
    assert status_of(b"{not json") == 418 and reached == [b"{not json"]  # the body as received
    assert status_of(EXAMPLES[0].read_bytes(), b"advice=true") == 418 and len(reached) == 2
