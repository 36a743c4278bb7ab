"""Keeps rules, plan text, features, README and CI in step (sqlite-utils' test_docs habit)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import yaml

from engine import DEFAULT_RULES, Rulebook

ROOT = Path(__file__).resolve().parent.parent
SPEC_ORDER = ["scenario-award", "rd-grant", "platform-upgrade", "accelerator-park", "compute-voucher",
              "lukedai-interest", "lukebao-premium", "techloan-interest", "innovation-voucher", "high-tech-tax",
              "rd-super-deduction", "basic-research-deduction", "tech-sme-check", "high-tech-check",
              "st-plan-project"]  # the gate of the S&T plan's projects; rules/programmes/ ranks them
# sha256 of the published plan (鲁科字〔2025〕165号) as bundled in rules/: the text every citation is checked against.
PLAN_SHA256 = "b5bd90593e27092ed97f828c8d4988657b19ead1e73fccfa28c60ee6534667a7"


def test_bundled_plan_text_is_the_published_plan() -> None:
    text = (DEFAULT_RULES / "shandong-robot-plan-2026-2028.txt").read_bytes()
    assert hashlib.sha256(text).hexdigest() == PLAN_SHA256


def test_every_citation_is_verbatim_in_the_plan() -> None:
    plan = (DEFAULT_RULES / "shandong-robot-plan-2026-2028.txt").read_text(encoding="utf-8")
    cited = 0
    for path in sorted(DEFAULT_RULES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "citation" in doc:
            assert doc["citation"]["text"] in plan, path.name
            assert re.fullmatch(r"[一二三四]\([一二三四]\)\d?", doc["citation"]["section"]), path.name
            cited += 1
    assert cited == len(SPEC_ORDER)


def test_pack_has_the_spec_provisions_in_spec_order(rulebook: Rulebook) -> None:
    assert [p.id for p in rulebook.provisions] == SPEC_ORDER


def test_shipped_scenarios_pass_and_cover_every_criterion_result(rulebook: Rulebook) -> None:
    from engine.policy.scenarios import measure_coverage, run_scenarios

    features = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "features").glob("*.feature")}
    assert any(text.startswith("# language: zh-CN") for text in features.values())
    assert any(text.lstrip().startswith("@") and "Feature:" in text for text in features.values())
    for provision in rulebook.provisions:
        assert any(f"@{provision.id}" in text for text in features.values()), provision.id
    run = run_scenarios(str(DEFAULT_RULES))
    assert len(run.records) > 100 and not run.failed, [r["scenario"] for r in run.failed]
    coverage = measure_coverage(rulebook, run)
    assert coverage.uncovered_criteria() == [] and coverage.percent == 100.0
    assert all(seen == coverage.possible[p] for p, seen in coverage.statuses.items())
    assert all(coverage.cap_hit[p] for p, has in coverage.has_cap.items() if has)


def test_every_amount_rounds_down_and_every_provision_states_assumptions(rulebook: Rulebook) -> None:
    for provision in rulebook.provisions:
        assert provision.assumptions, provision.id
        if provision.amount is not None:
            assert provision.amount.rounding == "down"


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, flags=re.S)


def test_readme_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert "subsidy check examples/" in commands[0]
    example = commands[0].rsplit(" ", 1)[1]
    assert (ROOT / example).is_file()
    # The test command is scripts/test, and CI runs exactly it.
    assert commands[1] == "scripts/test"
    assert re.search(r"^scripts/test$", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), flags=re.M)
    script = ROOT / "scripts" / "test"
    assert os.access(script, os.X_OK)
    body = script.read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest -q" in body
    for package in ("gcc", "python3-dev", "chromium", "chromium-driver", "fonts-noto-cjk"):
        assert f"missing+=({package})" in body, package


def test_readme_and_docs_stand_on_their_own() -> None:
    """No path outside the repository: a reader of a clone has nothing else."""
    outside = re.compile(r"\.\./|/work/|\bshared/|SPEC\.md")
    texts = [ROOT / "README.md", ROOT / "SECURITY.md", *(ROOT / "docs").rglob("*.md"), ROOT / "features" / "README.md"]
    for path in texts:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not outside.search(line), f"{path.relative_to(ROOT)}:{number}: {line}"
    # Every file the README names in backticks exists.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in re.findall(r"`((?:docs|examples|rules|schemas|engine|tests|bench|scripts|features)/[\w./-]+)`", readme):
        assert (ROOT / name.rstrip(".")).exists(), name


def test_every_cli_command_is_in_the_readme() -> None:
    from cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        sub = getattr(command, "commands", {})
        for full in [f"subsidy {name} {s}" for s in sub] or [f"subsidy {name}"]:
            assert full in readme, full


def test_the_wheel_carries_the_policy_pack_and_its_scenarios(tmp_path: Path) -> None:
    # Installed from a wheel, outside the checkout, engine/rules/loader.py finds rules/ beside engine/.
    import subprocess
    import sys
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    # Every file of rules/, the allocation programmes of rules/programmes/ included.
    shipped = {f"rules/{p.relative_to(ROOT / 'rules').as_posix()}" for p in (ROOT / "rules").rglob("*") if p.is_file()} | \
              {f"features/{p.name}" for p in (ROOT / "features").glob("*.feature")} | {"engine/selfcheck/web/app.js", "cli.py"}
    assert shipped <= names, sorted(shipped - names)
