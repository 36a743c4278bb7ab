"""The message catalogue: both languages for every key, the same placeholders in each, SUBSIDY_LANG honoured."""

from __future__ import annotations

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
