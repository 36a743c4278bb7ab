"""The fast screening path gives exactly what the full one gives: lean decisions, JSON lines parsed by pydantic,
`--detail summary` and `--output-lang`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from engine import Evaluator, InputError, parse_application
from engine.batch.screen import ScreenOptions, screen
from engine.intake.documents import loads_untrusted, parse_line
from engine.intake.sample import generate, write_sample

from helpers import ROOT


def _decisions(evaluation: Any) -> list[tuple[Any, ...]]:
    return [(r.provision, r.status, r.amount, r.estimate, r.missing, r.pending_review,
             tuple(c.id for c in r.criteria if c.result == "fail")) for r in evaluation.results]


@pytest.mark.parametrize("matcher", ["durable", "reference"])
def test_lean_screening_decides_exactly_what_the_full_result_says(matcher: str, request: pytest.FixtureRequest) -> None:
    evaluator: Evaluator = request.getfixturevalue(matcher)
    days = [None, dt.date(2025, 6, 1), dt.date(2029, 1, 1)]  # the plan's window, before it, after it
    checked = 0
    for i, doc in enumerate(generate(600, seed=11, missing_share=0.3)):
        app = parse_application(doc)
        day = days[i % 3]
        full, lean = evaluator.evaluate(app, day), evaluator.screen(app, day)
        assert list(lean.results) == _decisions(full), app.application_id
        assert (lean.total_amount, lean.total_pending_review) == (full.total_amount, full.total_pending_review)
        assert lean.warnings == tuple(w.loc for w in full.warnings)
        assert lean.input_sha256() == full.audit.input_sha256
        checked += sum(r[1] in ("eligible", "review") for r in lean.results)
    assert checked > 100  # the sample reaches amounts, not only refusals


def _slow(raw: bytes, row: int) -> tuple[Any, list[dict[str, Any]]]:
    """What the screening did before the fast path: json.loads, then validation of the dict."""
    try:
        doc = loads_untrusted(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        return None, [{"loc": "(line)", "type": "json_invalid", "en": f"is not valid JSON: {exc}"}]
    try:
        return parse_application(doc, row=row), []
    except InputError as exc:
        return None, [{"loc": i.loc, "type": i.type, "en": i.en} for i in exc.issues]


def test_json_lines_parse_as_json_loads_and_validation_would(tmp_path: Path) -> None:
    source = tmp_path / "apps.jsonl"
    write_sample(str(source), 400, seed=5, invalid_share=0.3)
    lines = source.read_bytes().splitlines()
    lines += [b"\xef\xbb\xbf" + lines[0], b'{"application_id": NaN}', b"[1, 2]", b'"text"', b"{", b"\xff\xfe",
              b'{"application_id": "A", "applicant": {"employees": 1e2}}', lines[1].replace(b"}", b', "x": Infinity}', 1),
              b'{"application_id": "A", "application_id": "B"}', b'{"application_id": "A", "as_of": "2027-3-1"}']
    refused = 0
    for row, raw in enumerate(lines, start=1):
        app, _, issues = parse_line(raw, row)
        expected, expected_issues = _slow(raw, row)
        assert app == expected, raw[:80]
        assert [{"loc": i.loc, "type": i.type, "en": i.en} for i in issues] == expected_issues, raw[:80]
        refused += app is None
    assert refused > 100


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_summary_detail_holds_the_full_results_decisions_and_is_far_smaller(tmp_path: Path) -> None:
    source = tmp_path / "apps.jsonl"
    write_sample(str(source), 300, seed=3, invalid_share=0.05)
    out = {d: tmp_path / f"{d}.jsonl" for d in ("full", "summary")}
    for detail, path in out.items():
        screen(ScreenOptions(str(source), str(path), str(ROOT / "rules"), workers=2, detail=detail))
    full, summary = _records(out["full"]), _records(out["summary"])
    assert len(full) == len(summary) == 300
    for f, s in zip(full, summary):
        assert (f["row"], f["status"], f["flags"]) == (s["row"], s["status"], s["flags"])
        if f["status"] == "error":
            assert f["errors"] == s["errors"]
            continue
        assert s["detail"] == "summary" and s["audit"]["input_sha256"] == f["audit"]["input_sha256"]
        assert [(r["provision"], r["status"], r["amount"], r["estimate"], r["missing"], r["pending_review"],
                 [c["id"] for c in r["criteria"] if c["result"] == "fail"]) for r in f["results"]] == \
               [(r["provision"], r["status"], r["amount"], r["estimate"], r["missing"], r["pending_review"],
                 r["failed"]) for r in s["results"]]
        assert (f["total_amount"], f["total_pending_review"]) == (s["total_amount"], s["total_pending_review"])
    assert out["summary"].stat().st_size * 5 < out["full"].stat().st_size


def test_one_language_keeps_only_its_words(tmp_path: Path) -> None:
    source = tmp_path / "apps.jsonl"
    write_sample(str(source), 20, seed=4, invalid_share=0.0)
    both, zh = tmp_path / "both.jsonl", tmp_path / "zh.jsonl"
    screen(ScreenOptions(str(source), str(both), str(ROOT / "rules"), workers=1))
    screen(ScreenOptions(str(source), str(zh), str(ROOT / "rules"), workers=1, output_lang="zh"))
    for b, z in zip(_records(both), _records(zh)):
        assert z["results"][0]["title"] == {"zh": b["results"][0]["title"]["zh"]}
        assert "en" not in json.dumps(z["results"][1]["criteria"][0]["explanation"])
        assert [r["status"] for r in z["results"]] == [r["status"] for r in b["results"]]
    assert zh.stat().st_size < both.stat().st_size


def test_verify_replays_summary_records_from_the_screened_input(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main

    source = tmp_path / "apps.jsonl"
    write_sample(str(source), 40, seed=8, invalid_share=0.1)
    out = tmp_path / "summary.jsonl"
    screen(ScreenOptions(str(source), str(out), str(ROOT / "rules"), workers=1, detail="summary"))
    rules = ["--rules", str(ROOT / "rules")]
    good = CliRunner().invoke(main, ["verify", "--lang", "en", str(out), "--input", str(source), *rules])
    assert good.exit_code == 0, good.output
    evaluated = sum(r["status"] == "evaluated" for r in _records(out))
    assert f"{evaluated} of {evaluated} decision(s) reproduced" in good.output
    assert CliRunner().invoke(main, ["verify", "--lang", "en", str(out), *rules]).exit_code == 1  # no input: nothing to replay
    records = _records(out)
    target = next(r for r in records if r["status"] == "evaluated")
    target["results"][0]["status"] = "eligible" if target["results"][0]["status"] != "eligible" else "ineligible"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    bad = CliRunner().invoke(main, ["verify", "--lang", "en", str(out), "--input", str(source), *rules])
    assert bad.exit_code == 1 and f"{target['results'][0]['provision']} status" in bad.output
