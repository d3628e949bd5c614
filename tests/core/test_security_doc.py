"""docs/security.md follows the code: the routes it says answer without a login are the
ones marked ``login_not_required``, and every permission its table names exists."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import URLResolver

from wagtail_advocacy import urls as front_urls
from wagtail_advocacy.dashboard.services import PROGRAM_PERMISSIONS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text(encoding="utf-8")


def section(title):
    start = DOC.index(f"## {title}\n")
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end != -1 else None]


def anonymous_routes():
    names = set()
    for pattern in front_urls.urlpatterns:
        assert not isinstance(pattern, URLResolver)
        if getattr(pattern.callback, "login_required", True) is False:
            names.add(pattern.name)
    return names


def test_the_doc_names_exactly_the_routes_open_without_a_login():
    named = set(
        re.findall(r"`wagtail_advocacy:([a-z_]+)`", section("What answers without a login"))
    )
    assert named == anonymous_routes() == {"go", "conversions"}


@pytest.mark.django_db
def test_every_permission_of_the_table_exists():
    table = section("Who can do what")
    codenames = set(re.findall(r"`((?:add|change|delete|view|send)_[a-z_]+)`", table))
    program = {codename for group in PROGRAM_PERMISSIONS.values() for codename in group}
    assert program <= codenames
    existing = set(
        Permission.objects.filter(content_type__app_label="wagtail_advocacy").values_list(
            "codename", flat=True
        )
    )
    assert codenames <= existing, codenames - existing
