"""Runs every Gherkin scenario in features/ (English and Chinese) against the rule directory chosen in conftest."""

from pytest_bdd import scenarios

scenarios(".")
