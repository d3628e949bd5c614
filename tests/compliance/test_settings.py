"""The Compliance site setting: edited in the admin by those allowed to (its own
permission), validated, logged in the site history by field name, and filled from the
advocacy settings by migration 0019 (reversibly)."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import ModelLogEntry, Site

from tests import factories
from wagtail_advocacy.core.models import AdvocacySiteSettings, ComplianceSettings

T = datetime.time


def edit_url(site):
    return f"/admin/settings/wagtail_advocacy/compliancesettings/{site.pk}/"


@pytest.fixture
def site(root_page):
    return Site.objects.get(is_default_site=True)


def editor_with(*codenames):
    group = Group.objects.create(name="Communication")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    return factories.user("emma", groups=[group])


VALUES = {
    "disclosure": "  #NorthwindEmployee ",
    "daily_share_limit": "5",
    "sharing_opens_at": "09:00",
    "sharing_closes_at": "18:00",
    "blocked_words": "Project Falcon",
}


def test_the_compliance_setting_is_edited_and_saved_in_the_admin(admin_client_, site):
    page = admin_client_.get(edit_url(site)).content.decode()
    for heading in ("Disclosure", "Limits", "Blocked words"):
        assert heading in page
    response = admin_client_.post(edit_url(site), VALUES)
    assert response.status_code == 302
    saved = ComplianceSettings.for_site(site)
    assert saved.disclosure == "#NorthwindEmployee"
    assert (saved.daily_share_limit, saved.sharing_opens_at, saved.sharing_closes_at) == (
        5,
        T(9),
        T(18),
    )
    assert saved.blocked_words == "Project Falcon"


def test_half_a_sharing_window_is_refused_and_nothing_changes(admin_client_, site):
    ComplianceSettings.objects.update_or_create(site=site, defaults={"daily_share_limit": 3})
    logged = ModelLogEntry.objects.filter(action="wagtail_advocacy.compliance")
    before = logged.count()  # the line above, by no one
    response = admin_client_.post(
        edit_url(site), {**VALUES, "sharing_closes_at": "", "daily_share_limit": "9"}
    )
    assert response.status_code == 200
    assert "Give both an opening and a closing time, or neither." in response.content.decode()
    saved = ComplianceSettings.objects.get(site=site)
    assert (saved.daily_share_limit, saved.sharing_opens_at, saved.disclosure) == (3, None, "")
    assert logged.count() == before


def test_editors_without_the_compliance_permission_cannot_open_it(client, site):
    # Every other permission of the package, the advocacy settings' included.
    codenames = Permission.objects.filter(content_type__app_label="wagtail_advocacy").exclude(
        codename="change_compliancesettings"
    )
    editor = editor_with(*codenames.values_list("codename", flat=True))
    client.force_login(editor)
    for response in (client.get(edit_url(site)), client.post(edit_url(site), VALUES)):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert edit_url(site) not in response["Location"]
    assert ComplianceSettings.objects.filter(site=site, daily_share_limit=5).count() == 0
    assert (
        client.get(f"/admin/settings/wagtail_advocacy/advocacysitesettings/{site.pk}/").status_code
        == 200
    )


def test_the_compliance_permission_is_enough(client, site):
    client.force_login(editor_with("change_compliancesettings"))
    assert client.get(edit_url(site)).status_code == 200
    assert client.post(edit_url(site), VALUES).status_code == 302
    assert ComplianceSettings.objects.get(site=site).daily_share_limit == 5


def test_an_edit_is_logged_with_its_editor_and_the_fields_changed(admin_client_, superuser, site):
    admin_client_.post(edit_url(site), VALUES)
    entry = ModelLogEntry.objects.get(action="wagtail_advocacy.compliance")
    assert entry.user_id == superuser.pk
    assert sorted(entry.data["fields"]) == sorted(VALUES)
    assert "Project Falcon" not in str(entry.data)  # names only, never the words
    # Saving again without a change logs nothing more; one change, one field.
    admin_client_.post(edit_url(site), VALUES)
    admin_client_.post(edit_url(site), {**VALUES, "daily_share_limit": "6"})
    entries = ModelLogEntry.objects.filter(action="wagtail_advocacy.compliance")
    assert [e.data["fields"] for e in entries.order_by("pk")] == [
        entry.data["fields"],
        ["daily_share_limit"],
    ]
    history = admin_client_.get("/admin/reports/site-history/").content.decode()
    assert "Changed the compliance settings" in history


def test_reading_the_settings_for_the_first_time_logs_nothing(page):
    assert ComplianceSettings.for_page(page).daily_share_limit is None
    assert not ModelLogEntry.objects.filter(action="wagtail_advocacy.compliance").exists()


def test_a_saved_change_is_read_at_the_next_request(page):
    assert ComplianceSettings.for_page(page).disclosure == ""
    settings = ComplianceSettings.objects.get(site=page.get_site())
    settings.disclosure = "#team"
    settings.save()
    fresh = type(page).objects.get(pk=page.pk)  # the next request's page
    assert ComplianceSettings.for_page(fresh).disclosure == "#team"
    assert cache.get(ComplianceSettings.cache_key(settings.site_id)).disclosure == "#team"


# Migration 0021: the values of each site move from the advocacy settings, and back.

BEFORE = [("wagtail_advocacy", "0020_program_permissions")]
AFTER = [("wagtail_advocacy", "0021_compliance_settings")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_each_sites_values_and_back():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = migrate(BEFORE)
        OldSettings = old_apps.get_model("wagtail_advocacy", "AdvocacySiteSettings")
        OldSite = old_apps.get_model("wagtailcore", "Site")
        default = OldSite.objects.get(is_default_site=True)
        other = OldSite.objects.create(
            hostname="other.example.com", port=80, root_page_id=default.root_page_id
        )
        OldSettings.objects.update_or_create(
            site=default,
            defaults={
                "daily_share_limit": 4,
                "sharing_opens_at": T(8),
                "sharing_closes_at": T(20),
                "blocked_words": "Project Falcon",
                "require_training_before_sharing": False,
            },
        )
        OldSettings.objects.create(site=other, blocked_words="Acme merger")

        new_apps = migrate(AFTER)
        NewSettings = new_apps.get_model("wagtail_advocacy", "ComplianceSettings")
        copied = {
            row.site_id: (
                row.daily_share_limit,
                row.sharing_opens_at,
                row.sharing_closes_at,
                row.blocked_words,
                row.disclosure,
            )
            for row in NewSettings.objects.all()
        }
        assert copied == {
            default.pk: (4, T(8), T(20), "Project Falcon", ""),
            other.pk: (None, None, None, "Acme merger", ""),
        }
        kept = new_apps.get_model("wagtail_advocacy", "AdvocacySiteSettings")
        assert kept.objects.get(site_id=default.pk).require_training_before_sharing is False

        NewSettings.objects.filter(site_id=other.pk).update(daily_share_limit=2)
        old_apps = migrate(BEFORE)  # undone: the values go back
        OldSettings = old_apps.get_model("wagtail_advocacy", "AdvocacySiteSettings")
        back = OldSettings.objects.get(site_id=other.pk)
        assert (back.daily_share_limit, back.blocked_words) == (2, "Acme merger")
        assert OldSettings.objects.get(site_id=default.pk).sharing_opens_at == T(8)
    finally:
        migrate(leaves)
    assert AdvocacySiteSettings.objects.filter(site_id=other.pk).exists()


def test_an_edit_of_the_advocacy_settings_is_logged_the_same_way(admin_client_, superuser, site):
    url = f"/admin/settings/wagtail_advocacy/advocacysitesettings/{site.pk}/"
    assert admin_client_.post(url, {}).status_code == 302  # training no longer required
    entry = ModelLogEntry.objects.get(action="wagtail_advocacy.settings")
    assert (entry.user_id, entry.data) == (
        superuser.pk,
        {"fields": ["require_training_before_sharing"]},
    )
