"""What-if impact of a rule change: the same applications under a base and a proposed rule set, compared.

Each changed result names its cause: a criterion whose result changed, a parameter whose value in force on
the application's date changed (rate 0.10 → 0.12 from 2027-01-01), the amount rule itself, or a provision
added or removed. The reports (text, Markdown, HTML, JSON) are in engine/policy/diff_render.py.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from engine.allocate.compare import AllocationDiff
from engine.errors import EngineFailure, InputError
from engine.evaluate.facts import values_of
from engine.evaluate.evaluator import Evaluator
from engine.intake.documents import parse_application
from engine.rules.loader import load_rulebook
from engine.batch.workers import ordered_map
from engine.intake.cells import from_cells
from engine.rules.rulebook import Provision, Rulebook, value_at
from engine.intake.tables import Row, input_format, read_rows
from schemas.codes import prefecture
from schemas.rulefile import Parameter
from schemas.result import Evaluation

ABSENT = "absent"  # the provision does not exist in that rule set
_PAIR: tuple[Evaluator, Evaluator] | None = None
_BOOKS: tuple[dict[str, Provision], dict[str, Provision]] = ({}, {})
_AS_OF: dt.date | None = None
_ALLOCATION: AllocationDiff | None = None  # `--programme`: what each row brings to the allocations


def _init(base_dir: str, proposed_dir: str, as_of: dt.date | None, allocation: AllocationDiff | None = None) -> None:
    global _PAIR, _BOOKS, _AS_OF, _ALLOCATION
    books = (load_rulebook(base_dir), load_rulebook(proposed_dir))
    _PAIR = (Evaluator(books[0]), Evaluator(books[1]))
    _BOOKS = ({p.id: p for p in books[0].provisions}, {p.id: p for p in books[1].provisions})
    _AS_OF, _ALLOCATION = as_of, allocation


def shown(value: Any) -> str:
    """A parameter's value as the rule file writes it (yuan with separators)."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int):
        return ", ".join(map(str, value)) if isinstance(value, (tuple, list)) else str(value)
    return f"{value:,}"


def _in_force_from(parameter: Parameter | None, day: dt.date) -> dt.date | None:
    return max((d for d in parameter.values if d <= day), default=None) if parameter else None


def parameter_causes(pid: str, day: dt.date) -> list[list[str]]:
    """[name, before, after, from] for each parameter of `pid` whose value in force on `day` differs."""
    base, proposed = _BOOKS[0].get(pid), _BOOKS[1].get(pid)
    if base is None or proposed is None:
        return []
    out = []
    for name in sorted(set(base.parameters) | set(proposed.parameters)):
        a, b = base.parameters.get(name), proposed.parameters.get(name)
        va, vb = (value_at(a, day) if a else None), (value_at(b, day) if b else None)
        if va != vb:
            since = _in_force_from(b, day) or _in_force_from(a, day)
            out.append([name, shown(va), shown(vb), since.isoformat() if since else ""])
    return out


def parameter_changes(base: Rulebook, proposed: Rulebook) -> list[dict[str, str]]:
    """Every parameter version of a provision that the draft adds, removes or changes, oldest first."""
    before, after = {p.id: p for p in base.provisions}, {p.id: p for p in proposed.provisions}
    out = []
    for pid in [p for p in after if p in before]:
        a, b = before[pid].parameters, after[pid].parameters
        for name in sorted(set(a) | set(b)):
            days = sorted({*(a[name].values if name in a else ()), *(b[name].values if name in b else ())})
            for day in days:
                va = value_at(a[name], day) if name in a else None
                vb = value_at(b[name], day) if name in b else None
                if va != vb:
                    out.append({"provision": pid, "parameter": name, "from": day.isoformat(),
                                "before": shown(va), "after": shown(vb)})
    return out


def _by_id(evaluation: Evaluation) -> dict[str, Any]:
    return {r.provision: r for r in evaluation.results}


def compare_row(row: Row) -> dict[str, Any]:
    """One application under both rule sets: per provision (status, amount) before and after, and what changed."""
    assert _PAIR is not None
    try:
        if row.issues:
            raise InputError("row", row.issues)
        app = parse_application(row.doc if row.cells is None else from_cells(row.cells, row=row.number), row=row.number)
        evaluations = [e.evaluate(app, _AS_OF) for e in _PAIR]
    except (InputError, EngineFailure):
        return {"row": row.number, "error": True}
    before, after = (_by_id(e) for e in evaluations)
    day = evaluations[0].as_of
    changes: dict[str, Any] = {}
    for pid in dict.fromkeys([*before, *after]):
        a, b = before.get(pid), after.get(pid)
        sa, sb = (a.status if a else ABSENT), (b.status if b else ABSENT)
        ma, mb = (a.amount if a else None), (b.amount if b else None)
        ca = {c.id: c.result for c in a.criteria} if a else {}
        cb = {c.id: c.result for c in b.criteria} if b else {}
        criteria = [[cid, ca.get(cid, ABSENT), cb.get(cid, ABSENT)] for cid in dict.fromkeys([*ca, *cb])
                    if ca.get(cid, ABSENT) != cb.get(cid, ABSENT)]
        params = parameter_causes(pid, day) if (sa, ma) != (sb, mb) else []
        amount_rule = (sa, ma) != (sb, mb) and pid in _BOOKS[0] and pid in _BOOKS[1] \
            and _BOOKS[0][pid].amount != _BOOKS[1][pid].amount
        changes[pid] = [sa, ma, sb, mb, criteria, params, amount_rule]
    applicant = app.applicant
    name = applicant.name if applicant else None
    alloc = _ALLOCATION.row_part(values_of(app, _AS_OF or app.as_of or dt.date.today()), name, before, after,
                                 row.number) if _ALLOCATION else None
    return {"row": row.number, "id": app.application_id, "name": name,
            "city": applicant.city_code if applicant else None, "p": changes, "alloc": alloc}


def _causes(sa: str, sb: str, criteria: list[list[str]], params: list[list[str]], amount_rule: bool) -> list[dict[str, str]]:
    """Why one provision's result changed for one application, most specific first."""
    if ABSENT in (sa, sb):
        return [{"kind": "provision_added" if sa == ABSENT else "provision_removed"}]
    out = [{"kind": "parameter", "parameter": n, "before": a, "after": b, "from": d} for n, a, b, d in params]
    # A criterion added or removed that passes changes nothing: it is listed under criteria, not among the causes.
    out += [{"kind": "criterion", "id": c, "before": x, "after": y} for c, x, y in criteria
            if {x, y} != {ABSENT, "pass"}]
    if amount_rule or not out:
        out.append({"kind": "amount_rule" if amount_rule else "other"})
    return out


PAID = ("eligible", "review")  # statuses whose amount is money an applicant may receive


@dataclass
class Impact:
    base: dict[str, str]
    proposed: dict[str, str]
    provisions: list[str]
    applications: int = 0
    errors: int = 0
    transitions: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    amount_before: Counter[str] = field(default_factory=Counter)
    amount_after: Counter[str] = field(default_factory=Counter)
    city_delta: Counter[str] = field(default_factory=Counter)
    affected: list[dict[str, Any]] = field(default_factory=list)
    as_of: dt.date | None = None  # the assessment date given for every application; None: each one's own
    allocation: AllocationDiff | None = None
    allocations: list[dict[str, Any]] = field(default_factory=list)  # engine/allocate/compare.py:allocation_delta
    parameter_changes: list[dict[str, str]] = field(default_factory=list)
    causes: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # provision → cause → tally

    def add(self, rec: dict[str, Any]) -> None:
        self.applications += 1
        if rec.get("error"):
            self.errors += 1
            return
        if self.allocation is not None and rec.get("alloc") is not None:
            self.allocation.add(rec["alloc"])
        changed = []
        for pid, (sa, ma, sb, mb, criteria, *why) in rec["p"].items():
            params, amount_rule = why if why else ([], False)  # records made before causes were kept have none
            if pid not in self.provisions:
                self.provisions.append(pid)
            self.transitions.setdefault(pid, Counter())[(sa, sb)] += 1
            # Money of eligible provisions and the provisional money of those awaiting review.
            before, after = (ma or 0) if sa in PAID else 0, (mb or 0) if sb in PAID else 0
            self.amount_before[pid] += before
            self.amount_after[pid] += after
            if rec.get("city") and after != before:
                self.city_delta[prefecture(rec["city"])] += after - before
            if sa != sb or before != after:
                causes = _causes(sa, sb, criteria, params, amount_rule)
                changed.append({"provision": pid, "before": {"status": sa, "amount": ma},
                                "after": {"status": sb, "amount": mb},
                                "criteria": [{"id": c, "before": x, "after": y} for c, x, y in criteria],
                                "causes": causes})
                tally = self.causes.setdefault(pid, {}).setdefault(
                    json.dumps(causes, ensure_ascii=False), {"causes": causes, "applications": 0, "amount_delta": 0})
                tally["applications"] += 1
                tally["amount_delta"] += after - before
        if changed:
            self.affected.append({"row": rec["row"], "application_id": rec["id"], "name": rec["name"],
                                  "city": rec["city"], "changes": changed})

    def status_matrix(self) -> dict[str, dict[str, int]]:
        """Applications by status before (rows) and after (columns), over every provision."""
        matrix: dict[str, dict[str, int]] = {}
        for moves in self.transitions.values():
            for (a, b), n in moves.items():
                matrix.setdefault(a, {}).setdefault(b, 0)
                matrix[a][b] += n
        return {a: dict(sorted(row.items())) for a, row in sorted(matrix.items())}

    def delta(self, pid: str) -> int:
        return self.amount_after[pid] - self.amount_before[pid]

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base, "proposed": self.proposed, "applications": self.applications, "errors": self.errors,
            "provisions": {
                pid: {"transitions": [{"from": a, "to": b, "count": n}
                                      for (a, b), n in sorted(self.transitions.get(pid, Counter()).items())],
                      "amount_before": self.amount_before[pid], "amount_after": self.amount_after[pid],
                      "amount_delta": self.delta(pid),
                      "causes": sorted(self.causes.get(pid, {}).values(), key=lambda t: -t["applications"])}
                for pid in self.provisions},
            "status_matrix": self.status_matrix(),
            "parameter_changes": self.parameter_changes,
            "total_delta": sum(self.delta(p) for p in self.provisions),
            "city_delta": dict(sorted(self.city_delta.items())),
            "affected": self.affected,
            **({"allocations": self.allocations} if self.allocations else {}),
        }


def _about(book: Rulebook, directory: str) -> dict[str, str]:
    return {"rules": directory, "pack": book.pack, "version": book.version, "digest": book.digest}


def diff(base_dir: str, proposed_dir: str, source: str, fmt: str | None = None, workers: int = 1,
         as_of: dt.date | None = None, programmes: tuple[str, ...] = ()) -> Impact:
    base, proposed = load_rulebook(base_dir), load_rulebook(proposed_dir)
    allocation = AllocationDiff(base_dir, proposed_dir, programmes) if programmes else None
    rows = read_rows(source, input_format(source, fmt))
    impact = Impact(_about(base, base_dir), _about(proposed, proposed_dir), [p.id for p in base.provisions],
                    as_of=as_of, allocation=allocation, parameter_changes=parameter_changes(base, proposed))
    for rec in ordered_map(compare_row, rows, workers, _init, (base_dir, proposed_dir, as_of, allocation)):
        impact.add(rec)
    if allocation is not None:
        impact.allocations = allocation.result(as_of)
    return impact


# The reports live beside this module; re-exported so that `diff.render_text(impact)` keeps working.
from engine.policy.diff_render import render_html, render_json, render_markdown, render_text  # noqa: E402

__all__ = ["Impact", "compare_row", "diff", "render_html", "render_json", "render_markdown", "render_text"]
