"""Runs the Gherkin scenarios (English and Chinese) against the rule directory chosen in conftest.

$SUBSIDY_FEATURES (os.pathsep-separated feature files) narrows the run; `subsidy test` sets it.
"""

import os

from pytest_bdd import scenarios

_chosen = [p for p in os.environ.get("SUBSIDY_FEATURES", "").split(os.pathsep) if p]
scenarios(*(_chosen or ["."]))
