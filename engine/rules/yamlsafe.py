"""Reads untrusted YAML: safe constructors only, no aliases, no duplicate keys, bounded size and depth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from engine.errors import RuleFileError

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 24
MAX_SCALAR_CHARS = 4000


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses what a rule file never needs and an attacker would use."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, "anchors and aliases (*name) are not allowed in rule files",
                                       event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.MarkedYAMLError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _check_depth(node: Any, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise yaml.MarkedYAMLError(None, None, f"nested deeper than {MAX_DEPTH} levels", node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        if len(node.value) > MAX_SCALAR_CHARS:
            raise yaml.MarkedYAMLError(None, None, f"a value longer than {MAX_SCALAR_CHARS} characters",
                                       node.start_mark)
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
        raise RuleFileError(display, "", f"cannot read: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise RuleFileError(display, "", f"rule files are limited to {MAX_FILE_BYTES} bytes; this one is larger")
    try:
        text = raw.decode("utf-8")
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise RuleFileError(display, "", "the file is empty")
            _check_depth(node)
            return loader.construct_document(node), raw
        finally:
            loader.dispose()
    except UnicodeDecodeError:
        raise RuleFileError(display, "", "not UTF-8 text") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleFileError(display, "", str(exc.problem or exc.context), line=line) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(display, "", f"not valid YAML: {exc}") from None
