"""Advice for an evaluated application: for each provision that is ineligible or undetermined, the nearest way to it.

    evaluation = with_advice(evaluator, application)      # an Evaluation whose `advice` is filled

Only controllable facts (schemas/application.py, `controllable`) are ever changed; every plan is
re-evaluated by the evaluator before it is promised (engine/advise/plan.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from engine.advise.plan import Found, advised, find
from engine.evaluate.evaluator import Evaluator
from engine.evaluate.explain import field_label, show, yuan
from engine.evaluate.facts import values_of
from engine.messages import both, catalogue
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
            out.append(_advice(now, found, evaluator.matcher.name))
    return tuple(out)


def advised_application(app: Application, advice: ProvisionAdvice) -> Application:
    """The application as the advice would have it: what re-evaluation promised `then_status` and `then_amount` for."""
    return advised(app, {c.field: c.after for c in advice.changes})


def _advice(now: ProvisionResult, found: Found, matcher: str) -> ProvisionAdvice:
    then = found.then
    changes = tuple(_change(path, before, after, found.directions[path]) for path, (before, after) in found.moved.items())
    labels = {c.id: c.label for c in now.criteria}
    score_changes = tuple(ScoreChange(name, _score_label(now, name), now.scores.get(name), value)
                          for name, value in (then.scores.items() if then else ()) if now.scores.get(name) != value)
    return ProvisionAdvice(
        provision=now.provision, title=now.title, status=now.status, kind=found.kind,  # type: ignore[arg-type]
        changes=changes, supply=found.supply,
        blocking=tuple(Blocking(c.id, c.label, c.explanation, c.fields) for c in found.blocking),
        meets=found.meets if found.kind == "plan" else (),
        then_status=then.status if then else None, then_amount=then.amount if then else None,
        estimate=bool(then and then.estimate and then.amount is not None), score_changes=score_changes,
        verified_by=matcher if then else None,
        explanation=Text(**_summary(found, changes, [labels[c] for c in found.meets])),
    )


def _score_label(now: ProvisionResult, name: str) -> Text:
    words = now.score_explanations.get(name)
    if words is None:
        return Text(name, name)
    zh, en = words.zh, words.en  # "科技人员指标:12 分(第 3 档)": the label is what comes before the colon
    return Text(zh.split(":")[0], en.split(":")[0])


def _change(path: str, before: Any, after: Any, direction: str) -> Change:
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
             for i, lang in enumerate(("zh", "en"))}
    return Change(path, label, before, after, direction, delta, Text(**words))  # type: ignore[arg-type]


def _fields(paths: tuple[str, ...]) -> dict[str, str]:
    labels = [field_label(p) for p in paths]
    return {"zh": "、".join(f"{zh}({p})" for (zh, _), p in zip(labels, paths)),
            "en": ", ".join(f"{en} ({p})" for (_, en), p in zip(labels, paths))}


def _summary(found: Found, changes: tuple[Change, ...], met: list[Text]) -> dict[str, str]:
    if found.kind == "supply":
        f = _fields(found.supply)
        return {lang: both("advice.supply", fields=f[lang])[lang] for lang in ("zh", "en")}
    if found.kind == "blocked":
        return {lang: both("advice.blocked", criteria=";".join(getattr(c.label, lang) for c in found.blocking))[lang]
                for lang in ("zh", "en")}
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
