"""The policy reference book (`subsidy rules doc`): committed copies current, HTML safe, nothing left out."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from engine.rules.loader import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
AS_OF = "2027-01-01"  # the date the committed books are generated for (they say so)
RUNNER = CliRunner()


def _doc(*args: str) -> str:
    out = RUNNER.invoke(main, ["rules", "doc", "--rules", str(RULES), "--as-of", AS_OF, *args])
    assert out.exit_code == 0, out.output
    return out.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_committed_book_is_current(lang: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"policy.{lang}.md"
    _doc("--lang", lang, "-o", str(fresh))
    committed = ROOT / "docs" / f"policy.{lang}.md"
    # A rule change must come with the regenerated book, so the book never describes other rules than the engine's.
    assert fresh.read_bytes() == committed.read_bytes(), (
        f"docs/policy.{lang}.md is out of date with rules/; regenerate it with:\n"
        f"  .venv/bin/subsidy rules doc --lang {lang} --as-of {AS_OF} -o docs/policy.{lang}.md"
    )


def test_chinese_is_the_default_and_stdout_matches_the_file() -> None:
    assert _doc() == (ROOT / "docs" / "policy.zh.md").read_text(encoding="utf-8")


def test_html_escapes_rule_text_and_loads_nothing_external(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "rd-grant.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("zh: 研发投入补助", "zh: 研发投入补助<script>alert(1)</script>", 1), encoding="utf-8")
    out = RUNNER.invoke(main, ["rules", "doc", "--rules", str(rules), "--format", "html", "--as-of", AS_OF])
    assert out.exit_code == 0, out.output
    page = out.output
    assert "<script" not in page.lower()
    assert "研发投入补助&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page  # the CSP forbids anything that slipped through
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|<link|@import|url\(""", page, re.IGNORECASE)
    # Markdown passes inline HTML through to its renderer, so the book escapes it there too.
    md = RUNNER.invoke(main, ["rules", "doc", "--rules", str(rules), "--as-of", AS_OF]).output
    assert "<script" not in md and "&lt;script&gt;" in md


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_provision_and_parameter_is_in_the_book(lang: str) -> None:
    text = _doc("--lang", lang)
    book = load_rulebook(RULES)
    for p in book.provisions:
        assert f"(`{p.id}`)" in text, p.id
        for name in p.parameters:
            assert f"`{name}`" in text, (p.id, name)
        for c in p.criteria:
            assert f"`{c.id}`" in text, (p.id, c.id)
    assert f"`{book.digest}`" in text and AS_OF in text and book.document in text
    assert "未建模的政策工具 / Instruments not modelled" in text
    assert ("鲁科担" in text) and ("鲁科投" in text) and ("工赋百景" in text)


def test_review_criteria_estimates_and_in_force_versions_are_marked() -> None:
    zh, en = _doc(), _doc("--lang", "en")
    assert "通过财政涉企资金“绿色门槛”审核 **[需审核]**" in zh
    assert "**[review]**" in en
    assert "**测算**:使用了假设参数 `rate`、`size_threshold`" in zh
    assert "2026-01-01: 10% **(现行)**" in zh and "**(in force)**" in en
    assert "| 鲁科担 | 补贴和风险补偿付给担保机构" in zh


def test_in_force_follows_as_of() -> None:
    before = RUNNER.invoke(main, ["rules", "doc", "--rules", str(RULES), "--as-of", "2025-06-30"]).output
    assert "**(现行)**" not in before  # no version is in force before the first one starts
    assert "研发投入强度不低于 {min_rd_intensity}" in before  # a label keeps its placeholder, it does not guess
