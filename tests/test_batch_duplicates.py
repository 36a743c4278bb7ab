"""Duplicate detection keeps every sighting as it comes and leaves rows without an id or a USCC to its queries."""

from __future__ import annotations

from engine.batch.duplicates import Duplicates


def test_rows_without_an_id_or_a_uscc_are_never_duplicates_of_each_other() -> None:
    dup = Duplicates(["a", "b"])
    dup.add_sightings([("X", 2, "U1", 0b01), ("", 3, "", 0b11), (None, 4, None, 0), ("X", 5, None, 0),
                       ("", 6, "", 0b11), (None, 7, None, 0), ("Y", 8, "U1", 0b10), ("Z", 9, "U1", 0b01)])
    assert dup.finish() == (2, 2)  # rows 2 and 5 share "X"; rows 2 and 9 claim "a" with U1 (8 claims "b" alone)
    assert dup.ids == {"X": [2, 5]}
    assert dup.usccs == {"U1": [(2, 0b01), (8, 0b10), (9, 0b01)]}
    assert dup.flagged_rows() == {2, 5, 8, 9}
    rec = {"row": 9, "id": "Z", "uscc": "U1", "status": "evaluated", "p": {"a": ["eligible"], "b": ["ineligible"]}}
    flags = dup.flags(rec)
    assert flags == [{"type": "duplicate_claim", "uscc": "U1", "provisions": ["a"], "rows": [2], "count": 1}]
