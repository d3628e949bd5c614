"""Settings of benchmarks/go_redirect.py: those of ``make stress`` (scripts/stress_settings.py,
the example intranet as production runs it on PostgreSQL) with the bare reference view's
route (benchmarks/go_urls.py).

The script and its gunicorn import this module with ``PYTHONPATH=<repo>:<repo>/example_site``
and the environment the script sets. ``GO_BENCH_QUEUED=1`` (``--queued``): tasks go to
django-tasks-db's queue, as in production (no worker runs: the queue just fills);
otherwise the immediate backend runs them in the request, as on a site with no queue."""

import os

from scripts.stress_settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.go_urls"

if os.environ.get("GO_BENCH_QUEUED") != "1":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
