"""An append-only journal of screened rows, so a killed screening resumes without losing or repeating a row.

Line 1 is a header naming the input, the rule set and the options; each further line is one finished
row, written in input order (engine/batch/lines.py: a JSON object, with the output's text made ready when
the header's `ready` says which output that is). A kill, or a full disk, can only cut the last line short (what reaches the
file is always a prefix of what was written); resuming drops that partial line and continues after the
last complete one. The journal is read a line at a time, never whole: it can be gigabytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.errors import BatchError, InputError, Issue
from engine.messages import both

CHECKPOINT_ROWS = 2000
_BLOCK = 1 << 16
MAX_HEADER_BYTES = 1 << 20


def input_fingerprint(path: str) -> dict[str, Any]:
    """Size and a hash of the first MiB: enough to notice that a resumed screening was pointed at another file."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    return {"size": os.path.getsize(path), "head_sha256": hashlib.sha256(head).hexdigest()}


def _complete_length(fh: Any) -> int:
    """Bytes up to and including the last newline, found by reading backwards a block at a time."""
    end = fh.seek(0, os.SEEK_END)
    while end > 0:
        start = max(0, end - _BLOCK)
        fh.seek(start)
        block = fh.read(end - start)
        cut = block.rfind(b"\n")
        if cut >= 0:
            return start + cut + 1
        end = start
    return 0


class Journal:
    def __init__(self, path: str, header: dict[str, Any], ready: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.header = header
        # The output this run would make ready in its lines; the journal's own (its header's) once opened.
        # A resumed run may choose other CSV words (--lang) than the run that started the journal: the header
        # is compared without `ready`, and only lines made for the journal's own `ready` are taken as ready.
        self.ready = ready
        self.ready_output: dict[str, Any] | None = None
        self._fh: Any = None
        self._since_sync = 0

    def interrupted_rows(self) -> int | None:
        """Rows journalled by a run that did not finish; None when there is no journal (or not even its header)."""
        try:
            with open(self.path, "rb") as fh:
                if not fh.readline(MAX_HEADER_BYTES).endswith(b"\n"):
                    return None  # cut short while writing the header: there is nothing to keep
                return sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))
        except FileNotFoundError:
            return None

    def check_can_start(self, resume: bool, restart: bool) -> None:
        """Refuse to overwrite an interrupted run's journal unless told to continue it or to discard it."""
        rows = self.interrupted_rows()
        if rows is None or resume:
            return
        if restart:
            self.remove()
            return
        said = both("batch.interrupted", rows=rows, journal=self.path)
        raise BatchError(str(self.path), said["en"], said["zh"])

    def open(self, resume: bool) -> Iterator[str]:
        """Open for appending; with `resume`, the finished rows' lines already there (else start afresh).

        The lines must all be read before the first `append`: they come from the same file.
        """
        if resume and self.interrupted_rows() is not None:
            return self._reopen()
        self._fh = open(self.path, "wb")
        header = {**self.header, "ready": self.ready} if self.ready else self.header
        self._fh.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
        self.ready_output = self.ready
        self.sync()
        return iter(())

    @property
    def ready_in_lines(self) -> dict[str, Any] | None:
        """What the journal's lines carry ready for the output, when it is what this run writes (else None)."""
        return self.ready_output if self.ready_output == self.ready else None

    def _reopen(self) -> Iterator[str]:
        with open(self.path, "r+b") as fh:
            header = fh.readline(MAX_HEADER_BYTES)
            try:
                stored = json.loads(header)
                self.ready_output = stored.pop("ready", None)
                same = stored == self.header
            except (ValueError, AttributeError):
                same = False
            if not same:
                said = both("batch.journal_mismatch")
                raise InputError(str(self.path), [Issue("(journal)", "journal_mismatch", said["en"], said["zh"])])
            fh.truncate(_complete_length(fh))  # a kill can leave one partial line at the end
        self._fh = open(self.path, "ab")
        return self.lines()

    def append(self, lines: bytes, rows: int = 1) -> None:
        """`rows` finished rows' lines, each ending in a newline."""
        self._fh.write(lines)
        self._since_sync += rows
        if self._since_sync >= CHECKPOINT_ROWS:
            self.sync()

    def sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._since_sync = 0

    def lines(self) -> Iterator[bytes]:
        """Every finished row's line (without its newline), in order (for writing the final output)."""
        with open(self.path, "rb") as fh:
            next(fh)
            for line in fh:
                yield line[:-1] if line.endswith(b"\n") else line

    def close(self) -> None:
        if self._fh is None:
            return
        fh, self._fh = self._fh, None
        try:
            self._since_sync = 0
            fh.flush()
            os.fsync(fh.fileno())
        finally:
            try:
                fh.close()
            except OSError:
                pass  # the flush above already failed (a full disk): the file keeps a prefix of the lines

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
