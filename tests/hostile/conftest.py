"""Hypothesis profiles for the hostile-input suite.

``default`` keeps ``make test`` fast; ``ci`` runs more examples per endpoint. Choose with
the HYPOTHESIS_PROFILE environment variable (``HYPOTHESIS_PROFILE=ci``).
"""

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    # One database and client per test, shared by its examples: counts are compared
    # around each example instead.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "derandomize": False,
    "print_blob": True,
}
settings.register_profile("default", max_examples=200, **_COMMON)
settings.register_profile("ci", max_examples=500, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
