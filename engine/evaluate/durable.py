"""The durable_rules matcher: drives the C core of durable-rules 2.0.28 directly, one fact per application.

Private on purpose. It uses the undocumented functions of `durable_rules_engine` (create_ruleset,
assert_fact, start_action_for_state, complete_and_start_action, retract_fact, delete_state), unchanged
since 2020: no `Host`, so no background dispatcher or timer threads (whose races crash the process), and
about ten times the throughput of the Host API. The version is pinned; tests/test_differential.py keeps
it honest against the reference matcher. docs/durable-rules.md explains each of these choices.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import durable_rules_engine as dre
import orjson

from engine.evaluate.compiler import CompiledEpoch, compile_epoch
from engine.errors import EngineFailure
from engine.messages import text
from engine.evaluate.reference import Outcomes
from engine.rules.rulebook import Epoch, Rulebook

# Rulesets can never be unloaded or redefined (docs/durable-rules.md), so handles live for the process and are
# shared by every matcher; the name carries the rule-set digest, so two rule sets never collide.
_HANDLES: dict[str, int] = {}
_SIDS = itertools.count(1)
_IDS = itertools.count(1)
MAX_LEAKED_SESSIONS = 64  # sessions kept after an engine error; durable allows 1,024 live ones per ruleset
# A session is made afresh (its state allocated for every rule of the set: most of an assert's cost) only
# every this many applications; in between each application's fact is retracted once its rules are read.
SESSION_FACTS = 4096
# Per ruleset handle: [session id, facts asserted in it]. One session per handle and process.
_SESSIONS: dict[int, list[Any]] = {}


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
        outcomes, fact = compiled.start(values)
        decided: dict[int, bool] = {}
        rules = compiled.firing
        for name in self._fire(handle, fact):
            hit = rules.get(name)
            if hit is None:
                if name in compiled.definition:  # compiled but decides nothing: the catch-all rule
                    continue
                # A name we did not compile means the result message was misread or the C core answered
                # for another ruleset: skipping it could leave a criterion "unknown" that was decided.
                unknown = {"name": repr(name)}
                raise EngineFailure(f"{text('evaluate.failure.unknown_rule', 'zh', **unknown)}"
                                    f"({text('evaluate.failure.unknown_rule', 'en', **unknown)})")
            n, holds, decides = hit
            if decided.setdefault(n, holds) is not holds:
                raise EngineFailure(text("evaluate.failure.both_polarities", "en", key=decides))
            outcomes.update(decides)
        return outcomes

    def _fire(self, handle: int, fact: dict[str, Any]) -> list[str]:
        """The names of the rules the fact fires, read in the session kept for the rule set."""
        session = _SESSIONS.get(handle)
        if session is None:
            session = _SESSIONS[handle] = [str(next(_SIDS)), 0]
        sid, mid = session[0], str(next(_IDS))
        fact["sid"], fact["id"] = sid, mid
        names: list[str] = []
        try:
            _, state = dre.assert_fact(handle, orjson.dumps(fact).decode())
            result = dre.start_action_for_state(handle, state)
            while result:
                message = result[1] if isinstance(result, tuple) else result
                names.append(message[2 : message.index('"', 2)])
                result = dre.complete_and_start_action(handle, state)
            # Only the id is needed to retract: the fact's rules have fired and left no frame behind.
            dre.retract_fact(handle, f'{{"sid":"{sid}","id":"{mid}"}}')
        except Exception as exc:  # the C core raises plain Exceptions carrying an error code
            # Never delete_state a session that failed: after error 303 that segfaults (docs/durable-rules.md).
            # The next application gets a new session.
            del _SESSIONS[handle]
            self._leaked += 1
            if self._leaked > MAX_LEAKED_SESSIONS:
                raise EngineFailure(text("evaluate.failure.too_many", "en")) from exc
            raise EngineFailure(text("evaluate.failure.durable", "en", error=exc)) from exc
        session[1] += 1
        if session[1] >= SESSION_FACTS:
            del _SESSIONS[handle]
            dre.delete_state(handle, sid)
        return names
