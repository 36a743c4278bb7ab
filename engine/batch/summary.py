"""The screening's summary: counts by status per provision, money, what is most often missing.

Screening workers count the rows of each chunk they answer (`Summary.add`) and the parent adds the chunks up
in input order (`Summary.merge`), so the parent never reads a row to count it. Merged in input order, every
count, and the order in which keys were first seen (which breaks ties in `most_common`), is the one that
adding the rows one by one gives.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from schemas.codes import prefecture

if TYPE_CHECKING:
    from engine.batch.pieces import Decided, Fields, Piece


@dataclass
class Summary:
    """What a reviewer reads first: counts by status per provision, money, what is most often missing."""

    provisions: list[str]
    rows: int = 0
    errors: int = 0
    resumed: int = 0
    statuses: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    amounts: Counter[str] = field(default_factory=Counter)  # eligible: money the rules grant
    pending: Counter[str] = field(default_factory=Counter)  # review: provisional until a reviewer decides
    estimated: set[str] = field(default_factory=set)  # provisions whose amounts rest on an assumption
    by_city: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    duplicate_ids: int = 0
    duplicate_claims: int = 0

    def add(self, rec: dict[str, Any]) -> None:
        self.rows += 1
        if rec["status"] == "error":
            self.errors += 1
            return
        statuses = self.statuses
        for pid, decision in rec["p"].items():
            status, amount = decision[0], decision[1]
            statuses[pid][status] += 1
            if amount:
                if len(decision) > 2 and decision[2]:
                    self.estimated.add(pid)
                if status == "eligible":
                    self.amounts[pid] += amount
                elif status == "review":
                    self.pending[pid] += amount
        if rec.get("city") and rec["total"]:
            self.by_city[prefecture(rec["city"])] += rec["total"]
        self.missing.update(rec["missing"])
        self.failed.update(rec["failed"])

    def merge(self, part: Summary) -> None:
        """Add the counts of the rows that follow this summary's (a chunk counted by a worker)."""
        self.rows += part.rows
        self.errors += part.errors
        for pid, counts in part.statuses.items():
            self.statuses[pid].update(counts)
        self.amounts.update(part.amounts)
        self.pending.update(part.pending)
        self.estimated |= part.estimated
        self.by_city.update(part.by_city)
        self.missing.update(part.missing)
        self.failed.update(part.failed)

    @property
    def total_amount(self) -> int:
        return sum(self.amounts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows, "errors": self.errors, "resumed_rows": self.resumed,
            "total_amount": self.total_amount, "total_pending_review": sum(self.pending.values()),
            "provisions": {p: {"statuses": dict(self.statuses.get(p, {})), "amount": self.amounts[p],
                               "pending_review": self.pending[p], "estimate": p in self.estimated}
                           for p in self.provisions},
            "amount_by_city": dict(self.by_city.most_common()),
            "top_missing": self.missing.most_common(10), "top_failed": self.failed.most_common(10),
            "duplicate_application_ids": self.duplicate_ids, "duplicate_claims": self.duplicate_claims,
        }


class Tally:
    """A worker's counts of the rows it screens, kept by the shared pieces of their decisions (engine/batch/pieces.py):
    a row adds its pieces to a list, counted once for the whole chunk, and each distinct piece is added to a Summary
    once (`into`).

    `into` adds the pieces, and the lists of missing fields, in the order they were first seen: each key of the
    summary is then first seen in the order adding the rows one by one gives, so ties break the same way.
    """

    def __init__(self) -> None:
        self.rows = self.errors = 0
        self.pieces: list[Piece] = []  # the pieces of every row counted, one row after the other
        self.missing: list[Fields] = []
        self.by_city: Counter[str] = Counter()

    def add(self, counted: Decided | dict[str, Any]) -> None:
        """An evaluated row's decisions; or an error record (whose row only is counted)."""
        self.rows += 1
        if isinstance(counted, dict):
            assert counted["status"] == "error"
            self.errors += 1
            return
        self.pieces += counted.pieces
        self.missing.append(counted.missing)
        if counted.city and counted.total:
            self.by_city[prefecture(counted.city)] += counted.total

    def into(self, summary: Summary) -> Summary:
        summary.rows += self.rows
        summary.errors += self.errors
        statuses, estimated, failed = summary.statuses, summary.estimated, summary.failed
        for piece, n in Counter(self.pieces).items():
            pid, status, amount = piece.pid, piece.status, piece.amount
            statuses[pid][status] += n
            if amount:
                if piece.estimate:
                    estimated.add(pid)
                if status == "eligible":
                    summary.amounts[pid] += amount * n
                elif status == "review":
                    summary.pending[pid] += amount * n
            for key in piece.failed:
                failed[key] += n
        missing = summary.missing
        for fields, n in Counter(self.missing).items():
            for f in fields.fields:
                missing[f] += n
        summary.by_city.update(self.by_city)
        return summary
