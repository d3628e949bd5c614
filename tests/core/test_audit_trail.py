"""The program's audit trail, as Wagtail's site history and object histories show it.

Conversions that arrive without an editor (the careers site's API, a CSV import) and a
manager's answer to a reward request are logged by the package; what editors do through
the snippet views (campaigns, badges, challenges) is logged by Wagtail itself, and is
checked here too, so a viewset that stopped going through Wagtail's views would show. Each
viewer sees only the entries of the models they hold a permission on.
"""

import datetime
import json

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests import factories
from wagtail_advocacy.models import Badge, Campaign, Challenge, Conversion, Redemption, Reward
from wagtail_advocacy.recognition.services import decide_redemption, redeem

SITE_HISTORY = reverse("wagtailadmin_reports:site_history")
SECRET = "careers-site-secret"


def entries_for(instance):
    return ModelLogEntry.objects.for_instance(instance).order_by("timestamp", "pk")


def site_history(client):
    """The site history's entries (the view's own list) and its HTML."""
    response = client.get(SITE_HISTORY)
    assert response.status_code == 200
    return list(response.context["object_list"]), response.content.decode()


def shown(entries, instance):
    """The actions of ``entries`` (a site history's) about ``instance``."""
    model = type(instance)._meta
    return [
        entry.action
        for entry in entries
        if (entry.content_type.app_label, entry.content_type.model)
        == (model.app_label, model.model_name)
        and entry.object_id == str(instance.pk)
    ]


def logged_in(user):
    """A client of its own: the API fixture's client must stay anonymous."""
    client = Client()
    client.force_login(user)
    return client


def staff(username, *codenames):
    """An admin user with "Can access Wagtail admin" and the given permissions only."""
    user = factories.user(username)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="wagtail_advocacy", codename__in=codenames
        ),
    )
    return user


def form_data(response, **changes):
    """What the admin form of ``response`` would post back unchanged, with ``changes``."""
    data = {}
    for bound in response.context["form"]:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            value = ""
        if isinstance(value, (list, tuple)):
            value = [str(item) for item in value]
        data[bound.html_name] = value
    data.update(changes)
    return data


def edit_through_admin(client, url, **changes):
    response = client.get(url)
    assert response.status_code == 200
    saved = client.post(url, form_data(response, **changes))
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    return saved


@pytest.fixture
def admin_client(superuser):
    return logged_in(superuser)


@pytest.fixture
def link(page, employee):
    return factories.tracked_link(employee, page, "linkedin")


@pytest.fixture
def api(settings):
    """The conversions API, called as the careers site calls it: no session, a token."""
    settings.WAGTAIL_ADVOCACY_CONVERSION_API_TOKEN = SECRET
    client = Client()

    def call(payload):
        return client.post(
            reverse("wagtail_advocacy:conversions"),
            json.dumps(payload),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {SECRET}",
        )

    return call


# Conversions that arrive without an editor.


def test_a_conversion_from_the_api_is_logged_with_its_source_and_no_user(api, link, admin_client):
    response = api({"token": link.token, "kind": "hire", "idempotency_key": "ats-7"})
    assert response.status_code == 201
    conversion = Conversion.objects.get()

    [entry] = entries_for(conversion)
    assert (entry.action, entry.user, entry.data) == (
        "wagtail_advocacy.conversion",
        None,
        {"source": "api"},
    )
    assert entry.label == str(conversion)

    entries, html = site_history(admin_client)
    assert shown(entries, conversion) == ["wagtail_advocacy.conversion"]
    assert "Recorded a conversion" in html
    # …and in the conversion's own history.
    history = admin_client.get(
        reverse("wagtailsnippets_wagtail_advocacy_conversion:history", args=[conversion.pk])
    )
    assert history.status_code == 200
    assert "Recorded a conversion" in history.content.decode()

    # A retry of the same call records nothing, and so logs nothing.
    assert (
        api({"token": link.token, "kind": "hire", "idempotency_key": "ats-7"}).status_code == 200
    )
    assert entries_for(conversion).count() == 1


def test_a_refused_api_call_logs_nothing(api, link):
    assert api({"token": link.token, "kind": "promotion"}).status_code == 400
    assert not ModelLogEntry.objects.filter(action="wagtail_advocacy.conversion").exists()


def test_the_api_stays_a_few_queries_per_conversion(api, link, django_assert_max_num_queries):
    api({"token": link.token, "kind": "lead"})  # warms the content type cache
    # 7 without the log: the idempotency key, the link and its owner, the savepoint around
    # the insert and its release, the conversion, the campaign the answer names. The log
    # adds 2: its insert, and Wagtail's check that the content type exists.
    with django_assert_max_num_queries(9):
        response = api({"token": link.token, "kind": "lead", "idempotency_key": "lead-2"})
    assert response.status_code == 201


def test_an_imported_file_is_logged_as_one_import(tmp_path, link, employee, admin_client):
    path = tmp_path / "conversions.csv"
    path.write_text(
        "token,referrer,kind,idempotency_key,note\n"
        f"{link.token},,application,row-1,\n"
        ",alice,hire,row-2,Referred by a friend\n"
    )
    call_command("advocacy_import_conversions", str(path))
    conversions = list(Conversion.objects.order_by("pk"))
    assert len(conversions) == 2

    logged = [entry for conversion in conversions for entry in entries_for(conversion)]
    assert [(e.action, e.user, e.data) for e in logged] == [
        ("wagtail_advocacy.conversion", None, {"source": "import"})
    ] * 2
    assert logged[0].uuid is not None and logged[0].uuid == logged[1].uuid
    assert "Referred" not in str([e.data for e in logged])  # the note stays out

    entries, html = site_history(admin_client)
    for conversion in conversions:
        assert shown(entries, conversion) == ["wagtail_advocacy.conversion"]
    assert "Recorded a conversion" in html

    # Running the same file again finds every row recorded: nothing more is logged.
    call_command("advocacy_import_conversions", str(path))
    assert ModelLogEntry.objects.filter(action="wagtail_advocacy.conversion").count() == 2


def test_a_dry_run_or_a_refused_file_logs_nothing(tmp_path, link):
    path = tmp_path / "conversions.csv"
    path.write_text(f"token,kind\n{link.token},application\n{link.token},bonus\n")
    with pytest.raises(Exception, match="line 3: Unknown kind"):
        call_command("advocacy_import_conversions", str(path))
    path.write_text(f"token,kind\n{link.token},application\n")
    call_command("advocacy_import_conversions", str(path), "--dry-run")
    assert not ModelLogEntry.objects.filter(action="wagtail_advocacy.conversion").exists()


def test_an_import_by_an_editor_is_logged_as_theirs(link, employee):
    from wagtail_advocacy.conversions.services import import_conversions

    editor = factories.user("hr-editor")
    result = import_conversions(
        [{"token": link.token, "kind": "application"}, {"referrer": "alice", "kind": "hire"}],
        user=editor,
    )
    assert (result.created, result.existing, result.errors) == (2, 0, [])
    logged = ModelLogEntry.objects.filter(action="wagtail_advocacy.conversion")
    assert {(e.user, e.data["source"]) for e in logged} == {(editor, "import")}
    assert len({e.uuid for e in logged}) == 1
    assert set(Conversion.objects.values_list("recorded_by", flat=True)) == {editor.pk}


def test_a_conversion_recorded_in_the_admin_is_logged_once_by_wagtail(link, admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_wagtail_advocacy_conversion:add"),
        {
            "link_token": link.token,
            "referrer_username": "",
            "kind": "application",
            "value": "",
            "occurred_at": f"{timezone.localdate() - datetime.timedelta(days=1)} 10:00",
            "note": "",
        },
    )
    assert response.status_code == 302
    [entry] = entries_for(Conversion.objects.get())
    assert (entry.action, entry.user.username) == ("wagtail.create", "admin")


# Reward decisions.


@pytest.fixture
def pending(employee):
    factories.ambassador(employee)
    factories.points(employee, 100)
    reward = Reward.objects.create(title="Lunch with the CEO", points_cost=100, stock=2)
    return redeem(employee, reward.pk)


def decide_url(redemption):
    return reverse("wagtail_advocacy_redemption_modeladmin_decide", args=[redemption.pk])


def test_a_manager_fulfilling_a_request_in_the_admin_is_in_the_history(pending, admin_client):
    manager = staff("manager", "view_redemption", "change_redemption")
    manager_client = logged_in(manager)
    response = manager_client.post(decide_url(pending), {"decision": "fulfil", "note": "Friday"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "fulfilled"

    [entry] = entries_for(pending)
    assert (entry.action, entry.user, entry.data, entry.label) == (
        "wagtail_advocacy.reward.fulfil",
        manager,
        {"reward": "Lunch with the CEO"},
        "Lunch with the CEO",
    )
    for client in (admin_client, manager_client):
        entries, html = site_history(client)
        assert shown(entries, pending) == ["wagtail_advocacy.reward.fulfil"]
        assert "Fulfilled a reward request" in html
        assert manager.get_full_name() in html or manager.get_username() in html


def test_a_declined_request_is_logged_without_the_note_or_the_employee(pending):
    manager = factories.user("manager")
    decide_redemption(pending.pk, manager, fulfil=False, note="Alice asked twice")
    [entry] = entries_for(pending)
    assert (entry.action, entry.user, entry.data) == (
        "wagtail_advocacy.reward.decline",
        manager,
        {"reward": "Lunch with the CEO"},
    )
    assert "Alice" not in entry.label + str(entry.data)
    assert "alice" not in entry.label


def test_a_refused_decision_logs_nothing(pending):
    manager = factories.user("manager")
    decide_redemption(pending.pk, manager, fulfil=True)
    with pytest.raises(Exception, match="already answered"):
        decide_redemption(pending.pk, manager, fulfil=False)
    assert [e.action for e in entries_for(pending)] == ["wagtail_advocacy.reward.fulfil"]


# What Wagtail logs of the editors' work in the snippet views.


def campaign_form(**overrides):
    data = {
        "name": "Spring hiring",
        "slug": "",
        "objective": "recruiting",
        "description": "",
        "starts_on": "2026-03-01",
        "ends_on": "2026-05-31",
        "target_shares": "100",
        "target_clicks": "1000",
        "target_participation": "20",
        "target_conversions": "5",
        "owner": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_a_campaign_created_and_edited_in_its_snippet_views_has_a_history(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_wagtail_advocacy_campaign:add"), campaign_form()
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    edit_through_admin(
        admin_client,
        reverse("wagtailsnippets_wagtail_advocacy_campaign:edit", args=[campaign.pk]),
        name="Spring and summer hiring",
    )

    assert [(e.action, e.user.username) for e in entries_for(campaign)] == [
        ("wagtail.create", "admin"),
        ("wagtail.edit", "admin"),
    ]
    entries, _html = site_history(admin_client)
    assert shown(entries, campaign) == ["wagtail.edit", "wagtail.create"]  # newest first

    history_url = reverse("wagtailsnippets_wagtail_advocacy_campaign:history", args=[campaign.pk])
    assert history_url == f"/admin/snippets/wagtail_advocacy/campaign/history/{campaign.pk}/"
    response = admin_client.get(history_url)
    assert response.status_code == 200
    assert [e.action for e in response.context["object_list"]] == [
        "wagtail.edit",
        "wagtail.create",
    ]
    html = response.content.decode()
    assert "Created" in html and "Edited" in html


def test_a_badge_and_a_challenge_changed_in_their_snippet_views_are_logged(admin_client):
    badge = Badge.objects.order_by("pk").first() or Badge.objects.create(
        name="First share", slug="first-share", kind="shares", threshold=1
    )
    edit_through_admin(
        admin_client,
        reverse("wagtailsnippets_wagtail_advocacy_badge:edit", args=[badge.pk]),
        description="Shared for the first time.",
    )
    challenge = Challenge.objects.create(
        title="Three shares",
        metric="shares",
        target=3,
        starts_on="2026-12-01",
        ends_on="2026-12-31",
    )
    edit_through_admin(
        admin_client,
        reverse("wagtailsnippets_wagtail_advocacy_challenge:edit", args=[challenge.pk]),
        target="4",
    )
    challenge.refresh_from_db()
    assert challenge.target == 4

    entries, _html = site_history(admin_client)
    assert shown(entries, badge) == ["wagtail.edit"]
    assert shown(entries, challenge) == ["wagtail.edit"]
    for instance in (badge, challenge):
        [entry] = entries_for(instance)
        assert entry.user.username == "admin"


# Who sees what.


def test_each_viewer_sees_only_the_entries_of_the_models_they_hold_a_permission_on(
    api,
    link,
    pending,
    admin_client,
):
    api({"token": link.token, "kind": "hire"})
    conversion = Conversion.objects.get()
    decide_redemption(pending.pk, factories.user("manager"), fulfil=True)
    campaign = link.page.campaign
    edit_through_admin(
        admin_client,
        reverse("wagtailsnippets_wagtail_advocacy_campaign:edit", args=[campaign.pk]),
        description="Now with interns.",
    )

    everything, _html = site_history(admin_client)
    assert shown(everything, conversion) and shown(everything, pending)

    # The dashboard's permission is on the campaign model: its holders see the campaigns'
    # history, and nothing of the conversions or reward requests.
    dashboard, html = site_history(logged_in(staff("analyst", "view_advocacy_dashboard")))
    assert shown(dashboard, conversion) == [] and shown(dashboard, pending) == []
    assert shown(dashboard, campaign) == ["wagtail.edit"]
    assert "Recorded a conversion" not in html
    assert "Fulfilled a reward request" not in html

    viewer, html = site_history(logged_in(staff("hr", "view_conversion")))
    assert shown(viewer, conversion) == ["wagtail_advocacy.conversion"]
    assert shown(viewer, pending) == [] and shown(viewer, campaign) == []
    assert "Recorded a conversion" in html
    assert "Fulfilled a reward request" not in html


def test_the_redemption_model_is_the_one_logged(pending):
    """The entry points at the request itself, whose admin lists its decision."""
    decide_redemption(pending.pk, factories.user("manager"), fulfil=True)
    entry = ModelLogEntry.objects.get(action="wagtail_advocacy.reward.fulfil")
    assert entry.content_type.model_class() is Redemption
    assert entry.object_id == str(pending.pk)
