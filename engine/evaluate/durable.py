"""The durable_rules matcher: drives the C core of durable-rules 2.0.28 directly, one application at a time.

Private on purpose. It uses the undocumented functions of `durable_rules_engine` (create_ruleset,
assert_fact, start_action_for_state, complete_and_start_action, retract_fact, delete_state), unchanged since 2020:
no `Host`, so no background dispatcher or timer threads (whose races crash the process), and about
ten times the throughput of the Host API. The version is pinned; tests/test_differential.py keeps it
honest against the reference matcher. docs/durable-rules.md explains each of these choices.
"""

from __future__ import annotations

import itertools
import json
import threading
from typing import Any

import durable_rules_engine as dre
import orjson

from engine.evaluate.compiler import CompiledEpoch, compile_epoch
from engine.errors import EngineFailure
from engine.evaluate.reference import Outcomes, criterion_of
from engine.rules.rulebook import Epoch, Rulebook

# Rulesets can never be unloaded or redefined (docs/durable-rules.md), so handles live for the process and are
# shared by every matcher; the name carries the rule-set digest, so two rule sets never collide.
_HANDLES: dict[str, int] = {}
_SIDS = itertools.count(1)
MAX_LEAKED_SESSIONS = 64  # sessions kept after an engine error; durable allows 1,024 live ones per ruleset
SESSION_APPLICATIONS = 4096  # then the session is replaced, far below where a long-lived one misbehaves


class _Session:
    """One session (sid) that matches applications one after another: each fact is asserted, its actions run,
    and it is retracted, leaving the session empty. Creating and deleting a session costs more than matching
    in it (about 80 of 200 µs per application with pack 2026.2), so one serves thousands of applications."""

    __slots__ = ("sid", "used")

    def __init__(self) -> None:
        self.sid, self.used = str(next(_SIDS)), 0


# One live session per ruleset and thread (the C core is not thread-safe; a thread never shares its session).
_SESSIONS: dict[tuple[int, int], _Session] = {}
MAX_SESSIONS = 32  # past this many, the sessions of threads that have ended are deleted


def _session(handle: int) -> _Session:
    key = (handle, threading.get_ident())
    session = _SESSIONS.get(key)
    if session is None or session.used >= SESSION_APPLICATIONS:
        if session is not None:
            dre.delete_state(handle, session.sid)
        if len(_SESSIONS) >= MAX_SESSIONS:
            _forget_ended_threads()
        session = _SESSIONS[key] = _Session()
    session.used += 1
    return session


def _forget_ended_threads() -> None:
    """Threads come and go (a server's pool): the sessions of ended ones must not pile up to durable's 1,024."""
    alive = {t.ident for t in threading.enumerate()}
    for handle, ident in [key for key in _SESSIONS if key[1] not in alive]:
        dre.delete_state(handle, _SESSIONS.pop((handle, ident)).sid)


class DurableMatcher:
    """Matches criteria with durable_rules; same interface as ReferenceMatcher."""

    name = "durable_rules"

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self._compiled: dict[Epoch, tuple[CompiledEpoch, int]] = {}
        self._leaked = 0

    def compiled(self, epoch: Epoch) -> tuple[CompiledEpoch, int]:
        entry = self._compiled.get(epoch)
        if entry is None:
            book = self.rulebook
            name = f"{book.pack}@{book.version}#{book.digest[:16]}#{epoch.start.isoformat()}"
            compiled = compile_epoch(epoch, name)
            handle = _HANDLES.get(name)
            if handle is None:
                handle = _HANDLES[name] = dre.create_ruleset(name, json.dumps(compiled.definition, ensure_ascii=False))
            entry = self._compiled[epoch] = (compiled, handle)
        return entry

    def match(self, epoch: Epoch, values: dict[str, Any]) -> Outcomes:
        if not epoch.active:
            return {}
        compiled, handle = self.compiled(epoch)
        # Before any rule fires: a criterion with an absent input is unknown, a complete one passes (its F
        # rule decides a fail), and the fact carries the `_p<n>` markers of the incomplete ones.
        outcomes, fact = compiled.start(values)
        session = _session(handle)
        fact["sid"] = session.sid
        fact["id"] = session.used  # a fact's identity: the same values twice in one session are two facts
        decided: dict[int, bool] = {}
        firing = compiled.firing
        for name in self._fire(handle, fact):
            hit = firing.get(name)
            if hit is None:
                # A name we did not compile means the result message was misread or the C core answered
                # for another ruleset: skipping it could leave a criterion "unknown" that was decided.
                raise EngineFailure("evaluate.failure.unknown_rule", name=repr(name))
            n, holds, decides = hit
            if decided.setdefault(n, holds) is not holds:
                raise EngineFailure("evaluate.failure.both_polarities", key=criterion_of(next(iter(decides))))
            outcomes.update(decides)
        return outcomes

    def _fire(self, handle: int, fact: dict[str, Any]) -> list[str]:
        """The names of the rules the fact fires; the fact carries its session's sid and its own id."""
        names: list[str] = []
        try:
            _, state = dre.assert_fact(handle, orjson.dumps(fact).decode())
            result = dre.start_action_for_state(handle, state)
            while result:
                message = result[1] if isinstance(result, tuple) else result
                names.append(message[2 : message.index('"', 2)])
                result = dre.complete_and_start_action(handle, state)
            # The id alone names the fact to retract: no need to send (and parse) the whole fact again.
            # The sid is digits and the id an int: the JSON is written as orjson would write it.
            dre.retract_fact(handle, f'{{"sid":"{fact["sid"]}","id":{fact["id"]}}}')
        except Exception as exc:  # the C core raises plain Exceptions carrying an error code
            # Never delete_state a session that failed: after error 303 that segfaults (docs/durable-rules.md).
            # It is left as it is, and the next application starts a new one.
            _SESSIONS.pop((handle, threading.get_ident()), None)
            self._leaked += 1
            if self._leaked > MAX_LEAKED_SESSIONS:
                raise EngineFailure("evaluate.failure.too_many") from exc
            raise EngineFailure("evaluate.failure.durable", error=exc) from exc
        return names
