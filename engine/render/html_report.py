"""A self-contained HTML report of a screening (inline CSS; no script, no network), in Chinese and English.

Python gathers the figures and the labels; the words and the markup are in templates/screening_report.html.j2.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.evaluate.evaluator import today_in_china
from engine.evaluate.explain import field_label, fill
from engine.render.templating import render
from engine.rules.loader import load_rulebook
from engine.rules.rulebook import Rulebook, value_at
from schemas.codes import SHANDONG_CITIES
from schemas.result import Text

COLOURS = {"eligible": "#2e7d32", "review": "#1565c0", "ineligible": "#c62828", "undetermined": "#f9a825",
           "not_in_effect": "#9e9e9e"}
_BAR_SHARE = 88.0  # % of the bar column the longest bar takes; the rest holds its total


def _bars(rows: list[tuple[str, list[tuple[int, str]]]]) -> list[dict[str, Any]]:
    """Stacked bars: rows of (label, [(value, colour)…]) as widths in % of the largest total."""
    biggest = max((sum(v for v, _ in parts) for _, parts in rows), default=0) or 1
    return [{"label": label, "total": sum(v for v, _ in parts),
             "parts": [(f"{_BAR_SHARE * v / biggest:.2f}", colour) for v, colour in parts if v > 0]}
            for label, parts in rows]


def criterion_labels(book: Rulebook, day: dt.date) -> dict[str, Text]:
    """"provision:criterion" → label with the parameter values in force on `day` (clamped into the
    provision's window, so that a provision not yet in force still reads with its first values).

    A criterion is named with its provision: several provisions share criteria such as "applicant is an enterprise".
    """
    labels = {}
    for p in book.provisions:
        when = min(max(day, p.window.from_), p.window.to)
        params = {name: value_at(param, when) for name, param in p.parameters.items()}
        units = {name: param.unit for name, param in p.parameters.items()}
        for c in p.criteria:
            zh, en = fill((c.label.zh, c.label.en), params, units)
            labels[f"{p.id}:{c.id}"] = Text(f"{p.title.zh}:{zh}", f"{p.title.en}: {en}")
    return labels


def _field(path: str) -> Text:
    try:
        return Text(*field_label(path))
    except KeyError:  # a field this version of the schema does not know (a journal from another version)
        return Text(path, path)


def render_report(summary: dict[str, Any], source: str, rules_dir: str, as_of: dt.date | None = None) -> str:
    """`as_of` is the screening's assessment date; none means what the evaluator used: today in China."""
    day = as_of or today_in_china()
    book = load_rulebook(rules_dir)
    titles = {p.id: p.title for p in book.provisions}
    labels = criterion_labels(book, day)
    order = list(COLOURS)
    failed = [{"label": labels.get(k, Text(k, k)), "count": n} for k, n in summary["top_failed"]]
    return render(
        "screening_report.html.j2",
        book=book, source=source, as_of=day.isoformat(), summary=summary, order=order, colours=COLOURS,
        provisions=[{"id": p, "title": titles[p], "counts": [d["statuses"].get(s, 0) for s in order],
                     "amount": d["amount"], "pending": d.get("pending_review", 0), "estimate": d.get("estimate", False)}
                    for p, d in summary["provisions"].items()],
        status_bars=_bars([(f"{titles[p].zh} {p}", [(d["statuses"].get(s, 0), COLOURS[s]) for s in order])
                           for p, d in summary["provisions"].items()]),
        city_bars=_bars([(" ".join(SHANDONG_CITIES.get(code, (code, ""))).strip(), [(amount, "#1565c0")])
                         for code, amount in summary["amount_by_city"].items()]),
        failed_bars=_bars([(f["label"].zh, [(f["count"], "#c62828")]) for f in failed]),
        failed=failed,
        missing=[{"label": _field(f), "count": n} for f, n in summary["top_missing"]],
    )


def write_report(path: str, summary: dict[str, Any], source: str, rules_dir: str, as_of: dt.date | None = None) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render_report(summary, source, rules_dir, as_of))
