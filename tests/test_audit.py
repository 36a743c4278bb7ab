"""Audit block and replay: a saved decision is confirmed, an edited input or a changed rule is flagged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner

from cli import main
from engine import Evaluator, parse_application
from helpers import edit

RUNNER = CliRunner()


def saved_decision(tmp_path: Path, doc: dict, rules: str | None = None) -> Path:
    app = tmp_path / "app.json"
    app.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    args = ["check", str(app), "--format", "json"] + (["--rules", rules] if rules else [])
    result = tmp_path / "result.json"
    result.write_text(RUNNER.invoke(main, args).output, encoding="utf-8")
    return result


def test_audit_block_names_rules_engine_input_and_time(tmp_path: Path, full: dict, rulebook) -> None:
    audit = json.loads(saved_decision(tmp_path, full).read_text(encoding="utf-8"))["audit"]
    assert audit["rules_digest"] == rulebook.digest and audit["rules_version"] == "2026.2"
    assert audit["durable_rules_version"] == "2.0.28" and audit["matcher"] == "durable_rules"
    assert audit["engine_version"] != "unknown" and audit["as_of"] == "2027-03-31"
    assert len(audit["input_sha256"]) == 64 and audit["input"]["rd"]["expense"] == 12_000_000
    assert audit["evaluated_at"].endswith("+00:00")


def test_verify_confirms_a_saved_decision(tmp_path: Path, full: dict) -> None:
    result = RUNNER.invoke(main, ["verify", "--lang", "en", str(saved_decision(tmp_path, full))])
    assert result.exit_code == 0, result.output
    assert "✓ T-1 (line 1): reproduced exactly" in result.output


def test_verify_speaks_chinese_by_default(tmp_path: Path, full: dict) -> None:
    result = RUNNER.invoke(main, ["verify", str(saved_decision(tmp_path, full))])
    assert result.exit_code == 0, result.output
    assert "✓ T-1(第 1 行):完全复现" in result.output
    assert "1 个决定中 1 个完全复现" in result.output


def test_verify_flags_a_decision_whose_rules_changed(tmp_path: Path, full: dict, rules_copy: Path) -> None:
    saved = saved_decision(tmp_path, full)
    edit(rules_copy, "rd-grant.yaml", '"0.03"', '"0.07"')  # the intensity threshold rises above this firm's 6%
    result = RUNNER.invoke(main, ["verify", "--lang", "en", str(saved), "--rules", str(rules_copy)])
    assert result.exit_code == 1
    assert "the rules changed since the decision (rules digest differs)" in result.output
    assert "rd-grant status: saved eligible, now ineligible" in result.output
    assert "rd-grant criterion rd-intensity: saved pass, now fail" in result.output


def test_verify_flags_an_edited_input(tmp_path: Path, full: dict) -> None:
    saved = saved_decision(tmp_path, full)
    doc = json.loads(saved.read_text(encoding="utf-8"))
    doc["audit"]["input"]["applicant"]["city_code"] = "110108"
    saved.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = RUNNER.invoke(main, ["verify", "--lang", "en", str(saved)])
    assert result.exit_code == 1 and "edited after the decision" in result.output


def test_verify_reads_a_screening_jsonl(tmp_path: Path) -> None:
    from helpers import make_rows, write_csv

    source = write_csv(tmp_path / "apps.csv", make_rows(20, bad=1))
    out = tmp_path / "out.jsonl"
    assert RUNNER.invoke(main, ["screen", str(source), "-o", str(out), "--workers", "1"]).exit_code == 0
    result = RUNNER.invoke(main, ["verify", "--lang", "en", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == [
        "19 of 19 decision(s) reproduced",
        "1 error record(s) skipped: the row was never evaluated, so there is no decision to replay"]


def test_audit_input_is_copied_and_hashed_only_when_read(rulebook, full: dict, monkeypatch) -> None:
    import copy as copy_module

    import engine.evaluate.audit
    from schemas.result import Audit

    hashed: list[str] = []  # one entry per serialisation of the input
    original = engine.evaluate.audit.canonical_json
    monkeypatch.setattr(engine.evaluate.audit, "canonical_json", lambda app: (hashed.append(app.application_id), original(app))[1])
    app = parse_application(full)
    audit = Evaluator(rulebook).evaluate(app).audit
    assert hashed == []  # a CSV screening never reads it and pays nothing
    assert audit.input_sha256 == hashlib.sha256(original(app)).hexdigest() and hashed == [app.application_id]
    assert audit.input_json == original(app).decode() and len(hashed) == 1  # hashed and copied from one serialisation
    assert audit.input["rd"]["expense"] == full["rd"]["expense"] and len(hashed) == 1  # made once
    assert original(app) == app.model_dump_json(exclude_none=True).encode()
    copy = copy_module.deepcopy(audit)  # through __reduce__, as pickling between processes: a plain Audit
    assert type(copy) is Audit and copy == audit and audit == copy
