"""The self-check interview: from a partial application, the next question that can still change a provision's status.

A field is worth asking only if some provision is still open and lacks it. Provisions already eligible or
ineligible need nothing more (a university is never asked about R&D expense, a firm registered outside
Shandong nothing about Shandong-only provisions), and neither does one whose amount is already settled at 0
(a compute contract of 0 ends the compute questions: whatever else is true, the voucher is 0 yuan).

Questions come as a clerk's form asks them: section by section in the order of the data contract (who you
are → R&D → IP → projects), and within a section in the contract's order (the fiscal year before the expense).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from engine.errors import InputError, Issue
from engine.evaluate.amounts import candidate_formulas
from engine.evaluate.evaluator import Evaluator, today_in_china
from engine.evaluate.facts import values_of
from engine.intake.cells import from_cells
from engine.intake.documents import parse_application
from engine.rules.rulebook import ActiveProvision
from engine.rules.terms import term_value
from schemas.application import FIELDS, Application, FieldSpec
from schemas.result import Evaluation, ProvisionResult, Text

PLACEHOLDER_ID = "self-check"
_ORDER = {path: i for i, path in enumerate(FIELDS)}


@dataclass(frozen=True)
class Need:
    """One open provision waiting for the answer, and the criteria of it that read the field (none: the amount does)."""

    provision: str
    title: Text
    section: str  # of the plan
    criteria: tuple[Text, ...]


@dataclass(frozen=True)
class Question:
    field: str
    spec: FieldSpec
    provisions: tuple[str, ...]  # the undetermined provisions that need the answer
    needs: tuple[Need, ...] = ()

    @property
    def section(self) -> str:
        return self.field.partition(".")[0]


def partial_application(doc: dict[str, Any]) -> Application:
    """The answers so far as an application (under the placeholder id)."""
    return parse_application({"application_id": PLACEHOLDER_ID, **doc})


def evaluate_partial(evaluator: Evaluator, doc: dict[str, Any], as_of: dt.date | None = None) -> Evaluation:
    return evaluator.evaluate(partial_application(doc), as_of)


def _amount_settled_at_zero(active: ActiveProvision | None, values: dict[str, Any]) -> bool:
    """The amount is 0 whatever the missing answers: every formula that may apply is already known and ≤ 0."""
    if active is None or active.provision.amount is None:
        return False
    formulas, _ = candidate_formulas(active.provision.amount, values, active.params)
    worth = [term_value(f, values, active.params) for f in formulas]
    return bool(worth) and all(isinstance(w, (int, Fraction)) and w <= 0 for w in worth)


def open_provisions(evaluator: Evaluator, doc: dict[str, Any],
                    as_of: dt.date | None = None) -> tuple[Evaluation, list[ProvisionResult]]:
    """The evaluation of `doc` and its provisions that an answer can still change (undetermined, something at stake)."""
    app = partial_application(doc)
    evaluation = evaluator.evaluate(app, as_of)
    day = as_of or app.as_of or today_in_china()
    active = {a.provision.id: a for a in evaluator.rulebook.epoch(day).active}
    values = values_of(app, day)
    return evaluation, [r for r in evaluation.results if r.status == "undetermined" and r.max_amount != 0
                        and not _amount_settled_at_zero(active.get(r.provision), values)]


def next_question(evaluator: Evaluator, doc: dict[str, Any], skipped: frozenset[str] = frozenset(),
                  as_of: dt.date | None = None) -> Question | None:
    """The first field, in the form's order, that an open provision waits for; None when nothing can change."""
    _, waiting = open_provisions(evaluator, doc, as_of)
    fields = {f for r in waiting for f in r.missing if f not in skipped}
    if not fields:
        return None
    field = min(fields, key=_ORDER.__getitem__)
    needs = tuple(Need(r.provision, r.title, r.citation.section,
                       tuple(c.label for c in r.criteria if field in c.fields and c.result == "unknown"))
                  for r in waiting if field in r.missing)
    return Question(field, FIELDS[field], tuple(n.provision for n in needs), needs)


def answer(doc: dict[str, Any], field: str, text: str) -> dict[str, Any]:
    """The application with one more answer, typed as a spreadsheet cell is; InputError names what is wrong."""
    if not text.strip():
        raise InputError(field, [Issue.of(field, "missing", "selfcheck.answer_needed")])
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


def value_at(doc: dict[str, Any], path: str) -> Any:
    section, _, name = path.partition(".")
    holder = doc.get(section)
    return holder.get(name) if isinstance(holder, dict) else None


def replay(evaluator: Evaluator, full: dict[str, Any], as_of: dt.date | None = None) -> tuple[int, Evaluation]:
    """Interview someone whose answers are `full` (unknown answers skipped): (questions asked, final evaluation)."""
    doc: dict[str, Any] = {"as_of": full["as_of"]} if "as_of" in full else {}
    skipped: set[str] = set()
    asked = 0
    while (q := next_question(evaluator, doc, frozenset(skipped), as_of)) is not None:
        asked += 1
        value = value_at(full, q.field)
        if value is None:
            skipped.add(q.field)
            continue
        section, _, name = q.field.partition(".")
        doc.setdefault(section, {})[name] = value
    return asked, evaluate_partial(evaluator, doc, as_of)
