"""Replay (`subsidy verify`): re-evaluates saved results with the rules they name and compares."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from engine.errors import InputError
from engine.evaluate.audit import input_digest
from engine.evaluate.evaluator import Evaluator
from engine.intake.documents import loads_untrusted, parse_application


@dataclass(frozen=True)
class Difference:
    provision: str
    what: str  # status, amount, or a criterion id
    saved: Any
    now: Any

    def __str__(self) -> str:
        return f"{self.provision} {self.what}: saved {self.saved}, now {self.now}"


def compare(saved: dict[str, Any], now: dict[str, Any]) -> list[Difference]:
    """Where a re-evaluation departs from a saved decision: provision status and amount, criterion results."""
    out: list[Difference] = []
    fresh = {r["provision"]: r for r in now["results"]}
    for old in saved["results"]:
        pid = old["provision"]
        new = fresh.pop(pid, None)
        if new is None:
            out.append(Difference(pid, "provision", "present", "absent"))
            continue
        for key in ("status", "amount"):
            if old[key] != new[key]:
                out.append(Difference(pid, key, old[key], new[key]))
        new_criteria = {c["id"]: c["result"] for c in new["criteria"]}
        for c in old["criteria"]:
            if new_criteria.pop(c["id"], "absent") != c["result"]:
                out.append(Difference(pid, f"criterion {c['id']}", c["result"],
                                      next((x["result"] for x in new["criteria"] if x["id"] == c["id"]), "absent")))
        out += [Difference(pid, f"criterion {cid}", "absent", result) for cid, result in new_criteria.items()]
    out += [Difference(pid, "provision", "absent", "present") for pid in fresh]
    return out


@dataclass(frozen=True)
class Verdict:
    application_id: str
    line: int
    reproduced: bool
    rules_changed: bool
    input_intact: bool
    differences: tuple[Difference, ...]
    problem: str | None = None  # why the saved record could not be replayed


def saved_results(path: str) -> Iterator[tuple[int, Any]]:
    """The saved results in a file: one JSON object (`check --format json`) or JSONL (`screen`); (line, document)."""
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read(64 * 1024 * 1024 + 1)
    try:
        yield 1, loads_untrusted(text)
        return
    except json.JSONDecodeError:
        pass
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield number, loads_untrusted(line)
            except json.JSONDecodeError as exc:
                yield number, exc


def verify(saved: Any, line: int, evaluator: Evaluator) -> Verdict | None:
    """Re-evaluate a saved decision from its audit block; None for batch error records (nothing was decided)."""
    if isinstance(saved, dict) and saved.get("status") == "error":
        return None
    app_id = saved.get("application_id", "?") if isinstance(saved, dict) else "?"
    audit = saved.get("audit") if isinstance(saved, dict) else None
    if not isinstance(audit, dict) or not isinstance(audit.get("input"), dict):
        return Verdict(str(app_id), line, False, False, False, (), "no audit block with the input")
    try:
        app = parse_application(audit["input"], source=f"line {line}")
        now = evaluator.evaluate(app, dt.date.fromisoformat(audit["as_of"])).to_json_dict()
    except (InputError, ValueError, KeyError) as exc:
        return Verdict(str(app_id), line, False, False, False, (), f"the saved input cannot be replayed: {exc}")
    intact = input_digest(app) == audit.get("input_sha256")
    differences = tuple(compare(saved, now))
    return Verdict(str(app_id), line, intact and not differences, audit.get("rules_digest") != now["rules"]["digest"],
                   intact, differences)


def render_verdicts(verdicts: list[Verdict], skipped: int = 0) -> str:
    """One line per decision, then the count; `skipped` batch error records had no decision to replay."""
    out = []
    for v in verdicts:
        if v.reproduced:
            note = " (the rules changed since, the decision did not)" if v.rules_changed else ""
            out.append(f"✓ {v.application_id} (line {v.line}): reproduced exactly{note}")
            continue
        out.append(f"✗ {v.application_id} (line {v.line}): " + (v.problem or "does not reproduce"))
        if not v.input_intact:
            out.append("    the saved input does not match its input_sha256 (edited after the decision)")
        if v.rules_changed:
            out.append("    the rules changed since the decision (rules digest differs)")
        out += [f"    {d}" for d in v.differences]
    good = sum(v.reproduced for v in verdicts)
    out.append(f"{good} of {len(verdicts)} decision(s) reproduced")
    if skipped:
        out.append(f"{skipped} error record(s) skipped: the row was never evaluated, so there is no decision to replay")
    return "\n".join(out)
