"""Run from example_site/ with the wheel's virtualenv: the intranet serves the share hub
and a share panel, in French, from the installed package alone."""

import os
import sys

import django

sys.path.insert(0, os.getcwd())  # example_site/, never the repository root

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings")
django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402

import wagtail_advocacy  # noqa: E402

assert "site-packages" in wagtail_advocacy.__file__, wagtail_advocacy.__file__
client = Client()
assert client.login(username="alice", password="advocacy-demo")
assert client.get("/share/").status_code == 200
page = client.get("/share/senior-backend-engineer/", HTTP_ACCEPT_LANGUAGE="fr")
assert page.status_code == 200, page.status_code
assert "Partagez-le avec vos propres mots" in page.content.decode()
script = finders.find("wagtail_advocacy/js/share.js")
assert script and "site-packages" in script, script
print("wheel OK: hub, share panel (in French) and static files come from the installed wheel")
