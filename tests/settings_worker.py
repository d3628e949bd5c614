"""The test settings with a real task queue (``make worker-test``): django-tasks-db's
database backend, on a SQLite file that the test and its worker processes share.

The test database is the file itself (``TEST["NAME"]``), so a ``manage.py db_worker``
started by a test with these settings and the same ``ADVOCACY_WORKER_DB`` reads the rows
the test committed."""

import os
import tempfile

from tests.settings import *  # noqa: F403

_DB = os.environ.setdefault(
    "ADVOCACY_WORKER_DB", os.path.join(tempfile.gettempdir(), f"advocacy-worker-{os.getpid()}.db")
)
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": _DB,
        "TEST": {"NAME": _DB},
        # Test and workers write to one file: each transaction takes the write lock as it
        # begins (a deferred one that reads and then writes fails at once, "database is
        # locked", when another process writes), and waits up to 30 s for it.
        "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE"},
    }
}
# One cache for the test and its workers, as production's app servers and workers share
# one: the "at most once a minute" throttles hold across processes. Django's test
# database creation runs createcachetable.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "advocacy_cache",
    }
}
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
