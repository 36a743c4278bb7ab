"""`subsidy allocate`: limits never exceeded, deterministic, identical after 1 or 2 screening workers, files and errors."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook

from cli import main
from engine.allocate.allocation import Candidate, allocate
from engine.allocate.programmes import Programme, lint_programmes, load_programme
from engine.intake.sample import generate
from engine.rules.loader import DEFAULT_RULES, load_rulebook
from engine.policy.lint import lint_rules

RUNNER = CliRunner()
DAY = dt.date(2027, 3, 31)
PROGRAMMES = ("st-plan-projects", "compute-voucher-fund", "gongfu-baijing-places")


@pytest.fixture(scope="module")
def programmes() -> dict[str, Programme]:
    book = load_rulebook(DEFAULT_RULES)
    return {pid: load_programme(DEFAULT_RULES, pid, book) for pid in PROGRAMMES}


def _candidate(i: int, draw: st.DrawFn) -> Candidate:
    values = {}
    if draw(st.integers(0, 9)):  # now and then a field is missing: the application is not ranked
        values["review.project_score"] = draw(st.integers(0, 100))
    values["project.budget"] = draw(st.integers(0, 40_000_000))
    values["scenario.accepted_on"] = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 30)))
    values["scenario.investment"] = draw(st.integers(0, 10_000_000))
    amount = draw(st.one_of(st.none(), st.integers(0, 5_000_000)))
    return Candidate(i, f"A-{draw(st.integers(0, 50)):03d}", None, draw(st.sampled_from(["eligible", "review"])),
                     amount, values)


@st.composite
def pools(draw: st.DrawFn) -> list[Candidate]:
    return [_candidate(i, draw) for i in range(1, draw(st.integers(0, 40)) + 1)]


@settings(max_examples=300, deadline=None)
@given(pool=pools(), budget=st.integers(1, 60_000_000), places=st.one_of(st.none(), st.integers(0, 30)),
       which=st.sampled_from(PROGRAMMES), seed=st.integers(0, 1000))
def test_never_over_budget_or_places_and_the_same_whatever_the_input_order(
        programmes: dict[str, Programme], pool: list[Candidate], budget: int, places: int | None, which: str,
        seed: int) -> None:
    programme = programmes[which]
    places = None if programme.spec.method.kind == "pro_rata" else places
    a = allocate(programme, pool, DAY, budget=budget, places=places)
    assert a.paid <= budget
    assert places is None or len(a.funded) <= places
    assert all(0 <= ln.award <= (ln.request or 0) for ln in a.lines)
    if programme.spec.method.kind == "pro_rata":
        if a.demand > budget:  # oversubscribed: within one yuan per award of the budget
            assert budget - a.paid < max(1, sum(1 for ln in a.lines if ln.rank is not None))
        else:
            assert a.paid == a.demand
    else:  # in order: nobody below the marginal application is funded
        ranks = [ln.rank for ln in a.funded]
        assert ranks == list(range(1, len(ranks) + 1))
    shuffled = pool[:]
    random.Random(seed).shuffle(shuffled)
    b = allocate(programme, shuffled, DAY, budget=budget, places=places)
    assert [(ln.candidate, ln.rank, ln.award, ln.reason) for ln in a.lines] == \
           [(ln.candidate, ln.rank, ln.award, ln.reason) for ln in b.lines]


def test_the_shipped_programmes_are_clean_and_cite_the_plan(programmes: dict[str, Programme]) -> None:
    assert lint_programmes(DEFAULT_RULES, load_rulebook(DEFAULT_RULES)) == []
    st_plan, vouchers, places = (programmes[p].spec for p in PROGRAMMES)
    assert (st_plan.provision, st_plan.method.kind, programmes["st-plan-projects"].param("places", DAY)) == \
           ("st-plan-project", "ranked", 50)
    assert (vouchers.method.kind, programmes["compute-voucher-fund"].param("budget", DAY)) == ("pro_rata", 30_000_000)
    assert (places.method.kind, places.method.date) == ("first_come", "scenario.accepted_on")
    assert [programmes["gongfu-baijing-places"].param("places", dt.date(y, 6, 1)) for y in (2026, 2027, 2028)] \
        == [34, 33, 33]  # 100 scenarios over the plan


def test_rules_validate_reports_broken_programme_files(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES, rules)
    folder = rules / "programmes"
    text = (folder / "compute-voucher-fund.yaml").read_text(encoding="utf-8")
    (folder / "compute-voucher-fund.yaml").write_text(text.replace("provision: compute-voucher", "provision: nope"),
                                                      encoding="utf-8")
    text = (folder / "gongfu-baijing-places.yaml").read_text(encoding="utf-8")
    (folder / "gongfu-baijing-places.yaml").write_text(
        text.replace("date: scenario.accepted_on", "date: scenario.investment").replace("最高200万元", "最高300万元"),
        encoding="utf-8")
    (folder / "stray.yaml").write_text("id: other\n", encoding="utf-8")
    found = {(p.path, p.key) for p in lint_rules(rules)}
    assert ("rules/programmes/compute-voucher-fund.yaml", "provision") in found
    assert ("rules/programmes/gongfu-baijing-places.yaml", "method.date") in found
    assert ("rules/programmes/gongfu-baijing-places.yaml", "citation.text") in found
    assert any(path == "rules/programmes/stray.yaml" for path, _ in found)
    result = RUNNER.invoke(main, ["rules", "validate", str(rules)])
    assert result.exit_code == 1 and "programmes/compute-voucher-fund.yaml" in result.output


@pytest.fixture(scope="module")
def screened(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The same 1,000 generated applications screened with 1 and with 2 workers."""
    folder = tmp_path_factory.mktemp("screened")
    apps = folder / "apps.jsonl"
    assert RUNNER.invoke(main, ["sample", "--n", "1000", "--seed", "16", "-o", str(apps)]).exit_code == 0
    out = {}
    for workers in (1, 2):
        out[workers] = folder / f"results-{workers}.jsonl"
        result = RUNNER.invoke(main, ["screen", str(apps), "-o", str(out[workers]), "--workers", str(workers),
                                      "--quiet"])
        assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_identical_allocation_after_one_or_two_workers(screened: dict[int, Path], tmp_path: Path,
                                                       programme: str) -> None:
    outputs = []
    for workers, results in screened.items():
        out = tmp_path / f"{workers}.csv"
        result = RUNNER.invoke(main, ["allocate", str(results), "--programme", programme, "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append((out.read_bytes(), result.output))
    assert outputs[0] == outputs[1]
    with open(tmp_path / "1.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    funded = [r for r in rows if r["是否获资助"] == "是"]
    assert funded, "the sample must give every programme someone to fund"
    assert all(r["排名"] for r in funded) and all(r["暂定(待审核)"] == "是" for r in funded
                                                  if r["条款结论"] == "可申报,待审核")


def test_whatif_table_and_the_budget_cap_at_each_budget(screened: dict[int, Path]) -> None:
    budgets = [2_000_000, 5_000_000, 400_000_000]
    result = RUNNER.invoke(main, ["allocate", str(screened[1]), "--programme", "compute-voucher-fund",
                                  "--budget", ",".join(map(str, budgets)), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Budgets compared · programme compute-voucher-fund"
    assert "budget (yuan)" in lines[1] and "cut-off" in lines[1]
    paid = [int(line.split()[2].replace(",", "")) for line in lines[2:5]]
    assert [line.split()[0] for line in lines[2:5]] == ["2,000,000", "5,000,000", "400,000,000"]
    assert all(p <= b for p, b in zip(paid, budgets)) and paid == sorted(paid)
    assert lines[4].split()[3] == "100%"  # 400 million covers every voucher asked for


def test_xlsx_has_the_table_and_the_summary_and_csv_neutralises_formulas(tmp_path: Path) -> None:
    doc = {"application_id": "=HYPERLINK(\"x\")", "as_of": "2027-03-31", "status": "evaluated", "row": 1,
           "rules": {"pack": "p", "version": "v", "digest": "d"},
           "results": [{"provision": "compute-voucher", "status": "eligible", "amount": 1000}],
           "audit": {"input": {"applicant": {"name": "+86 济南"}}}}
    results = tmp_path / "r.jsonl"
    results.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "a.xlsx"
    assert RUNNER.invoke(main, ["allocate", str(results), "--programme", "compute-voucher-fund", "-o", str(out)]
                         ).exit_code == 0
    book = load_workbook(out)
    table = [[c.value for c in row] for row in book["allocation"].iter_rows()]
    assert table[0][:3] == ["排名", "申请编号", "行号"]
    assert table[1][1] == "=HYPERLINK(\"x\")" and book["allocation"]["B2"].data_type == "s"
    assert table[1][8] == 1000
    assert any("预算 30,000,000" in (r[0].value or "") for r in book["summary"].iter_rows())
    out_csv = tmp_path / "a.csv"
    assert RUNNER.invoke(main, ["allocate", str(results), "--programme", "compute-voucher-fund", "-o", str(out_csv),
                                "--lang", "en"]).exit_code == 0
    rows = list(csv.reader(out_csv.open(encoding="utf-8-sig")))
    assert rows[0][0] == "rank" and rows[1][1] == "'=HYPERLINK(\"x\")" and rows[1][3] == "'+86 济南"


@pytest.mark.parametrize("args, words", [
    (["--programme", "nope"], "没有分配方案 'nope'"),
    (["--programme", "compute-voucher-fund", "--places", "3"], "没有名额"),
    (["--programme", "compute-voucher-fund", "--budget", "20000000,abc"], "预算须为"),
    (["--programme", "compute-voucher-fund", "-o", "out.pdf"], ".csv 或 .xlsx"),
    (["--programme", "compute-voucher-fund", "--as-of", "2025-06-01"], "该日期没有生效的预算"),
])
def test_usage_errors_exit_2_in_chinese(tmp_path: Path, args: list[str], words: str) -> None:
    results = tmp_path / "r.jsonl"
    results.write_text("", encoding="utf-8")
    result = RUNNER.invoke(main, ["allocate", str(results), *args])
    assert result.exit_code == 2 and words in result.output, result.output


def test_a_line_that_is_not_a_result_is_named(tmp_path: Path) -> None:
    results = tmp_path / "r.jsonl"
    results.write_text('{"application_id": "A", "results": []}\nnot json\n', encoding="utf-8")
    result = RUNNER.invoke(main, ["allocate", str(results), "--programme", "st-plan-projects", "--lang", "en"])
    assert result.exit_code == 2 and "line 2: not JSON" in result.output
    results.write_text('{"application_id": "A", "results": 3}\n' + "[" * 100_000 + "\n", encoding="utf-8")
    result = RUNNER.invoke(main, ["allocate", str(results), "--programme", "st-plan-projects", "--lang", "en"])
    assert result.exit_code == 2 and "line 1: not an evaluation result" in result.output
    csv_results = tmp_path / "r.csv"
    csv_results.write_text("x\n", encoding="utf-8")
    result = RUNNER.invoke(main, ["allocate", str(csv_results), "--programme", "st-plan-projects"])
    assert result.exit_code == 2 and ".jsonl" in result.output


def test_diff_shows_who_a_rule_change_funds(tmp_path: Path) -> None:
    draft = tmp_path / "draft"
    shutil.copytree(DEFAULT_RULES, draft)
    path = draft / "compute-voucher.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('2026-01-01: "0.05"', '2026-01-01: "0.20"'),
                    encoding="utf-8")
    apps = tmp_path / "apps.jsonl"
    with open(apps, "w", encoding="utf-8") as fh:
        for doc in generate(400, seed=3):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    result = RUNNER.invoke(main, ["diff", "--base", str(DEFAULT_RULES), "--proposed", str(draft), str(apps),
                                  "--programme", "compute-voucher-fund", "--format", "json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    (delta,) = json.loads(result.output)["allocations"]
    before, after = delta["before"], delta["after"]
    assert delta["programme"] == "compute-voucher-fund" and after["demand"] > before["demand"]
    assert after["paid"] <= 30_000_000 and delta["paid_delta"] == after["paid"] - before["paid"]
    assert delta["changed"] and all(c["after"] >= c["before"] for c in delta["changed"])
    text = RUNNER.invoke(main, ["diff", "--base", str(DEFAULT_RULES), "--proposed", str(draft), str(apps),
                                "--programme", "compute-voucher-fund", "--workers", "1", "--lang", "en"]).output
    assert "Allocation of programme compute-voucher-fund" in text


def test_sample_fills_the_programme_fields() -> None:
    docs = list(generate(3000, seed=5))
    projects = [d for d in docs if "project" in d]
    scored = [d for d in projects if "project_score" in d.get("review", {})]
    accepted = [d for d in docs if d.get("scenario", {}).get("accepted_on")]
    assert len(projects) > 100 and len(scored) > 0.7 * len(projects) and accepted
    assert all(0 <= d["review"]["project_score"] <= 100 for d in scored)
    assert all(d["scenario"]["accepted_on"] <= "2027-03-31" for d in accepted)
