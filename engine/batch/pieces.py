"""What a screening worker derives from each decision of a row, made once per distinct decision and reused.

`Evaluator.screen` gives a row's decisions as lean tuples (provision, status, amount, estimate, missing fields,
fields pending review, failed criteria), and most rows repeat most of them: a provision refused on the same
criterion, undetermined for want of the same fields. A `Piece` holds all that the worker writes or counts of
one decision: its member of the journal line's `p`, its failed-criterion keys, its claim bit for the duplicate
check, its three CSV cells and its entry in a `--detail summary` document. `Pieces` keeps them by the
decision's value in bounded dicts (memory stays flat however many rows are screened), so that a row is joined
from text made before instead of being built cell by cell and serialised whole.

Each piece is made by the functions the record-based path uses (writers.decision_cells, summary_doc.result_entry,
orjson for the journal), and the row made of pieces is byte for byte the row made from the record
(tests/test_batch_pieces.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import orjson

from engine.batch.duplicates import CLAIMING
from engine.batch.lines import CsvCells
from engine.batch.summary_doc import result_entry
from engine.batch.writers import Layout, decision_cells
from engine.evaluate.evaluator import Lean
from engine.intake.tables import safe_cell

# Distinct decisions (or lists of missing fields) kept before the dict starts afresh: 20,000 generated rows have
# some 1,500 distinct decisions without an amount and 1,300 lists of missing fields.
MAX_KEPT = 4096


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
    cells: str  # its three CSV cells and the comma after them ("" when the output is not CSV)
    entry: str  # its entry in a --detail summary document, as json.dumps writes it ("" for other outputs)


@dataclass(frozen=True, slots=True, eq=False)
class Missing:
    """A row's missing fields (the union of its decisions', sorted), as the journal and the CSV row write them."""

    fields: tuple[str, ...]
    json: orjson.Fragment


@dataclass(slots=True)
class Decided:
    """A row's decisions in pieces, what the row makes of them all, and its city and total (summary.Tally)."""

    pieces: list[Piece]
    missing: Missing
    pending: list[str]  # the fields pending review, sorted
    mask: int  # the provisions the row claims (duplicates.sighting)
    city: str | None
    total: int

    def p_json(self) -> orjson.Fragment:
        return orjson.Fragment(b"{%s}" % b",".join([p.p_json for p in self.pieces]))

    def failed_json(self) -> orjson.Fragment:
        return orjson.Fragment(b"[%s]" % b",".join([p.failed_json for p in self.pieces if p.failed_json]))

    def cells(self) -> str:
        return "".join([p.cells for p in self.pieces])


class Pieces:
    """The pieces of one worker's rows: `layout` when the output is CSV, `entries` for --detail summary JSONL."""

    def __init__(self, provisions: list[str], layout: Layout | None = None, entries: bool = False) -> None:
        # The bits follow the rulebook's order, which is the order of a screening's decisions (duplicates.sighting).
        self.bits = {pid: 1 << i for i, pid in enumerate(provisions)}
        self.layout, self.entries = layout, entries
        self.csv = CsvCells()
        self._pieces: dict[Lean, Piece] = {}
        self._missing: dict[tuple[tuple[str, ...], ...], Missing] = {}

    def decide(self, results: tuple[Lean, ...], city: str | None, total: int) -> Decided:
        known = self._pieces.get
        pieces = [known(r) or self._piece(r) for r in results]
        review = [p.review for p in pieces if p.review]
        pending = sorted({f for fields in review for f in fields}) if review else []
        return Decided(pieces, self._missing_of(results), pending, sum([p.bit for p in pieces]), city, total)

    def _piece(self, lean: Lean) -> Piece:
        """The piece of a decision, kept if it has no amount: four in five amounts are new (the same few fields
        recur, but amounts are money computed from the applicant's own figures), and kept would crowd out the rest."""
        pid, status, amount, estimate, _, review, failed = lean
        names = tuple(f"{pid}:{c}" for c in failed)
        cells = ""
        if self.layout is not None:
            made = [safe_cell(c) for c in decision_cells(self.layout, status, amount, estimate)]
            cells = self.csv.text(made) + ","
        entry = json.dumps(result_entry(lean), ensure_ascii=False) if self.entries else ""
        piece = Piece(pid, status, amount, estimate, orjson.dumps({pid: [status, amount, estimate]})[1:-1], names,
                      orjson.dumps(names)[1:-1], review if status == "review" else (),
                      self.bits[pid] if status in CLAIMING else 0, cells, entry)
        if amount is None:
            if len(self._pieces) >= MAX_KEPT:
                self._pieces.clear()
            self._pieces[lean] = piece
        return piece

    def _missing_of(self, results: tuple[Lean, ...]) -> Missing:
        key = tuple([r[4] for r in results])
        missing = self._missing.get(key)
        if missing is None:
            if len(self._missing) >= MAX_KEPT:
                self._missing.clear()
            fields = sorted({m for r in results for m in r[4]})
            missing = self._missing[key] = Missing(tuple(fields), orjson.Fragment(orjson.dumps(fields)))
        return missing
