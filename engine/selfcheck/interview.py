"""The self-check interview: from a partial application, the one question that can still change a provision's status.

A field is worth asking only if some provision is still undetermined and lacks it; provisions already
eligible or ineligible need nothing more (a university is never asked about R&D expense, a firm
registered outside Shandong nothing about Shandong-only provisions).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from engine.errors import InputError, Issue
from engine.evaluate.evaluator import Evaluator
from engine.intake.documents import parse_application
from engine.intake.cells import from_cells
from schemas.application import FIELDS, Application, FieldSpec
from schemas.result import Evaluation

PLACEHOLDER_ID = "self-check"


@dataclass(frozen=True)
class Question:
    field: str
    spec: FieldSpec
    provisions: tuple[str, ...]  # the undetermined provisions that need the answer


def partial_application(doc: dict[str, Any]) -> Application:
    """The answers so far as an application (under the placeholder id)."""
    return parse_application({"application_id": PLACEHOLDER_ID, **doc})


def evaluate_partial(evaluator: Evaluator, doc: dict[str, Any], as_of: dt.date | None = None) -> Evaluation:
    return evaluator.evaluate(partial_application(doc), as_of)


def next_question(evaluator: Evaluator, doc: dict[str, Any], skipped: frozenset[str] = frozenset(),
                  as_of: dt.date | None = None) -> Question | None:
    """The field most undetermined provisions are waiting for (schema order breaks ties); None when done."""
    evaluation = evaluate_partial(evaluator, doc, as_of)
    waiting: Counter[str] = Counter()
    needs: dict[str, list[str]] = {}
    for r in evaluation.results:
        if r.status != "undetermined":
            continue
        for field in r.missing:
            if field not in skipped:
                waiting[field] += 1
                needs.setdefault(field, []).append(r.provision)
    if not waiting:
        return None
    order = list(FIELDS)
    field = max(waiting, key=lambda f: (waiting[f], -order.index(f)))
    return Question(field, FIELDS[field], tuple(needs[field]))


def answer(doc: dict[str, Any], field: str, text: str) -> dict[str, Any]:
    """The application with one more answer, typed as a spreadsheet cell is; InputError names what is wrong."""
    if not text.strip():
        raise InputError(field, [Issue(field, "missing", "an answer is needed (or skip the question)",
                                       "请填写答案(或跳过此问题)")])
    value = from_cells({field: text}, row=None)
    section, _, name = field.partition(".")
    updated = {k: (dict(v) if isinstance(v, dict) else v) for k, v in doc.items()}
    if name:
        updated.setdefault(section, {})[name] = value[section][name]
    else:
        updated[section] = value[section]
    try:
        parse_application({"application_id": PLACEHOLDER_ID, **updated})
    except InputError as exc:
        issues = [i for i in exc.issues if i.loc == field] or exc.issues
        raise InputError(field, issues) from None
    return updated


def replay(evaluator: Evaluator, full: dict[str, Any], as_of: dt.date | None = None) -> tuple[int, Evaluation]:
    """Interview someone whose answers are `full` (unknown answers skipped): (questions asked, final evaluation)."""
    doc: dict[str, Any] = {"as_of": full["as_of"]} if "as_of" in full else {}
    skipped: set[str] = set()
    asked = 0
    while (q := next_question(evaluator, doc, frozenset(skipped), as_of)) is not None:
        asked += 1
        section, _, name = q.field.partition(".")
        known = full.get(section, {}) if name else full
        value = known.get(name or section) if isinstance(known, dict) else None
        if value is None:
            skipped.add(q.field)
            continue
        doc.setdefault(section, {})[name] = value
    return asked, evaluate_partial(evaluator, doc, as_of)

