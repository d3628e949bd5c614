"""Joining, changing one's profile and leaving the program (keeping or erasing history)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file

from wagtail_advocacy.ambassadors.services import (
    AmbassadorError,
    join_program,
    leave_program,
    update_profile,
)
from wagtail_advocacy.models import (
    AmbassadorProfile,
    EmployeeRecord,
    LinkClick,
    ShareEvent,
    TrackedLink,
)
from wagtail_advocacy.sharing.services import record_share
from wagtail_advocacy.sharing.tasks import refresh_link_destinations
from wagtail_advocacy.signals import ambassador_joined, ambassador_left

JOIN = reverse("wagtail_advocacy:ambassador_join")
PROFILE = reverse("wagtail_advocacy:ambassador_profile")
LEAVE = reverse("wagtail_advocacy:ambassador_leave")
NETWORK_KEYS = ["linkedin", "x", "facebook", "bluesky", "mastodon", "xing", "whatsapp"]


def profile_data(**overrides):
    """A complete profile form with its networks formset (LinkedIn used, 800 people)."""
    data = {
        "display_name": "Alice M.",
        "job_title": "Engineer",
        "department": "Engineering",
        "bio": "",
        "expertise": "python, hiring",
        "preferred_language": "fr",
        "mastodon_instance": "",
        "show_in_directory": "on",
        "notify_new_content": "on",
        "networks-TOTAL_FORMS": str(len(NETWORK_KEYS)),
        "networks-INITIAL_FORMS": str(len(NETWORK_KEYS)),
    }
    for index, key in enumerate(NETWORK_KEYS):
        data[f"networks-{index}-network"] = key
    data["networks-0-uses"] = "on"
    data["networks-0-audience_size"] = "800"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def signals():
    received = []

    def joined(sender, profile, user, **kwargs):
        received.append(("joined", user.username))

    def left(sender, profile, user, erase, **kwargs):
        received.append(("left", user.username, erase))

    ambassador_joined.connect(joined)
    ambassador_left.connect(left)
    yield received
    ambassador_joined.disconnect(joined)
    ambassador_left.disconnect(left)


@pytest.fixture(autouse=True)
def few_networks(settings):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = NETWORK_KEYS + ["copy"]


def test_join_page_explains_what_is_recorded_and_prefills_hr_data(employee_client, employee):
    EmployeeRecord.objects.create(user=employee, department="R&D", job_title="Tester")
    response = employee_client.get(JOIN)
    assert response.status_code == 200
    content = response.content.decode()
    assert "What is recorded, and why" in content
    assert "Version 2026-11 of this text" in content
    form = response.context["form"]
    assert form.initial["department"] == "R&D"
    assert form.initial["job_title"] == "Tester"
    assert form.initial["display_name"] == "Alice Martin"
    assert not AmbassadorProfile.objects.exists()


def test_joining_records_consent_profile_and_networks(
    employee_client, employee, signals, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAIL_ADVOCACY_CONSENT_VERSION = "v7"
    with django_capture_on_commit_callbacks(execute=True):
        response = employee_client.post(JOIN, profile_data(consent="on"))
    assert response.status_code == 302
    assert response["Location"] == PROFILE
    profile = AmbassadorProfile.objects.get(user=employee)
    assert profile.is_active and profile.opted_in_at and profile.consent_version == "v7"
    assert profile.show_in_directory and not profile.show_on_leaderboards
    assert profile.preferred_language == "fr"
    assert sorted(profile.expertise.names()) == ["hiring", "python"]
    assert list(profile.networks.values_list("network", "audience_size")) == [("linkedin", 800)]
    assert signals == [("joined", "alice")]
    assert "Welcome to the ambassador program" in employee_client.get(PROFILE).content.decode()


def test_joining_needs_the_consent_box_and_writes_nothing_without_it(employee_client):
    response = employee_client.post(JOIN, profile_data())
    assert response.status_code == 400
    assert "Tick the box to confirm you want to join." in response.content.decode()
    assert not AmbassadorProfile.objects.exists()


def test_bad_network_row_is_refused_with_nothing_written(employee_client):
    data = profile_data(consent="on", **{"networks-0-audience_size": "-5"})
    response = employee_client.post(JOIN, data)
    assert response.status_code == 400
    assert not AmbassadorProfile.objects.exists()


def test_profile_changes_never_touch_consent(employee_client, employee, make_ambassador):
    profile = make_ambassador(employee.username)
    joined_at, version = profile.opted_in_at, profile.consent_version
    data = profile_data(
        display_name="Alice",
        show_on_leaderboards="on",
        consent_version="forged",
        opted_in_at="2000-01-01 00:00",
        is_active="",
        **{"networks-0-uses": None, "networks-1-uses": "on", "networks-1-audience_size": "42"},
    )
    response = employee_client.post(PROFILE, data)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.display_name == "Alice" and profile.show_on_leaderboards
    assert (profile.opted_in_at, profile.consent_version) == (joined_at, version)
    assert profile.is_active
    assert list(profile.networks.values_list("network", "audience_size")) == [("x", 42)]


def test_profile_and_leave_pages_send_non_members_to_join(employee_client):
    assert employee_client.get(PROFILE)["Location"] == JOIN
    assert employee_client.get(LEAVE)["Location"] == JOIN


@pytest.mark.parametrize("url", [JOIN, PROFILE, LEAVE])
def test_ambassador_pages_require_login(client, url, db):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_leaving_and_keeping_history_hides_the_profile_at_once(
    employee_client, employee, make_ambassador, page, signals, django_capture_on_commit_callbacks
):
    from .conftest import VISIBLE

    make_ambassador(employee.username, **VISIBLE)
    record_share(employee, page, "linkedin", "Mine")
    assert employee_client.get(LEAVE).status_code == 200  # GET changes nothing
    assert AmbassadorProfile.objects.in_directory().count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = employee_client.post(LEAVE, {"history": "keep"})
    assert response.status_code == 302
    profile = AmbassadorProfile.objects.get(user=employee)
    assert not profile.is_active and profile.opted_out_at
    assert not (profile.show_in_directory or profile.show_on_leaderboards)
    assert not profile.allow_spotlight
    assert not AmbassadorProfile.objects.in_directory().exists()
    assert not AmbassadorProfile.objects.on_leaderboards().exists()
    assert ShareEvent.objects.get().user == employee  # history kept
    assert signals == [("left", "alice", False)]  # sent after commit


def test_erasing_detaches_shares_and_links_but_totals_and_redirects_stay(
    client, employee, make_ambassador, page, signals, django_capture_on_commit_callbacks
):
    profile = make_ambassador(employee.username, networks={"linkedin": 300})
    profile.photo = SimpleUploadedFile("me.png", get_test_image_file().file.getvalue())
    profile.save()
    storage, photo_name = profile.photo.storage, profile.photo.name
    assert storage.exists(photo_name)
    result = record_share(employee, page, "linkedin", "Mine")
    client.get(f"/advocacy/go/{result.link.token}/", HTTP_USER_AGENT="Mozilla/5.0")
    client.force_login(employee)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LEAVE, {"history": "erase"})
    assert response.status_code == 302
    assert not AmbassadorProfile.objects.filter(user=employee).exists()
    assert not storage.exists(photo_name)
    assert ShareEvent.objects.count() == 1 and ShareEvent.objects.get().user is None
    link = TrackedLink.objects.get()
    assert link.user is None
    # The destination names no one: its utm_content is the link's random token.
    assert f"utm_content={link.token}" in link.destination
    assert employee.username not in link.destination
    assert not employee.advocacy_shares.exists() and not employee.advocacy_links.exists()
    client.logout()
    go = client.get(f"/advocacy/go/{link.token}/", HTTP_USER_AGENT="Mozilla/5.0")
    assert go.status_code == 302 and go["Location"] == link.destination
    assert LinkClick.objects.filter(link=link).count() == 2
    assert signals[-1] == ("left", "alice", True)


def test_link_refresh_after_erasure_keeps_links_anonymous(employee, make_ambassador, page):
    make_ambassador(employee.username)
    link = record_share(employee, page, "linkedin", "Mine").link
    leave_program(employee, erase=True)
    page.share_url = "https://www.example.com/moved"
    page.save()
    refresh_link_destinations.call(page.pk)
    link.refresh_from_db()
    assert link.destination.startswith("https://www.example.com/moved?")
    assert link.destination.endswith(f"utm_content={link.token}")
    assert link.user is None


def test_former_ambassador_can_erase_later_and_then_join_again(
    employee_client, employee, make_ambassador
):
    make_ambassador(employee.username)
    leave_program(employee, erase=False)
    response = employee_client.get(LEAVE)
    assert [c[0] for c in response.context["form"].fields["history"].choices] == ["erase"]
    employee_client.post(LEAVE, {"history": "erase"})
    assert not AmbassadorProfile.objects.exists()
    assert employee_client.post(JOIN, profile_data(consent="on")).status_code == 302
    assert AmbassadorProfile.objects.active().filter(user=employee).exists()


def test_rejoining_reactivates_with_a_new_consent(employee, make_ambassador, settings):
    first = make_ambassador(employee.username, show_in_directory=True)
    leave_program(employee)
    settings.WAGTAIL_ADVOCACY_CONSENT_VERSION = "2027-01"
    again = join_program(employee, fields={"show_in_directory": False})
    assert again.pk == first.pk
    assert again.is_active and again.opted_out_at is None
    assert again.consent_version == "2027-01" and again.opted_in_at > first.opted_in_at
    assert not AmbassadorProfile.objects.in_directory().exists()


def test_service_refusals_write_nothing(employee, make_ambassador):
    with pytest.raises(AmbassadorError):
        leave_program(employee)
    with pytest.raises(AmbassadorError):
        update_profile(employee, fields={"department": "X"})
    make_ambassador(employee.username)
    with pytest.raises(AmbassadorError):
        join_program(employee)
    with pytest.raises(AmbassadorError):
        update_profile(employee, networks={"myspace": 3})
    assert AmbassadorProfile.objects.get(user=employee).networks.count() == 0


def test_admin_event_lists_show_anonymised_rows(admin_client_, employee, make_ambassador, page):
    make_ambassador(employee.username)
    link = record_share(employee, page, "linkedin", "Mine").link
    leave_program(employee, erase=True)
    for name in ("shareevent", "trackedlink"):
        response = admin_client_.get(reverse(f"wagtail_advocacy_{name}_modeladmin_index"))
        assert response.status_code == 200
        assert "alice" not in response.content.decode()
    inspect = reverse("wagtail_advocacy_trackedlink_modeladmin_inspect", args=[link.pk])
    assert admin_client_.get(inspect).status_code == 200


def test_profile_photo_is_kept_replaced_and_cleared(
    employee_client, employee, make_ambassador, django_capture_on_commit_callbacks
):
    make_ambassador(employee.username)

    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            assert employee_client.post(PROFILE, data).status_code == 302

    def photo_file():
        return SimpleUploadedFile(
            "me.png", get_test_image_file().file.getvalue(), content_type="image/png"
        )

    post({**profile_data(), "photo": photo_file()})
    profile = AmbassadorProfile.objects.get(user=employee)
    first = profile.photo.name
    assert first and profile.photo.storage.exists(first)
    post(profile_data(bio="Still me"))  # no new file: kept
    profile.refresh_from_db()
    assert profile.photo.name == first and profile.photo.storage.exists(first)
    post({**profile_data(), "photo": photo_file()})
    profile.refresh_from_db()
    assert profile.photo.name != first and not profile.photo.storage.exists(first)
    second = profile.photo.name
    post(profile_data(**{"photo-clear": "on"}))
    profile.refresh_from_db()
    assert not profile.photo and not profile.photo.storage.exists(second)
