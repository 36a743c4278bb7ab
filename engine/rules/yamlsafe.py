"""Reads untrusted YAML: safe constructors only, no aliases, no duplicate keys, bounded size and depth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

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


class _Constructor(SafeConstructor):
    """Safe constructors, minus what a rule file never needs: duplicate keys refused, decimals keep their text."""

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


_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)


class _Loader(Reader, Scanner, Parser, Composer, _Constructor, Resolver):
    """PyYAML's own parser: slower than libyaml, but its errors are the ones `syntax_error` puts in plain words,
    and it refuses an alias where it is written."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Constructor.__init__(self)
        Resolver.__init__(self)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refusal("lint.yaml.alias", event.start_mark)
        return super().compose_node(parent, index)


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _FastLoader(CParser, _Constructor, Resolver):  # type: ignore[misc]
        """libyaml's parser (ten times faster: every command reads the rule files first), same constructors."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            Resolver.__init__(self)
else:  # a PyYAML built without libyaml: the pure-Python parser alone
    _FastLoader = _Loader  # type: ignore[misc]


def _composed(text: str, loader_class: type) -> tuple[Any, Any]:
    """(loader, node tree) of one document, checked for depth and length; the caller disposes of the loader."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_depth(node, set())
        return loader, node
    except BaseException:
        loader.dispose()
        raise


def compose(text: str) -> tuple[Any, Any]:
    """(loader, node tree) of an untrusted document; raises YAMLError (a _Refusal for what we refuse).

    libyaml first; a document it cannot read, or one that reuses a node (an alias), is read again by PyYAML's
    parser, which refuses it with the error `syntax_error` words — so both parsers give the same answers.
    """
    try:
        return _composed(text, _FastLoader)
    except yaml.YAMLError:
        if _FastLoader is _Loader:
            raise
    return _composed(text, _Loader)


def _check_depth(node: Any, seen: set[int], depth: int = 0) -> None:
    """Depth and length bounds; a node met twice is an alias (libyaml shares the node), refused as one."""
    if id(node) in seen:
        raise _Refusal("lint.yaml.alias", node.start_mark)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Refusal("lint.yaml.too_deep", node.start_mark, limit=MAX_DEPTH)
    if isinstance(node, yaml.ScalarNode):
        if len(node.value) > MAX_SCALAR_CHARS:
            raise _Refusal("lint.yaml.too_long", node.start_mark, limit=MAX_SCALAR_CHARS)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_depth(item, seen, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _check_depth(key, seen, depth + 1)
            _check_depth(value, seen, depth + 1)


def compose_file(path: Path, display: str) -> tuple[Any, Any, bytes]:
    """(loader, node tree, bytes) of one untrusted YAML file, bounded in size; RuleFileError names file and line.
    The caller disposes of the loader."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # a 10 MB rule file is refused without being read whole
    except OSError as exc:
        raise RuleFileError.of(display, "", "lint.yaml.unreadable", reason=exc.strerror) from None
    if len(raw) > MAX_FILE_BYTES:
        raise RuleFileError.of(display, "", "lint.yaml.too_large", limit=MAX_FILE_BYTES)
    try:
        loader, node = compose(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RuleFileError.of(display, "", "lint.yaml.not_utf8") from None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, display) from None
    return loader, node, raw


def load_yaml(path: Path, display: str) -> tuple[Any, bytes]:
    """The document of one rule file and its bytes (for the digest); RuleFileError names file and line."""
    loader, node, raw = compose_file(path, display)
    try:
        if node is None:
            raise RuleFileError.of(display, "", "lint.yaml.empty")
        return loader.construct_document(node), raw
    except yaml.YAMLError as exc:  # a duplicate key, a value no safe constructor makes
        raise _yaml_error(exc, display) from None
    finally:
        loader.dispose()


def _yaml_error(exc: yaml.YAMLError, display: str) -> RuleFileError:
    if isinstance(exc, yaml.MarkedYAMLError):
        return syntax_error(exc, display)
    return RuleFileError.of(display, "", "lint.yaml.other", detail=str(exc))


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
