"""Every migration of the package imports on its own, whichever Django loads first.

Django imports an app's migration modules in an order that follows the hash seed, so a
migration must not rely on another one having been imported before it. The classic trap
is ``settings.WAGTAIL_PAGE_MODEL``: on Wagtail 7.4 nothing defines it until ``swapper``
sets it as a side effect of ``swapper.get_model_name()`` in some other migration, so a
migration that reads the setting directly crashes ``migrate`` at random.

Each migration is imported first in a fresh interpreter. On Wagtail 8, ``wagtail.models``
has already asked swapper for the setting during ``django.setup()``; unless the project
set it itself, the child process removes it again, so the test sees what Wagtail 7.4 sees
(and so fails on either version for a migration that reads the setting directly).
"""

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import wagtail_advocacy.migrations

REPO_ROOT = Path(__file__).resolve().parents[2]

MIGRATIONS = sorted(
    info.name
    for info in pkgutil.iter_modules(wagtail_advocacy.migrations.__path__)
    if not info.ispkg and info.name[:4].isdigit()
)

IMPORT_FIRST = """
import importlib, sys
import django
django.setup()
from django.conf import settings
if not settings.is_overridden("WAGTAIL_PAGE_MODEL") and hasattr(settings, "WAGTAIL_PAGE_MODEL"):
    delattr(settings, "WAGTAIL_PAGE_MODEL")
importlib.import_module("wagtail_advocacy.migrations." + sys.argv[1])
"""


def test_the_package_has_migrations():
    assert len(MIGRATIONS) >= 8


@pytest.fixture(scope="module")
def import_first_results():
    """One fresh interpreter per migration, all started at once to keep the test fast."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), str(REPO_ROOT / "example_site")]),
    }
    processes = {
        name: subprocess.Popen(
            [sys.executable, "-c", IMPORT_FIRST, name],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in MIGRATIONS
    }
    results = {}
    try:
        for name, process in processes.items():
            _, stderr = process.communicate(timeout=180)
            results[name] = (process.returncode, stderr)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    return results


@pytest.mark.parametrize("name", MIGRATIONS)
def test_a_migration_imports_first_in_a_fresh_interpreter(import_first_results, name):
    returncode, stderr = import_first_results[name]
    assert returncode == 0, f"importing {name} first failed:\n{stderr}"
