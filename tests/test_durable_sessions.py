"""durable_rules sessions serve many applications one after another: each leaves the session empty, a session is
replaced after SESSION_APPLICATIONS, a failed one is abandoned, and every evaluator of a thread shares one."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from engine import Evaluator, Rulebook, parse_application
from engine.errors import EngineFailure
from engine.evaluate import durable
from engine.intake.sample import generate


def _decisions(evaluator: Evaluator, apps: list[Any]) -> list[list[tuple[str, str, Any, tuple[str, ...]]]]:
    return [[(r.provision, r.status, r.amount, r.missing) for r in evaluator.evaluate(app).results] for app in apps]


def _live(handle: int) -> list[durable._Session]:
    """This thread's live sessions of the rule set (other tests' threads may hold their own)."""
    return [s for (h, t), s in durable._SESSIONS.items() if h == handle and t == threading.get_ident()]


def test_sessions_are_replaced_and_results_stay_those_of_the_reference(
        rulebook: Rulebook, reference: Evaluator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable, "SESSION_APPLICATIONS", 3)
    apps = [parse_application(doc) for doc in generate(40, seed=7)]
    evaluator = Evaluator(rulebook, "durable")
    handle = evaluator.matcher.compiled(rulebook.epoch(apps[0].as_of))[1]  # type: ignore[attr-defined]
    seen = set()
    for app in apps:
        evaluator.evaluate(app)
        seen.update(s.sid for s in _live(handle))
        assert len(_live(handle)) == 1  # one live session, whatever the number of applications
    assert len(seen) >= 40 // 3
    assert _decisions(evaluator, apps) == _decisions(reference, apps)


def test_the_same_application_twice_in_a_row_is_matched_twice(rulebook: Rulebook, full: dict[str, Any]) -> None:
    evaluator = Evaluator(rulebook, "durable")
    app = parse_application(full)
    first, second = evaluator.evaluate(app), evaluator.evaluate(app)
    assert [r.status for r in first.results] == [r.status for r in second.results]
    assert {r.status for r in first.results} & {"eligible", "review"}


def test_evaluators_of_one_thread_share_a_session_and_threads_do_not(rulebook: Rulebook, full: dict[str, Any]) -> None:
    app = parse_application(full)
    evaluators = [Evaluator(rulebook, "durable") for _ in range(3)]
    handles = {e.matcher.compiled(rulebook.epoch(app.as_of))[1] for e in evaluators}  # type: ignore[attr-defined]
    assert len(handles) == 1  # one rule set, one handle
    handle = handles.pop()
    for e in evaluators:
        e.evaluate(app)
    mine = durable._SESSIONS[(handle, threading.get_ident())]
    thread = threading.Thread(target=evaluators[0].evaluate, args=(app,))
    thread.start()
    thread.join()
    assert durable._SESSIONS[(handle, thread.ident)] is not mine  # type: ignore[index]
    assert durable._SESSIONS[(handle, threading.get_ident())] is mine


def test_a_failed_assert_abandons_its_session_and_the_next_application_gets_a_new_one(
        rulebook: Rulebook, full: dict[str, Any]) -> None:
    evaluator = Evaluator(rulebook, "durable")
    app = parse_application(full)
    before = evaluator.evaluate(app)
    matcher = evaluator.matcher
    handle = matcher.compiled(rulebook.epoch(app.as_of))[1]  # type: ignore[attr-defined]
    failed = durable._session(handle)
    # A float in exponent form (1e+16, whichever serialiser) is a parse error in the C core (error 204): the assert fails.
    with pytest.raises(EngineFailure):
        matcher._fire(handle, {"sid": failed.sid, "id": failed.used, "x": 1e16})  # type: ignore[attr-defined]
    assert (handle, threading.get_ident()) not in durable._SESSIONS
    after = evaluator.evaluate(app)
    assert durable._SESSIONS[(handle, threading.get_ident())].sid != failed.sid
    assert [r.status for r in after.results] == [r.status for r in before.results]


def test_the_sessions_of_ended_threads_are_deleted_once_there_are_many(
        rulebook: Rulebook, full: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    evaluator = Evaluator(rulebook, "durable")
    app = parse_application(full)
    handle = evaluator.matcher.compiled(rulebook.epoch(app.as_of))[1]  # type: ignore[attr-defined]
    n = durable.MAX_SESSIONS + 8
    all_done, one_at_a_time = threading.Barrier(n), threading.Lock()  # the C core is not thread-safe

    def evaluate_then_end() -> None:
        with one_at_a_time:
            evaluator.evaluate(app)
        all_done.wait()  # none ends before all have evaluated: n threads alive, n sessions

    threads = [threading.Thread(target=evaluate_then_end) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ended = {t.ident for t in threads}
    assert len([k for k in durable._SESSIONS if k[0] == handle and k[1] in ended]) == n
    monkeypatch.setattr(durable, "SESSION_APPLICATIONS", 0)
    evaluator.evaluate(app)  # this thread's next session: the ended threads' sessions go
    assert not [k for k in durable._SESSIONS if k[1] in ended]
    assert len(durable._SESSIONS) < durable.MAX_SESSIONS
