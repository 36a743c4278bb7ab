"""Runs the Gherkin scenarios against a rule directory (`subsidy test`) and measures rule coverage (`subsidy coverage`).

The scenarios run in a pytest subprocess (pytest-bdd, the steps of features/conftest.py), so the
report policy staff read is exactly what `pytest features --rules DIR` checks.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.messages import text
from engine.rules.loader import DEFAULT_RULES, load_rulebook
from engine.rules.rulebook import Rulebook
from engine.rules.typecheck import fields_of

FEATURES = DEFAULT_RULES.parent / "features"


@dataclass
class ScenarioRun:
    records: list[dict[str, Any]]
    exit_code: int
    output: str

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.records if r["status"] == "failed"]


def run_scenarios(rules_dir: str, features: list[str] | None = None) -> ScenarioRun:
    """Run the scenarios (all of features/, or the given feature files) against `rules_dir`."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "scenarios.json"
        env = {**os.environ, "SUBSIDY_SCENARIO_REPORT": str(report), "SUBSIDY_RULES": str(Path(rules_dir).resolve())}
        if features:
            env["SUBSIDY_FEATURES"] = os.pathsep.join(str(Path(f).resolve()) for f in features)
        cmd = [sys.executable, "-m", "pytest", str(FEATURES), "-q", "-p", "engine.policy.scenario_plugin",
               "-p", "no:cacheprovider", "--rules", str(Path(rules_dir).resolve()), "-o", "addopts="]
        proc = subprocess.run(cmd, cwd=FEATURES.parent, env=env, capture_output=True, text=True, check=False)
        records = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else []
    return ScenarioRun(records, proc.returncode, proc.stdout + proc.stderr)


def render_test_report(run: ScenarioRun, rules_dir: str, lang: str = "zh") -> str:
    passed = len(run.records) - len(run.failed)
    out = [text("policy.test.rules", lang, rules=rules_dir),
           text("policy.test.tally", lang, passed=passed, failed=len(run.failed))]
    for r in run.failed:
        out += ["", text("policy.test.failed", lang, feature=r["feature"], scenario=r["scenario"], file=r["file"],
                         line=r["line"]),
                text("policy.test.step", lang, line=r.get("step_line"), step=r.get("step", ""))]
        out += [f"  {line}" for line in r.get("message", "").splitlines()]
    if not run.records and run.exit_code:
        out += ["", text("policy.test.could_not_run", lang), run.output[-3000:]]
    return "\n".join(out)


# ---- coverage ------------------------------------------------------------------------------------

STATUSES = ("eligible", "ineligible", "undetermined", "review", "not_in_effect")

@dataclass
class Coverage:
    criteria: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (provision, criterion) → results
    can_be_unknown: dict[tuple[str, str], bool] = field(default_factory=dict)
    statuses: dict[str, set[str]] = field(default_factory=dict)
    possible: dict[str, set[str]] = field(default_factory=dict)  # statuses a provision can reach at all
    cap_hit: dict[str, bool] = field(default_factory=dict)
    has_cap: dict[str, bool] = field(default_factory=dict)
    versions: dict[tuple[str, str, str], bool] = field(default_factory=dict)  # (provision, parameter, date) → run?

    def needed(self, key: tuple[str, str]) -> set[str]:
        return {"pass", "fail", "unknown"} if self.can_be_unknown[key] else {"pass", "fail"}

    def uncovered_criteria(self) -> list[tuple[str, str, list[str]]]:
        return [(p, c, sorted(self.needed((p, c)) - seen)) for (p, c), seen in self.criteria.items()
                if self.needed((p, c)) - seen]

    @property
    def percent(self) -> float:
        total = len(self.criteria)
        return 100.0 * (total - len(self.uncovered_criteria())) / total if total else 100.0


def measure_coverage(book: Rulebook, run: ScenarioRun) -> Coverage:
    cov = Coverage()
    for p in book.provisions:
        cov.statuses[p.id] = set()
        # `review` is a status only of provisions with a review criterion.
        cov.possible[p.id] = set(STATUSES) - (set() if any(c.review for c in p.criteria) else {"review"})
        cov.has_cap[p.id] = p.amount is not None
        cov.cap_hit[p.id] = False
        for c in p.criteria:
            cov.criteria[(p.id, c.id)] = set()
            cov.can_be_unknown[(p.id, c.id)] = any(f != "as_of" for f in fields_of(c.when))
        for name, param in p.parameters.items():
            for day in param.values:
                cov.versions[(p.id, name, day.isoformat())] = False
    provisions = {p.id: p for p in book.provisions}
    for record in run.records:
        for ev in record["evaluations"]:
            as_of = dt.date.fromisoformat(ev["as_of"])
            for r in ev["results"]:
                p = provisions.get(r["provision"])
                if p is None:
                    continue
                cov.statuses[p.id].add(r["status"])
                if r["amount"] is not None and r["amount"] == r["max_amount"]:
                    cov.cap_hit[p.id] = True
                for c in r["criteria"]:
                    cov.criteria.setdefault((p.id, c["id"]), set()).add(c["result"])
                if r["status"] == "not_in_effect":
                    continue
                for name, param in p.parameters.items():
                    in_force = max((d for d in param.values if d <= as_of), default=None)
                    if in_force is not None:
                        cov.versions[(p.id, name, in_force.isoformat())] = True
    return cov


def _words(kind: str, codes: list[str] | set[str], lang: str, sep: str = "policy.sep") -> str:
    return text(sep, lang).join(text(f"policy.{kind}.{c}", lang) for c in sorted(codes))


def render_coverage(cov: Coverage, lang: str = "zh") -> str:
    total, uncovered = len(cov.criteria), cov.uncovered_criteria()
    out = [text("policy.cov.head", lang, percent=f"{cov.percent:.1f}", covered=total - len(uncovered), total=total)]
    out += [text("policy.cov.uncovered", lang, provision=p, criterion=c, results=_words("result", missing, lang, "policy.or"))
            for p, c, missing in uncovered]
    out.append(text("policy.cov.statuses", lang))
    for pid, seen in cov.statuses.items():
        cap = "" if not cov.has_cap[pid] else text("policy.cov.cap_reached" if cov.cap_hit[pid] else "policy.cov.cap_never", lang)
        lacking = cov.possible[pid] - seen
        out.append(text("policy.cov.status_line", lang, provision=pid, seen=_words("status", seen, lang) or "—", cap=cap,
                        lacking=text("policy.cov.never", lang, statuses=_words("status", lacking, lang)) if lacking else ""))
    unrun = [k for k, ran in cov.versions.items() if not ran]
    out.append(text("policy.cov.versions", lang, ran=len(cov.versions) - len(unrun), total=len(cov.versions)))
    out += [text("policy.cov.version_unrun", lang, provision=p, name=name, day=day) for p, name, day in unrun]
    return "\n".join(out)


def coverage_for(rules_dir: str, features: list[str] | None = None) -> tuple[Coverage, ScenarioRun]:
    book = load_rulebook(rules_dir)
    run = run_scenarios(rules_dir, features)
    return measure_coverage(book, run), run
