"""Joining, leaving, accepting the terms, the HR import and erasure in Wagtail's audit log
(Reports → Site history, and the profile's own history), and no name left after erasure."""

import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from tests import factories
from tests.ambassadors.test_program import NETWORK_KEYS, profile_data
from wagtail_advocacy.models import AmbassadorProfile, EmployeeRecord

SITE_HISTORY = "/admin/reports/site-history/"
JOIN = reverse("wagtail_advocacy:ambassador_join")
LEAVE = reverse("wagtail_advocacy:ambassador_leave")
CONSENT = reverse("wagtail_advocacy:ambassador_consent")
NAMES = ("alice", "martin", "alice m.")  # username, names, the profile's display name


def history_url(profile):
    return reverse("wagtail_advocacy_ambassadorprofile_modeladmin_history", args=[profile.pk])


def entries(instance):
    return list(ModelLogEntry.objects.for_instance(instance).order_by("timestamp", "pk"))


def actions(instance):
    return [entry.action for entry in entries(instance)]


def run_import(tmp_path, text, *args):
    path = tmp_path / "hr.csv"
    path.write_text(text, encoding="utf-8")
    call_command("advocacy_import_profiles", str(path), *args, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def few_networks(settings):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = NETWORK_KEYS + ["copy"]


@pytest.fixture
def joined(client, employee):
    """Alice joined through the join page (display name "Alice M.")."""
    client.force_login(employee)
    assert client.post(JOIN, profile_data(consent="on")).status_code == 302
    return AmbassadorProfile.objects.get(user=employee)


def test_joining_leaving_and_accepting_are_logged_on_the_profile_by_the_employee(
    client, employee, joined, settings, superuser
):
    settings.WAGTAIL_ADVOCACY_CONSENT_VERSION = "2027-03"
    assert client.post(CONSENT, {"version": "2027-03"}).status_code == 302
    assert client.post(LEAVE, {"history": "keep"}).status_code == 302
    assert actions(joined) == [
        "wagtail_advocacy.join",
        "wagtail_advocacy.consent",
        "wagtail_advocacy.leave",
    ]
    join, consent, leave = entries(joined)
    assert {entry.user_id for entry in (join, consent, leave)} == {employee.pk}
    assert join.label == "Alice M." and join.data == {"consent_version": "2026-11"}
    assert consent.data == {"version": "2027-03"}

    client.force_login(superuser)
    report = client.get(SITE_HISTORY)
    assert report.status_code == 200
    content = report.content.decode()
    for message in (
        "Joined the ambassador program",
        "Accepted the program&#x27;s terms",
        "Left the ambassador program",
    ):
        assert message in content, message
    own = client.get(history_url(joined))
    assert own.status_code == 200
    assert "Joined the ambassador program" in own.content.decode()
    assert "Left the ambassador program" in own.content.decode()


def test_the_hr_import_logs_each_record_with_the_fields_changed_and_who_ran_it(
    tmp_path, employee, other_employee, superuser, client
):
    run_import(tmp_path, "username,department,job_title\nalice,R&D,Tester\n", "--user", "admin")
    record = EmployeeRecord.objects.get(user=employee)
    [created] = entries(record)
    assert created.action == "wagtail_advocacy.hr_import"
    assert created.user_id == superuser.pk
    assert created.data == {"fields": ["department", "job_title"]}

    run_import(
        tmp_path, "username,department,job_title\nalice,R&D,Lead tester\nbob,Sales,Seller\n"
    )
    _, changed = entries(record)
    assert changed.data == {"fields": ["job_title"]} and changed.user_id is None
    [bob] = entries(EmployeeRecord.objects.get(user=other_employee))
    assert bob.data == {"fields": ["department", "job_title"]}

    run_import(tmp_path, "username,department,job_title\nalice,R&D,Lead tester\n")
    assert entries(record)[-1].data == {"fields": []}  # imported again, nothing changed

    client.force_login(superuser)
    assert "Imported HR data" in client.get(SITE_HISTORY).content.decode()


def test_a_dry_run_or_an_unknown_user_logs_nothing(tmp_path, employee):
    run_import(tmp_path, "username,department,job_title\nalice,R&D,Tester\n", "--dry-run")
    with pytest.raises(CommandError, match="no such user"):
        run_import(tmp_path, "username,department,job_title\nalice,R&D,Tester\n", "--user", "x")
    assert not ModelLogEntry.objects.filter(action="wagtail_advocacy.hr_import").exists()


def no_entry_names(person_names):
    for model in (ModelLogEntry, PageLogEntry):
        for label, data in model.objects.values_list("label", "data"):
            text = f"{label} {json.dumps(data)}".lower()
            for name in person_names:
                assert name not in text, (model.__name__, label, data)


def test_erasure_is_logged_without_the_person_and_strips_every_entry_about_them(
    client, employee, joined, superuser, tmp_path
):
    profile_pk = joined.pk
    run_import(tmp_path, "username,department,job_title\nalice,R&D,Tester\n", "--user", "admin")
    # An editor corrects the profile in the admin: Wagtail logs it under the person's name.
    edit = reverse("wagtail_advocacy_ambassadorprofile_modeladmin_edit", args=[profile_pk])
    editor = Client()
    editor.force_login(superuser)
    assert editor.post(edit, {"job_title": "Staff", "department": "R&D"}).status_code == 302
    assert ModelLogEntry.objects.filter(label="Alice M.").count() >= 2

    client.force_login(employee)
    assert client.post(LEAVE, {"history": "erase"}).status_code == 302
    assert not AmbassadorProfile.objects.filter(pk=profile_pk).exists()

    no_entry_names(NAMES)
    erased = ModelLogEntry.objects.get(action="wagtail_advocacy.erase")
    assert erased.user_id is None and erased.data == {} and erased.deleted
    assert erased.label == "Erased ambassador data" and erased.object_id == str(profile_pk)
    # The earlier entries stay (who did what, when), without the person's name or data.
    kept = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(AmbassadorProfile),
        object_id=str(profile_pk),
    ).exclude(pk=erased.pk)
    assert set(kept.values_list("action", flat=True)) == {"wagtail_advocacy.join", "wagtail.edit"}
    assert set(kept.values_list("label", flat=True)) == {"Erased ambassador"}
    assert not kept.filter(user=employee).exists()
    assert kept.filter(action="wagtail.edit", user=superuser).exists()  # the editor's stays
    [hr] = entries(EmployeeRecord.objects.get(user=employee))  # HR's record is kept
    assert hr.label == "HR record" and hr.data == {} and hr.user_id == superuser.pk

    client.force_login(superuser)
    content = client.get(SITE_HISTORY).content.decode()
    assert "Erased ambassador data" in content and "Erased an employee&#x27;s data" in content
    assert "Alice M." not in content


def test_erasing_what_a_colleague_who_never_joined_left_is_logged_on_the_site(
    client, other_employee, page, superuser
):
    factories.share(other_employee, page)
    client.force_login(other_employee)
    assert client.post(LEAVE, {"history": "erase"}).status_code == 302
    erased = ModelLogEntry.objects.get(action="wagtail_advocacy.erase")
    site = Site.objects.get(is_default_site=True)
    assert erased.content_type.model == "site" and erased.object_id == str(site.pk)
    assert erased.user_id is None and erased.data == {} and not erased.deleted
    assert erased.label == "Erased employee data"
    no_entry_names(("bob",))
    client.force_login(superuser)
    assert "Erased employee data" in client.get(SITE_HISTORY).content.decode()
