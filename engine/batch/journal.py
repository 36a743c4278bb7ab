"""An append-only journal of screened rows, so a killed screening resumes without losing or repeating a row.

Line 1 is a header naming the input, the rule set and the options; each further line is one finished
row, written in input order. A kill can only cut the last line short; resuming drops that partial
line and continues after the last complete one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.errors import InputError, Issue

CHECKPOINT_ROWS = 2000


def input_fingerprint(path: str) -> dict[str, Any]:
    """Size and a hash of the first MiB: enough to notice that a resumed screening was pointed at another file."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    return {"size": os.path.getsize(path), "head_sha256": hashlib.sha256(head).hexdigest()}


class Journal:
    def __init__(self, path: str, header: dict[str, Any]) -> None:
        self.path = Path(path)
        self.header = header
        self._fh: Any = None
        self._since_sync = 0

    def open(self, resume: bool) -> Iterator[str]:
        """Open for appending; with `resume`, yield the finished rows' lines already there (else start afresh)."""
        if resume and self.path.is_file():
            return self._reopen()
        self._fh = open(self.path, "w", encoding="utf-8")
        self._fh.write(json.dumps(self.header, ensure_ascii=False) + "\n")
        self.sync()
        return iter(())

    def _reopen(self) -> Iterator[str]:
        with open(self.path, "rb") as fh:
            data = fh.read()
        complete = data[: data.rfind(b"\n") + 1]  # a kill can leave one partial line at the end
        lines = complete.decode("utf-8").splitlines()
        if not lines or json.loads(lines[0]) != self.header:
            raise InputError(str(self.path), [Issue("(journal)", "journal_mismatch",
                             "was written for another input, rule set or options; run again without --resume",
                             "对应的输入、规则或选项不同;请去掉 --resume 重新运行")])
        with open(self.path, "r+b") as fh:
            fh.truncate(len(complete))
        self._fh = open(self.path, "a", encoding="utf-8")
        return iter(lines[1:])

    def append(self, line: str) -> None:
        self._fh.write(line + "\n")
        self._since_sync += 1
        if self._since_sync >= CHECKPOINT_ROWS:
            self.sync()

    def sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._since_sync = 0

    def records(self) -> Iterator[str]:
        """Every finished row's line, in order (for writing the final output)."""
        with open(self.path, encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                yield line.rstrip("\n")

    def close(self) -> None:
        if self._fh is not None:
            self.sync()
            self._fh.close()
            self._fh = None

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
