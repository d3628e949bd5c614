"""The demo command never changes a user or a group it did not create."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission

from wagtail_advocacy.models import ShareablePage, ShareEvent

User = get_user_model()


def demo_users():
    """What the demo marks as its own: the permission "Created by the wagtail-advocacy demo"."""
    return User.objects.filter(user_permissions__codename="advocacy_demo")


def demo_groups():
    return Group.objects.filter(permissions__codename="advocacy_demo")


def run_demo(*args):
    call_command("advocacy_demo", "--force", *args, stdout=io.StringIO())


def snapshot(user=None, group=None):
    state = {}
    if user is not None:
        user = User.objects.get(pk=user.pk)
        state["user"] = (
            user.username,
            user.first_name,
            user.last_name,
            user.email,
            user.password,
            user.is_staff,
            sorted(user.groups.values_list("name", flat=True)),
            sorted(user.user_permissions.values_list("codename", flat=True)),
        )
    if group is not None:
        state["group"] = (
            sorted(group.permissions.values_list("codename", flat=True)),
            GroupPagePermission.objects.filter(group=group).count(),
            sorted(group.user_set.values_list("username", flat=True)),
        )
    return state


@pytest.fixture
def site_editor(db):
    user = User.objects.create_user(
        "editor", "real.editor@company.example", "her-own-password", first_name="Real"
    )
    user.last_name = "Person"
    user.save()
    return user


@pytest.fixture
def site_editors_group(db):
    """Wagtail creates an "Editors" group in its migrations: the site's, not the demo's."""
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.clear()
    GroupPagePermission.objects.filter(group=group).delete()
    return group


def test_wagtails_editors_group_is_left_alone(site_editors_group):
    before = snapshot(group=site_editors_group)
    run_demo()
    run_demo()
    assert snapshot(group=site_editors_group) == before
    assert not site_editors_group.user_set.exists()
    assert site_editors_group not in demo_groups()


def test_an_existing_editor_account_is_refused_and_nothing_changes(
    site_editor, site_editors_group
):
    before = snapshot(site_editor, site_editors_group)
    with pytest.raises(CommandError, match='"editor"') as refusal:
        run_demo()
    assert "not created by the demo" in str(refusal.value)
    assert snapshot(site_editor, site_editors_group) == before
    assert User.objects.get(pk=site_editor.pk).check_password("her-own-password")
    # All or nothing: no account, group or content of the demo was left behind.
    assert list(User.objects.values_list("username", flat=True)) == ["editor"]
    assert not demo_groups().exists()
    assert not ShareablePage.objects.exists()


def test_without_users_the_demo_runs_beside_the_sites_editor(site_editor, site_editors_group):
    before = snapshot(site_editor, site_editors_group)
    run_demo("--no-users")
    assert snapshot(site_editor, site_editors_group) == before
    assert ShareablePage.objects.exists()
    assert not ShareEvent.objects.filter(user=site_editor).exists()


def test_a_group_of_the_demos_name_that_the_site_made_is_refused(db):
    group = Group.objects.create(name="Demo sales")
    with pytest.raises(CommandError, match='"Demo sales"'):
        run_demo()
    assert not group.permissions.exists() and not group.user_set.exists()
    assert not demo_users().exists()


def test_a_site_user_named_like_a_demo_colleague_is_refused(db):
    colleague = User.objects.create_user("colleague07", password="mine")
    before = snapshot(colleague)
    with pytest.raises(CommandError, match='"colleague07"'):
        run_demo()
    assert snapshot(colleague) == before
    assert not ShareablePage.objects.exists()


def test_the_demo_marks_what_it_made_and_runs_again(db):
    run_demo()
    made = set(demo_users().values_list("username", flat=True))
    assert {"editor", "alice", "bob", "colleague01", "colleague24"} <= made
    groups = set(demo_groups().values_list("name", flat=True))
    assert {"Demo editors", "Demo communication", "Demo engineering", "Demo sales"} <= groups
    editors = Group.objects.get(name="Demo editors")
    assert editors.permissions.filter(codename="access_admin").exists()
    run_demo()
    assert set(demo_users().values_list("username", flat=True)) == made
    marker = Permission.objects.get(codename="advocacy_demo")
    assert not Group.objects.get(name="Editors").permissions.filter(pk=marker.pk).exists()


def test_a_program_managers_group_of_the_site_is_refused(db):
    group = Group.objects.create(name="Demo program managers")
    with pytest.raises(CommandError, match='"Demo program managers"'):
        run_demo()
    assert not group.permissions.exists()
    assert not demo_users().exists()


def test_the_demo_editor_manages_the_whole_program(db, client):
    run_demo()
    managers = Group.objects.get(name="Demo program managers")
    assert managers in demo_groups()
    assert managers.user_set.filter(username="editor").exists()
    every = Permission.objects.filter(content_type__app_label="wagtail_advocacy")
    assert set(every) <= set(managers.permissions.all())
    client.login(username="editor", password="advocacy-demo")
    for model in ("pointsentry", "kudos", "redemption"):
        response = client.get(f"/admin/wagtail_advocacy/{model}/")
        assert response.status_code == 200, model
    for model in ("badge", "reward", "challenge", "conversion"):
        response = client.get(f"/admin/snippets/wagtail_advocacy/{model}/")
        assert response.status_code == 200, model
    assert client.get("/admin/snippets/wagtail_advocacy/conversion/add/").status_code == 200


def test_running_the_demo_again_keeps_demo_accounts_logged_in(db, client):
    run_demo()
    assert client.login(username="alice", password="advocacy-demo")
    run_demo()
    response = client.get(reverse("wagtail_advocacy:my_impact"))
    assert response.status_code == 200
