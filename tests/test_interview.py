"""The self-check interview asks only what can change a status, and reaches what `check` says."""

from __future__ import annotations

from typing import Any

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from engine import Evaluator, parse_application
from engine.rules.typecheck import fields_of
from engine.selfcheck.interview import next_question, replay
from schemas.application import FIELDS

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_interview_reaches_the_check_result_with_fewer_questions(durable: Evaluator, path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    asked, final = replay(durable, doc)
    # The interview never asks for a reviewer's decisions (review.*): an applicant cannot give them.
    expected = durable.evaluate(parse_application({k: v for k, v in doc.items() if k != "review"}))
    assert [(r.status, r.amount) for r in final.results] == [(r.status, r.amount) for r in expected.results]
    assert asked < len(FIELDS)


def test_a_university_is_never_asked_about_rd_expense(durable: Evaluator) -> None:
    doc: dict = {"as_of": "2027-03-31", "applicant": {"kind": "university"}}
    asked = set()
    while (q := next_question(durable, doc, frozenset(asked))) is not None:
        asked.add(q.field)
    assert not any(f.startswith(("rd.", "compute.", "scenario.")) for f in asked)


def test_outside_shandong_nothing_shandong_only_is_asked(durable: Evaluator) -> None:
    doc: dict = {"as_of": "2027-03-31", "applicant": {"city_code": "110108", "kind": "enterprise"}}
    asked = set()
    while (q := next_question(durable, doc, frozenset(asked))) is not None:
        asked.add(q.field)
    # Only what the provisions without a Shandong criterion read (tax preferences, self-checks) is asked.
    def reads(p: Any) -> list[str]:  # criteria and the tiers of the scores they compare
        return fields_of((*(c.when for c in p.criteria), *(t.when for s in p.scores.values() for t in s.tiers or [])))

    anywhere = {f for p in durable.rulebook.provisions if all(c.id != "in-shandong" for c in p.criteria) for f in reads(p)}
    shandong_only = {f for p in durable.rulebook.provisions for f in reads(p)} - anywhere
    assert asked and asked <= anywhere
    assert not asked & shandong_only


def test_cli_interview_reasks_bad_answers_and_saves(tmp_path: Path) -> None:
    answers = "\n".join(["university", "370102", "否", "是", "provincial", "national", "2026-13-01", "2026-09-18",
                         "否"] + [""] * 40) + "\n"
    saved = tmp_path / "app.json"
    result = CliRunner().invoke(main, ["interview", "--lang", "en", "--as-of", "2027-03-31", "--save", str(saved)],
                                input=answers)
    assert result.exit_code == 0, result.output
    assert "should be a date written YYYY-MM-DD" in result.output
    assert "[eligible] Support for platforms upgraded to national level (platform-upgrade) — 10,000,000 yuan" in result.output
    assert json.loads(saved.read_text(encoding="utf-8"))["platform"]["upgraded_on"] == "2026-09-18"
