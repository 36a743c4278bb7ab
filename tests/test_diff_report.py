"""`subsidy diff` names the cause of each change and shows the same facts in text, Markdown, HTML and JSON."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from helpers import ROOT, edit, make_rows, write_csv

RUNNER = CliRunner()
RATE = {"zh": "参数 rate 0.10 → 0.12(自 2027-01-01 起)", "en": "rate 0.10 → 0.12 from 2027-01-01"}


@pytest.fixture(scope="module")
def rate_draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A draft that only raises rd-grant's rate from 2027, and applications many of which it pays more."""
    import shutil

    tmp = tmp_path_factory.mktemp("diff")
    draft = tmp / "draft"
    shutil.copytree(ROOT / "rules", draft)
    edit(draft, "rd-grant.yaml", '      2026-01-01: "0.10"', '      2026-01-01: "0.10"\n      2027-01-01: "0.12"')
    rows = make_rows(100, bad=2)
    for i, row in enumerate(rows):
        row["rd.expense"] = str(12_000_000 + 977 * i)
    return draft, write_csv(tmp / "apps.csv", rows)


def run(draft: Path, apps: Path, fmt: str, lang: str) -> str:
    out = RUNNER.invoke(main, ["diff", "--base", str(ROOT / "rules"), "--proposed", str(draft), str(apps),
                               "--format", fmt, "--workers", "1", "--lang", lang])
    assert out.exit_code == 0, out.output
    return html.unescape(out.output) if fmt == "html" else out.output


def test_every_changed_amount_of_a_rate_only_draft_is_put_down_to_the_rate(rate_draft: tuple[Path, Path]) -> None:
    draft, apps = rate_draft
    doc = json.loads(run(draft, apps, "json", "zh"))
    changes = [ch for a in doc["affected"] for ch in a["changes"]]
    assert len(changes) > 50  # more than the text report lists
    cause = {"kind": "parameter", "parameter": "rate", "before": "0.10", "after": "0.12", "from": "2027-01-01"}
    assert all(ch["causes"] == [cause] and ch["provision"] == "rd-grant" for ch in changes)
    assert doc["parameter_changes"] == [{"provision": "rd-grant", "parameter": "rate", "from": "2027-01-01",
                                         "before": "0.10", "after": "0.12"}]
    delta = doc["total_delta"]
    for lang in ("zh", "en"):
        for fmt in ("text", "markdown", "html"):
            shown = run(draft, apps, fmt, lang)
            listed = {"text": 50, "markdown": 200, "html": 2000}[fmt]
            # each listed change names the rate, and the per-provision summary once more
            assert shown.count(RATE[lang]) == min(listed, len(changes)) + 1, (fmt, lang)
            assert f"{delta:+,}" in shown and f"{len(changes):,}" in shown
            assert "None" not in shown


def test_all_formats_show_matrix_cities_and_truncation(rate_draft: tuple[Path, Path]) -> None:
    draft, apps = rate_draft
    doc = json.loads(run(draft, apps, "json", "en"))
    city = next(iter(doc["city_delta"]))
    for fmt in ("text", "markdown", "html"):
        zh, en = run(draft, apps, fmt, "zh"), run(draft, apps, fmt, "en")
        assert "结论变化矩阵" in zh and "Status transitions" in en
        assert "各市金额变化" in zh and f"{doc['city_delta'][city]:+,}" in zh and city in en
        assert re.search(r"\d{1,3},\d{3}", en)  # amounts with separators
    assert "only the first 50 listed" in run(draft, apps, "text", "en")
    assert "只列出前 50 份" in run(draft, apps, "text", "zh")
    assert "not shown" not in run(draft, apps, "markdown", "en")  # 200 rows fit


def test_a_changed_criterion_is_named_as_the_cause(tmp_path: Path, rules_copy: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", '      2026-01-01: "0.03"', '      2026-01-01: "0.07"')
    rows = make_rows(12)
    for row in rows:
        row["rd.expense"] = "12000000"
    apps = write_csv(tmp_path / "apps.csv", rows)
    doc = json.loads(run(rules_copy, apps, "json", "en"))
    causes = [c for a in doc["affected"] for ch in a["changes"] for c in ch["causes"]]
    assert causes and {"kind": "criterion", "id": "rd-intensity", "before": "pass", "after": "fail"} in causes
    assert {"kind": "parameter", "parameter": "min_rd_intensity", "before": "0.03", "after": "0.07",
            "from": "2026-01-01"} in causes
    assert "条件 rd-intensity 通过→不通过" in run(rules_copy, apps, "text", "zh")
