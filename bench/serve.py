"""Load benchmark of the JSON API: `hey` (a compiled load generator) POSTs an example application to /api/v1/check.

    python bench/serve.py --clients 50 --seconds 15 --workers 2

Starts a real `subsidy serve --workers N` on a free loopback port, waits until it answers, runs
`hey -c CLIENTS -z SECONDS`, and prints requests/s and p50/p99 latency from hey's per-request CSV.
A client written in Python would spend the cores the server needs; hey costs far less per request.
Needs Debian's `hey` (apt-get install -y hey). Traffic stays on 127.0.0.1, bounded in time.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.selfcheck.server import free_port  # noqa: E402 - after the path is set


def wait_until_up(root: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        assert server.poll() is None, "subsidy serve exited"
        try:
            urllib.request.urlopen(f"{root}api/v1/provisions", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("subsidy serve did not answer within 30 s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children (the uvicorn workers), from /proc."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    total = 0.0
    for p in [str(pid), *children]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def percentile(sorted_values: list[float], p: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--example", default="examples/jinan-robot-maker.json")
    args = parser.parse_args()
    hey = shutil.which("hey")
    if hey is None:
        raise SystemExit("needs hey: apt-get install -y hey")
    load_before = os.getloadavg()[0]
    port = free_port("127.0.0.1", 0)
    root = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port), "--workers",
                               str(args.workers)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(root, server)
        time.sleep(3)  # the other workers may still be loading the rulebook after the first one answers
        server_cpu = cpu_seconds(server.pid)
        body = json.dumps(json.loads((ROOT / args.example).read_text(encoding="utf-8")), ensure_ascii=False)
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as fh:
            fh.write(body)
            fh.flush()
            run = subprocess.run([hey, "-c", str(args.clients), "-z", f"{args.seconds}s", "-m", "POST",
                                  "-T", "application/json", "-D", fh.name, "-o", "csv", f"{root}api/v1/check"],
                                 capture_output=True, text=True, check=True)
        server_cpu = cpu_seconds(server.pid) - server_cpu
        hey_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        server.terminate()
        server.wait(30)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    latencies = sorted(float(r["response-time"]) for r in rows)
    statuses = Counter(r["status-code"] for r in rows)
    wall = max(float(r["offset"]) + float(r["response-time"]) for r in rows)
    print(f"hey, {args.clients} clients, {args.seconds} s, subsidy serve --workers {args.workers}, POST /api/v1/check "
          f"({Path(args.example).name}): {len(rows):,} requests, {len(rows) / wall:,.0f} req/s; "
          f"latency p50 {percentile(latencies, 50) * 1000:.1f} ms, p99 {percentile(latencies, 99) * 1000:.1f} ms; "
          f"statuses {dict(statuses)}")
    # Per request, so that a run on a busy shared machine still says what the server itself costs.
    print(f"CPU per request: server {server_cpu / len(rows) * 1e6:.0f} µs, hey "
          f"{(hey_cpu.ru_utime + hey_cpu.ru_stime) / len(rows) * 1e6:.0f} µs; machine load average before/after "
          f"{load_before:.1f}/{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
