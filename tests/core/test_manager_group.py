"""`manage.py advocacy_create_manager_group`: a group that can run the program."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupPagePermission

pytestmark = pytest.mark.django_db


def create(*args):
    out = io.StringIO()
    call_command("advocacy_create_manager_group", *args, stdout=out)
    return out.getvalue()


def test_the_group_gets_every_advocacy_permission_and_the_admin(hub):
    output = create()
    group = Group.objects.get(name="Advocacy program managers")
    assert "Created" in output
    codenames = set(group.permissions.values_list("codename", flat=True))
    every = set(
        Permission.objects.filter(content_type__app_label="wagtail_advocacy").values_list(
            "codename", flat=True
        )
    )
    assert every <= codenames
    assert {"view_advocacy_dashboard", "access_admin", "add_conversion"} <= codenames
    assert "advocacy_demo" not in codenames  # a real group, not the demo's
    kinds = set(
        GroupPagePermission.objects.filter(group=group, page=hub).values_list(
            "permission__codename", flat=True
        )
    )
    assert kinds == {"add_page", "change_page", "publish_page"}


def test_it_is_idempotent_and_takes_a_name(hub):
    create("--name", "Comms managers")
    group = Group.objects.get(name="Comms managers")
    counts = (group.permissions.count(), GroupPagePermission.objects.filter(group=group).count())
    assert "Updated" in create("--name", "Comms managers")
    assert (
        group.permissions.count(),
        GroupPagePermission.objects.filter(group=group).count(),
    ) == counts
    assert Group.objects.filter(name="Comms managers").count() == 1
    assert not Group.objects.filter(name="Advocacy program managers").exists()


def test_an_existing_group_keeps_what_it_had(db):
    group = Group.objects.create(name="Advocacy program managers")
    own = Permission.objects.get(codename="add_image")
    group.permissions.add(own)
    create()
    assert group.permissions.filter(pk=own.pk).exists()
