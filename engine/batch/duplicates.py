"""Duplicates across a screening batch: application ids seen twice, and one USCC claiming a provision twice.

Every sighting goes to a temporary on-disk SQLite database, so the screening parent's memory stays flat
however many rows the batch has (a dict of first sightings cost ~280 bytes a row: 338 MB at a million).
Only the rows of actual duplicates are loaded back, once the whole batch has been seen.
"""

from __future__ import annotations

import sqlite3
from typing import Any

CLAIMING = ("eligible", "review", "undetermined")  # an application that is not ruled out claims the provision
_BATCH = 10_000  # sightings buffered before one executemany


Sighting = tuple[Any, int, Any, int]  # (application id, row, USCC of an evaluated row, claimed provisions' bits)


def sighting(rec: dict[str, Any]) -> Sighting:
    """The part of a record duplicates look at; the bits follow the order of `rec["p"]` (the rulebook's)."""
    if rec["status"] != "evaluated":
        return rec.get("id"), rec["row"], None, 0
    mask = bit = 0
    for decision in rec["p"].values():
        if decision[0] in CLAIMING:
            mask |= 1 << bit
        bit += 1
    return rec.get("id"), rec["row"], rec.get("uscc"), mask


class Duplicates:
    """Feed every record with `add`, then `finish`; `flags(rec)` says what a record shares with others."""

    MAX_ROWS_SHOWN = 20

    def __init__(self, provisions: list[str]) -> None:
        self.bit = {pid: 1 << i for i, pid in enumerate(provisions)}
        self._db = sqlite3.connect("")  # "": a private temporary database on disk, deleted on close
        # The sightings as they come (no row looked at in Python: a chunk's are one list extended); rows without
        # an id or a USCC ("" or NULL) are left out by the queries.
        self._db.execute("CREATE TABLE seen (id TEXT, row INTEGER, uscc TEXT, mask INTEGER)")
        self._seen: list[Sighting] = []
        self.ids: dict[str, list[int]] = {}  # id → its rows, for ids on more than one row
        self.usccs: dict[str, list[tuple[int, int]]] = {}  # USCC → (row, claimed provisions), on more than one row

    def _mask(self, rec: dict[str, Any]) -> int:
        return sum(self.bit[pid] for pid, (status, *_) in rec["p"].items() if status in CLAIMING)

    def add(self, rec: dict[str, Any]) -> None:
        self.add_sightings([sighting(rec)])

    def add_sightings(self, seen: list[Sighting]) -> None:
        """Many sightings at once (a worker's chunk)."""
        self._seen += seen
        if len(self._seen) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO seen VALUES (?, ?, ?, ?)", self._seen)
        self._seen.clear()

    def finish(self) -> tuple[int, int]:
        """Load the duplicates; (rows sharing an application id, rows whose USCC claims what another row claims)."""
        self._flush()
        db = self._db
        for id_, row in db.execute("SELECT id, row FROM seen WHERE id IN (SELECT id FROM seen WHERE id != '' "
                                   "GROUP BY id HAVING count(*) > 1) ORDER BY row"):
            self.ids.setdefault(id_, []).append(row)
        for uscc, row, mask in db.execute("SELECT uscc, row, mask FROM seen WHERE uscc IN (SELECT uscc FROM seen "
                                          "WHERE uscc != '' GROUP BY uscc HAVING count(*) > 1) ORDER BY row"):
            self.usccs.setdefault(uscc, []).append((row, mask))
        db.close()
        ids = sum(len(rows) for rows in self.ids.values())
        claims = sum(1 for entries in self.usccs.values() for row, mask in entries
                     if any(other != row and m & mask for other, m in entries))
        return ids, claims

    def flagged_rows(self) -> set[int]:
        """After `finish`: the rows that share an id or a USCC with another (only they can have flags)."""
        rows = {row for rows in self.ids.values() for row in rows}
        return rows | {row for entries in self.usccs.values() for row, _ in entries}

    def flags(self, rec: dict[str, Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        rows = self.ids.get(rec.get("id") or "")
        if rows:
            out.append({"type": "duplicate_application_id", "rows": rows[: self.MAX_ROWS_SHOWN], "count": len(rows)})
        entries = self.usccs.get(rec.get("uscc") or "") if rec["status"] == "evaluated" else None
        if entries:
            mask = self._mask(rec)
            others = [(row, m & mask) for row, m in entries if row != rec["row"] and m & mask]
            if others:
                shared = 0
                for _, m in others:
                    shared |= m
                out.append({"type": "duplicate_claim", "uscc": rec["uscc"],
                            "provisions": [pid for pid, bit in self.bit.items() if bit & shared],
                            "rows": [row for row, _ in others][: self.MAX_ROWS_SHOWN], "count": len(others)})
        return out
