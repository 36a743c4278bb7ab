"""Evaluates an application against a rulebook: match criteria (durable_rules or reference), then status, amount, reasons."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Literal, Protocol

from engine.amounts import award, max_amount
from engine.explain import Explainer, field_label, fill, yuan
from engine.facts import values_of
from engine.inputs import warnings_of
from engine.loader import amount_fields
from engine.reference import FAIL, UNKNOWN, Outcomes, ReferenceMatcher
from engine.rulebook import Epoch, Provision, Rulebook
from engine.typecheck import fields_of
from schemas.application import FIELDS, Application
from schemas.result import (
    CitationOut, CriterionResult, Evaluation, InputWarning, ProvisionResult, RulesInfo, Text,
)

CST = dt.timezone(dt.timedelta(hours=8))
_FIELD_ORDER = {path: i for i, path in enumerate(FIELDS)}


class Matcher(Protocol):
    name: str

    def match(self, epoch: Epoch, values: dict[str, Any]) -> Outcomes: ...


def today_in_china() -> dt.date:
    """SPEC §2: an absent as_of is today's date in China Standard Time."""
    return dt.datetime.now(CST).date()


@lru_cache(maxsize=4096)
def _criterion_fields(node: Any) -> tuple[str, ...]:
    return tuple(p for p in fields_of(node) if p != "as_of")


class Evaluator:
    """Evaluates applications against one rulebook. `engine` picks the matcher; results are otherwise identical."""

    def __init__(self, rulebook: Rulebook, engine: Literal["durable", "reference"] = "durable") -> None:
        self.rulebook = rulebook
        if engine == "durable":
            from engine._durable import DurableMatcher  # the C extension loads only when it is used

            self.matcher: Matcher = DurableMatcher(rulebook)
        else:
            self.matcher = ReferenceMatcher()
        self._rules = RulesInfo(pack=rulebook.pack, version=rulebook.version, digest=rulebook.digest)

    def evaluate(self, app: Application, as_of: dt.date | None = None) -> Evaluation:
        """`as_of` overrides the application's own date; neither means today in China."""
        day = as_of or app.as_of or today_in_china()
        epoch = self.rulebook.epoch(day)
        values = values_of(app, day)
        outcomes = self.matcher.match(epoch, values)
        active = {ap.index: ap for ap in epoch.active}
        results = []
        for index, provision in enumerate(self.rulebook.provisions):
            ap = active.get(index)
            if ap is None:
                results.append(_not_in_effect(provision, day))
            else:
                results.append(_provision_result(provision, ap.params, values, outcomes, index))
        return Evaluation.model_construct(
            application_id=app.application_id,
            as_of=day,
            rules=self._rules,
            results=results,
            total_amount=sum(r.amount or 0 for r in results if r.status == "eligible"),
            warnings=[InputWarning.model_construct(loc=w.loc, type=w.type, msg=Text.model_construct(zh=w.zh, en=w.en))
                      for w in warnings_of(app)],
            evaluator=self.matcher.name,
        )


def _text(pair: tuple[str, str]) -> Text:
    return Text.model_construct(zh=pair[0], en=pair[1])


def _not_in_effect(p: Provision, day: dt.date) -> ProvisionResult:
    w = p.window
    return ProvisionResult.model_construct(
        provision=p.id, title=Text.model_construct(zh=p.title.zh, en=p.title.en), status="not_in_effect",
        amount=None, max_amount=None, criteria=[], missing=[],
        citation=CitationOut.model_construct(section=p.citation.section, text=p.citation.text),
        explanation=_text((f"评估日期 {day} 不在本条款有效期 {w.from_} 至 {w.to} 内",
                           f"the assessment date {day} is outside this provision's window {w.from_} to {w.to}")),
        amount_explanation=None, benefit=None,
    )


def _provision_result(
    p: Provision, params: dict[str, Any], values: dict[str, Any], outcomes: Outcomes, index: int
) -> ProvisionResult:
    units = {name: param.unit for name, param in p.parameters.items()}
    explainer = Explainer(values, params, units)
    criteria, missing = [], []
    failed, unknown = [], []
    for ci, rule in enumerate(p.criteria):
        result = outcomes[(index, ci)]
        fields = _criterion_fields(rule.when)
        if result == UNKNOWN:
            unknown.append(rule)
            missing += [f for f in fields if f not in values]
        elif result == FAIL:
            failed.append(rule)
        label = fill((rule.label.zh, rule.label.en), params, units)
        criteria.append(CriterionResult.model_construct(
            id=rule.id, label=_text(label), result=result, explanation=_text(explainer.criterion(rule, result)),
            fields=list(fields),
        ))
    if not failed:
        missing += [f for f in amount_fields(p) if f not in values]
    missing = sorted(set(missing), key=_FIELD_ORDER.__getitem__)
    status = "ineligible" if failed else "undetermined" if missing else "eligible"
    amount = amount_explanation = None
    if status == "eligible" and p.amount is not None:
        granted = award(p, values, params)
        amount, amount_explanation = granted.amount, _text(granted.explanation)
    if status == "eligible":
        summary = (f"符合全部 {len(criteria)} 项条件", f"meets all {len(criteria)} criteria")
        if amount is not None:
            summary = (summary[0] + f",金额 {yuan(amount)[0]}", summary[1] + f"; amount {yuan(amount)[1]}")
    elif status == "ineligible":
        summary = ("不符合:" + ";".join(c.label.zh for c in criteria if c.result == FAIL),
                   "not met: " + "; ".join(c.label.en for c in criteria if c.result == FAIL))
    else:
        summary = ("尚缺信息:" + "、".join(f"{field_label(f)[0]}({f})" for f in missing),
                   "missing: " + ", ".join(f"{field_label(f)[1]} ({f})" for f in missing))
    return ProvisionResult.model_construct(
        provision=p.id, title=Text.model_construct(zh=p.title.zh, en=p.title.en), status=status,
        amount=amount, max_amount=max_amount(p, params), criteria=criteria, missing=missing,
        citation=CitationOut.model_construct(section=p.citation.section, text=p.citation.text),
        explanation=_text(summary), amount_explanation=amount_explanation,
        benefit=_text((p.benefit.zh, p.benefit.en)) if p.benefit else None,
    )

