"""An append-only journal of screened rows, so a killed screening resumes without losing or repeating a row.

Line 1 is a header naming the input, the rule set and the options; each further line is one finished
row, written in input order (engine/batch/lines.py: a JSON object, with the output's text made ready when
the header's `ready` says which output that is). A kill, or a full disk, can only cut the last line short (what reaches the
file is always a prefix of what was written); resuming drops that partial line and continues after the
last complete one. The journal is read a line at a time, never whole: it can be gigabytes.
"""

from __future__ import annotations

import errno
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
# Why the kernel may refuse to copy between two files (other file systems, no support): then Python copies.
_NO_KERNEL_COPY = (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF)


def input_fingerprint(path: str) -> dict[str, Any]:
    """Size and a hash of the first MiB: enough to notice that a resumed screening was pointed at another file."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    return {"size": os.path.getsize(path), "head_sha256": hashlib.sha256(head).hexdigest()}


def copy_all(fd: int, out: int, offset: int, length: int, at: int) -> None:
    """`length` bytes of the file `fd` from `offset` written to the file `out` at `at`. The kernel copies them
    where it can (os.copy_file_range: Linux), else Python reads and writes them a block at a time."""
    while length > 0:
        try:
            done = os.copy_file_range(fd, out, length, offset, at)
        except (AttributeError, OSError) as exc:
            if isinstance(exc, OSError) and exc.errno not in _NO_KERNEL_COPY:
                raise
            done = os.pwrite(out, os.pread(fd, min(length, _BLOCK * 16), offset), at)
        if done == 0:  # the file is shorter than its writer said: never expected, never looped on
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        offset, at, length = offset + done, at + done, length - done


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
        self.start = 0  # where the first row's line begins (after the header)
        self.size = 0  # bytes of the file so far: where the next line goes

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
        self.start = self.size = self._fh.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
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
            self.start = len(header)
            self.size = _complete_length(fh)
            fh.truncate(self.size)  # a kill can leave one partial line at the end
        # Not "ab": copy_file_range refuses a file opened for appending (append_from).
        self._fh = open(self.path, "r+b")
        self._fh.seek(self.size)
        return self.lines()

    def append(self, lines: bytes, rows: int = 1) -> None:
        """`rows` finished rows' lines, each ending in a newline."""
        self._fh.write(lines)
        self.size += len(lines)
        self._counted(rows)

    def append_from(self, fd: int, length: int, rows: int) -> None:
        """`rows` lines that a worker wrote to the file `fd` (its first `length` bytes), copied by the kernel.

        A worker's lines never pass through this process: no pipe, no unpickling, no copy in and out of Python.
        A full disk can cut the copy short, like a write: what reaches the journal is a prefix of the lines.
        """
        self._fh.flush()
        try:
            copy_all(fd, self._fh.fileno(), 0, length, self.size)
            self.size += length
        finally:
            self._fh.seek(self.size)  # the file object's own position: past what the kernel wrote
        self._counted(rows)

    def _counted(self, rows: int) -> None:
        self._since_sync += rows
        if self._since_sync >= CHECKPOINT_ROWS:
            self.sync()

    def sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._since_sync = 0

    def lines(self, start: int | None = None, end: int | None = None) -> Iterator[bytes]:
        """The finished rows' lines (without their newlines), in order: every one, or those from byte `start`
        (where a line begins) up to byte `end` (for writing the final output)."""
        with open(self.path, "rb") as fh:
            left = -1 if end is None else end - (self.start if start is None else start)
            if start is None:
                next(fh)
            else:
                fh.seek(start)
            for line in fh:
                if left == 0:
                    return
                left -= len(line)
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
