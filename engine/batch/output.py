"""The end of a screening: the output (and the errors file) written from the journal, or copied from the
spool's draft (engine/batch/spool.py), to temporary names, then renamed; a full disk named.

This runs after every worker is done, while one core has nothing else to do: what it does per row matters.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from engine.batch.duplicates import Duplicates
from engine.batch.journal import Journal
from engine.batch.lines import ready_part
from engine.batch.spool import Spool
from engine.batch.writers import Layout, open_writer, output_format
from engine.errors import BatchError
from engine.messages import both

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


@contextmanager
def space(path: str) -> Iterator[None]:
    """A full disk while writing `path` becomes a BatchError naming it (exit 2, the journal kept for --resume)."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in _DISK_FULL:
            raise
        said = both("batch.disk_full", path=path, reason=exc.strerror)
        raise BatchError(path, said["en"], said["zh"]) from None


def finish_output(journal: Journal, output: str, errors_path: str | None, out_fmt: str, layout: Layout,
                  duplicates: Duplicates, spool: Spool | None) -> None:
    """Write the output (and the errors file) from the journal, to a temporary name, then renamed."""
    writers = []
    provisions = layout.provisions
    try:
        with space(output):
            writers.append(open_writer(output, out_fmt, provisions, layout=layout))
        if errors_path:
            with space(errors_path):
                writers.append(open_writer(errors_path, output_format(errors_path), provisions,
                                           errors_only=True, layout=layout))
        _write_all(journal, writers, duplicates, journal.ready_in_lines is not None, spool)
        for w in writers:
            with space(w.path):
                w.commit()
    finally:
        for w in writers:
            w.discard()


def _write_all(journal: Journal, writers: list[Any], duplicates: Duplicates, ready: bool,
               spool: Spool | None) -> None:
    """Every row to the writers: copied from the spool's draft where it can be, else from the journal's lines."""
    flagged = duplicates.flagged_rows()
    pieces = spool.pieces(sorted(flagged)) if spool is not None else [(False, journal.start, None)]
    current = [writers[0].path]  # the file being written, named if the disk fills up
    try:
        for drafted, start, end in pieces:
            if drafted:
                assert spool is not None and end is not None
                current[0] = writers[0].path
                spool.copy_draft(writers[0].fh, start, end)
            else:
                _write_lines(journal.lines(start, end), writers, duplicates, flagged, ready, current)
    except OSError:
        with space(current[0]):
            raise


def _write_lines(lines: Iterator[bytes], writers: list[Any], duplicates: Duplicates, flagged: set[int],
                 ready: bool, current: list[str]) -> None:
    """Journal lines to the writers. A ready line is copied with its flags (usually none): no parse."""
    main, errors = writers[0], writers[1] if len(writers) > 1 else None
    for line in lines:
        part = ready_part(line) if ready else None
        if part is None:
            rec = json.loads(line)
            rec["flags"] = duplicates.flags(rec)
            for current_writer in writers:
                current[0] = current_writer.path
                current_writer.write(rec)
            continue
        row, out, error = part
        rec = json.loads(line) if row in flagged or (errors and error) else None
        flags = duplicates.flags(rec) if rec is not None and row in flagged else []
        current[0] = main.path
        main.write_ready(out, flags)
        if errors and error:
            assert rec is not None
            rec["flags"] = flags
            current[0] = errors.path
            errors.write(rec)
