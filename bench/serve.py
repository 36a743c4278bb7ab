"""Load benchmark of the JSON API: N concurrent clients on loopback POST /api/v1/check for a fixed time.

    python bench/serve.py --clients 8 --seconds 20

Starts a real `subsidy serve` process, sends realistic synthetic applications, and reports throughput
and p50/p99 latency. Traffic stays on 127.0.0.1, bounded in count and time.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()
    from engine.intake.sample import generate

    bodies = [json.dumps(d, ensure_ascii=False).encode() for d in generate(2000, seed=5)]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)], cwd=ROOT,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/v1/check"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/provisions", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + args.seconds

    def client(k: int) -> None:
        i = k
        while time.perf_counter() < deadline and len(latencies) < args.max_requests:
            request = urllib.request.Request(url, data=bodies[i % len(bodies)], method="POST",
                                             headers={"Content-Type": "application/json"})
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
            i += args.clients

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    server.terminate()
    server.wait()
    q = statistics.quantiles(latencies, n=100)
    print(f"{args.clients} clients, {wall:.1f} s: {len(latencies):,} requests, {len(latencies) / wall:,.0f} req/s; "
          f"latency p50 {q[49] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms; statuses {statuses}")


if __name__ == "__main__":
    main()
