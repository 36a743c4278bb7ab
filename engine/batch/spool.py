"""Workers' answers through files: their journal lines, and the output's text, reach the parent's files by a
kernel copy, never through a pipe and the parent's memory.

A screening worker's answer for a chunk is mostly its journal lines (some 2.7 KB a row for a CSV output).
Sent over the pipe, the parent read them 64 KB at a time, unpickled them and wrote them out again, then read
them back once more to write the output: over half of its work. With a spool, the worker writes the lines to
a file of its own in the spool directory, followed by the chunk's rows as the output shows them without their
duplicate flags (the draft: for outputs whose text the lines carry ready, CSV and JSONL). The pipe carries the
file's name, the chunk's sightings and its counts. The parent copies the lines into the journal and the text
into the draft file (os.copy_file_range), in input order, and deletes the worker's file.

At the end the output is copied from the draft for every chunk none of whose rows is flagged as a duplicate
(in most batches: all of them). The rows of a flagged chunk, of a chunk without draft text (a crash record,
a line without ready text) and those journalled before a --resume are written from the journal as before.

The draft is only a shortcut: if it cannot be written (a full disk), it is dropped and the output is written
from the journal. Spool and draft take room on the journal's disk, so they are used only where there is room
to spare: on a nearly full disk, every byte goes to the journal, which is what a --resume needs.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from engine.batch.journal import Journal, copy_all
from engine.batch.lines import csv_line, jsonl_line
from engine.intake.tables import LineSpan, Row

SPARE_BYTES = 256 << 20  # free room the journal's disk must have, besides the draft's, for the spool to be used
_NAMES = itertools.count()  # a worker's file names: its pid and a count (each worker counts on its own)


@dataclass
class Spooled:
    """A worker's answer whose journal lines (and draft text) are in a file: what the pipe carries instead."""

    path: str
    lines: int  # bytes of journal lines at the start of the file
    draft: int  # bytes of draft text after them; -1: the chunk has none
    first: int  # the chunk's first and last row numbers
    last: int
    batch: Any  # the worker's answer (screen.Batch) without its lines: sightings and counts


@dataclass(frozen=True)
class SpoolTask:
    """Runs in a worker: `func`'s answer for a chunk, its lines (and draft text) written to a file of its own."""

    func: Callable[[list[Row]], Any]
    directory: str
    output: str | None  # "csv" or "jsonl": the output whose draft text is made; None: no draft

    def __call__(self, rows: list[Row] | LineSpan) -> Any:
        rows = rows if isinstance(rows, list) else rows.rows()
        batch = self.func(rows)
        if not rows:  # a span of blank lines
            return batch
        draft = _draft(batch.outs, self.output) if self.output else None
        path = os.path.join(self.directory, f"{os.getpid()}-{next(_NAMES)}")
        try:
            with open(path, "xb") as fh:
                fh.write(batch.lines)
                fh.write(draft or b"")
        except OSError:  # a full disk, say: the answer goes by the pipe, and the parent meets the error itself
            with contextlib.suppress(OSError):
                os.unlink(path)
            return batch
        return Spooled(path, len(batch.lines), -1 if draft is None else len(draft), rows[0].number,
                       rows[-1].number, replace(batch, lines=b"", outs=None))


def _draft(outs: list[bytes | None] | None, output: str) -> bytes | None:
    """The rows as the output writes them when they carry no flags, from the ready texts of their lines (Batch.outs);
    None when a line has none."""
    if outs is None or None in outs:
        return None
    if output == "csv":
        return b"".join([csv_line(out, b"") for out in outs])  # type: ignore[arg-type]
    return b"".join([jsonl_line(out, []) for out in outs])  # type: ignore[arg-type]


def room_for_spool(journal: Journal, draft_bytes: int) -> bool:
    """Whether the journal's disk has room to spare for the spool and a draft of about `draft_bytes`."""
    try:
        free = shutil.disk_usage(journal.path.parent).free
    except OSError:
        return False
    return free >= SPARE_BYTES + draft_bytes


class Spool:
    """The parent's side: takes answers in input order, copies their lines and draft text, writes the output."""

    def __init__(self, journal: Journal, draft: bool) -> None:
        self.journal = journal
        self.directory = Path(str(journal.path) + ".parts")
        shutil.rmtree(self.directory, ignore_errors=True)  # a killed run's files: nothing in them counts
        self.directory.mkdir()
        self._draft: int | None = None
        if draft:
            self._draft = os.open(self.directory / "draft", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        self.draft_size = 0
        # (journal start, end, draft start, end, first row, last row) of every chunk with draft text
        self.segments: list[tuple[int, int, int, int, int, int]] = []

    def task(self, func: Callable[[list[Row]], Any], output: str | None) -> SpoolTask:
        return SpoolTask(func, str(self.directory), output if self._draft is not None else None)

    def take(self, answer: Any) -> Any:
        """A worker's answer, next in input order: its lines appended to the journal; the answer as `func` gave it."""
        if not isinstance(answer, Spooled):  # sent by the pipe (a crash record, a worker out of disk space)
            self.journal.append(answer.lines, answer.rows)
            return answer
        fd = os.open(answer.path, os.O_RDONLY)
        try:
            start = self.journal.size
            self.journal.append_from(fd, answer.lines, answer.batch.rows)
            if answer.draft >= 0 and self._draft is not None:
                self._add_draft(fd, answer, start)
        finally:
            os.close(fd)
            os.unlink(answer.path)
        return answer.batch

    def _add_draft(self, fd: int, answer: Spooled, start: int) -> None:
        try:
            copy_all(fd, self._draft, answer.lines, answer.draft, self.draft_size)  # type: ignore[arg-type]
        except OSError:  # a full disk: the output will be written from the journal, which needs the room more
            self._drop_draft()
            return
        until = self.draft_size + answer.draft
        self.segments.append((start, self.journal.size, self.draft_size, until, answer.first, answer.last))
        self.draft_size = until

    def _drop_draft(self) -> None:
        if self._draft is not None:
            os.close(self._draft)
            self._draft = None
            (self.directory / "draft").unlink(missing_ok=True)
        self.segments.clear()

    def pieces(self, flagged: list[int]) -> Iterator[tuple[bool, int, int | None]]:
        """The output in order, as (from the draft?, start, end) byte ranges of the draft or of the journal.

        `flagged`: the rows with duplicate flags, sorted; their chunks are written from the journal. A journal
        range's end is None for the rest of the journal."""
        pending = self.journal.start  # the journal's bytes not covered yet
        drafted: tuple[int, int] | None = None  # a run of draft text, joined while chunks follow each other
        for start, end, at, until, first, last in self.segments:
            i = bisect_left(flagged, first)
            if i < len(flagged) and flagged[i] <= last:
                continue  # written from the journal, with the lines around it
            if drafted and start == pending and drafted[1] == at:
                drafted = (drafted[0], until)
            else:
                if drafted:
                    yield True, *drafted
                if start > pending:
                    yield False, pending, start
                drafted = (at, until)
            pending = end
        if drafted:
            yield True, *drafted
        yield False, pending, None

    def copy_draft(self, out: Any, start: int, end: int) -> None:
        """Draft bytes [start, end) appended to the open binary file `out` (a writer's file, flushed first)."""
        assert self._draft is not None
        out.flush()
        at = out.tell()
        try:
            copy_all(self._draft, out.fileno(), start, end - start, at)
        finally:
            out.seek(at + end - start)

    def close(self) -> None:
        """Deletes the spool directory: worker files a dead worker left, and the draft."""
        self._drop_draft()
        shutil.rmtree(self.directory, ignore_errors=True)
