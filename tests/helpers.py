"""Test helpers shared by several test modules (a unique module name: features/ has its own conftest)."""

from __future__ import annotations

import contextlib
import copy
import csv
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from engine.intake.sample import to_cells
from engine.selfcheck import server as serving
from engine.selfcheck.app import Settings
from schemas.application import FIELDS

ROOT = Path(__file__).resolve().parent.parent

FULL: dict[str, Any] = {  # eligible for every provision of pack 2026.2, every review decided
    "application_id": "T-1",
    "as_of": "2027-03-31",
    "applicant": {
        "name": "济南测试机器人有限公司", "uscc": "91370200264574251E", "kind": "enterprise", "city_code": "370102",
        "industry_code": "3491", "designations": ["tech_sme", "high_tech_enterprise"], "employees": 320,
        "dishonest_listed": False, "major_accident_3y": False, "abnormal_operations_listed": False,
        "kerongxin_passed": True, "registered_on": "2015-06-01", "tech_staff": 96, "total_assets": 150_000_000,
        "hitech_revenue": 150_000_000, "direct_qualification": False, "restricted_products": False,
        "hte_valid_until": "2028-12-31", "deemed_profit_taxpayer": False, "major_accident_1y": False,
    },
    "rd": {"fiscal_year": 2026, "expense": 12_000_000, "expense_prev": 8_000_000, "revenue": 200_000_000,
           "super_deduction_filed": True, "total_cost": 180_000_000, "expense_3y": 30_000_000,
           "revenue_3y": 520_000_000, "domestic_expense_3y": 27_000_000},
    "ip": {"class1_count": 3, "class2_count": 10},
    "scenario": {"listed_in_gongfu_baijing": True, "robot_application": True, "listed_year": 2026,
                 "sector": "automotive", "accepted": True, "investment": 5_000_000, "other_provincial_funding": False},
    "platform": {"type": "key_laboratory", "robotics_field": True, "previous_level": "provincial",
                 "level": "national", "upgraded_on": "2026-09-18", "national_matching_required": False},
    "compute": {"contract_amount": 3_200_000, "provider_in_shandong": True, "paid": True, "related_party": False,
                "received_to_date": 0, "ai_compute": True},
    "park": {"recognized_accelerator": True, "robotics_focus": True, "incubated_firms": 23,
             "construction_investment": 18_500_000},
    "loan": {"luke_filed": True, "interest_paid": 600_000, "repaid_on_time": True, "subsidy_received_before": False},
    "insurance": {"luke_product": True, "premium_paid": 400_000, "first_year": True},
    "techloan": {"in_catalogue": True, "loan_amount": 50_000_000, "years_subsidised": 1, "received_to_date": 0,
                 "other_project_this_year": False},
    "basic_research": {"contribution": 1_000_000, "recipient": "university"},
    "project": {"robotics": True, "budget": 12_000_000},
    "review": {"green_threshold": True, "compute_effective": True, "core_ip": True, "hitech_field": True,
               "innovation_score": True, "project_score": 88},
}


BAD = [  # (column, bad value): the kinds of mistake reviewers meet
    ("applicant.uscc", "91370200264574251F"), ("applicant.kind", "company"), ("rd.expense", "-5"),
    ("rd.revenue", "约12万"), ("application_id", ""), ("platform.upgraded_on", "2026-13-01"),
]


def make_rows(n: int, bad: int = 0) -> list[dict[str, str]]:
    """n rows; `bad` of them (every 33rd, from row index 17) carry one mistake each, cycling through BAD."""
    rows = []
    for i in range(n):
        doc = copy.deepcopy(FULL)
        doc["application_id"] = f"B-{i:05d}"
        doc["rd"]["expense"] = 6_000_000 + 977 * i
        doc["scenario"]["investment"] = 1_000_000 + 12_345 * i
        doc["applicant"]["city_code"] = ["370102", "370211", "370800", "110108"][i % 4]
        if i % 7 == 0:
            del doc["rd"]["revenue"]
        row = to_cells(doc)
        if i % 33 == 17 and i // 33 < bad:
            column, value = BAD[(i // 33) % len(BAD)]
            row[column] = value
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        writer = csv.DictWriter(fh, fieldnames=list(FIELDS))
        writer.writeheader()
        writer.writerows(rows)
    return path



def read_output_csv(path: Path) -> list[dict[str, str]]:
    """The records of a screening's CSV written with the default `--header both`: row 1 the machine names,
    row 2 their labels (checked to be there, then skipped), then one row per record."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and rows[0]["row"] in ("行号", "Row"), "the second header row should hold the labels"
    return rows[1:]


def edit(rules: Path, name: str, old: str, new: str) -> None:
    path = rules / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextlib.contextmanager
def running(settings: Settings) -> Iterator[str]:
    """`subsidy serve` (one worker) in a thread on a free loopback port; yields its root URL."""
    port = serving.free_port("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(host="127.0.0.1", port=port, **serving.options(settings)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    try:
        yield serving.url("127.0.0.1", port).rstrip("/")
    finally:
        server.should_exit = True
        thread.join(10)


def crash_worker_on_row(monkeypatch: Any, number: int) -> None:
    """Screening row `number` kills its worker with SIGSEGV, as a fault in durable_rules' C code would."""
    import engine.batch.screen as screen_module

    real = screen_module.screen_row

    def segfault(row: Any) -> Any:
        if row.number == number:
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(row)

    monkeypatch.setattr(screen_module, "screen_row", segfault)


def kill_screening_midway(source: Path, out: Path, workers: int, journal_bytes: int) -> Path:
    """`subsidy screen` in a subprocess, killed with SIGKILL once its journal holds `journal_bytes`; the journal."""
    journal = Path(str(out) + ".journal")
    proc = subprocess.Popen([sys.executable, "-m", "cli", "screen", str(source), "-o", str(out), "--workers",
                             str(workers), "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and (not journal.exists() or journal.stat().st_size < journal_bytes):
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert journal.exists() and not out.exists(), "the kill should land mid-run"
    return journal
