"""What a screening worker derives from each decision of a row, made once per distinct decision and reused.

`Evaluator.screen` gives a row's decisions as lean tuples (provision, status, amount, estimate, missing fields,
fields pending review, failed criteria), and most rows repeat most of them: a provision refused on the same
criterion, undetermined for want of the same fields. A `Piece` holds all that the worker writes or counts of
one decision: its member of the journal line's `p`, its failed-criterion keys, its claim bit for the duplicate
check, its three CSV cells and its entry in a `--detail summary` document. `Pieces` keeps them in bounded dicts
(memory stays flat however many rows are screened), so that a row is joined from text made before instead of
being built cell by cell and serialised whole (engine/batch/joined.py).

Most decisions are the very same tuple as a row before (the evaluator shares them), so a piece is found by the
tuple's identity first, which needs no hashing of its seven members, and by its value only after that. A
decision with an amount is a new piece every time (amounts are money computed from the applicant's own figures),
made from the kept piece of the same decision without its amount.

Each piece is made by the functions the record-based path uses (writers.decision_cells, summary_doc.result_entry,
orjson for the journal), and the row made of pieces is byte for byte the row made from the record
(tests/test_batch_pieces.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import orjson

from engine.batch.duplicates import CLAIMING
from engine.batch.lines import CsvCells, in_json
from engine.batch.summary_doc import result_entry
from engine.batch.writers import Layout, decision_cells
from engine.evaluate.evaluator import Lean

# Distinct decisions kept before the dict starts afresh: 20,000 generated rows have some 1,500 distinct decisions
# without an amount.
MAX_KEPT = 4096
# Lists of missing fields kept (by each decision's list): about 2 KB each (the JSON list and the CSV cell), and
# they keep coming (40,000 generated rows have 2,400). 4,096 of them made some 8 MB of a worker's peak memory for
# 6 % of rows made afresh; 1,024 make 2 MB for 8 % (each some 20 µs: 0.5 µs a row more).
MAX_MISSING = 1024


# eq=False: counted by identity, the fastest hash (summary.Tally). Not frozen: a frozen dataclass's __init__ sets each
# field through object.__setattr__, and a decision with an amount makes a new piece every time. Never changed once made.
@dataclass(slots=True, eq=False)
class Piece:
    """What a row writes and counts of one decision."""

    pid: str
    status: str
    amount: int | None
    estimate: bool
    p_json: bytes  # its member of the journal's "p": "pid":["status",amount,estimate]
    failed: tuple[str, ...]  # its failed criteria as the record and the summary name them, "pid:criterion"
    failed_json: bytes  # those names as members of a JSON array (b"" for none)
    review: tuple[str, ...]  # the fields it waits on a reviewer for, if its status is review
    bit: int  # its bit in the duplicate check's mask of claimed provisions (0: it claims nothing)
    cells: bytes  # its three CSV cells and the comma after them, as a JSON string holds them (b"": not CSV)
    entry: str  # its entry in a --detail summary document, as json.dumps writes it ("" for other outputs)
    parts: tuple[bytes, bytes, bytes, int, tuple[str, ...]] = (b"", b"", b"", 0, ())  # what a row joins (`decide`)

    def __post_init__(self) -> None:
        self.parts = (self.p_json, self.failed_json, self.cells, self.bit, self.review)


@dataclass(frozen=True, slots=True, eq=False)
class Fields:
    """A row's missing fields (the union of its decisions', sorted), or its fields pending review: the list, its
    JSON for the journal, and its CSV cell as a JSON string holds it (b"" when the output is not CSV)."""

    fields: tuple[str, ...]
    json: bytes
    cell: bytes


@dataclass(slots=True)
class Decided:
    """A row's decisions in pieces, what the row makes of them all, and its city and total (summary.Tally)."""

    pieces: list[Piece]
    p: bytes  # the members of the journal line's "p"
    failed: bytes  # the members of its "failed"
    cells: bytes  # the decisions' CSV cells, as a JSON string holds them
    missing: Fields
    pending: Fields
    mask: int  # the provisions the row claims (duplicates.sighting)
    city: str | None
    total: int


class Pieces:
    """The pieces of one worker's rows: `layout` when the output is CSV, `entries` for --detail summary JSONL."""

    def __init__(self, provisions: list[str], layout: Layout | None = None, entries: bool = False) -> None:
        # The bits follow the rulebook's order, which is the order of a screening's decisions (duplicates.sighting).
        self.bits = {pid: 1 << i for i, pid in enumerate(provisions)}
        self.layout, self.entries = layout, entries
        self.csv = CsvCells()
        self._pieces: dict[Lean, Piece] = {}  # by the decision's value; amounts are kept without their amount
        # By the decision's identity: the id of a tuple kept alive in `_leans` is no other live object's.
        self._by_id: dict[int, Piece] = {}
        self._leans: list[Lean] = []
        self._amounts: dict[tuple[Any, ...], tuple[Piece, bytes, bytes, bytes, bytes]] = {}
        # The status cell of an evaluated row and the estimate's word beside an amount, as a JSON string holds them.
        self.evaluated = self.csv.in_json([layout.words["evaluated"]]) if layout is not None else b""
        self._estimate = self.csv.in_json([layout.words["estimate"]]) if layout is not None else b""
        self._missing: dict[tuple[tuple[str, ...], ...], Fields] = {}
        self._pending: dict[tuple[tuple[str, ...], ...], Fields] = {(): self._fields(())}

    def decide(self, results: tuple[Lean, ...], city: str | None, total: int) -> Decided:
        known = self._by_id.get
        pieces = [known(id(r)) or self._piece(r) for r in results]
        # One pass, in C (a rulebook of no provisions has nothing to join).
        p, failed, cells, bits, reviews = zip(*[piece.parts for piece in pieces]) if pieces else ((),) * 5
        review = tuple(filter(None, reviews))
        pending = self._pending.get(review) or self._pending_of(review)
        return Decided(pieces, b",".join(p), b",".join(filter(None, failed)), b"".join(cells),
                       self._missing_of(results), pending, sum(bits), city, total)

    def _piece(self, lean: Lean) -> Piece:
        """The piece of a decision not found by its identity."""
        if lean[2] is not None and not self.entries:
            return self._with_amount(lean)
        piece = self._pieces.get(lean)
        if piece is None:
            piece = self._made(lean)
            if lean[2] is None:
                if len(self._pieces) >= MAX_KEPT:
                    self._pieces.clear()
                    self._by_id.clear()
                    self._leans.clear()
                self._pieces[lean] = piece
                self._by_id[id(lean)] = piece  # the first tuple of a value: the evaluator's shared one, mostly
                self._leans.append(lean)
        return piece

    def _made(self, lean: Lean) -> Piece:
        pid, status, amount, estimate, _, review, failed = lean
        names = tuple(f"{pid}:{c}" for c in failed)
        cells = b""
        if self.layout is not None:
            cells = self.csv.in_json(list(decision_cells(self.layout, status, amount, estimate))) + b","
        entry = json.dumps(result_entry(lean), ensure_ascii=False) if self.entries else ""
        return Piece(pid, status, amount, estimate, orjson.dumps({pid: [status, amount, estimate]})[1:-1], names,
                     orjson.dumps(names)[1:-1], review if status == "review" else (),
                     self.bits[pid] if status in CLAIMING else 0, cells, entry)

    def _with_amount(self, lean: Lean) -> Piece:
        """A decision with an amount: what the same decision without an amount makes, with the amount put in (an
        int is never quoted in CSV nor escaped in JSON; the estimate's word shows beside it)."""
        pid, status, amount, estimate, _, review, failed = lean
        if type(amount) is not int:  # only ints are written as %d writes them
            return self._made(lean)
        key = (pid, status, estimate, review, failed)
        made = self._amounts.get(key)
        if made is None:
            blank = self._made((pid, status, None, estimate, (), review, failed))
            head = b"%s:[%s," % (orjson.dumps(pid), orjson.dumps(status))
            est = b",true]" if estimate else b",false]"
            cells = blank.cells[:-2] if blank.cells else b""  # "word,,,": the cells with neither amount nor word
            word = self._estimate if estimate else b""
            made = self._keep(self._amounts, key, (blank, head, est, cells, word))
        blank, head, est, cells, word = made
        return Piece(pid, status, amount, estimate, b"%s%d%s" % (head, amount, est), blank.failed, blank.failed_json,
                     blank.review, blank.bit, b"%s%d,%s," % (cells, amount, word) if cells else b"", "")

    def _missing_of(self, results: tuple[Lean, ...]) -> Fields:
        key = tuple([r[4] for r in results])
        missing = self._missing.get(key)
        if missing is None:
            missing = self._fields(sorted({m for r in results for m in r[4]}))
            self._keep(self._missing, key, missing, MAX_MISSING)
        return missing

    def _pending_of(self, review: tuple[tuple[str, ...], ...]) -> Fields:
        return self._keep(self._pending, review, self._fields(sorted({f for fields in review for f in fields})))

    def _fields(self, fields: list[str] | tuple[str, ...]) -> Fields:
        cell = b""
        if self.layout is not None:
            cell = in_json(self.csv.cell_text(self.layout.fields_words(fields)))  # kept here, not in the layout too
        return Fields(tuple(fields), orjson.dumps(list(fields)), cell)

    @staticmethod
    def _keep(kept: dict[Any, Any], key: Any, value: Any, most: int = MAX_KEPT) -> Any:
        """`value` kept under `key`; a full dict starts afresh, so that memory stays flat."""
        if len(kept) >= most:
            kept.clear()
        kept[key] = value
        return value

