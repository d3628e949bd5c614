"""HR import (all or nothing, never an opt-in), the admin list of profiles and the demo."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail_advocacy.ambassadors.queries import is_ambassador
from wagtail_advocacy.ambassadors.services import leave_program
from wagtail_advocacy.models import (
    AmbassadorIndexPage,
    AmbassadorProfile,
    AmbassadorSpotlightPage,
    EmployeeRecord,
)


def run_import(tmp_path, text, *args):
    path = tmp_path / "hr.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("advocacy_import_profiles", str(path), *args, stdout=out)
    return out.getvalue()


def test_import_updates_profiles_and_records_others_without_opting_them_in(
    tmp_path, employee, other_employee, make_ambassador, django_user_model
):
    make_ambassador(employee.username, department="Old", job_title="Old")
    kept = make_ambassador("carol", department="Old")
    leave_program(kept.user)
    out = run_import(
        tmp_path,
        "username,department,job_title\n"
        "alice,Engineering,Staff engineer\n"
        "bob,Sales,Account manager\n"
        "carol,Finance,Controller\n"
        "nobody,Sales,Ghost\n",
    )
    assert "3 HR records created, 0 updated, 2 ambassador profiles updated" in out
    assert "1 unknown users" in out and "nobody" in out
    alice = AmbassadorProfile.objects.get(user=employee)
    assert (alice.department, alice.job_title) == ("Engineering", "Staff engineer")
    assert AmbassadorProfile.objects.get(user=kept.user).department == "Finance"
    assert not AmbassadorProfile.objects.filter(user=other_employee).exists()
    assert not is_ambassador(other_employee) and not is_ambassador(kept.user)
    record = EmployeeRecord.objects.get(user=other_employee)
    assert (record.department, record.job_title) == ("Sales", "Account manager")
    out = run_import(tmp_path, "email,department,job_title\nBOB@example.com,Sales,Director\n")
    assert "0 HR records created, 1 updated" in out
    assert EmployeeRecord.objects.get(user=other_employee).job_title == "Director"


def test_import_dry_run_writes_nothing(tmp_path, employee):
    out = run_import(tmp_path, "username,department,job_title\nalice,IT,Dev\n", "--dry-run")
    assert "Dry run, nothing written: 1 HR records created" in out
    assert not EmployeeRecord.objects.exists()


def test_import_with_a_bad_row_writes_nothing_and_names_the_lines(tmp_path, employee):
    text = (
        "username,department,job_title\n"
        "alice,IT,Dev\n"
        ",IT,Dev\n"
        f"bob,{'x' * 101},Dev\n"
        "alice,IT,Lead\n"
    )
    with pytest.raises(CommandError) as error:
        run_import(tmp_path, text)
    message = str(error.value)
    assert "line 3: the username is empty." in message
    assert "line 4: department is longer than 100 characters." in message
    assert "line 5: alice is already on line 2." in message
    assert not EmployeeRecord.objects.exists()


def test_import_refuses_a_file_without_the_columns(tmp_path, db):
    with pytest.raises(CommandError, match="username \\(or email\\), department and job_title"):
        run_import(tmp_path, "name,team\nalice,IT\n")


def test_admin_lists_profiles_with_filters_and_never_edits_consent(admin_client_, make_ambassador):
    ann = make_ambassador(display_name="Annika Lund", department="Sales")
    make_ambassador(display_name="Benedikt Zorn", department="IT")
    # Names no random token in the page (CSRF, hashes) can contain by chance.
    index = reverse("wagtail_advocacy_ambassadorprofile_modeladmin_index")
    response = admin_client_.get(index)
    assert response.status_code == 200
    assert (
        "Annika Lund" in response.content.decode() and "Benedikt Zorn" in response.content.decode()
    )
    filtered = admin_client_.get(index, {"department": "Sales"}).content.decode()
    assert "Annika Lund" in filtered and "Benedikt Zorn" not in filtered
    assert "Benedikt Zorn" in admin_client_.get(index, {"q": "Benedikt"}).content.decode()

    edit = reverse("wagtail_advocacy_ambassadorprofile_modeladmin_edit", args=[ann.pk])
    response = admin_client_.post(
        edit,
        {
            "department": "Marketing",
            "job_title": "Writer",
            "consent_version": "forged",
            "is_active": "",
            "show_in_directory": "on",
        },
    )
    assert response.status_code == 302
    ann.refresh_from_db()
    assert (ann.department, ann.job_title) == ("Marketing", "Writer")
    assert ann.consent_version == "2026-11" and ann.is_active and not ann.show_in_directory
    create = reverse("wagtail_advocacy_ambassadorprofile_modeladmin_create")
    assert admin_client_.get(create).status_code in (302, 403)


def test_demo_creates_profiles_directory_and_a_spotlight_idempotently(db, settings):
    settings.DEBUG = True
    call_command("advocacy_demo", stdout=io.StringIO())
    call_command("advocacy_demo", stdout=io.StringIO())
    demo_accounts = {"user__username__in": ["alice", "bob"]}
    assert AmbassadorProfile.objects.active().filter(**demo_accounts).count() == 2
    assert AmbassadorProfile.objects.in_directory().filter(**demo_accounts).count() == 2
    assert list(AmbassadorProfile.objects.spotlight_allowed().values_list("user__username")) == [
        ("alice",)
    ]
    assert AmbassadorIndexPage.objects.count() == 1
    story = AmbassadorSpotlightPage.objects.get()
    assert story.live and story.is_visible() and story.favourites.count() == 1
    # Its portrait is a drawing the demo made, stored once however often it runs.
    assert story.portrait is not None and story.portrait.collection.name == "Demo images"
    assert type(story.portrait).objects.filter(title=story.portrait.title).count() == 1
