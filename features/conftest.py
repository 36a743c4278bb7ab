"""Step definitions for the policy scenarios, in English and Chinese; both wordings decorate the same function.

The rule directory is `--rules DIR` (or $SUBSIDY_RULES), so the same scenarios test a draft rule set.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from engine import DEFAULT_RULES, Evaluator, Rulebook, load_rulebook, parse_application
from engine.advise.advice import advised_application, with_advice
from engine.allocate.allocation import Allocation, Candidate, Line, allocate
from engine.allocate.programmes import Programme, load_programme
from engine.intake.cells import from_cells
from schemas.application import FIELDS
from schemas.result import Evaluation, ProvisionAdvice, ProvisionResult

STATUS_ZH = {"符合": "eligible", "不符合": "ineligible", "待定": "undetermined", "待审核": "review", "未生效": "not_in_effect"}
RESULT_ZH = {"通过": "pass", "不通过": "fail", "未知": "unknown"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--rules", default=os.environ.get("SUBSIDY_RULES", str(DEFAULT_RULES)),
                     help="rule directory the Gherkin scenarios run against (default: rules/ or $SUBSIDY_RULES)")
    parser.addoption("--engine", default="durable", choices=["durable", "reference"],
                     help="matcher the scenarios run on")


@pytest.fixture(scope="session")
def rulebook(request: pytest.FixtureRequest) -> Rulebook:
    return load_rulebook(Path(request.config.getoption("--rules")))


@pytest.fixture(scope="session")
def evaluator(rulebook: Rulebook, request: pytest.FixtureRequest) -> Evaluator:
    return Evaluator(rulebook, request.config.getoption("--engine"))


def _table(datatable: list[list[str]]) -> dict[str, str]:
    header, *rows = datatable
    if [h.strip() for h in header] not in (["field", "value"], ["字段", "值"]):
        raise ValueError(f"the table's first row must be | field | value | or | 字段 | 值 |, got {header}")
    return {row[0].strip(): row[1] for row in rows}


@given("an application:", target_fixture="cells")
@given("申请信息如下:", target_fixture="cells")
def an_application(datatable: list[list[str]]) -> dict[str, str]:
    return _table(datatable)


@given("the application also has:", target_fixture="cells")
@given("申请信息另有:", target_fixture="cells")
def also_has(cells: dict[str, str], datatable: list[list[str]]) -> dict[str, str]:
    return {**cells, **_table(datatable)}


@given(parsers.parse('"{field}" is not provided'), target_fixture="cells")
@given(parsers.parse('"{field}" 未提供'), target_fixture="cells")
def not_provided(cells: dict[str, str], field: str) -> dict[str, str]:
    return {k: v for k, v in cells.items() if k != field}


@when("it is assessed", target_fixture="evaluation")
@when("评估该申请", target_fixture="evaluation")
def assessed(cells: dict[str, str], evaluator: Evaluator) -> Evaluation:
    return evaluator.evaluate(parse_application(from_cells(cells)))


@when(parsers.parse("it is assessed on {day}"), target_fixture="evaluation")
@when(parsers.parse("按 {day} 评估该申请"), target_fixture="evaluation")
def assessed_on(cells: dict[str, str], evaluator: Evaluator, day: str) -> Evaluation:
    return evaluator.evaluate(parse_application(from_cells(cells)), dt.date.fromisoformat(day.strip()))


def _result(evaluation: Evaluation, provision: str) -> ProvisionResult:
    for r in evaluation.results:
        if r.provision == provision:
            return r
    raise AssertionError(f"no provision {provision!r} in the result")


def _why(r: ProvisionResult) -> str:
    lines = [f"{r.provision}: {r.status}, amount {r.amount}, missing {', '.join(r.missing) or 'nothing'}"]
    lines += [f"  {c.id}: {c.result} — {c.explanation.en}" for c in r.criteria]
    return "\n".join(lines)


def _expect(what: str, actual: object, expected: object, r: ProvisionResult | None = None) -> None:
    """Fail with expected vs actual and the engine's reasons: what policy staff read in `subsidy test`."""
    if actual != expected:
        raise AssertionError(f"expected {what} {expected}, got {actual}" + (f"\n{_why(r)}" if r else ""))


@then(parsers.re(r'"(?P<provision>[a-z0-9-]+)" is (?P<status>eligible|ineligible|undetermined|review|not_in_effect)$'))
@then(parsers.parse('"{provision}" 的结论为 "{status}"'))
def status_is(evaluation: Evaluation, provision: str, status: str) -> None:
    r = _result(evaluation, provision)
    _expect(f"{provision} status", r.status, STATUS_ZH.get(status, status), r)


@then(parsers.parse('the amount of "{provision}" is {amount:d} yuan'))
@then(parsers.parse('"{provision}" 的金额为 {amount:d} 元'))
def amount_is(evaluation: Evaluation, provision: str, amount: int) -> None:
    r = _result(evaluation, provision)
    _expect(f"{provision} amount", r.amount, amount, r)


@then(parsers.parse('"{provision}" has no amount'))
@then(parsers.parse('"{provision}" 没有金额'))
def no_amount(evaluation: Evaluation, provision: str) -> None:
    r = _result(evaluation, provision)
    _expect(f"{provision} amount", r.amount, None, r)


@then(parsers.parse('the maximum amount of "{provision}" is {amount:d} yuan'))
@then(parsers.parse('"{provision}" 的最高金额为 {amount:d} 元'))
def max_amount_is(evaluation: Evaluation, provision: str, amount: int) -> None:
    r = _result(evaluation, provision)
    _expect(f"{provision} maximum amount", r.max_amount, amount, r)


@then(parsers.re(r'criterion "(?P<criterion>[a-z0-9-]+)" of "(?P<provision>[a-z0-9-]+)" is (?P<result>pass|fail|unknown)$'))
@then(parsers.parse('"{provision}" 的条件 "{criterion}" 为 "{result}"'))
def criterion_is(evaluation: Evaluation, provision: str, criterion: str, result: str) -> None:
    r = _result(evaluation, provision)
    found = [c for c in r.criteria if c.id == criterion]
    assert found, f"{provision} has no criterion {criterion!r}: {[c.id for c in r.criteria]}"
    _expect(f"{provision} / {criterion}", found[0].result, RESULT_ZH.get(result, result), r)


@then(parsers.parse('"{provision}" is missing "{fields}"'))
@then(parsers.parse('"{provision}" 缺少 "{fields}"'))
def missing_are(evaluation: Evaluation, provision: str, fields: str) -> None:
    r = _result(evaluation, provision)
    wanted = {f.strip() for f in re.split(r"[,、,]", fields) if f.strip()}
    _expect(f"{provision} missing", ", ".join(sorted(r.missing)), ", ".join(sorted(wanted)), r)


@then(parsers.parse("the total amount is {amount:d} yuan"))
@then(parsers.parse("总金额为 {amount:d} 元"))
def total_is(evaluation: Evaluation, amount: int) -> None:
    _expect("total amount", evaluation.total_amount, amount)


@then(parsers.re(r'the (?P<lang>zh|en) explanation of criterion "(?P<criterion>[a-z0-9-]+)" of "(?P<provision>[a-z0-9-]+)" contains "(?P<text>.+)"$'))
@then(parsers.re(r'"(?P<provision>[a-z0-9-]+)" 的条件 "(?P<criterion>[a-z0-9-]+)" 的(?P<lang>中文|英文)说明包含 "(?P<text>.+)"$'))
def explanation_contains(evaluation: Evaluation, provision: str, criterion: str, lang: str, text: str) -> None:
    r = _result(evaluation, provision)
    c = next(c for c in r.criteria if c.id == criterion)
    said = c.explanation.zh if lang in ("zh", "中文") else c.explanation.en
    if text not in said:
        raise AssertionError(f"expected the explanation of {criterion} to contain {text!r}, it says {said!r}")


# --- advice: how to qualify (engine/advise) ----------------------------------------------------------

@when("advice is asked for", target_fixture="evaluation")
@when("询问如何满足条件", target_fixture="evaluation")
def advice_asked(cells: dict[str, str], evaluator: Evaluator) -> Evaluation:
    return with_advice(evaluator, parse_application(from_cells(cells)))


def _advice(evaluation: Evaluation, provision: str) -> ProvisionAdvice:
    assert evaluation.advice is not None, "no advice was asked for: use 'When advice is asked for'"
    found = [a for a in evaluation.advice if a.provision == provision]
    assert found, f"no advice for {provision!r} (advice is given for ineligible and undetermined provisions only)"
    return found[0]


def _said(a: ProvisionAdvice) -> str:
    return f"{a.provision}: {a.kind} — {a.explanation.en}\n" + "\n".join(f"  {c.explanation.en}" for c in a.changes)


@then(parsers.parse('the advice for "{provision}" makes {count:d} change(s)'))
@then(parsers.parse('"{provision}" 的建议共改动 {count:d} 项'))
def advice_changes(evaluation: Evaluation, provision: str, count: int) -> None:
    a = _advice(evaluation, provision)
    if a.kind != "plan" or len(a.changes) != count:
        raise AssertionError(f"expected a plan of {count} change(s), got:\n{_said(a)}")


@then(parsers.parse('the advice for "{provision}" changes "{field}" to {value}'))
@then(parsers.parse('"{provision}" 的建议将 "{field}" 改为 {value}'))
def advice_changes_field(evaluation: Evaluation, provision: str, field: str, value: str) -> None:
    a = _advice(evaluation, provision)
    found = {c.field: c.after for c in a.changes}
    shown = str(found.get(field)).lower()
    if field not in found or shown != value.strip().lower():
        raise AssertionError(f"expected the advice to change {field} to {value}, got:\n{_said(a)}")


@then(parsers.re(r'after the advice "(?P<provision>[a-z0-9-]+)" is (?P<status>eligible|review|undetermined)$'))
@then(parsers.parse('按建议改动后 "{provision}" 的结论为 "{status}"'))
def advice_status(evaluation: Evaluation, evaluator: Evaluator, cells: dict[str, str], provision: str,
                  status: str) -> None:
    """The promise, and what re-evaluating the advised application really gives: both must say `status`."""
    a = _advice(evaluation, provision)
    wanted = STATUS_ZH.get(status, status)
    again = evaluator.evaluate(advised_application(parse_application(from_cells(cells)), a), evaluation.as_of)
    _expect(f"{provision} status promised by the advice", a.then_status, wanted)
    _expect(f"{provision} status of the advised application", again.result(provision).status, wanted)


@then(parsers.parse('after the advice the amount of "{provision}" is {amount:d} yuan'))
@then(parsers.parse('按建议改动后 "{provision}" 的金额为 {amount:d} 元'))
def advice_amount(evaluation: Evaluation, evaluator: Evaluator, cells: dict[str, str], provision: str,
                  amount: int) -> None:
    a = _advice(evaluation, provision)
    again = evaluator.evaluate(advised_application(parse_application(from_cells(cells)), a), evaluation.as_of)
    _expect(f"{provision} amount promised by the advice", a.then_amount, amount)
    _expect(f"{provision} amount of the advised application", again.result(provision).amount, amount)


@then(parsers.parse('the advice for "{provision}" is blocked by "{criteria}"'))
@then(parsers.parse('"{provision}" 无可行建议,受阻于条件 "{criteria}"'))
def advice_blocked(evaluation: Evaluation, provision: str, criteria: str) -> None:
    a = _advice(evaluation, provision)
    wanted = sorted(c.strip() for c in re.split(r"[,、,]", criteria) if c.strip())
    if a.kind != "blocked" or a.changes or sorted(b.criterion for b in a.blocking) != wanted:
        raise AssertionError(f"expected no plan, blocked by {', '.join(wanted)}; got:\n{_said(a)}\n"
                             f"  blocking: {', '.join(b.criterion for b in a.blocking) or 'none'}")


@then(parsers.parse('the advice for "{provision}" asks to supply "{fields}"'))
@then(parsers.parse('"{provision}" 的建议要求补充 "{fields}"'))
def advice_supply(evaluation: Evaluation, provision: str, fields: str) -> None:
    a = _advice(evaluation, provision)
    wanted = sorted(f.strip() for f in re.split(r"[,、,]", fields) if f.strip())
    _expect(f"{provision} facts to supply", sorted(a.supply), wanted)


# ---- allocation under a programme's budget or places (features/allocation*.feature) ---------------------

def _typed_cell(path: str, raw: str) -> object:
    kind = FIELDS[path].kind
    if kind == "date":
        return dt.date.fromisoformat(raw)
    if kind == "bool":
        return raw in ("true", "是")
    return int(raw) if kind in ("yuan", "count", "year") else raw


@given(parsers.parse('the candidates of "{programme_id}":'), target_fixture="candidates")
@given(parsers.parse('分配方案 "{programme_id}" 的候选申请如下:'), target_fixture="candidates")
def candidates_of(programme_id: str, datatable: list[list[str]], rulebook: Rulebook) -> tuple[Programme, list[Candidate]]:
    programme = load_programme(rulebook.directory, programme_id, rulebook)
    header, *rows = [[c.strip() for c in row] for row in datatable]
    out = []
    for number, row in enumerate(rows, start=1):
        cells = dict(zip(header, row))
        values = {k: _typed_cell(k, v) for k, v in cells.items() if "." in k and v}
        out.append(Candidate(number, cells["application_id"], None, STATUS_ZH.get(cells["status"], cells["status"]),
                             int(cells["amount"]) if cells.get("amount") else None, values))
    return programme, out


@when("they are allocated", target_fixture="allocation")
@when("按方案分配", target_fixture="allocation")
def allocated(candidates: tuple[Programme, list[Candidate]]) -> Allocation:
    programme, items = candidates
    return allocate(programme, items, dt.date(2027, 3, 31))


@when(parsers.parse("they are allocated with a budget of {budget:d} yuan"), target_fixture="allocation")
@when(parsers.parse("按预算 {budget:d} 元分配"), target_fixture="allocation")
def allocated_budget(candidates: tuple[Programme, list[Candidate]], budget: int) -> Allocation:
    programme, items = candidates
    return allocate(programme, items, dt.date(2027, 3, 31), budget=budget)


@when(parsers.parse("they are allocated with {places:d} places"), target_fixture="allocation")
@when(parsers.parse("按 {places:d} 个名额分配"), target_fixture="allocation")
def allocated_places(candidates: tuple[Programme, list[Candidate]], places: int) -> Allocation:
    programme, items = candidates
    return allocate(programme, items, dt.date(2027, 3, 31), places=places)


def _line(allocation: Allocation, application_id: str) -> Line:
    return next(ln for ln in allocation.lines if ln.candidate.application_id == application_id)


@then(parsers.parse('"{application_id}" is funded with {amount:d} yuan'))
@then(parsers.parse('"{application_id}" 获资助 {amount:d} 元'))
def funded_with(allocation: Allocation, application_id: str, amount: int) -> None:
    line = _line(allocation, application_id)
    _expect(f"{application_id} funded, award", (line.funded, line.award), (True, amount))


@then(parsers.parse('"{application_id}" is funded provisionally with {amount:d} yuan'))
@then(parsers.parse('"{application_id}" 暂定获资助 {amount:d} 元'))
def funded_provisionally(allocation: Allocation, application_id: str, amount: int) -> None:
    line = _line(allocation, application_id)
    _expect(f"{application_id} funded, provisional, award", (line.funded, line.provisional, line.award),
            (True, True, amount))


@then(parsers.parse('"{application_id}" is not funded'))
@then(parsers.parse('"{application_id}" 未获资助'))
def not_funded(allocation: Allocation, application_id: str) -> None:
    line = _line(allocation, application_id)
    _expect(f"{application_id} funded, award", (line.funded, line.award), (False, 0))


@then(parsers.parse('"{application_id}" ranks {rank:d}'))
@then(parsers.parse('"{application_id}" 排第 {rank:d} 名'))
def ranks(allocation: Allocation, application_id: str, rank: int) -> None:
    _expect(f"{application_id} rank", _line(allocation, application_id).rank, rank)


@then(parsers.parse("{count:d} applications are funded and {paid:d} yuan is paid"))
@then(parsers.parse("获资助 {count:d} 件,支付合计 {paid:d} 元"))
def funded_count(allocation: Allocation, count: int, paid: int) -> None:
    _expect("funded, paid", (len(allocation.funded), allocation.paid), (count, paid))


@then(parsers.parse('the marginal application is "{application_id}"'))
@then(parsers.parse('边际申请为 "{application_id}"'))
def marginal_is(allocation: Allocation, application_id: str) -> None:
    m = allocation.marginal
    _expect("marginal application", m.candidate.application_id if m else None, application_id)


@then(parsers.parse('the cut-off is "{cutoff}"'))
@then(parsers.parse('分数线为 "{cutoff}"'))
def cutoff_is(allocation: Allocation, cutoff: str) -> None:
    _expect("cut-off", allocation.cutoff, cutoff)


@then("the total paid never exceeds the budget and falls short of it by less than one yuan per award")
@then("支付合计不超过预算,且与预算相差不足每份 1 元")
def within_a_yuan(allocation: Allocation) -> None:
    a = allocation
    assert a.budget is not None
    short = a.budget - a.paid
    if not 0 <= short < max(1, len(a.funded)):
        raise AssertionError(f"budget {a.budget:,}, paid {a.paid:,}: short by {short:,} for {len(a.funded)} awards")
