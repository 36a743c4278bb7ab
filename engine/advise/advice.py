"""Advice for an evaluated application: for each provision that is ineligible or undetermined, the nearest way to it.

    evaluation = with_advice(evaluator, application)      # an Evaluation whose `advice` is filled

Only controllable facts (schemas/application.py, `controllable`) are ever changed; every plan is
re-evaluated by the evaluator before it is promised (engine/advise/plan.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction
from typing import Any

from engine.advise.plan import Found, advised, find
from engine.evaluate.evaluator import Evaluator
from engine.evaluate.explain import field_label, percent, show, with_paths, yuan
from engine.evaluate.facts import values_of
from engine.messages import both, catalogue
from engine.rules.rulebook import ActiveProvision
from engine.rules.terms import term_value
from schemas.rulefile import Arith, Compare, Condition, FieldRef, Not
from schemas.application import FIELDS, Application
from schemas.result import Blocking, Change, Evaluation, ProvisionAdvice, ProvisionResult, ScoreChange, Text

ADVISED = ("ineligible", "undetermined")


def with_advice(evaluator: Evaluator, app: Application, as_of: dt.date | None = None) -> Evaluation:
    """The evaluation of `app` with its `advice` block."""
    evaluation = evaluator.evaluate(app, as_of)
    return replace(evaluation, advice=advise(evaluator, app, evaluation))


def advise(evaluator: Evaluator, app: Application, evaluation: Evaluation) -> tuple[ProvisionAdvice, ...]:
    """Advice for each provision of `evaluation` that is ineligible or undetermined, in pack order."""
    day = evaluation.as_of
    values = values_of(app, day)
    active = {ap.provision.id: ap for ap in evaluator.rulebook.epoch(day).active}
    out = []
    for now in evaluation.results:
        if now.status in ADVISED and now.provision in active:
            found = find(evaluator, app, day, active[now.provision], now, values)
            notes = _ratio_notes(active[now.provision], found, values)
            labels = {n: Text(s.label.zh, s.label.en) for n, s in active[now.provision].provision.scores.items()}
            out.append(_advice(now, found, evaluator.matcher.name, notes, labels))
    return tuple(out)


def advised_application(app: Application, advice: ProvisionAdvice) -> Application:
    """The application as the advice would have it: what re-evaluation promised `then_status` and `then_amount` for."""
    return advised(app, {c.field: c.after for c in advice.changes})


def _advice(now: ProvisionResult, found: Found, matcher: str, notes: dict[str, dict[str, str]],
            score_labels: dict[str, Text]) -> ProvisionAdvice:
    then = found.then
    changes = tuple(_change(path, before, after, found.directions[path], notes.get(path))
                    for path, (before, after) in found.moved.items())
    score_changes = tuple(ScoreChange(name, score_labels[name], now.scores.get(name), value)
                          for name, value in (then.scores.items() if then else ()) if now.scores.get(name) != value)
    return ProvisionAdvice(
        provision=now.provision, title=now.title, status=now.status, kind=found.kind,  # type: ignore[arg-type]
        changes=changes, supply=found.supply,
        blocking=tuple(Blocking(c.id, c.label, c.explanation, c.fields) for c in found.blocking),
        meets=found.meets if found.kind == "plan" else (),
        then_status=then.status if then else None, then_amount=then.amount if then else None,
        estimate=bool(then and then.estimate and then.amount is not None), score_changes=score_changes,
        verified_by=matcher if then else None,
        explanation=Text(**_summary(found, changes)),
    )


def _ratios(cond: Condition) -> Iterator[Compare]:
    if isinstance(cond, Compare):
        if isinstance(cond.subject, Arith) and cond.subject.op == "ratio":
            yield cond
    elif isinstance(cond, Not):
        yield from _ratios(cond.item)
    else:
        for c in cond.items:
            yield from _ratios(c)


def _ratio_notes(active: ActiveProvision, found: Found, values: dict[str, Any]) -> dict[str, dict[str, str]]:
    """For a field raised to meet a ratio, the ratio before and after: "(R&D intensity 2.6% → 3%)".

    The ratio is named by its criterion's `subject`, else by the score whose tiers read it.
    """
    p = active.provision
    named: list[tuple[Condition, Any]] = [(c.when, c.subject) for c in sorted(
        p.criteria, key=lambda c: c.id not in found.meets) if c.subject is not None]
    named += [(t.when, None) for s in p.scores.values() for t in s.tiers or [] if t.when is not None]
    notes: dict[str, dict[str, str]] = {}
    after_values = {**values, **{path: after for path, (_, after) in found.moved.items()}}
    for path, (before, after) in found.moved.items():
        for when, label in named:
            ratio = next((r.subject for r in _ratios(when) if r.subject.args[0] == FieldRef(path)), None)  # type: ignore[union-attr]
            if ratio is None:
                continue
            low, high = (term_value(ratio.args[1], v, active.params) for v in (values, after_values))  # type: ignore[union-attr]
            if isinstance(low, int) and isinstance(high, int) and low > 0 and high > 0:
                name = label or _quotient(ratio)  # a score's tier: "S&T staff / Employees"
                notes[path] = {lang: both("advice.ratio", subject=getattr(name, lang), before=percent(Fraction(before, low)),
                                          after=percent(Fraction(after, high)))[lang] for lang in ("zh", "en")}
                break
    return notes


def _quotient(ratio: Any) -> Text:
    top, bottom = (field_label(a.path) if isinstance(a, FieldRef) else ("…", "…") for a in ratio.args)
    return Text(f"{top[0]} / {bottom[0]}", f"{top[1]} / {bottom[1]}")


def _change(path: str, before: Any, after: Any, direction: str, note: dict[str, str] | None = None) -> Change:
    kind = FIELDS[path].kind
    label = Text(*field_label(path))
    b, a = show(before, kind), show(after, kind)
    if direction == "set":
        key = f"advice.act.{path}.{str(after).lower()}"
        words = both(key) if key in catalogue() else {
            lang: both("advice.set", label=getattr(label, lang), before=b[i], after=a[i])[lang]
            for i, lang in enumerate(("zh", "en"))}
        return Change(path, label, before, after, "set", None, Text(**words))
    delta = after - before
    d = show(abs(delta), kind)
    key = "advice.raise" if delta > 0 else "advice.lower"
    words = {lang: both(key, label=getattr(label, lang), before=b[i], after=a[i], delta=d[i])[lang]
             + (note[lang] if note else "") for i, lang in enumerate(("zh", "en"))}
    return Change(path, label, before, after, direction, delta, Text(**words))  # type: ignore[arg-type]


def _fields(paths: tuple[str, ...]) -> dict[str, str]:
    return {"zh": with_paths(paths, 0), "en": with_paths(paths, 1)}


def _summary(found: Found, changes: tuple[Change, ...]) -> dict[str, str]:
    if found.kind == "supply":
        f = _fields(found.supply)
        return {lang: both("advice.supply", fields=f[lang])[lang] for lang in ("zh", "en")}
    if found.kind == "blocked":
        return both("advice.blocked", n=len(found.blocking))
    if found.kind == "none" or found.then is None:
        return both("advice.none")
    then = found.then
    f = _fields(found.supply)
    head = {lang: both(f"advice.plan.{then.status}", n=len(changes), fields=f[lang])[lang] for lang in ("zh", "en")}
    if then.amount is not None:
        money = yuan(then.amount)
        key = "advice.then_estimate" if then.estimate else "advice.then_amount"
        head = {lang: head[lang] + both(key, amount=money[i])[lang] for i, lang in enumerate(("zh", "en"))}
    return head
