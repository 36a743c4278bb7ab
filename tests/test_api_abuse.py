"""`subsidy serve --workers 2` under abusive loopback clients: normal requests still answered within 1 s, no worker dies.

A real server in a subprocess (no mocks); the abusive clients are raw sockets. Every abuse is bounded in count and
time, and every socket and process is closed in a finally block.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from engine.selfcheck.guards import MAX_BODY_BYTES
from engine.selfcheck.server import HEADER_TIMEOUT_SECONDS, MAX_CONNECTIONS_PER_WORKER

ROOT = Path(__file__).resolve().parent.parent
SUBSIDY = ROOT / ".venv" / "bin" / "subsidy"
EXAMPLE = (ROOT / "examples" / "jinan-robot-maker.json").read_bytes()
WORKERS = 2
ANSWER_WITHIN = 1.0  # seconds, for a normal request while the server is abused
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="worker pids are read from /proc")


class Server:
    def __init__(self, process: subprocess.Popen[bytes], port: int) -> None:
        self.process, self.port = process, port

    def workers(self) -> set[int]:
        """The server's uvicorn workers: its child processes started by multiprocessing's spawn, from /proc (the
        other child is multiprocessing's resource tracker)."""
        children: set[int] = set()
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            with contextlib.suppress(FileNotFoundError):
                children |= {int(pid) for pid in (task / "children").read_text().split()}
        workers = set()
        for pid in children:
            with contextlib.suppress(FileNotFoundError):
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    workers.add(pid)
        return workers

    def connect(self, timeout: float = 5.0) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(port: int, method: str, path: str, body: bytes | None = None, host: str | None = None,
             timeout: float = 10.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_host=host is not None, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        if body is not None:
            conn.putheader("Content-Type", "application/json")
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextlib.contextmanager
def serving(*extra: str) -> Iterator[Server]:
    """`subsidy serve --workers 2` on a free loopback port, until both workers are up and it answers."""
    port = _free_port()
    process = subprocess.Popen([str(SUBSIDY), "serve", "--host", "127.0.0.1", "--port", str(port),
                                "--workers", str(WORKERS), *extra], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = Server(process, port)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read().decode(errors="replace") if process.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            workers = server.workers()
            if len(workers) >= WORKERS:
                with contextlib.suppress(OSError):
                    if _request(port, "GET", "/api/v1/provisions", timeout=5)[0] == 200:
                        break
            time.sleep(0.2)
        time.sleep(1.0)  # the other worker finishes loading the rulebook (it is not asked anything before that)
        yield server
    finally:
        workers |= server.workers() if process.poll() is None else set()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        for pid in workers:  # a worker the supervisor failed to stop: by its own pid, nothing else
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        if process.stderr:
            process.stderr.close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serving() as running:
        yield running


def _normal_requests(server: Server) -> list[float]:
    """A GET of the provisions and a check of the example: each must be a 200 within ANSWER_WITHIN seconds."""
    times = []
    for method, path, body in (("GET", "/api/v1/provisions", None), ("POST", "/api/v1/check", EXAMPLE)):
        start = time.monotonic()
        status, answer = _request(server.port, method, path, body, timeout=ANSWER_WITHIN)
        times.append(time.monotonic() - start)
        assert status == 200, (path, status, answer[:300])
        doc = json.loads(answer)
        assert doc if path.endswith("provisions") else "application_id" in json.dumps(doc)
    assert max(times) < ANSWER_WITHIN, times
    return times


def _probe_while(server: Server, abuse: Callable[[threading.Event], None], seconds: float) -> list[float]:
    """Runs `abuse` (in a thread; it stops when told) and normal requests meanwhile, until it ends or for at most
    `seconds`."""
    stop = threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            abuse(stop)
        except BaseException as exc:  # noqa: BLE001 - reported in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    times: list[float] = []
    try:
        time.sleep(0.2)  # the abuse is under way
        deadline = time.monotonic() + seconds
        while True:  # at least once
            times += _normal_requests(server)
            if not thread.is_alive() or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive(), "the abusive clients did not stop"
    assert not errors, errors
    return times


@pytest.fixture(autouse=True)
def _more_open_files() -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard == resource.RLIM_INFINITY else min(hard, 4096)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_500_idle_or_half_sent_connections_do_not_stop_normal_requests(server: Server) -> None:
    workers = server.workers()
    assert len(workers) == WORKERS
    sockets: list[socket.socket] = []
    try:
        for n in range(500):
            sock = server.connect()
            sockets.append(sock)
            if n % 2:  # half send a partial request line, half nothing at all
                sock.sendall(b"GET /api/v1/provis" if n % 4 == 1 else b"POST /api/v1/check HTTP/1.1\r\nHost: 127.0")
        time.sleep(0.5)
        times = [t for _ in range(5) for t in _normal_requests(server)]
        assert max(times) < ANSWER_WITHIN
    finally:
        for sock in sockets:
            sock.close()
    _normal_requests(server)
    assert server.workers() == workers


def test_connections_that_never_send_a_request_head_are_closed(server: Server) -> None:
    # Were they held forever, 1000 per worker would answer every other client 503 for as long as they stay.
    workers = server.workers()
    count = WORKERS * MAX_CONNECTIONS_PER_WORKER + 100
    sockets: list[socket.socket] = []
    try:
        for n in range(count):
            sock = server.connect()
            sockets.append(sock)
            if n % 2:
                sock.sendall(b"GET /api/v1/provisions HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the head never ends
        deadline = time.monotonic() + HEADER_TIMEOUT_SECONDS + 6
        for sock in sockets:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            assert sock.recv(1) == b"", "the server answered a request it never got"  # TimeoutError: never closed
        _normal_requests(server)
    finally:
        for sock in sockets:
            sock.close()
    assert server.workers() == workers


def test_slow_clients_sending_a_byte_a_second_do_not_stop_normal_requests(server: Server) -> None:
    workers = server.workers()
    request = b"POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % len(EXAMPLE) + EXAMPLE

    def slow(stop: threading.Event) -> None:
        sockets = [server.connect() for _ in range(12)]
        try:
            for byte in range(6):  # six seconds: less than the header timeout, so they are all still connected
                if stop.wait(1.0):
                    return
                for sock in sockets:
                    with contextlib.suppress(OSError):  # a server that closes a slow client is fine
                        sock.sendall(request[byte:byte + 1])
        finally:
            for sock in sockets:
                sock.close()

    times = _probe_while(server, slow, seconds=10)
    assert len(times) >= 10
    assert server.workers() == workers


def test_a_flood_of_1mib_bodies_and_oversized_lengths_do_not_stop_normal_requests(server: Server) -> None:
    workers = server.workers()
    body = EXAMPLE + b" " * (MAX_BODY_BYTES - len(EXAMPLE))  # valid JSON of exactly the limit
    assert len(body) == MAX_BODY_BYTES == 1048576
    statuses: list[int] = []
    lock = threading.Lock()

    def flood(stop: threading.Event) -> None:
        def sender(count: int) -> None:
            for _ in range(count):
                if stop.is_set():
                    return
                status, _ = _request(server.port, "POST", "/api/v1/check", body, timeout=20)
                with lock:
                    statuses.append(status)

        threads = [threading.Thread(target=sender, args=(10,), daemon=True) for _ in range(4)]  # 40 requests
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=25)

    times = _probe_while(server, flood, seconds=15)
    assert statuses == [200] * 40, statuses
    assert max(times) < ANSWER_WITHIN

    for length in (MAX_BODY_BYTES + 1, 10 * 1024 ** 3):  # answered before a byte of the body is sent
        with server.connect(timeout=5) as sock:
            sock.sendall(b"POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % length)
            response = http.client.HTTPResponse(sock)
            response.begin()
            assert response.status == 413, length
            assert response.getheader("Connection") == "close"
            response.read()
            sock.settimeout(5)
            assert sock.recv(1) == b""  # closed: the body that would follow is never read
    _normal_requests(server)
    assert server.workers() == workers


def test_two_host_headers_are_a_bad_request_whichever_comes_last(server: Server) -> None:
    # Last-wins would let an allowed name behind a foreign one pass (or the reverse reach a proxy differently).
    for hosts in (("evil.example", "127.0.0.1"), ("127.0.0.1", "evil.example"), ("127.0.0.1", "127.0.0.1")):
        head = "".join(f"Host: {h}\r\n" for h in hosts)
        with server.connect() as sock:
            sock.sendall(f"GET /api/v1/provisions HTTP/1.1\r\n{head}Connection: close\r\n\r\n".encode())
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        status_line, _, rest = answer.partition(b"\r\n")
        assert status_line.split()[1] == b"400", (hosts, status_line)
        assert "Host" in json.loads(rest.partition(b"\r\n\r\n")[2])["error"], hosts


def test_a_host_not_on_the_allow_list_is_refused_unless_allowed(server: Server) -> None:
    status, body = _request(server.port, "GET", "/api/v1/provisions", host="evil.example")
    assert status == 400 and "Host" in json.loads(body)["error"]
    status, _ = _request(server.port, "POST", "/api/v1/check", EXAMPLE, host="evil.example:80")
    assert status == 400
    with serving("--allow-host", "evil.example") as allowing:
        assert _request(allowing.port, "GET", "/api/v1/provisions", host="evil.example")[0] == 200
        assert _request(allowing.port, "POST", "/api/v1/check", EXAMPLE, host=f"evil.example:{allowing.port}")[0] == 200
        assert _request(allowing.port, "GET", "/api/v1/provisions", host="other.example")[0] == 400
