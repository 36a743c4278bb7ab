"""The durable_rules compilation: only ints/bools/strings reach the engine, shared conditions match once, limits hold."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from engine import Rulebook, parse_application
from engine.evaluate import compiler
from engine.evaluate.compiler import CompileError, compile_epoch
from engine.evaluate.factcode import derive_ratio
from engine.evaluate.facts import values_of

DAY = dt.date(2027, 3, 31)


def _walk(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [x for k, v in node.items() for x in [k, *_walk(v)]]
    if isinstance(node, list):
        return [x for v in node for x in _walk(v)]
    return [node]


def test_compiled_ruleset_holds_no_floats(rulebook: Rulebook) -> None:
    compiled = compile_epoch(rulebook.epoch(DAY), "t")
    leaves = _walk(compiled.definition)
    assert not [x for x in leaves if isinstance(x, float)]
    assert "e+" not in json.dumps(compiled.definition) and "e-" not in json.dumps(compiled.definition)


def test_facts_hold_no_floats_and_scaled_ratios_are_integers(rulebook: Rulebook, full: dict) -> None:
    full["rd"].update(expense=1, revenue=3)  # 1/3: floor and ceil differ
    compiled = compile_epoch(rulebook.epoch(DAY), "t")
    fact = compiled.fact(values_of(parse_application(full), DAY), "1")
    assert all(not isinstance(v, float) for v in _walk(fact))
    scaled = {k: v for k, v in fact.items() if k.endswith(("_lo", "_hi"))}
    assert 333_333_333 in scaled.values()  # the floor of 1/3 × 10^9 (the rules read the floor of this ratio)
    # Only the floors and ceilings some rule reads are in the fact: every key costs in the C core.
    assert scaled and all(f'"{k}"' in json.dumps(compiled.definition) for k in scaled)
    both = derive_ratio("_r", ("rd.expense", "rd.revenue"), frozenset({"_r_lo", "_r_hi"}))
    floor_only = derive_ratio("_r", ("rd.expense", "rd.revenue"), frozenset({"_r_lo"}))
    for step, want in ((both, {"_r_lo": 333_333_333, "_r_hi": 333_333_334}), (floor_only, {"_r_lo": 333_333_333})):
        got: dict = {}
        step({"rd.expense": 1, "rd.revenue": 3}, got)
        assert got == want


def test_shared_conditions_compile_once(rulebook: Rulebook) -> None:
    epoch = rulebook.epoch(DAY)
    compiled = compile_epoch(epoch, "t")
    criteria = sum(len(ap.provision.criteria) for ap in epoch.active)
    distinct = len(compiled.inputs)  # one entry per distinct condition
    assert distinct < criteria
    users = sum(any(c.id == "in-shandong" for c in ap.provision.criteria) for ap in epoch.active)
    assert users >= 6
    in_shandong = [targets for targets, holds in compiled.rules.values() if not holds and len(targets) == users]
    assert len(in_shandong) == 1, f"in-shandong is used by {users} provisions and should be one rule (a comparison has no T rule)"


def test_rulesets_over_the_matching_limit_are_refused(rulebook: Rulebook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiler, "GROUP_SIZE", 30)
    with pytest.raises(CompileError, match="exceed the 48 conditions"):
        compile_epoch(rulebook.epoch(DAY), "t")


def test_no_provision_in_effect_means_no_ruleset_is_needed(rulebook: Rulebook) -> None:
    assert rulebook.epoch(dt.date(2029, 1, 1)).active == ()
