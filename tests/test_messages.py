"""The message catalogue: both languages for every key, the same placeholders in each, SUBSIDY_LANG honoured."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from engine.messages import both, catalogue, lang_from_env, placeholders, text


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, (zh, en) in catalogue().items():
        assert zh.strip() and en.strip(), key
        assert key.count(".") >= 1, f"{key}: keys are namespaced by area"
        assert placeholders(zh) == placeholders(en), key


def test_lookup_fills_placeholders_in_the_chosen_language() -> None:
    assert text("common.input_errors", "zh", source="a.json", count=2) == "a.json 有 2 处输入错误"
    assert both("common.input_errors", source="a.json", count=1)["en"] == "a.json has 1 input error(s)"


def test_an_unknown_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(KeyError):
        text("common.no_such_message", "zh")


def test_language_comes_from_the_option_then_the_environment_then_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUBSIDY_LANG", raising=False)
    assert lang_from_env() == "zh"
    monkeypatch.setenv("SUBSIDY_LANG", "en")
    assert lang_from_env() == "en"
    assert lang_from_env("zh") == "zh"


ROOT = Path(__file__).resolve().parents[1]


def _keys_named_in_code() -> dict[str, str]:
    """Every string constant in engine/ and cli.py that has the shape of a catalogue key of a known area."""
    areas = "|".join(sorted({key.split(".")[0] for key in catalogue()}))
    shape = re.compile(rf"(?:{areas})\.[a-z0-9_.]*[a-z0-9]")  # a prefix of an f-string (batch.col.provision_) is not
    named = {}
    for path in [ROOT / "cli.py", *sorted((ROOT / "engine").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and shape.fullmatch(node.value):
                named[node.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return named


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    named = _keys_named_in_code()
    assert "selfcheck.answer_needed" in named and "intake.flag" in named  # the scan sees the keys it should
    unknown = [f"{where}: {key}" for key, where in named.items() if key not in catalogue()]
    assert not unknown, "keys with no message:\n" + "\n".join(unknown)


def test_keys_made_from_data_all_exist() -> None:
    from engine.selfcheck.guards import REFUSALS
    from schemas.application import FIELDS, SECTIONS

    assert all(f"selfcheck.section.{s}" in catalogue() for s in SECTIONS)
    assert all(f"selfcheck.refuse.{r}" in catalogue() for r in REFUSALS)
    kinds = {spec.kind for spec in FIELDS.values()} - {"text", "code"}
    assert all(f"selfcheck.hint.{k}" in catalogue() for k in kinds)


def test_api_refusals_and_interview_words_come_in_both_languages() -> None:
    assert text("selfcheck.refuse.size", "zh", limit=1048576) == "请求体超过 1048576 字节"
    assert both("selfcheck.confirm", typed="320万", shown="3,200,000 元")["zh"] == "  320万 → 3,200,000 元"
    assert text("selfcheck.hint.bool", "zh") == "[是/否]" and text("selfcheck.hint.bool", "en") == "[yes/no]"
