"""libyaml reads the rule files fast; PyYAML's parser words the errors. Both must give the same answers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.rules import yamlsafe
from engine.rules.yamlsafe import compose

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted([*(ROOT / "rules").rglob("*.yaml"), *(ROOT / "examples" / "drafts").rglob("*.yaml")])


def _document(text: str, loader_class: type) -> object:
    loader, node = yamlsafe._composed(text, loader_class)
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def test_libyaml_is_the_parser_in_use() -> None:
    assert yaml.__with_libyaml__ and yamlsafe._FastLoader is not yamlsafe._Loader


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_parsers_read_every_bundled_file_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast, slow = _document(text, yamlsafe._FastLoader), _document(text, yamlsafe._Loader)
    assert fast == slow
    # Decimals keep the text they were written with on both paths (the linter quotes it back).
    floats = [(v, v.written) for v in _leaves(fast) if isinstance(v, yamlsafe.WrittenFloat)]
    assert floats == [(v, v.written) for v in _leaves(slow) if isinstance(v, yamlsafe.WrittenFloat)]


def _leaves(doc: object) -> list[object]:
    if isinstance(doc, dict):
        return [leaf for k, v in doc.items() for leaf in (*_leaves(k), *_leaves(v))]
    if isinstance(doc, list):
        return [leaf for v in doc for leaf in _leaves(v)]
    return [doc]


@pytest.mark.parametrize("text, msg", [
    ("a: &x [1, 2]\nb: *x\n", "lint.yaml.alias"),
    ("a: &x 1\nb: *x\n", "lint.yaml.alias"),
    ("a: 1\na: 2\n", "lint.yaml.duplicate_key"),
    ("a: " + "[" * 30 + "]" * 30 + "\n", "lint.yaml.too_deep"),
    ("a: " + "x" * 5000 + "\n", "lint.yaml.too_long"),
])
def test_a_refusal_is_the_same_whichever_parser_meets_it(text: str, msg: str) -> None:
    with pytest.raises(yamlsafe._Refusal) as fast:
        loader, node = compose(text)
        loader.construct_document(node)
    with pytest.raises(yamlsafe._Refusal) as slow:
        _document(text, yamlsafe._Loader)
    assert fast.value.msg == slow.value.msg == msg
    assert fast.value.problem_mark.line == slow.value.problem_mark.line


def test_a_syntax_error_is_worded_by_pyyaml() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as fast:
        compose("a: [1,\nb: 2")
    with pytest.raises(yaml.MarkedYAMLError) as slow:
        _document("a: [1,\nb: 2", yamlsafe._Loader)
    assert str(fast.value) == str(slow.value)
