""""Did you mean": the closest known name to a misspelt one, by edit distance."""

from __future__ import annotations

from collections.abc import Iterable

from engine.errors import Word


def distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), with a swap of neighbours counting one."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def closest(name: str, choices: Iterable[str]) -> str | None:
    """The nearest choice, if it is near enough to be a misspelling (at most 2 edits, or a quarter of the name)."""
    best: tuple[int, str] | None = None
    for choice in choices:
        d = distance(name.lower(), choice.lower())
        if best is None or d < best[0]:
            best = (d, choice)
    if best is None or best[0] == 0 or best[0] > max(2, len(name) // 4):
        return None
    return best[1]


def hint(name: str, choices: Iterable[str], quote: bool = True) -> Word | str:
    """The catalogue's "; did you mean X?" for the closest choice, or nothing."""
    found = closest(name, choices)
    if found is None:
        return ""
    return Word("lint.hint", {"name": repr(found) if quote else found})
