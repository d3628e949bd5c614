#!/usr/bin/env bash
# A real install, as docs/installation.md describes it, in a project nobody prepared:
#   build the wheel (make build), install it alone in a fresh virtualenv, generate a new
#   Wagtail project (`wagtail start demoinstall`), add the package by the documented steps
#   only (INSTALLED_APPS, the crispy-forms pack, the public base URL, LOGIN_URL, the URLs),
#   then, with DEBUG=False, ManifestStaticFilesStorage and no LoginRequiredMiddleware:
#   `check`, `migrate` on a fresh SQLite database under several PYTHONHASHSEED values,
#   `collectstatic`, and a Django test Client scenario (share, tracked click counted,
#   anonymous visitors of the package's pages sent to the login page).
# Run from anywhere: `bash .ci/install_check.sh` or `make install-check`. Exit status 0
# only when every check passed; each failure is named on its own line.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$PWD
PYTHON=${PYTHON:-python3}
SEEDS=${INSTALL_CHECK_SEEDS:-"0 1 4242"}
WORK=$(mktemp -d /tmp/advocacy-install-check.XXXXXX)
KEEP=${INSTALL_CHECK_KEEP:-}
START=$SECONDS
# The SQLite databases in memory when /dev/shm is there: migrate is I/O-bound.
if [[ -d /dev/shm && -w /dev/shm ]]; then DBDIR=$(mktemp -d /dev/shm/advocacy-install-check.XXXXXX); else DBDIR=$WORK; fi

cleanup() {
    local status=$?
    if [[ -z "$KEEP" ]]; then rm -rf "$WORK" "$DBDIR"; else echo "kept $WORK $DBDIR"; fi
    if ((status == 0)); then
        echo "install check passed in $((SECONDS - START))s"
    else
        echo "install check FAILED (exit status $status) after $((SECONDS - START))s" >&2
    fi
}
trap cleanup EXIT

say() { printf -- '---- [%3ds] %s\n' "$((SECONDS - START))" "$*"; }

say "build the wheel (make build)"
make --no-print-directory build >/dev/null
WHEEL=$(ls "$REPO_ROOT"/dist/wagtail_advocacy-*.whl)
echo "$WHEEL"

say "a fresh virtualenv with the wheel alone"
"$PYTHON" -m venv "$WORK/venv"
PY="$WORK/venv/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check --no-compile "$WHEEL" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)

say "a new Wagtail project: wagtail start demoinstall"
mkdir "$WORK/project"
cd "$WORK/project"
"$WORK/venv/bin/wagtail" start demoinstall >/dev/null
cd demoinstall

say "install the package by the documented steps (docs/installation.md)"
"$PY" - <<'EOF'
from pathlib import Path

# settings: INSTALLED_APPS (the package and, of what it builds on, only what the
# project does not list yet), the crispy-forms pack, the public base URL, LOGIN_URL.
base = Path("demoinstall/settings/base.py")
text = base.read_text()
text += '''

# --- wagtail-advocacy, as docs/installation.md says ---
for _app in [
    "wagtail_advocacy",
    "wagtail_modeladmin",
    "taggit",
    "modelcluster",
    "crispy_forms",
    "wagtail.contrib.settings",
]:
    if _app not in INSTALLED_APPS:
        INSTALLED_APPS.insert(0, _app) if _app == "wagtail_advocacy" else INSTALLED_APPS.append(_app)
CRISPY_ALLOWED_TEMPLATE_PACKS = ("wagtail_advocacy/crispy",)
CRISPY_TEMPLATE_PACK = "wagtail_advocacy/crispy"
WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = "https://go.example.com"
LOGIN_URL = "wagtailadmin_login"
'''
base.write_text(text)

# A production-like settings module: DEBUG off, hashed static files, a fresh database per
# run (ADVOCACY_DB), and no LoginRequiredMiddleware (the package enforces its own login).
Path("demoinstall/settings/installcheck.py").write_text('''import os

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "install-check-only"
ALLOWED_HOSTS = ["testserver", "localhost"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["ADVOCACY_DB"]}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
assert not any("LoginRequiredMiddleware" in m for m in MIDDLEWARE)  # noqa: F405
''')

# urls: the package's URLs before Wagtail's catch-all pattern.
urls = Path("demoinstall/urls.py")
text = urls.read_text()
anchor = '    path("admin/", include(wagtailadmin_urls)),\n'
assert anchor in text, "unexpected urls.py from wagtail start"
text = text.replace(anchor, anchor + '    path("advocacy/", include("wagtail_advocacy.urls")),\n', 1)
urls.write_text(text)
EOF

export DJANGO_SETTINGS_MODULE=demoinstall.settings.installcheck
run() { ADVOCACY_DB="$1" "$PY" manage.py "${@:2}"; }

say "manage.py check"
run "$DBDIR/check.sqlite3" check --fail-level WARNING

DB="$DBDIR/db.sqlite3"
for seed in $SEEDS; do
    say "migrate, PYTHONHASHSEED=$seed, fresh SQLite database"
    rm -f "$DB"
    PYTHONHASHSEED=$seed run "$DB" migrate --noinput -v0
done
# The last seed's database serves the rest.

say "collectstatic (ManifestStaticFilesStorage)"
run "$DB" collectstatic --noinput -v0

say "share, click, and anonymous visits with the test Client"
run "$DB" shell -c '
import sys

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from wagtail_advocacy.models import (
    AmbassadorIndexPage,
    LinkClick,
    ShareablePage,
    ShareHubPage,
    TrackedLink,
    TrainingIndexPage,
    TrainingModulePage,
)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
failures = []

def check(ok, what):
    print(("ok      " if ok else "FAILED  ") + what)
    if not ok:
        failures.append(what)

home = Site.objects.get(is_default_site=True).root_page
hub = home.add_child(instance=ShareHubPage(title="Share hub", slug="share"))
page = hub.add_child(instance=ShareablePage(
    title="We are hiring", slug="hiring", summary="Join us.",
    share_url="https://careers.example.com/jobs/1",
))
training = home.add_child(instance=TrainingIndexPage(title="Training", slug="training"))
module = training.add_child(instance=TrainingModulePage(
    title="Share as yourself", slug="share-as-yourself", summary="How to share well.",
))
ambassadors = home.add_child(instance=AmbassadorIndexPage(title="Ambassadors", slug="ambassadors"))
get_user_model().objects.create_user("ann", "ann@example.com", "install-check")

employee = Client(HTTP_USER_AGENT=BROWSER)
check(employee.login(username="ann", password="install-check"), "an employee logs in")
check(employee.get(page.url).status_code == 200, "the shareable page shows to her")
response = employee.post(
    reverse("wagtail_advocacy:share", args=[page.pk]),
    {"network": "linkedin", "text": "My team is hiring, have a look"},
)
check(response.status_code in (200, 302), f"the share POST is recorded ({response.status_code})")
link = TrackedLink.objects.filter(page=page).first()
check(link is not None, "the share made a tracked link")
if link is not None:
    visitor = Client(HTTP_USER_AGENT=BROWSER)
    response = visitor.get(reverse("wagtail_advocacy:go", args=[link.token]))
    check(response.status_code == 302 and response["Location"].startswith(page.share_url),
          f"the tracked link redirects an anonymous visitor ({response.status_code})")
    check(LinkClick.objects.filter(link=link).count() == 1, "the click is counted")

login = reverse("wagtailadmin_login")
for name, target in [
    ("share hub", hub), ("shareable page", page), ("training index", training),
    ("training module", module), ("ambassador index", ambassadors),
]:
    response = Client().get(target.url)
    where = response.get("Location", "")
    check(response.status_code == 302 and where.startswith(login),
          f"an anonymous visit of the {name} goes to the login page "
          f"(got {response.status_code} {where})")

if failures:
    print(f"{len(failures)} check(s) failed:", *failures, sep="\n  ")
    sys.exit(1)
print("every check passed")
'
