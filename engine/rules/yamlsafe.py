"""Reads untrusted YAML: safe constructors only, no aliases, no duplicate keys, bounded size and depth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from engine.errors import RuleFileError, Word

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 24
MAX_SCALAR_CHARS = 4000


class WrittenFloat(float):
    """A decimal written without quotes, with its text as written (so the linter can say how to quote it)."""

    written: str = ""


class _Refusal(yaml.MarkedYAMLError):
    """A refusal of our own: a catalogue message and its fields, at a mark."""

    def __init__(self, msg: str, mark: Any, **fields: Any) -> None:
        super().__init__(None, None, Word(msg, fields).text("en"), mark)
        self.msg, self.fields = msg, fields


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses what a rule file never needs and an attacker would use."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refusal("lint.yaml.alias", event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise _Refusal("lint.yaml.duplicate_key", key_node.start_mark, name=repr(key))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_float(self, node: Any) -> Any:
        value = WrittenFloat(super().construct_yaml_float(node))
        value.written = node.value
        return value


_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


def _check_depth(node: Any, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise _Refusal("lint.yaml.too_deep", node.start_mark, limit=MAX_DEPTH)
    if isinstance(node, yaml.ScalarNode):
        if len(node.value) > MAX_SCALAR_CHARS:
            raise _Refusal("lint.yaml.too_long", node.start_mark, limit=MAX_SCALAR_CHARS)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_depth(item, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _check_depth(key, depth + 1)
            _check_depth(value, depth + 1)


def load_yaml(path: Path, display: str) -> tuple[Any, bytes]:
    """The document of one rule file and its bytes (for the digest); RuleFileError names file and line."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # a 10 MB rule file is refused without being read whole
    except OSError as exc:
        raise RuleFileError.of(display, "", "lint.yaml.unreadable", reason=exc.strerror) from None
    if len(raw) > MAX_FILE_BYTES:
        raise RuleFileError.of(display, "", "lint.yaml.too_large", limit=MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8")
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise RuleFileError.of(display, "", "lint.yaml.empty")
            _check_depth(node)
            return loader.construct_document(node), raw
        finally:
            loader.dispose()
    except UnicodeDecodeError:
        raise RuleFileError.of(display, "", "lint.yaml.not_utf8") from None
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(exc, display) from None
    except yaml.YAMLError as exc:
        raise RuleFileError.of(display, "", "lint.yaml.other", detail=str(exc)) from None


# PyYAML's words for the common slips, and whether the opening mark (a quote, a bracket) says more than the end.
_PLAIN: tuple[tuple[str, str, bool], ...] = (
    ("expected <block end>", "lint.yaml.bad_indent", False),
    ("cannot start any token", "lint.yaml.tab", False),
    ("while scanning a quoted scalar", "lint.yaml.unclosed_quote", True),
    ("while parsing a flow", "lint.yaml.unclosed_bracket", True),
    ("mapping values are not allowed here", "lint.yaml.colon", False),
    ("could not find expected ':'", "lint.yaml.no_colon", False),
)


def syntax_error(exc: yaml.MarkedYAMLError, display: str) -> RuleFileError:
    """A YAML syntax error in plain words, at the line and column where the reader should look."""
    if isinstance(exc, _Refusal):
        msg, fields, mark = exc.msg, exc.fields, exc.problem_mark
    else:
        said = f"{exc.context or ''} {exc.problem or ''}"
        tab = "\t" in said
        msg, opening = next(((m, o) for words, m, o in _PLAIN if words in said or (tab and m == "lint.yaml.tab")),
                            ("lint.yaml.other", False))
        fields = {"detail": str(exc.problem or exc.context)} if msg == "lint.yaml.other" else {}
        mark = (exc.context_mark if opening else None) or exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return RuleFileError.of(display, "", msg, line=line, column=column, **fields)
