"""Settings of the example intranet: a private Wagtail site with wagtail-advocacy installed
exactly as docs/installation.md describes."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    """An on/off environment variable: "1" is on, "0" is off."""
    return os.environ.get(name, "1" if default else "0") == "1"


# DEBUG is on unless DJANGO_DEBUG=0, so that `make demo` runs with no configuration.
# With DEBUG off the example is a production site: it needs its own secret key, and the
# security settings below default to on (`manage.py check --deploy` is clean).
DEBUG = env_flag("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY: with DEBUG off (DJANGO_DEBUG=0) the example intranet "
            "does not start with its public development key."
        )
    SECRET_KEY = "example-intranet-not-secret"
ALLOWED_HOSTS = os.environ.get(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver"
).split(",")

INSTALLED_APPS = [
    "intranet",
    # wagtail-advocacy and what it builds on
    "wagtail_advocacy",
    "wagtail_modeladmin",
    "taggit",
    "modelcluster",
    "crispy_forms",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The intranet is private: every page needs a login, except the views marked
    # login_not_required (the login page and wagtail-advocacy's public tracked links) and
    # the Wagtail admin's login assets and password reset, which Django's own middleware
    # would block (see wagtail_advocacy.middleware).
    "wagtail_advocacy.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "intranet.urls"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "intranet" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "intranet.wsgi.application"

# DATABASE_URL (for example postgres://user:password@host:5432/intranet), read by
# dj-database-url; SQLite in the example's folder without it.
if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.config(conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("ADVOCACY_SQLITE_PATH", BASE_DIR / "db.sqlite3"),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "intranet" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Production (DEBUG off): HTTPS only. Each can be switched off with its variable set to 0.
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
# Behind a reverse proxy that ends TLS and sets X-Forwarded-Proto itself (as the nginx
# example of docs/installation.md does), set DJANGO_SECURE_PROXY_SSL_HEADER=1; without it
# SECURE_SSL_REDIRECT would redirect every request forever.
if env_flag("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

WAGTAIL_SITE_NAME = "Northwind intranet"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# No Gravatar: Wagtail's default asks www.gravatar.com for each user's admin avatar, which
# tells a third party the (hashed) e-mail of every employee who opens the admin, and shows a
# broken image on an intranet without internet access. Wagtail then shows its own default
# avatar, or the picture a user uploads in their account settings.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The package's forms use its own template pack whatever these say; crispy-forms needs a
# default pack, and this intranet uses no CSS framework: the package's pack is the default.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("wagtail_advocacy/crispy",)
CRISPY_TEMPLATE_PACK = "wagtail_advocacy/crispy"

# wagtail-advocacy: the public domain that serves only /advocacy/go/ (see docs/installation.md).
# `make demo` sets it from the host and port it serves (HOST and PORT), so the tracked links
# it hands out lead back to the running demo. No fallback: without the variable the system
# check says the setting is missing, rather than links pointing at a server that is not there.
WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = os.environ.get("WAGTAIL_ADVOCACY_PUBLIC_BASE_URL", "")
WAGTAIL_ADVOCACY_DISCLOSURE = "#NorthwindEmployee"
WAGTAIL_ADVOCACY_BASE_TEMPLATE = "base.html"
