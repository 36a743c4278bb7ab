"""The reports of `subsidy diff`: text, Markdown, HTML and JSON show the same facts.

Those facts are gathered once (`facts`): the parameter changes, per provision the money, the status moves
and the causes of the changes, the transitions matrix, the change per city, and the affected applications
with the cause of each change, saying when the list is cut short. Amounts carry thousands separators.
"""

from __future__ import annotations

import json
import datetime as dt
from typing import Any, Protocol

from engine.allocate.compare import delta_lines
from engine.messages import text
from engine.render.columns import display_width as _width, pad as _pad
from engine.render.templating import render, signed
from schemas.codes import SHANDONG_CITIES


class Impact(Protocol):
    """What the reports read of engine.policy.diff.Impact (a protocol: diff imports this module, not the reverse)."""

    as_of: dt.date | None

    def to_dict(self) -> dict[str, Any]: ...

TEXT_ROWS, MARKDOWN_ROWS, HTML_ROWS = 50, 200, 2000  # affected applications listed; JSON has them all


def _amount(n: int | None) -> str:
    """With thousands separators; a dash where the provision grants no amount (never "None")."""
    return "—" if n is None else f"{n:,}"


def _status(code: str, lang: str) -> str:
    return text(f"policy.status.{code}", lang)


def cause_text(cause: dict[str, str], lang: str) -> str:
    """One cause of a changed result, as a person reads it: `rate 0.10 → 0.12 from 2027-01-01`."""
    if cause["kind"] == "parameter":
        return text("policy.cause.parameter", lang, parameter=cause["parameter"], before=cause["before"],
                    after=cause["after"], since=cause["from"])
    if cause["kind"] == "criterion":
        return text("policy.cause.criterion", lang, id=cause["id"], before=text(f"policy.result.{cause['before']}", lang),
                    after=text(f"policy.result.{cause['after']}", lang))
    return text(f"policy.cause.{cause['kind']}", lang)


def causes_text(causes: list[dict[str, str]], lang: str) -> str:
    return text("policy.sep", lang).join(cause_text(c, lang) for c in causes)


def _side(state: dict[str, Any], lang: str) -> str:
    return f"{_status(state['status'], lang)} {_amount(state['amount'])}"


def _provisions(d: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    return [{"id": pid, "before": p["amount_before"], "after": p["amount_after"], "delta": p["amount_delta"],
             "moves": [(_status(t["from"], lang), _status(t["to"], lang), t["count"])
                       for t in p["transitions"] if t["from"] != t["to"]],
             "causes": [(causes_text(c["causes"], lang), c["applications"], c["amount_delta"]) for c in p["causes"]]}
            for pid, p in d["provisions"].items()]


def facts(impact: Impact, lang: str, limit: int) -> dict[str, Any]:
    """Everything every format shows, worded in `lang`; `limit` affected applications listed."""
    d = impact.to_dict()
    statuses = sorted({s for a, row in d["status_matrix"].items() for s in (a, *row)})
    affected = [{"row": a["row"], "id": a["application_id"], "name": a["name"] or "—", "provision": ch["provision"],
                 "before": _side(ch["before"], lang), "after": _side(ch["after"], lang),
                 "causes": causes_text(ch["causes"], lang)}
                for a in d["affected"][:limit] for ch in a["changes"]]
    shown = min(limit, len(d["affected"]))
    return {
        "d": d,
        "rules": [text("policy.diff.rules", lang, label=text(f"policy.diff.{side}", lang), rules=d[side]["rules"],
                       pack=d[side]["pack"], version=d[side]["version"], digest=d[side]["digest"][:12])
                  for side in ("base", "proposed")],
        "as_of": text("policy.diff.as_of", lang, as_of=impact.as_of.isoformat() if impact.as_of
                      else text("policy.diff.as_of_own", lang)),
        "counts": text("policy.diff.counts", lang, applications=f"{d['applications']:,}", errors=f"{d['errors']:,}",
                       affected=f"{len(d['affected']):,}"),
        "total": text("policy.diff.total", lang, delta=signed(d["total_delta"])),
        "params": [text("policy.diff.param_line", lang, provision=c["provision"], parameter=c["parameter"],
                        since=c["from"], before=c["before"], after=c["after"]) for c in d["parameter_changes"]],
        "provisions": _provisions(d, lang),
        "statuses": [(s, _status(s, lang)) for s in statuses],
        "matrix": d["status_matrix"],
        "cities": [(SHANDONG_CITIES.get(c, (c, c))[0 if lang == "zh" else 1], c, v) for c, v in d["city_delta"].items()],
        "affected": affected,
        "truncated": text("policy.diff.truncated", lang, shown=shown, more=f"{len(d['affected']) - shown:,}")
        if len(d["affected"]) > shown else "",
    }


def _matrix_rows(f: dict[str, Any]) -> list[list[str]]:
    return [[word] + [f"{f['matrix'].get(code, {}).get(to, 0):,}" for to, _ in f["statuses"]]
            for code, word in f["statuses"] if code in f["matrix"]]


def render_text(impact: Impact, limit: int = TEXT_ROWS, lang: str = "zh") -> str:
    f, w = facts(impact, lang, limit), (lambda key: text(key, lang))
    out = [*f["rules"], f["as_of"], f["counts"], f["total"], "", w("policy.diff.params_head") + ":"]
    out += [f"    {p}" for p in f["params"]] or [f"    {w('policy.diff.no_params')}"]
    out += ["", w("policy.diff.provisions_head") + ":"]
    for p in f["provisions"]:
        out.append("  " + text("policy.diff.provision_line", lang, provision=p["id"], before=f"{p['before']:,}",
                               after=f"{p['after']:,}", delta=signed(p["delta"])))
        out += ["    " + text("policy.diff.move", lang, a=a, b=b, count=f"{n:,}") for a, b, n in p["moves"]]
        out += ["    " + text("policy.diff.cause_line", lang, causes=c, count=f"{n:,}", delta=signed(v))
                for c, n, v in p["causes"]]
    rows = _matrix_rows(f)
    width = max([_width(word) for _, word in f["statuses"]] + [_width(c) for r in rows for c in r] + [4])
    out += ["", w("policy.diff.matrix_head") + ":",
            "    " + _pad("", width) + "".join(_pad(word, width + 2, right=True) for _, word in f["statuses"])]
    out += ["    " + _pad(r[0], width) + "".join(_pad(c, width + 2, right=True) for c in r[1:]) for r in rows]
    if f["cities"]:
        out += ["", w("policy.diff.city_head") + ":"]
        out += ["    " + text("policy.diff.city_line", lang, city=n, code=c, delta=signed(v)) for n, c, v in f["cities"]]
    if f["affected"]:
        out += ["", w("policy.diff.affected_head") + ":"]
        out += ["    " + text("policy.diff.affected_line", lang, **{k: a[k] for k in
                                                                    ("row", "id", "provision", "before", "after", "causes")})
                for a in f["affected"]]
        if f["truncated"]:
            out.append("    " + f["truncated"])
    for delta in f["d"].get("allocations", []):
        out += ["", *delta_lines(delta, lang)]
    return "\n".join(out)


def _table(head: list[str], rows: list[list[str]], right: int = 0) -> list[str]:
    """A Markdown table; the last `right` columns (numbers) are right-aligned."""
    cells = lambda r: "| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |"  # noqa: E731
    align = ["---"] * (len(head) - right) + ["---:"] * right
    return [cells(head), cells(align), *map(cells, rows)]


def render_markdown(impact: Impact, limit: int = MARKDOWN_ROWS, lang: str = "zh") -> str:
    f, w = facts(impact, lang, limit), (lambda key: text(key, lang))
    col = lambda *keys: [w(f"policy.diff.col.{k}") for k in keys]  # noqa: E731
    out = [f"# {w('policy.diff.title')}", "", *(f"- {line}" for line in f["rules"]), f"- {f['as_of']}",
           f"- {f['counts']}", f"- **{f['total']}**", "", f"## {w('policy.diff.params_head')}", ""]
    out += _table(col("provision", "parameter", "from", "before", "after"),
                  [[f"`{c['provision']}`", c["parameter"], c["from"], c["before"], c["after"]]
                   for c in f["d"]["parameter_changes"]]) if f["params"] else [w("policy.diff.no_params")]
    out += ["", f"## {w('policy.diff.provisions_head')}", ""]
    out += _table(col("provision", "moves", "causes", "before_yuan", "after_yuan", "change"),
                  [[f"`{p['id']}`", "<br>".join(text("policy.diff.move", lang, a=a, b=b, count=f"{n:,}")
                                                for a, b, n in p["moves"]),
                    "<br>".join(text("policy.diff.cause_cell", lang, causes=c, count=f"{n:,}", delta=signed(v))
                                for c, n, v in p["causes"]),
                    f"{p['before']:,}", f"{p['after']:,}", signed(p["delta"])] for p in f["provisions"]], right=3)
    out += ["", f"## {w('policy.diff.matrix_head')}", ""]
    out += _table(col("status_before") + [word for _, word in f["statuses"]], _matrix_rows(f), right=len(f["statuses"]))
    if f["cities"]:
        out += ["", f"## {w('policy.diff.city_head')}", ""]
        out += _table(col("city", "change"), [[f"{n} {c}", signed(v)] for n, c, v in f["cities"]], right=1)
    out += ["", f"## {w('policy.diff.affected_head')}", ""]
    if f["affected"]:
        out += _table(col("row", "application", "provision", "before", "after", "causes"),
                      [[a["row"], a["id"], f"`{a['provision']}`", a["before"], a["after"], a["causes"]]
                       for a in f["affected"]])
    else:
        out.append(w("policy.diff.none"))
    if f["truncated"]:
        out += ["", f["truncated"]]
    for delta in f["d"].get("allocations", []):
        head, *rest = delta_lines(delta, lang)
        out += ["", f"## {head}", "", *(f"- {line.strip()}" for line in rest)]
    return "\n".join(out)


def render_json(impact: Impact) -> str:
    return json.dumps(impact.to_dict(), ensure_ascii=False, indent=2)


_AXIS, _HALF = 520, 300  # the chart's zero line and the width of the largest bar, in px


def _chart(deltas: list[tuple[str, int]]) -> dict[str, Any]:
    """Geometry of the diverging bars (gains right of the axis, losses left); the markup is in the template."""
    biggest = max((abs(v) for _, v in deltas), default=0) or 1
    bars = []
    for i, (pid, v) in enumerate(deltas):
        width = _HALF * abs(v) / biggest
        bars.append({"provision": pid, "delta": v, "y": 8 + i * 26, "width": f"{width:.1f}",
                     "x": f"{_AXIS if v >= 0 else _AXIS - width:.1f}", "colour": "#2e7d32" if v >= 0 else "#c62828"})
    return {"axis": _AXIS, "height": 20 + 26 * len(deltas), "bars": bars}


def render_html(impact: Impact, lang: str = "zh") -> str:
    """Self-contained HTML (templates/rule_change.html.j2) with the same facts as the text report."""
    f = facts(impact, lang, HTML_ROWS)
    words = {k.rsplit(".", 1)[-1]: v for k, v in
             ((k, text(k, lang)) for k in ("policy.diff.title", "policy.diff.params_head", "policy.diff.provisions_head",
                                           "policy.diff.matrix_head", "policy.diff.city_head",
                                           "policy.diff.affected_head", "policy.diff.no_params", "policy.diff.none"))}
    words.update({f"col_{k}": text(f"policy.diff.col.{k}", lang) for k in
                  ("provision", "parameter", "from", "before", "after", "before_yuan", "after_yuan", "change", "moves",
                   "causes", "status_before", "city", "row", "application", "name")})
    moves = {p["id"]: [text("policy.diff.move", lang, a=a, b=b, count=f"{n:,}") for a, b, n in p["moves"]]
             for p in f["provisions"]}
    causes = {p["id"]: [text("policy.diff.cause_cell", lang, causes=c, count=f"{n:,}", delta=signed(v))
                        for c, n, v in p["causes"]] for p in f["provisions"]}
    return render("rule_change.html.j2", f=f, w=words, lang=lang, moves=moves, causes=causes,
                  matrix=_matrix_rows(f), allocations=[delta_lines(d, lang) for d in f["d"].get("allocations", [])],
                  chart=_chart([(p["id"], p["delta"]) for p in f["provisions"]]))
