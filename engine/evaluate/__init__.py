"""Evaluation: facts, the two matchers (durable_rules and reference), statuses, amounts, explanations, audit."""
