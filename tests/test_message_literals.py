"""No user-facing sentence outside the message catalogue (engine/messages/): an AST scan of engine/ and cli.py.

Flagged: (1) any string constant with Chinese characters; (2) any English sentence-like constant (three words or
more) given to click.echo/secho/prompt, to click's ClickException/UsageError/BadParameter, to an exception or Issue
constructor, or to a message parameter (msg=, message=, en=, zh=, error=, hint=). Each offender is printed as
`path:line: literal`, so the list is a work list.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z][a-z]+")
SENTENCE_WORDS = 3
ECHOES = {"echo", "secho", "prompt", "confirm", "ClickException", "UsageError", "BadParameter", "Issue"}
MESSAGE_KEYWORDS = {"msg", "message", "en", "zh", "error", "hint"}
LOGGING = {"debug", "info", "warning", "exception", "critical", "log"}
# A programming error is read by a programmer in a traceback, never shown to a user as a message.
PROGRAMMER_ERRORS = {"AttributeError", "TypeError", "RuntimeError", "KeyError", "IndexError", "NotImplementedError",
                     "AssertionError", "ImportError", "LookupError"}

# Modules whose Chinese literals are data a person types or reads as data, never a sentence addressed to them.
# Rule (2) still applies to them: their messages must come from the catalogue.
DATA_MODULES = {
    "engine/intake/words.py": "input vocabulary: the yes/no words, units of amounts, date forms and place-name "
                              "prefixes a person may type (是/否, 万/亿, 年月日, 山东省)",
    "engine/intake/sample.py": "synthetic applicants for demos and benchmarks: company names and places are "
                               "sample data, not messages",
}
def _sources() -> Iterator[Path]:
    yield ROOT / "cli.py"
    for path in sorted((ROOT / "engine").rglob("*.py")):
        if "messages" not in path.relative_to(ROOT / "engine").parts[:1]:
            yield path


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _is_logging(call: ast.Call) -> bool:
    func = call.func
    return isinstance(func, ast.Attribute) and func.attr in LOGGING and isinstance(func.value, ast.Name) \
        and func.value.id in ("log", "logger", "logging", "LOG")


def _is_message_call(call: ast.Call) -> bool:
    name = _callee(call)
    return name in ECHOES or name.endswith(("Error", "Exception", "Failure", "Request")) and name not in PROGRAMMER_ERRORS


def _strings(node: ast.AST) -> Iterator[ast.Constant]:
    """String constants inside an argument, not descending into other calls (they are judged on their own)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif not isinstance(node, (ast.Call, ast.Lambda, ast.Compare, ast.Subscript)):  # keys and tests, not words
        for child in ast.iter_child_nodes(node):
            yield from _strings(child)


def _message_args(call: ast.Call) -> Iterator[ast.AST]:
    if _is_message_call(call):
        yield from call.args
        yield from (k.value for k in call.keywords if k.arg != "param_hint")
    else:
        yield from (k.value for k in call.keywords if k.arg in MESSAGE_KEYWORDS)


def _offenders(path: Path, rel: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    flagged: dict[int, tuple[int, str]] = {}
    skip: set[int] = set(docs)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_logging(node):
            skip.update(id(s) for arg in node.args for s in _strings(arg))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and not _is_logging(node):
            for arg in _message_args(node):
                parts = list(_strings(arg))
                words = sum(len(WORD.findall(p.value)) for p in parts)
                for p in parts:  # a slug (file_too_large) or a key (common.error) has no space: not a sentence
                    sentence = words >= SENTENCE_WORDS and " " in p.value and WORD.search(p.value)
                    if id(p) not in skip and (sentence or CJK.search(p.value)):
                        flagged[id(p)] = (p.lineno, p.value)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if rel not in DATA_MODULES and CJK.search(node.value):
                flagged.setdefault(id(node), (node.lineno, node.value))
    yield from sorted(flagged.values())


def test_no_user_facing_literal_outside_the_catalogue() -> None:
    found: dict[str, list[tuple[int, str]]] = {}
    for path in _sources():
        rel = path.relative_to(ROOT).as_posix()
        if offenders := list(_offenders(path, rel)):
            found[rel] = offenders
    report = [f"{rel}:{line}: {value!r}" for rel, items in found.items() for line, value in items]
    assert not report, "user-facing literals outside engine/messages/ (move them to the catalogue):\n" + "\n".join(report)


def test_the_scan_catches_what_it_is_meant_to(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""文档。"""\nimport click\nclick.echo("done, all rows were read")\nX = "未知列"\n'
                      'raise ValueError(("ok", "should be one of these"))\nlog.debug("debug output is not a message")\n'
                      'click.echo(f"{n} rows")\n', encoding="utf-8")
    assert [line for line, _ in _offenders(sample, "engine/sample.py")] == [3, 4, 5]
    assert [line for line, _ in _offenders(sample, "engine/intake/words.py")] == [3, 5]  # its vocabulary is data
