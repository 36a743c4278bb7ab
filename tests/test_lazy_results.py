"""Full results build their criteria on first read (LazyProvisionResult) and share equal criteria between applications."""

from __future__ import annotations

import dataclasses
import copy

import pytest

from engine import Evaluator, parse_application
from schemas.result import LazyProvisionResult, ProvisionResult


def test_a_lazy_result_is_equal_to_and_pickled_as_the_plain_one(durable: Evaluator, full: dict) -> None:
    results = durable.evaluate(parse_application(full)).results
    lazy = [r for r in results if isinstance(r, LazyProvisionResult)]
    assert lazy, "the evaluator makes lazy results"
    for r in lazy:
        plain = ProvisionResult(**{f.name: getattr(r, f.name) for f in dataclasses.fields(ProvisionResult)})
        assert r == plain and plain == r
        copied = copy.deepcopy(r)  # through __reduce__, as a process boundary sends it
        assert type(copied) is ProvisionResult and copied == r
        assert r.criteria is r.criteria  # built once
        assert repr(r) == repr(plain)


def test_a_lazy_result_is_frozen_and_replace_keeps_its_criteria(durable: Evaluator, full: dict) -> None:
    r = next(r for r in durable.evaluate(parse_application(full)).results if isinstance(r, LazyProvisionResult))
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.status = "ineligible"  # type: ignore[misc]
    changed = dataclasses.replace(r, amount=1)
    assert changed.amount == 1 and changed.criteria == r.criteria and changed.status == r.status
    assert r != changed


def test_criteria_read_late_are_those_of_their_own_application(durable: Evaluator, full: dict) -> None:
    """The criteria are built from the application's values when read, whatever was evaluated in between."""
    poorer = copy.deepcopy(full)
    poorer["rd"]["expense"] = 1
    first = durable.evaluate(parse_application(full))
    second = durable.evaluate(parse_application(poorer))
    early = {r.provision: [(c.id, c.result, c.explanation) for c in r.criteria] for r in second.results}
    late = {r.provision: [(c.id, c.result, c.explanation) for c in r.criteria] for r in first.results}
    assert early != late
    again = durable.evaluate(parse_application(full))
    assert {r.provision: [(c.id, c.result, c.explanation) for c in r.criteria] for r in again.results} == late


def test_equal_values_share_one_criterion(rulebook, full: dict) -> None:
    evaluator = Evaluator(rulebook, "reference")
    other = copy.deepcopy(full)
    other["application_id"] = "T-2"
    one, two = (evaluator.evaluate(parse_application(d)) for d in (full, other))
    shared = sum(a is b for r1, r2 in zip(one.results, two.results) for a, b in zip(r1.criteria, r2.criteria))
    assert shared > 50
    assert one.results == two.results


def test_cached_words_are_each_application_s_own(rulebook) -> None:
    """Two evaluators fill their caches in opposite orders; every word of every result still agrees."""
    from engine import InputError
    from engine.intake.sample import generate

    apps = []
    for doc in generate(300, seed=21):
        try:
            apps.append(parse_application(doc))
        except InputError:
            continue

    def words(evaluator: Evaluator, app) -> list:  # noqa: ANN001
        e = evaluator.evaluate(app)
        return [(r.explanation, r.amount_explanation, tuple((c.id, c.result, c.explanation) for c in r.criteria),
                 tuple(r.score_explanations.items())) for r in e.results]

    forward, backward = Evaluator(rulebook, "reference"), Evaluator(rulebook, "reference")
    ahead = [words(forward, a) for a in apps]
    behind = [words(backward, a) for a in reversed(apps)][::-1]
    assert ahead == behind and len(apps) > 250
