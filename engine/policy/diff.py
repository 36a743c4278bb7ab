"""What-if impact of a rule change: the same applications under a base and a proposed rule set, compared."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from engine.allocate.compare import AllocationDiff, delta_lines
from engine.errors import EngineFailure, InputError
from engine.evaluate.facts import values_of
from engine.evaluate.evaluator import Evaluator
from engine.intake.documents import parse_application
from engine.rules.loader import load_rulebook
from engine.batch.workers import ordered_map
from engine.intake.cells import from_cells
from engine.rules.rulebook import Rulebook
from engine.intake.tables import Row, input_format, read_rows
from engine.render.templating import render
from schemas.codes import SHANDONG_CITIES, prefecture
from schemas.result import Evaluation

ABSENT = "absent"  # the provision does not exist in that rule set
_PAIR: tuple[Evaluator, Evaluator] | None = None
_AS_OF: dt.date | None = None
_ALLOCATION: AllocationDiff | None = None  # `--programme`: what each row brings to the allocations


def _init(base_dir: str, proposed_dir: str, as_of: dt.date | None, allocation: AllocationDiff | None = None) -> None:
    global _PAIR, _AS_OF, _ALLOCATION
    _PAIR = (Evaluator(load_rulebook(base_dir)), Evaluator(load_rulebook(proposed_dir)))
    _AS_OF, _ALLOCATION = as_of, allocation


def _by_id(evaluation: Evaluation) -> dict[str, Any]:
    return {r.provision: r for r in evaluation.results}


def compare_row(row: Row) -> dict[str, Any]:
    """One application under both rule sets: per provision (status, amount) before and after, and what changed."""
    assert _PAIR is not None
    try:
        if row.issues:
            raise InputError("row", row.issues)
        app = parse_application(row.doc if row.cells is None else from_cells(row.cells, row=row.number), row=row.number)
        before, after = (_by_id(e.evaluate(app, _AS_OF)) for e in _PAIR)
    except (InputError, EngineFailure):
        return {"row": row.number, "error": True}
    changes: dict[str, Any] = {}
    for pid in dict.fromkeys([*before, *after]):
        a, b = before.get(pid), after.get(pid)
        sa, sb = (a.status if a else ABSENT), (b.status if b else ABSENT)
        ma, mb = (a.amount if a else None), (b.amount if b else None)
        ca = {c.id: c.result for c in a.criteria} if a else {}
        cb = {c.id: c.result for c in b.criteria} if b else {}
        criteria = [[cid, ca.get(cid, ABSENT), cb.get(cid, ABSENT)] for cid in dict.fromkeys([*ca, *cb])
                    if ca.get(cid, ABSENT) != cb.get(cid, ABSENT)]
        changes[pid] = [sa, ma, sb, mb, criteria]
    applicant = app.applicant
    name = applicant.name if applicant else None
    alloc = _ALLOCATION.row_part(values_of(app, _AS_OF or app.as_of or dt.date.today()), name, before, after,
                                 row.number) if _ALLOCATION else None
    return {"row": row.number, "id": app.application_id, "name": name,
            "city": applicant.city_code if applicant else None, "p": changes, "alloc": alloc}


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

    def add(self, rec: dict[str, Any]) -> None:
        self.applications += 1
        if rec.get("error"):
            self.errors += 1
            return
        if self.allocation is not None and rec.get("alloc") is not None:
            self.allocation.add(rec["alloc"])
        changed = []
        for pid, (sa, ma, sb, mb, criteria) in rec["p"].items():
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
                changed.append({"provision": pid, "before": {"status": sa, "amount": ma},
                                "after": {"status": sb, "amount": mb},
                                "criteria": [{"id": c, "before": x, "after": y} for c, x, y in criteria]})
        if changed:
            self.affected.append({"row": rec["row"], "application_id": rec["id"], "name": rec["name"],
                                  "city": rec["city"], "changes": changed})

    def delta(self, pid: str) -> int:
        return self.amount_after[pid] - self.amount_before[pid]

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base, "proposed": self.proposed, "applications": self.applications, "errors": self.errors,
            "provisions": {
                pid: {"transitions": [{"from": a, "to": b, "count": n}
                                      for (a, b), n in sorted(self.transitions.get(pid, Counter()).items())],
                      "amount_before": self.amount_before[pid], "amount_after": self.amount_after[pid],
                      "amount_delta": self.delta(pid)}
                for pid in self.provisions},
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
                    as_of=as_of, allocation=allocation)
    for rec in ordered_map(compare_row, rows, workers, _init, (base_dir, proposed_dir, as_of, allocation)):
        impact.add(rec)
    if allocation is not None:
        impact.allocations = allocation.result(as_of)
    return impact


# ---- rendering -----------------------------------------------------------------------------------

def _signed(n: int) -> str:
    return f"{n:+,}"


def _amount(n: int | None) -> str:
    """With thousands separators; a dash where the provision grants no amount (never "None")."""
    return "—" if n is None else f"{n:,}"


def render_text(impact: Impact, limit: int = 50) -> str:
    d = impact.to_dict()
    out = [f"base {d['base']['pack']}@{d['base']['version']} ({d['base']['digest'][:12]}) → proposed "
           f"{d['proposed']['pack']}@{d['proposed']['version']} ({d['proposed']['digest'][:12]})",
           f"applications {d['applications']:,}, unreadable {d['errors']:,}, affected {len(d['affected']):,}",
           f"total amount change: {_signed(d['total_delta'])} yuan", ""]
    for pid, p in d["provisions"].items():
        moves = [t for t in p["transitions"] if t["from"] != t["to"]]
        out.append(f"{pid}: {p['amount_before']:,} → {p['amount_after']:,} yuan ({_signed(p['amount_delta'])})")
        out += [f"    {t['from']} → {t['to']}: {t['count']:,}" for t in moves]
    if d["city_delta"]:
        out += ["", "by city:"] + [f"    {SHANDONG_CITIES.get(c, (c, c))[1]} {c}: {_signed(v)} yuan"
                                   for c, v in d["city_delta"].items()]
    if d["affected"]:
        out += ["", "affected applications:"]
        for a in d["affected"][:limit]:
            for ch in a["changes"]:
                crit = ", ".join(f"{c['id']} {c['before']}→{c['after']}" for c in ch["criteria"])
                out.append(f"    row {a['row']} {a['application_id']} {ch['provision']}: "
                           f"{ch['before']['status']} {_amount(ch['before']['amount'])} → {ch['after']['status']} "
                           f"{_amount(ch['after']['amount'])}" + (f" [{crit}]" if crit else ""))
        if len(d["affected"]) > limit:
            out.append(f"    … and {len(d['affected']) - limit:,} more (use --format json for all)")
    for delta in d.get("allocations", []):
        out += ["", *delta_lines(delta, "en")]
    return "\n".join(out)


def render_markdown(impact: Impact, limit: int = 200) -> str:
    d = impact.to_dict()
    out = ["# 规则变更影响 · Impact of the rule change", "",
           f"- base: `{d['base']['rules']}` {d['base']['pack']}@{d['base']['version']} `{d['base']['digest'][:12]}`",
           f"- proposed: `{d['proposed']['rules']}` {d['proposed']['pack']}@{d['proposed']['version']} "
           f"`{d['proposed']['digest'][:12]}`",
           f"- applications: {d['applications']:,} · affected: {len(d['affected']):,} · "
           f"total change: **{_signed(d['total_delta'])} 元**", "",
           "| provision | before (yuan) | after (yuan) | change | status moves |", "|---|---:|---:|---:|---|"]
    for pid, p in d["provisions"].items():
        moves = "; ".join(f"{t['from']}→{t['to']} {t['count']:,}" for t in p["transitions"] if t["from"] != t["to"])
        out.append(f"| `{pid}` | {p['amount_before']:,} | {p['amount_after']:,} | {_signed(p['amount_delta'])} | {moves} |")
    if d["affected"]:
        out += ["", "| row | application | provision | before | after | criteria |", "|---:|---|---|---|---|---|"]
        for a in d["affected"][:limit]:
            for ch in a["changes"]:
                crit = ", ".join(f"{c['id']} {c['before']}→{c['after']}" for c in ch["criteria"])
                out.append(f"| {a['row']} | {a['application_id']} | `{ch['provision']}` | {ch['before']['status']} "
                           f"{_amount(ch['before']['amount'])} | {ch['after']['status']} "
                           f"{_amount(ch['after']['amount'])} | {crit} |")
    for delta in d.get("allocations", []):
        head, *rest = delta_lines(delta, "en")
        out += ["", f"## {head}", "", *(f"- {line.strip()}" for line in rest)]
    return "\n".join(out)


def render_json(impact: Impact) -> str:
    return json.dumps(impact.to_dict(), ensure_ascii=False, indent=2)


_AXIS, _HALF = 520, 300  # the chart's zero line and the width of the largest bar, in px
_MAX_ROWS = 2000  # affected applications listed in the HTML; JSON has them all


def _chart(deltas: list[tuple[str, int]]) -> dict[str, Any]:
    """Geometry of the diverging bars (gains right of the axis, losses left); the markup is in the template."""
    biggest = max((abs(v) for _, v in deltas), default=0) or 1
    bars = []
    for i, (pid, v) in enumerate(deltas):
        w = _HALF * abs(v) / biggest
        bars.append({"provision": pid, "delta": v, "y": 8 + i * 26, "width": f"{w:.1f}",
                     "x": f"{_AXIS if v >= 0 else _AXIS - w:.1f}", "colour": "#2e7d32" if v >= 0 else "#c62828"})
    return {"axis": _AXIS, "height": 20 + 26 * len(deltas), "bars": bars}


def render_html(impact: Impact) -> str:
    """Self-contained HTML (templates/rule_change.html.j2): amounts with separators, a dash where there is none."""
    d = impact.to_dict()
    return render("rule_change.html.j2", d=d, affected=d["affected"][:_MAX_ROWS],
                  as_of=impact.as_of.isoformat() if impact.as_of else None,
                  chart=_chart([(pid, p["amount_delta"]) for pid, p in d["provisions"].items()]))
