"""Ratios and inexact amounts are shown cut (never rounded up) to their places, with ≈ when cut; percent of a
Decimal or a Fraction alike. The integer arithmetic of engine/evaluate/explain.py against the exact definition."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from engine.evaluate.explain import _decimal, percent


def exactly(value: Fraction, places: int) -> str:
    """The definition, in exact fractions."""
    scaled = value * 10**places
    whole = Decimal(int(scaled)) / 10**places
    text = f"{whole.normalize():,f}" if whole else "0"
    return text if scaled.denominator == 1 else "≈" + text


def test_cut_and_marked_as_the_exact_definition_says() -> None:
    r = random.Random(7)
    values = [Fraction(r.randint(-10 ** r.randint(0, 16), 10 ** r.randint(0, 16)), r.randint(1, 10 ** r.randint(0, 8)))
              for _ in range(20000)]
    values += [Fraction(0), Fraction(1, 3), Fraction(-1, 3), Fraction(2, 3), Fraction(-5, 10**6), Fraction(10**15, 7)]
    for value in values:
        for places in (2, 4):
            assert _decimal(value, places) == exactly(value, places), (value, places)
        assert percent(value) == exactly(value * 100, 2) + "%", value


def test_percent_of_decimals_and_known_lines() -> None:
    assert percent(Decimal("0.30")) == "30%" and percent(Fraction(1, 3)) == "≈33.33%"
    assert percent(Fraction(-2, 3)) == "≈-66.66%" and percent(Decimal("0.123456")) == "≈12.34%"
    assert _decimal(Fraction(12345678, 10)) == "1,234,567.8" and _decimal(Fraction(0)) == "0"
    r = random.Random(8)
    for _ in range(5000):
        value = Decimal(r.randint(-10**8, 10**8)) / Decimal(10 ** r.randint(0, 6))
        assert percent(value) == exactly(Fraction(value) * 100, 2) + "%", value
