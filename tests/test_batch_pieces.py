"""A screening worker joins an evaluated row's journal line from pieces made once per distinct decision
(engine/batch/pieces.py): the line is byte for byte the one made from the row's record, and the counts kept by
pieces are the summary that adding every record gives, down to the order keys were first seen."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import engine.batch.screen as screen_module
from engine.batch.duplicates import sighting
from engine.batch.pieces import MAX_KEPT, MAX_MISSING, Pieces
from engine.batch.summary import Summary, Tally
from engine.errors import InputError
from engine.intake.documents import parse_application
from engine.intake.sample import generate
from engine.intake.tables import Row

from helpers import ROOT

ODD = ["济南, \"测试\" 公司", "=1+1", "+86 531", "a\nb", "back\\slash", "", "'quoted'", "x\x1fy", "\u2028",
       "全角\u3000空格", "a,b", "x\x7fy", "-1", "@x", "tab\there", "\u00a0nbsp", "say \"hi\""]


def _record(number: int, app: Any, screening: Any) -> dict[str, Any]:
    """The record of an evaluated row as the worker made it before pieces: the reference."""
    applicant, results = app.applicant, screening.results
    return {
        "row": number, "status": "evaluated", "id": app.application_id,
        "name": applicant.name if applicant else None, "uscc": applicant.uscc if applicant else None,
        "city": applicant.city_code if applicant else None,
        "p": {r[0]: [r[1], r[2], r[3]] for r in results},
        "total": screening.total_amount, "pending_total": screening.total_pending_review,
        "pending": sorted({f for r in results if r[1] == "review" for f in r[5]}),
        "missing": sorted({m for r in results for m in r[4]}),
        "failed": [f"{r[0]}:{c}" for r in results for c in r[6]],
        "warnings": list(screening.warnings),
    }


def _applications(n: int) -> list[Any]:
    apps = []
    for i, doc in enumerate(generate(n, seed=23, missing_share=0.3)):
        if i % 4 == 0:
            doc["applicant"]["name"] = ODD[i % len(ODD)]
        if i % 9 == 0:
            doc["application_id"] = ODD[i % len(ODD)] or "X"
        try:
            apps.append(parse_application(doc))
        except InputError:  # text the schema refuses (an empty name, say): such rows are error records
            continue
    return apps


@pytest.mark.parametrize(("ready", "detail", "lang"),
                         [("csv", None, "zh"), ("csv", None, "en"), (None, None, "zh"), ("jsonl", "summary", "zh"),
                          (None, "summary", "zh")])
def test_a_line_joined_from_pieces_is_the_line_made_from_the_record(ready: str | None, detail: str | None,
                                                                     lang: str) -> None:
    screen_module._init_worker(str(ROOT / "rules"), None, detail, "both", ready, lang)
    evaluator = screen_module._EVALUATOR
    assert evaluator is not None
    amounts = 0
    for number, app in enumerate(_applications(300), start=2):
        screening = evaluator.screen(app)
        document = screen_module._document(app, screening)
        line, out, seen, decided = screen_module._evaluated(number, app, screening,
                                                            None if ready == "jsonl" else document)
        rec = _record(number, app, screening)
        want, want_out, want_seen, _ = screen_module._record(rec, document, ready)
        untimed = re.compile(rb'\\?"evaluated_at\\?": \\?"[^"\\]*\\?"')  # the document's clock
        assert untimed.sub(b"", line) == untimed.sub(b"", want)
        assert (out is None) == (want_out is None) == (ready is None)
        assert out is None or untimed.sub(b"", out) == untimed.sub(b"", want_out)  # what the spool's draft is made of
        assert seen == want_seen == sighting(rec)
        amounts += any(p.amount for p in decided.pieces)
    assert amounts > 30  # decisions with amounts (pieces made anew) as well as kept ones


def test_counts_kept_by_pieces_are_the_summary_of_every_record_added_in_order() -> None:
    screen_module._init_worker(str(ROOT / "rules"), None, None, "both", "csv", "zh")
    evaluator = screen_module._EVALUATOR
    assert evaluator is not None
    provisions = [p.id for p in evaluator.rulebook.provisions]
    one, merged, tally = Summary(provisions), Summary(provisions), Tally()
    for number, app in enumerate(_applications(400), start=2):
        screening = evaluator.screen(app)
        _, _, _, decided = screen_module._evaluated(number, app, screening, None)
        one.add(_record(number, app, screening))
        tally.add(decided)
        if number % 7 == 0:  # an error row now and then
            error = {"row": number, "status": "error", "errors": []}
            one.add(error)
            tally.add(error)
        if number % 50 == 0:  # chunks, merged in order as the parent merges its workers' answers
            merged.merge(tally.into(Summary(provisions)))
            tally = Tally()
    merged.merge(tally.into(Summary(provisions)))
    assert json.dumps(merged.to_dict()) == json.dumps(one.to_dict())
    for counter in ("missing", "failed", "by_city", "amounts", "pending"):
        assert list(getattr(merged, counter).items()) == list(getattr(one, counter).items()), counter
    assert [(p, list(c.items())) for p, c in merged.statuses.items()] == \
        [(p, list(c.items())) for p, c in one.statuses.items()]
    assert merged.errors == one.errors > 0 and merged.estimated == one.estimated


def test_pieces_kept_stay_bounded_and_one_decision_is_one_piece() -> None:
    pieces = Pieces(["a", "b"])
    first = pieces.decide((("a", "ineligible", None, False, (), (), ("c1",)), ("b", "eligible", 5, True, (), (), ())),
                          None, 5)
    again = pieces.decide((("a", "ineligible", None, False, (), (), ("c1",)), ("b", "eligible", 5, True, (), (), ())),
                          None, 5)
    assert first.pieces[0] is again.pieces[0]  # kept: the same decision without an amount
    assert first.pieces[1] is not again.pieces[1]  # a decision with an amount is made anew
    assert first.mask == again.mask == 0b10
    assert first.p == again.p == b'"a":["ineligible",null,false],"b":["eligible",5,true]'
    for i in range(3 * MAX_KEPT):
        pieces.decide((("a", "undetermined", None, False, (f"f{i}",), (), ()),), None, 0)
        assert len(pieces._pieces) <= MAX_KEPT and len(pieces._missing) <= MAX_MISSING
        assert len(pieces._by_id) <= MAX_KEPT and len(pieces._leans) <= MAX_KEPT


def test_one_worker_counts_what_many_do(tmp_path: Any) -> None:
    """screen_here hands its rows' counts to the parent unfolded; a chunk folds them into a Summary first."""
    screen_module._init_worker(str(ROOT / "rules"), None, None, "both", "csv", "zh")
    rows = [Row(number=i + 2, raw=json.dumps(doc, ensure_ascii=False).encode()) for i, doc in
            enumerate(generate(120, seed=4, invalid_share=0.1))]
    provisions = [p.id for p in screen_module._EVALUATOR.rulebook.provisions]  # type: ignore[union-attr]
    here, chunk = Summary(provisions), Summary(provisions)
    for row in rows:
        screen_module.screen_here([row]).count_into(here)
    batch = screen_module.screen_chunk(rows)
    batch.count_into(chunk)
    assert isinstance(batch.tally, Summary)
    assert json.dumps(here.to_dict()) == json.dumps(chunk.to_dict()) and here.rows == 120 and here.errors > 0
