"""Test settings: the example intranet, with fast hashing and in-memory media."""

import os
import tempfile

# The example refuses to start without a secret key when DJANGO_DEBUG=0 is in the environment.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only")

from intranet.settings import *  # noqa: E402, F403

DEBUG = False
SECRET_KEY = "tests-only"
SECURE_SSL_REDIRECT = False  # the test client speaks plain HTTP
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="advocacy-tests-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = "https://go.example.com"
WAGTAIL_ADVOCACY_DISCLOSURE = ""
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
LANGUAGE_CODE = "en"

if not os.environ.get("DATABASE_URL"):  # make test-postgres sets it
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}  # noqa: F405

# A host app that registers its own share rule (tests/core/test_share_rules.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.share_rules_app.apps.ShareRulesAppConfig"]  # noqa: F405
