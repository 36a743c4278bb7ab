"""Load benchmark of the JSON API: a compiled load generator POSTs an example application to /api/v1/check.

    python bench/serve.py --clients 50 --seconds 15 --workers 2 [--tool wrk|hey] [--query advice=true]

Starts a real `subsidy serve --workers N` on a free loopback port, waits until it answers, keeps CLIENTS
connections busy for SECONDS, and prints requests/s and p50/p99 latency. A client written in Python would
spend the cores the server needs; Debian's `wrk` (C) costs the least per request, `hey` (Go) more
(apt-get install -y wrk hey). Traffic stays on 127.0.0.1, bounded in time.
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


def cpu_seconds(pid: int) -> tuple[float, float]:
    """User and system CPU of a process and its children (the uvicorn workers), from /proc."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    user = system = 0.0
    for p in [str(pid), *children]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        user += int(fields[11]) / os.sysconf("SC_CLK_TCK")
        system += int(fields[12]) / os.sysconf("SC_CLK_TCK")
    return user, system


def percentile(sorted_values: list[float], p: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


Run = tuple[int, float, float, float, dict[str, int]]  # requests, seconds, p50 s, p99 s, count per status


def run_hey(url: str, body: str, clients: int, seconds: int) -> Run:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as fh:
        fh.write(body)
        fh.flush()
        run = subprocess.run([tool("hey"), "-c", str(clients), "-z", f"{seconds}s", "-m", "POST", "-T",
                              "application/json", "-D", fh.name, "-o", "csv", url],
                             capture_output=True, text=True, check=True)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    latencies = sorted(float(r["response-time"]) for r in rows)
    wall = max(float(r["offset"]) + float(r["response-time"]) for r in rows)
    return (len(rows), wall, percentile(latencies, 50), percentile(latencies, 99),
            dict(Counter(r["status-code"] for r in rows)))


WRK_SCRIPT = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[%s]==]
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
end
"""


def run_wrk(url: str, body: str, clients: int, seconds: int) -> Run:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8") as fh:
        fh.write(WRK_SCRIPT % body)
        fh.flush()
        run = subprocess.run([tool("wrk"), "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "-s", fh.name, url],
                             capture_output=True, text=True, check=True)
    requests, micros, errors, p50, p99 = map(int, run.stdout.split("RESULT ", 1)[1].split())
    return requests, micros / 1e6, p50 / 1e6, p99 / 1e6, {"2xx": requests - errors, "errors or non-2xx": errors}


RUNNERS = {"wrk": run_wrk, "hey": run_hey}


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"needs {name}: apt-get install -y {name}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--example", default="examples/jinan-robot-maker.json")
    parser.add_argument("--tool", choices=sorted(RUNNERS), default="wrk")
    parser.add_argument("--query", default="", help="a query for /api/v1/check, e.g. advice=true (default: none)")
    args = parser.parse_args()
    tool(args.tool)
    load_before = os.getloadavg()[0]
    port = free_port("127.0.0.1", 0)
    root = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port), "--workers",
                               str(args.workers)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(root, server)
        time.sleep(3)  # the other workers may still be loading the rulebook after the first one answers
        cpu_before = cpu_seconds(server.pid)
        body = json.dumps(json.loads((ROOT / args.example).read_text(encoding="utf-8")), ensure_ascii=False)
        path = "api/v1/check" + (f"?{args.query}" if args.query else "")
        requests, wall, p50, p99, statuses = RUNNERS[args.tool](root + path, body, args.clients, args.seconds)
        server_cpu = [after - before for after, before in zip(cpu_seconds(server.pid), cpu_before)]
        tool_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        server.terminate()
        server.wait(30)
    print(f"{args.tool}, {args.clients} clients, {args.seconds} s, subsidy serve --workers {args.workers}, "
          f"POST /{path} ({Path(args.example).name}): {requests:,} requests, {requests / wall:,.0f} req/s; "
          f"latency p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms; statuses {statuses}")
    # Per request, so that a run on a busy shared machine still says what the server itself costs.
    # The system part is mostly the ~56 KB answer crossing the loopback; the user part is Python's.
    print(f"CPU per request: server {sum(server_cpu) / requests * 1e6:.0f} µs (user {server_cpu[0] / requests * 1e6:.0f}, "
          f"system {server_cpu[1] / requests * 1e6:.0f}), {args.tool} "
          f"{(tool_cpu.ru_utime + tool_cpu.ru_stime) / requests * 1e6:.0f} µs; machine load average before/after "
          f"{load_before:.1f}/{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
