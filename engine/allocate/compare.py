"""The allocation part of `subsidy diff`: who a programme funds under the base and the proposed rules.

`subsidy diff --programme ID` evaluates each application under both rule sets (engine/policy/diff.py); for
each programme this collects the candidates on each side (in the worker, as small picklable tuples), then
allocates both sides with the same budget and places and reports who gained or lost funding. A programme
file in the proposed directory is used for the proposed side, so a change of a programme shows too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from engine.allocate.allocation import PAID, Allocation, Candidate, allocate
from engine.allocate.programmes import Programme, load_programme, programme_files
from engine.allocate.report import summary
from engine.messages import text

_Side = tuple[str, int | None] | None  # (status, amount) of the programme's provision, None when not a candidate


def allocation_delta(before: Allocation, after: Allocation) -> dict[str, Any]:
    """Base and proposed allocations compared: counts, money, cut-offs, and who gained or lost funding."""
    award_before = {(ln.candidate.application_id, ln.candidate.row): ln.award for ln in before.funded}
    award_after = {(ln.candidate.application_id, ln.candidate.row): ln.award for ln in after.funded}
    gained = sorted(k for k in award_after if k not in award_before)
    lost = sorted(k for k in award_before if k not in award_after)
    changed = sorted(k for k in award_after if k in award_before and award_after[k] != award_before[k])
    return {
        "programme": after.programme.id, "before": summary(before), "after": summary(after),
        "funded_delta": len(award_after) - len(award_before), "paid_delta": after.paid - before.paid,
        "gained": [{"application_id": k[0], "row": k[1], "award": award_after[k]} for k in gained],
        "lost": [{"application_id": k[0], "row": k[1], "award": award_before[k]} for k in lost],
        "changed": [{"application_id": k[0], "row": k[1], "before": award_before[k], "after": award_after[k]}
                    for k in changed],
    }


class AllocationDiff:
    """The programmes of one diff; made in the parent, shipped to the workers, which call `row_part` only."""

    def __init__(self, base_dir: str, proposed_dir: str, ids: tuple[str, ...]) -> None:
        self.pairs: list[tuple[Programme, Programme]] = []
        for pid in dict.fromkeys(ids):
            base = load_programme(base_dir, pid)
            has_own = any(p.stem == pid for p in programme_files(proposed_dir))
            self.pairs.append((base, load_programme(proposed_dir, pid) if has_own else base))
        self.fields = list(dict.fromkeys(f for pair in self.pairs for p in pair for f in p.fields()))
        self.rows: list[tuple[int | None, str, str | None, dict[str, Any], list[tuple[_Side, _Side]]]] = []
        self.latest: dt.date | None = None
        self.excluded: list[tuple[Counter[str], Counter[str]]] = [(Counter(), Counter()) for _ in self.pairs]

    def row_part(self, values: dict[str, Any], name: str | None, before: dict[str, Any], after: dict[str, Any],
                 row: int | None) -> tuple[Any, ...]:
        """What one application contributes: its fields and the provision's (status, amount) on each side."""
        def side(results: dict[str, Any], programme: Programme) -> _Side:
            r = results.get(programme.spec.provision)
            return None if r is None else (r.status, r.amount)

        sides = [(side(before, b), side(after, a)) for b, a in self.pairs]
        wanted = {f: values[f] for f in self.fields if f in values}
        return row, str(values.get("application_id")), name, values.get("as_of"), wanted, sides

    def add(self, part: tuple[Any, ...]) -> None:
        row, app_id, name, as_of, wanted, sides = part
        if isinstance(as_of, dt.date) and (self.latest is None or as_of > self.latest):
            self.latest = as_of
        self.rows.append((row, app_id, name, wanted, sides))

    def _candidates(self, index: int, which: int) -> list[Candidate]:
        programme = self.pairs[index][which]
        out = []
        for row, app_id, name, wanted, sides in self.rows:
            side = sides[index][which]
            status = side[0] if side else "absent"
            if status in PAID and status in programme.spec.statuses:
                out.append(Candidate(row, app_id, name, status, side[1] if side else None, wanted))
            else:
                self.excluded[index][which][status] += 1
        return out

    def result(self, as_of: dt.date | None) -> list[dict[str, Any]]:
        day = as_of or self.latest or dt.date.today()
        deltas = []
        for i, (base, proposed) in enumerate(self.pairs):
            before = allocate(base, self._candidates(i, 0), day, excluded=self.excluded[i][0])
            after = allocate(proposed, self._candidates(i, 1), day, excluded=self.excluded[i][1])
            deltas.append(allocation_delta(before, after))
        return deltas


def _ids(items: list[dict[str, Any]], limit: int = 20) -> str:
    shown = ", ".join(f"{x['application_id']}" for x in items[:limit])
    return shown + (f" … (+{len(items) - limit})" if len(items) > limit else "")


def delta_lines(delta: dict[str, Any], lang: str) -> list[str]:
    """A programme's allocation before and after, for the text and Markdown reports of `subsidy diff`."""
    b, a = delta["before"], delta["after"]
    none = text("allocate.none", lang)
    out = [text("allocate.diff_head", lang, id=delta["programme"]),
           "    " + text("allocate.diff_line", lang, before=f"{b['funded']:,}", after=f"{a['funded']:,}",
                         paid_before=f"{b['paid']:,}", paid_after=f"{a['paid']:,}",
                         cut_before=b["cutoff"] or none, cut_after=a["cutoff"] or none)]
    if delta["gained"]:
        out.append("    " + text("allocate.diff_gained", lang, ids=_ids(delta["gained"])))
    if delta["lost"]:
        out.append("    " + text("allocate.diff_lost", lang, ids=_ids(delta["lost"])))
    if delta["changed"]:
        out.append("    " + text("allocate.diff_changed", lang, count=f"{len(delta['changed']):,}"))
    return out


def programme_ids(rules_dir: str | Path) -> list[str]:
    return [p.stem for p in programme_files(rules_dir)]
