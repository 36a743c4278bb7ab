"""An allocation for people: the summary (terminal, XLSX sheet), the table of applications, the budget what-if."""

from __future__ import annotations

from collections import Counter
from typing import Any

from engine.allocate.allocation import Allocation, Line, shown
from engine.messages import text
from engine.render.columns import display_width, pad
from engine.render.report import STATUS


def status_word(status: str, lang: str) -> str:
    """A provision status in the reader's language; error rows and absent provisions too."""
    if status in STATUS:
        return STATUS[status][0 if lang == "zh" else 1]
    if status in ("error", "absent"):
        return text(f"allocate.status_{status}", lang)
    return status


def _yuan(n: int | None, lang: str) -> str:
    return text("allocate.unlimited", lang) if n is None else f"{n:,}"


def columns(lang: str) -> list[str]:
    keys = ["rank", "id", "row", "name", "status", "provisional", "order", "request", "award", "funded", "reason"]
    return [text(f"allocate.col_{k}", lang) for k in keys]


def line_row(line: Line, lang: str) -> list[Any]:
    c = line.candidate
    yes, no = text("common.yes", lang), text("common.no", lang)
    return [line.rank, c.application_id, c.row, c.name, status_word(c.status, lang), yes if line.provisional else no,
            None if line.order is None else shown(line.order), line.request, line.award,
            yes if line.funded else no, text(line.reason, lang, **line.detail)]


def summary(a: Allocation) -> dict[str, Any]:
    """The figures of an allocation (JSON keys; `subsidy diff --format json` shows them too)."""
    statuses = Counter(ln.candidate.status for ln in a.lines)
    m = a.marginal
    return {
        "programme": a.programme.id, "version": a.programme.spec.version, "provision": a.programme.spec.provision,
        "method": a.programme.spec.method.kind, "as_of": a.as_of.isoformat(), "budget": a.budget, "places": a.places,
        "candidates": len(a.lines), "eligible": statuses["eligible"], "review": statuses["review"],
        "unranked": sum(1 for ln in a.lines if ln.rank is None), "demand": a.demand,
        "funded": len(a.funded), "provisional": sum(1 for ln in a.funded if ln.provisional), "paid": a.paid,
        "provisional_paid": a.provisional_paid, "left": None if a.budget is None else a.budget - a.paid,
        "cutoff": a.cutoff, "excluded": dict(sorted(a.excluded.items())),
        "marginal": None if m is None else {"application_id": m.candidate.application_id, "rank": m.rank,
                                            "order": _order(m), "request": m.request, "reason": m.reason,
                                            "detail": m.detail},
    }


def _order(line: Line) -> str | None:
    return None if line.order is None else shown(line.order)


def summary_lines(a: Allocation, lang: str) -> list[str]:
    s, spec = summary(a), a.programme.spec
    title = spec.title.zh if lang == "zh" else spec.title.en
    out = [text("allocate.head", lang, id=s["programme"], version=s["version"], title=title),
           text("allocate.basis", lang, provision=s["provision"], as_of=s["as_of"], budget=_yuan(s["budget"], lang),
                places=text("allocate.unlimited", lang) if s["places"] is None else s["places"]),
           text("allocate.candidates", lang, count=f"{s['candidates']:,}", eligible=f"{s['eligible']:,}",
                review=f"{s['review']:,}", unranked=f"{s['unranked']:,}")]
    if s["excluded"]:
        counts = ", ".join(f"{status_word(k, lang)} {v:,}" for k, v in s["excluded"].items())
        out.append(text("allocate.excluded", lang, counts=counts))
    out.append(text("allocate.demand", lang, demand=f"{s['demand']:,}", budget=_yuan(s["budget"], lang)))
    out.append(text("allocate.funded", lang, funded=f"{s['funded']:,}", provisional=f"{s['provisional']:,}",
                    paid=f"{s['paid']:,}", provisional_paid=f"{s['provisional_paid']:,}"))
    if s["left"] is not None:
        out.append(text("allocate.left", lang, left=f"{s['left']:,}"))
    out.append(text(f"allocate.cutoff_{s['method']}", lang, cutoff=s["cutoff"] or text("allocate.none", lang)))
    m = a.marginal
    if m is not None:
        out.append(text("allocate.marginal", lang, id=m.candidate.application_id, rank=m.rank, order=_order(m),
                        reason=text(m.reason, lang, **m.detail)))
    elif spec.method.kind != "pro_rata":
        out.append(text("allocate.no_marginal", lang))
    out.append(text("allocate.rounding", lang, text=spec.rounding.zh if lang == "zh" else spec.rounding.en))
    return out


def whatif_columns(lang: str) -> list[str]:
    return [text(f"allocate.col_{k}", lang) for k in ("budget", "funded_count", "paid", "cutoff", "marginal")]


def whatif_row(a: Allocation, lang: str) -> list[Any]:
    m = a.marginal
    return [a.budget, len(a.funded), a.paid, a.cutoff or text("allocate.none", lang),
            m.candidate.application_id if m else text("allocate.none", lang)]


def whatif_table(allocations: list[Allocation], lang: str) -> str:
    """The budgets side by side, as aligned text for the terminal."""
    rows = [whatif_columns(lang)] + [[_cell(v) for v in whatif_row(a, lang)] for a in allocations]
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    head = text("allocate.whatif_head", lang, id=allocations[0].programme.id) if allocations else ""
    body = ["  ".join(pad(v, w, right=True) for v, w in zip(r, widths)) for r in rows]
    return "\n".join([head, *body])


def _cell(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


