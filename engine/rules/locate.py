"""Where a rule-file problem is: line and column, the offending line, and the place as a person counts it.

`criteria.7.when` is the 8th criterion: 第 8 条判定条件 (enough-employees) › when. Files are read again
only to locate problems, so a rule directory without problems costs nothing here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from engine.errors import RuleFileError
from engine.messages import text
from engine.rules.yamlsafe import compose_file, load_yaml


@lru_cache(maxsize=64)
def _document(path: str, stamp: tuple[int, int]) -> Any:
    try:
        return load_yaml(Path(path), path)[0]
    except RuleFileError:
        return None


def _doc(file: Path) -> Any:
    try:
        stat = file.stat()
    except OSError:
        return None
    return _document(str(file), (stat.st_mtime_ns, stat.st_size))


def _child(node: Any, segment: str) -> Any:
    if isinstance(node, dict):
        return next((v for k, v in node.items() if str(k) == segment), None)
    return None


def place(key: str, file: Path, lang: str) -> str:
    """A dotted key as a person counts: `criteria.7.when` → 第 8 条判定条件 (enough-employees) › when."""
    node, parts, pending = _doc(file), [], []
    for segment in key.split("."):
        if segment.isdigit() and pending:
            n = int(segment)
            item = node[n] if isinstance(node, list) and n < len(node) else None
            if pending == ["criteria"] and not parts:
                name = (item.get("id") or item.get("use")) if isinstance(item, dict) else None
                parts.append(text("lint.place.criterion", lang, n=n + 1, id=name or "?"))
            else:
                parts.append(text("lint.place.item", lang, name=".".join(pending), n=n + 1))
            node, pending = item, []
        else:
            pending.append(segment)
            node = _child(node, segment)
    if pending:
        parts.append(".".join(pending))
    return " › ".join(parts)


def positions(path: Path) -> dict[str, tuple[int, int]]:
    """Dotted key path → (line, column), 1-based, for every mapping key and sequence item of a YAML file."""
    try:
        stat = path.stat()
    except OSError:
        return {}
    return dict(_positions(str(path), (stat.st_mtime_ns, stat.st_size)))


@lru_cache(maxsize=64)
def _positions(path: str, stamp: tuple[int, int]) -> tuple[tuple[str, tuple[int, int]], ...]:
    found: dict[str, tuple[int, int]] = {}
    try:
        loader, root, _ = compose_file(Path(path), path)  # the same guarded parse that loaded the file
    except RuleFileError:
        return ()
    loader.dispose()

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = f"{prefix}.{key.value}" if prefix else str(key.value)
                found[name] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, name)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                name = f"{prefix}.{i}" if prefix else str(i)
                found[name] = (item.start_mark.line + 1, item.start_mark.column + 1)
                walk(item, name)

    if root is not None:
        walk(root, "")
    return tuple(found.items())


def line_map(path: Path) -> dict[str, int]:
    """Dotted key path → line number, for every mapping key and sequence item of a YAML file."""
    return {key: line for key, (line, _) in positions(path).items()}


def locate(root: Path, problem: RuleFileError) -> None:
    """Fills in the line, column, the offending source line and the 1-based place of a problem."""
    file = root / problem.path.split("/", 1)[-1]
    if problem.line is None:
        marks, key = positions(file), problem.key
        while key and key not in marks:
            key = key.rpartition(".")[0]
        if key:
            problem.line, problem.column = marks[key]
    if problem.line is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        problem.source = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
    if problem.key:
        problem.place_zh, problem.place_en = (place(problem.key, file, lang) for lang in ("zh", "en"))
