"""The interview as a clerk's form: Chinese answers, sections in order, hints, help, pick-lists, Ctrl-C with --save.

Done means: an interview answered in Chinese (企业, 济南, 工业机器人, 320万) reaches what `subsidy check` decides
for the same application written as codes in JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from click.testing import CliRunner

from cli import main
from engine import Evaluator, parse_application
from engine.selfcheck.interview import next_question
from engine.selfcheck.terminal import Session
from schemas.application import FIELDS
from schemas.result import Evaluation

AS_OF = "2027-03-31"
# What a clerk at a Jinan robot maker types, in Chinese where a person would.
TYPED = {
    "applicant.kind": "企业", "applicant.city_code": "济南", "applicant.industry_code": "工业机器人",
    "applicant.designations": "高企、科技型中小企业、专精特新", "applicant.registered_on": "2016年4月18日",
    "applicant.employees": "486人", "applicant.tech_staff": "152", "applicant.total_assets": "5.6亿",
    "applicant.hitech_revenue": "3.38亿", "applicant.hte_valid_until": "2028-11-30",
    "applicant.deemed_profit_taxpayer": "否", "applicant.dishonest_listed": "否", "applicant.major_accident_3y": "N",
    "applicant.abnormal_operations_listed": "×", "rd.fiscal_year": "2026年", "rd.expense": "3,860万",
    "rd.expense_prev": "29,400,000", "rd.revenue": "4.12亿", "rd.super_deduction_filed": "是",
    "rd.expense_3y": "9350万", "rd.revenue_3y": "10.86亿", "rd.domestic_expense_3y": "9120万",
    "scenario.listed_in_gongfu_baijing": "是", "scenario.robot_application": "√", "scenario.listed_year": "2026",
    "scenario.accepted": "是", "scenario.investment": "745万",
    "scenario.other_provincial_funding": "否", "compute.contract_amount": "320万", "compute.provider_in_shandong": "是",
    "compute.paid": "是", "compute.related_party": "否", "compute.received_to_date": "0", "compute.ai_compute": "是",
}
# The same application as JSON codes: what `subsidy check` is given.
EQUIVALENT = {
    "application_id": "self-check", "as_of": AS_OF,
    "applicant": {"kind": "enterprise", "city_code": "370100", "industry_code": "3491",
                  "designations": ["high_tech_enterprise", "tech_sme", "srdi"], "registered_on": "2016-04-18",
                  "employees": 486, "tech_staff": 152, "total_assets": 560_000_000, "hitech_revenue": 338_000_000,
                  "hte_valid_until": "2028-11-30", "deemed_profit_taxpayer": False, "dishonest_listed": False,
                  "major_accident_3y": False, "abnormal_operations_listed": False},
    "rd": {"fiscal_year": 2026, "expense": 38_600_000, "expense_prev": 29_400_000, "revenue": 412_000_000,
           "super_deduction_filed": True, "expense_3y": 93_500_000, "revenue_3y": 1_086_000_000,
           "domestic_expense_3y": 91_200_000},
    "scenario": {"listed_in_gongfu_baijing": True, "robot_application": True, "listed_year": 2026,
                 "accepted": True, "investment": 7_450_000, "other_provincial_funding": False},
    "compute": {"contract_amount": 3_200_000, "provider_in_shandong": True, "paid": True, "related_party": False,
                "received_to_date": 0, "ai_compute": True},
}
_BY_LABEL = sorted(((spec.zh, path) for path, spec in FIELDS.items()), key=lambda p: -len(p[0]))


def field_of(prompt: str) -> str:
    """The field a prompt asks for: prompts begin with the field's Chinese label."""
    return next(path for label, path in _BY_LABEL if prompt == label or prompt.startswith(label + " "))


class Clerk:
    """Types the answers of `typed` at the prompts (Enter for what it does not know) and records everything."""

    def __init__(self, typed: dict[str, str], extra: list[str] | None = None) -> None:
        self.typed, self.extra = typed, list(extra or [])
        self.prompts: list[str] = []
        self.said: list[str] = []
        self.keys: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        key = self.extra.pop(0) if self.extra else self.typed.get(field_of(prompt), "")
        self.keys.append(key)
        return key


def interview(durable: Evaluator, typed: dict[str, str], extra: list[str] | None = None
              ) -> tuple[Session, Clerk, Evaluation]:
    clerk = Clerk(typed, extra)
    session = Session(durable, "zh", clerk.ask, clerk.said.append, as_of=parse_application(EQUIVALENT).as_of)
    return session, clerk, session.run()


def outcome(evaluation: Evaluation) -> list[tuple[str, str, int | None, tuple[str, ...]]]:
    return [(r.provision, r.status, r.amount, r.missing) for r in evaluation.results]


def test_an_interview_answered_in_chinese_reaches_what_check_decides(durable: Evaluator) -> None:
    _, clerk, evaluation = interview(durable, TYPED)
    expected = durable.evaluate(parse_application(EQUIVALENT))
    assert outcome(evaluation) == outcome(expected)
    assert evaluation.total_pending_review == expected.total_pending_review == 2_570_000
    assert {"  320万 → 3,200,000 元", "  济南 → 济南市(370100)", "  工业机器人 → 3491 工业机器人制造",
            "  4.12亿 → 412,000,000 元"} <= set(clerk.said)
    assert not any(line.startswith("  应为") for line in clerk.said)  # every Chinese answer was taken at once


def test_the_cli_interview_in_chinese_prints_what_check_prints_for_the_saved_file(durable: Evaluator,
                                                                                   tmp_path: Path) -> None:
    _, clerk, _ = interview(durable, TYPED)  # the same answers, in the order the form asks them
    saved = tmp_path / "answers.json"
    run = CliRunner().invoke(main, ["interview", "--as-of", AS_OF, "--save", str(saved)],
                             input="\n".join(clerk.keys) + "\n")
    assert run.exit_code == 0, run.output
    assert "申请单位类型 [企业/高校/科研院所/园区运营方]" in run.output
    assert "近三年发生重大事故 [是/否]" in run.output and "(用于:研发投入补助" in run.output
    assert run.output.index("一、申请单位基本情况") < run.output.index("二、研发投入") < run.output.index("六、算力券")
    check = CliRunner().invoke(main, ["check", str(saved), "--advice"])
    assert check.exit_code == 0 and check.output.strip() in run.output
    assert json.loads(saved.read_text(encoding="utf-8")) == EQUIVALENT


def test_the_form_goes_section_by_section_and_asks_the_year_before_the_expense(durable: Evaluator) -> None:
    _, clerk, _ = interview(durable, TYPED)
    asked = [field_of(p) for p in clerk.prompts]
    order = list(FIELDS)
    assert [order.index(f) for f in asked] == sorted(order.index(f) for f in asked)
    assert asked.index("rd.fiscal_year") < asked.index("rd.expense")


def test_a_compute_contract_of_zero_ends_the_compute_questions(durable: Evaluator) -> None:
    doc: dict = {"as_of": AS_OF, "applicant": {"kind": "enterprise", "city_code": "370112", "industry_code": "3491"},
                 "compute": {"contract_amount": 0}}
    asked = set()
    while (q := next_question(durable, doc, frozenset(asked))) is not None:
        asked.add(q.field)
    assert asked and not any(f.startswith("compute.") for f in asked)
    doc["compute"]["contract_amount"] = 1  # any contract at all: the compute questions come back
    assert any(f.startswith("compute.") for f in _all_asked(durable, doc))


def _all_asked(durable: Evaluator, doc: dict) -> set[str]:
    asked: set[str] = set()
    while (q := next_question(durable, doc, frozenset(asked))) is not None:
        asked.add(q.field)
    return asked


def test_help_names_the_provisions_and_criteria_a_question_serves(durable: Evaluator) -> None:
    _, clerk, _ = interview(durable, {"applicant.kind": "企业", "applicant.city_code": "济南"},
                         extra=["企业", "?"])
    assert clerk.prompts[1].startswith("注册地行政区划代码 (地名或行政区划代码")
    help_start = clerk.said.index("“注册地行政区划代码”(applicant.city_code)")
    shown = clerk.said[help_start:]
    assert any(line.startswith("· 研发投入补助(计划第 ") for line in shown)
    assert any("条件:" in line and "山东" in line for line in shown)
    assert clerk.prompts[2] == clerk.prompts[1]  # after help, the same question again


def test_an_ambiguous_place_and_an_industry_keyword_give_a_pick_list(durable: Evaluator) -> None:
    session, clerk, _ = interview(durable, {}, extra=["企业", "市中区", "9", "2", "机器人", "1"])
    assert "“市中区”可能是以下之一,请输入编号(回车重新填写):" in clerk.said
    assert "  1) 济南市市中区(370103)" in clerk.said and "  2) 枣庄市市中区(370402)" in clerk.said
    assert "  请输入 1 到 2 之间的编号" in clerk.said
    assert "  1) 3491 工业机器人制造" in clerk.said
    assert session.doc["applicant"]["city_code"] == "370402"
    assert session.doc["applicant"]["industry_code"] == "3491"


def test_a_wrong_answer_is_explained_and_asked_again(durable: Evaluator) -> None:
    session, clerk, _ = interview(durable, {}, extra=["公司", "火星", "青岛高新区"])
    assert session.doc["applicant"]["kind"] == "enterprise"  # a synonym
    assert any(line.startswith("  无法识别地名“火星”") for line in clerk.said)
    assert session.doc["applicant"]["city_code"] == "370200"  # a zone lies in its prefecture
    assert clerk.prompts[1] == clerk.prompts[2]


def test_ctrl_c_saves_the_answers_so_far_with_save(tmp_path: Path) -> None:
    saved = tmp_path / "partial.json"
    run = CliRunner().invoke(main, ["interview", "--as-of", AS_OF, "--save", str(saved)], input="企业\n济南\n")
    assert run.exit_code == 130
    assert "已中断。本次回答的 2 题已保存到" in run.output
    assert json.loads(saved.read_text(encoding="utf-8")) == {
        "application_id": "self-check", "as_of": AS_OF, "applicant": {"kind": "enterprise", "city_code": "370100"}}
    unsaved = CliRunner().invoke(main, ["interview", "--as-of", AS_OF], input="企业\n")
    assert unsaved.exit_code == 130 and "回答未保存(加 --save 文件名 可保存已答内容)" in unsaved.output
    english = CliRunner().invoke(main, ["interview", "--lang", "en", "--as-of", AS_OF], input="enterprise\n")
    assert "Kind of applicant [enterprise/university/research institute/park operator]" in english.output
    assert "Interrupted; the answers were not saved" in english.output


def test_an_interview_goes_on_from_a_saved_file_and_ends_where_check_does(durable: Evaluator, tmp_path: Path) -> None:
    partial, full = tmp_path / "partial.json", tmp_path / "full.json"
    _, clerk, _ = interview(durable, TYPED)
    first = CliRunner().invoke(main, ["interview", "--as-of", AS_OF, "--save", str(partial)],
                               input="\n".join(clerk.keys[:5]) + "\n")
    assert first.exit_code == 130
    rest = CliRunner().invoke(main, ["interview", "--from", str(partial), "--save", str(full)],
                              input="\n".join(clerk.keys[5:]) + "\n")
    assert rest.exit_code == 0, rest.output
    assert "已读入" in rest.output and "申请单位类型 [" not in rest.output  # what was answered is not asked again
    assert json.loads(full.read_text(encoding="utf-8")) == EQUIVALENT
    unwritable = CliRunner().invoke(main, ["interview", "--from", str(full), "--save", str(tmp_path / "no" / "x.json")],
                                    input="\n" * 80)
    assert unwritable.exit_code == 2 and "无法保存到" in unwritable.output
