"""Kudos from the program team, sent from the admin (Advocacy → Send program kudos).

Only with "Can send kudos on behalf of the program" (403 without, and no menu item); only
to an active ambassador; bad input is a form error in the editor's language, nothing
written, never a 500; each one sent is in the site history.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from tests import factories
from wagtail_advocacy.ambassadors.services import leave_program
from wagtail_advocacy.models import AmbassadorProfile, Kudos, PointsEntry, RecognitionNotice
from wagtail_advocacy.recognition import admin as recognition_admin
from wagtail_advocacy.recognition.forms import ProgramKudosForm
from wagtail_advocacy.recognition.rules import RecognitionRefused
from wagtail_advocacy.recognition.services import send_program_kudos

URL = reverse("wagtail_advocacy_kudos:send")
IMPACT_URL = reverse("wagtail_advocacy:my_impact")
ACTION = "wagtail_advocacy.kudos.program"


def access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@pytest.fixture
def program_team(db):
    group = Group.objects.create(name="Program team")
    group.permissions.add(
        access_admin(),
        Permission.objects.get(
            content_type__app_label="wagtail_advocacy", codename="send_program_kudos"
        ),
    )
    return factories.user("paula", first_name="Paula", groups=[group])


@pytest.fixture
def team_client(client, program_team):
    client.force_login(program_team)
    return client


@pytest.fixture
def ambassador(make_user):
    return make_user("ben")


def send(client, recipient, message="Thank you for sharing our Lyon job ad!"):
    return client.post(URL, {"recipient": getattr(recipient, "pk", recipient), "message": message})


def nothing_written():
    return (
        not Kudos.objects.exists()
        and not PointsEntry.objects.exists()
        and not RecognitionNotice.objects.exists()
        and not ModelLogEntry.objects.filter(action=ACTION).exists()
    )


# Who may.


def test_the_program_team_sends_kudos_with_points_a_notice_and_a_history_entry(
    team_client, program_team, ambassador, client
):
    page = team_client.get(URL)
    assert page.status_code == 200
    assert "Ben" in page.content.decode()
    response = send(team_client, ambassador)
    assert response.status_code == 302 and response["Location"] == URL
    kudos = Kudos.objects.get()
    assert (kudos.sender, kudos.recipient) == (program_team, ambassador)
    assert PointsEntry.objects.get(user=ambassador).points == 5
    entry = ModelLogEntry.objects.get(action=ACTION)
    assert entry.user == program_team and entry.object_id == str(kudos.pk)
    assert "ben" not in entry.label.lower()  # no names in the history: erasure keeps it
    client.force_login(ambassador)
    content = client.get(IMPACT_URL).content.decode()
    assert "The advocacy program sent you kudos." in content
    assert "Thank you for sharing our Lyon job ad!" in content


def test_the_menu_item_shows_only_with_the_permission(team_client, client, db):
    assert URL in team_client.get(reverse("wagtailadmin_home")).content.decode()
    editor = factories.user("ed")
    editor.user_permissions.add(access_admin())
    client.force_login(editor)
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_without_the_permission_it_is_refused(client, ambassador):
    editor = factories.user("ed")
    editor.user_permissions.add(
        access_admin(), *Permission.objects.filter(codename__in=["add_kudos", "change_kudos"])
    )
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    assert send(client, ambassador).status_code == 403
    assert nothing_written()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    for response in (client.get(URL), client.post(URL, {"message": "Hi"})):
        assert response.status_code == 302
        assert "/login/?next=" in response["Location"]
    assert nothing_written()


def test_the_service_asks_the_permission_too(ambassador, db):
    editor = factories.user("ed")
    with pytest.raises(RecognitionRefused) as refused:
        send_program_kudos(editor, ambassador, "Thanks")
    assert refused.value.status == 403
    assert nothing_written()


def test_the_daily_limit_of_colleagues_does_not_apply(settings, program_team, make_user):
    settings.WAGTAIL_ADVOCACY_KUDOS_DAILY_LIMIT = 1
    for name in ("ann", "ben", "cat"):
        send_program_kudos(program_team, make_user(name), "Thanks")
    assert Kudos.objects.count() == 3


def test_ambassadors_hidden_from_leaderboards_and_directory_can_be_thanked(team_client, make_user):
    shy = make_user("shy", visible=False)
    assert send(team_client, shy).status_code == 302
    assert Kudos.objects.get().recipient == shy


# Bad input: form errors, nothing written.


@pytest.mark.parametrize(
    ("recipient", "message", "error"),
    [
        ("", "Thanks", "Choose the ambassador to thank."),
        ("ambassador", "", "Write a short message to go with your kudos."),
        ("ambassador", "   ", "Write a short message to go with your kudos."),
        ("ambassador", "a" * 281, "Ensure this value has at most 280 characters"),
        ("colleague", "Thanks", "Choose an active ambassador from the list."),
        ("former", "Thanks", "Choose an active ambassador from the list."),
        ("self", "Thanks", "Choose an active ambassador from the list."),
        ("999999999999999999999999", "Thanks", "Choose an active ambassador from the list."),
        ("not a number", "Thanks", "Choose an active ambassador from the list."),
    ],
)
def test_bad_input_is_a_form_error_and_writes_nothing(
    team_client, program_team, ambassador, make_user, recipient, message, error
):
    people = {
        "ambassador": ambassador,
        "colleague": factories.user("carl"),  # never joined
        "self": program_team,
    }
    if recipient == "former":
        people["former"] = make_user("dana")
        leave_program(people["former"])
    if recipient in people:
        recipient = people[recipient].pk
    response = send(team_client, recipient, message)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert nothing_written()


def test_a_refusal_of_the_service_is_shown_on_the_form(team_client, make_user, monkeypatch):
    """An ambassador who leaves between the form's check and the send: the service's
    words, on the form."""
    ann = make_user("ann")

    def leaves_first(editor, recipient, message):
        leave_program(recipient)
        return send_program_kudos(editor, recipient, message)

    monkeypatch.setattr(recognition_admin, "send_program_kudos", leaves_first)
    response = send(team_client, ann)
    assert response.status_code == 400
    assert "This colleague is not an ambassador you can thank." in response.content.decode()
    assert not Kudos.objects.exists()


def test_form_errors_are_translated(ambassador):
    with translation.override("fr"):
        form = ProgramKudosForm(
            {"recipient": ambassador.pk, "message": ""},
            recipients=AmbassadorProfile.objects.all(),
        )
        assert not form.is_valid()
        assert form.errors["message"] == [
            "Écrivez un court message pour accompagner votre remerciement."
        ]


def test_settings_groups_offers_the_permission_on_the_campaign_row(admin_client_):
    content = admin_client_.get(reverse("wagtailusers_groups:add")).content.decode()
    permission = Permission.objects.get(
        content_type__app_label="wagtail_advocacy", codename="send_program_kudos"
    )
    assert "Can send kudos on behalf of the program" in content
    assert f'value="{permission.pk}"' in content
    assert "Custom permissions" in content
