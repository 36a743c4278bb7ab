"""Compiled code kept by the identity of what it was compiled from: a rule-tree node and its parameters.

Terms, conditions, scores and amounts are compiled into functions of the values once per epoch and
reused for every application. The key is the objects' identity, not their value: hashing a deep rule
tree for every lookup would cost what compiling saves. Each entry holds the objects themselves, so an
id is never reused while its entry lives, and the cache is bounded (memory stays flat).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

Code = TypeVar("Code")
MOST = 4096  # entries; a rulebook has a few hundred compiled nodes per epoch


class CodeCache(Generic[Code]):
    def __init__(self, build: Callable[[Any, Any], Code]) -> None:
        self._build = build
        self._entries: dict[tuple[int, int], tuple[Any, Any, Code]] = {}

    def get(self, node: Any, params: Any) -> Code:
        entry = self._entries.get((id(node), id(params)))
        if entry is None or entry[0] is not node or entry[1] is not params:
            if len(self._entries) >= MOST:
                self._entries.clear()
            entry = self._entries[(id(node), id(params))] = (node, params, self._build(node, params))
        return entry[2]
