"""Terminal columns: a Chinese character takes two, so f"{x:>14}" would misalign a table of Chinese words."""

from __future__ import annotations

import unicodedata


def display_width(chars: str) -> int:
    """Columns a text takes in a terminal (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in chars)


def pad(chars: str, width: int, right: bool = False) -> str:
    """`chars` padded with spaces to `width` columns: on the right by default, on the left when `right` aligns."""
    room = " " * max(0, width - display_width(chars))
    return room + chars if right else chars + room
