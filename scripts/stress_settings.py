"""Settings of ``make stress`` (scripts/stress.py): the example intranet as production runs
it, on PostgreSQL, with django-tasks-db's queue and a cache every process shares.

Every process of the run (the script, the gunicorns, the workers, the management
commands) imports this module with ``PYTHONPATH=<repo>:<repo>/example_site`` and the
environment the script sets: ``DATABASE_URL`` (from scripts/with_postgres.sh),
``STRESS_CACHE_DIR`` and ``WAGTAIL_ADVOCACY_PUBLIC_BASE_URL`` (the first gunicorn)."""

import os

# The example refuses DEBUG off (DJANGO_DEBUG=0) without a secret key of its own.
os.environ.setdefault("DJANGO_SECRET_KEY", "stress-only-not-secret")

from intranet.settings import *  # noqa: E402, F403

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    raise RuntimeError("scripts/stress_settings.py needs a PostgreSQL DATABASE_URL")

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = ["*"]
# Plain HTTP to gunicorn, as from a reverse proxy that ends TLS: no HTTPS-only settings.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Shared by every process on this machine, as Redis would be across app servers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("STRESS_CACHE_DIR", "/tmp/advocacy-stress-cache"),
    }
}
# Badge notices send no e-mail anywhere (the rest of their path runs as in production).
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = os.environ.get(
    "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL", "http://127.0.0.1:8000"
)
# The visitors' addresses come from the proxy's header (the first address of the list).
WAGTAIL_ADVOCACY_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"

# Errors of requests go to the app servers' stderr (the run's log files).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR"},
    },
}
# The tracked links point at this machine on purpose: the run clicks them itself.
SILENCED_SYSTEM_CHECKS = ["wagtail_advocacy.W001"]
