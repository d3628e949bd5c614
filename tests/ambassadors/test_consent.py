"""The consent history, and members asked again when the terms change: the share panel and
the share endpoint refuse until they accept the current terms on the consent page."""

import datetime
from html import escape
from importlib import import_module
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.ambassadors.test_program import NETWORK_KEYS, profile_data
from wagtail_advocacy.ambassadors.rules import needs_new_consent
from wagtail_advocacy.ambassadors.services import (
    AmbassadorError,
    accept_current_terms,
    leave_program,
)
from wagtail_advocacy.core.registries import export_personal_data
from wagtail_advocacy.models import AmbassadorProfile, ConsentRecord, ShareEvent

CONSENT = reverse("wagtail_advocacy:ambassador_consent")
JOIN = reverse("wagtail_advocacy:ambassador_join")
PROFILE = reverse("wagtail_advocacy:ambassador_profile")
LEAVE = reverse("wagtail_advocacy:ambassador_leave")
IMPACT = reverse("wagtail_advocacy:my_impact")
JSON = {"HTTP_ACCEPT": "application/json"}
OLD, NEW = "2026-11", "2027-03"
ASKED = "The ambassador program's terms have changed since you joined."


def history(user):
    return list(ConsentRecord.objects.filter(user=user).values_list("version", "given"))


def share(client, page):
    return client.post(
        reverse("wagtail_advocacy:share", args=[page.pk]),
        {"network": "linkedin", "text": "Proud of my team"},
        **JSON,
    )


@pytest.fixture
def member(employee, settings):
    """Alice joined under the old terms, which have changed since."""
    settings.WAGTAIL_ADVOCACY_CONSENT_VERSION = OLD
    factories.ambassador(employee, department="Engineering", networks={"linkedin": 100})
    settings.WAGTAIL_ADVOCACY_CONSENT_VERSION = NEW
    return employee


# The history.


def test_joining_leaving_and_coming_back_are_recorded_with_the_version_shown(
    employee_client, employee, settings
):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = NETWORK_KEYS + ["copy"]
    settings.WAGTAIL_ADVOCACY_CONSENT_VERSION = OLD
    response = employee_client.post(JOIN, profile_data(consent="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert history(employee) == [(OLD, True)]
    assert employee_client.post(LEAVE, {"history": "keep"}).status_code == 302
    assert history(employee) == [(OLD, True), (OLD, False)]
    settings.WAGTAIL_ADVOCACY_CONSENT_VERSION = NEW
    assert employee_client.post(JOIN, profile_data(consent="on")).status_code == 302
    assert history(employee) == [(OLD, True), (OLD, False), (NEW, True)]
    assert AmbassadorProfile.objects.get(user=employee).consent_version == NEW
    times = list(ConsentRecord.objects.filter(user=employee).values_list("at", flat=True))
    assert times == sorted(times)


def test_accepting_the_current_terms_records_them_once(member):
    assert needs_new_consent(member)
    accept_current_terms(member)
    accept_current_terms(member)  # a second tab: nothing more
    assert history(member) == [(OLD, True), (NEW, True)]
    assert AmbassadorProfile.objects.get(user=member).consent_version == NEW
    assert not needs_new_consent(member)


def test_only_an_active_member_with_other_terms_needs_a_new_consent(
    member, other_employee, settings
):
    assert not needs_new_consent(other_employee)  # never joined
    leave_program(member)
    assert not needs_new_consent(member)  # left: nothing to accept
    with pytest.raises(AmbassadorError):
        accept_current_terms(member)
    assert history(member) == [(OLD, True), (OLD, False)]


def test_terms_changed_while_reading_them_are_not_accepted(member):
    with pytest.raises(AmbassadorError):
        accept_current_terms(member, version=OLD)
    assert history(member) == [(OLD, True)]


def test_the_history_is_in_my_data_and_goes_with_the_erasure(member):
    accept_current_terms(member)
    [(_, tables)] = [(p, t) for p, t in export_personal_data(member) if p.name == "profile"]
    rows = tables["consent_history"]
    assert [(row["consent_version"], row["given"]) for row in rows] == [(OLD, True), (NEW, True)]
    assert all(set(row) == {"consent_version", "given", "at"} for row in rows)
    leave_program(member, erase=True)
    assert not ConsentRecord.objects.filter(user=member).exists()


def test_the_migration_builds_the_history_from_existing_profiles(employee, other_employee):
    """0019's data step, run on profiles made before it: given when they joined, withdrawn
    when they left."""
    joined = timezone.now() - datetime.timedelta(days=30)
    left = joined + datetime.timedelta(days=3)
    AmbassadorProfile.objects.create(user=employee, opted_in_at=joined, consent_version="v1")
    AmbassadorProfile.objects.create(
        user=other_employee,
        opted_in_at=joined,
        consent_version="v0",
        is_active=False,
        opted_out_at=left,
    )
    migration = import_module("wagtail_advocacy.migrations.0019_consent_history")
    migration.history_from_profiles(apps, SimpleNamespace(connection=connection))
    assert list(
        ConsentRecord.objects.filter(user=employee).values_list("version", "given", "at")
    ) == [("v1", True, joined)]
    assert list(
        ConsentRecord.objects.filter(user=other_employee).values_list("version", "given", "at")
    ) == [("v0", True, joined), ("v0", False, left)]


# Asked again when sharing.


def test_the_share_endpoint_refuses_with_the_consent_message_and_records_nothing(
    client, member, page
):
    client.force_login(member)
    response = share(client, page)
    assert response.status_code == 403
    assert response.json()["error"].startswith(ASKED)
    assert not ShareEvent.objects.exists()


def test_the_share_panel_shows_the_refusal_and_links_to_the_consent_page(client, member, page):
    client.force_login(member)
    response = client.get(page.url)
    refusal = response.context["share_panel"]["refusal"]
    assert str(refusal.message).startswith(ASKED)
    [(label, url)] = refusal.links
    assert label == "Read and accept the new terms"
    parts = urlsplit(url)
    assert parts.path == CONSENT and parse_qs(parts.query)["next"] == [page.url]
    content = response.content.decode()
    assert escape(ASKED) in content and 'name="network"' not in content


def test_after_accepting_the_member_shares_again(client, member, page):
    client.force_login(member)
    consent_page = client.get(CONSENT, {"next": page.url})
    assert consent_page.status_code == 200
    response = client.post(CONSENT, {"version": NEW, "next": page.url})
    assert response.status_code == 302 and response["Location"] == page.url
    panel = client.get(page.url)
    assert panel.context["share_panel"]["refusal"] is None
    assert 'name="network"' in panel.content.decode()
    assert share(client, page).status_code == 200
    assert ShareEvent.objects.filter(user=member).count() == 1


def test_up_to_date_members_and_colleagues_who_never_joined_are_not_asked(
    client, employee, other_employee, page, settings
):
    settings.WAGTAIL_ADVOCACY_CONSENT_VERSION = NEW
    factories.ambassador(employee)
    for person in (employee, other_employee):
        client.force_login(person)
        assert client.get(page.url).context["share_panel"]["refusal"] is None
        assert share(client, page).status_code == 200


def test_a_draft_stays_a_404_for_a_member_asked_again(client, member, make_page):
    draft = make_page(live=False)
    client.force_login(member)
    assert share(client, draft).status_code == 404


# The consent page.


def test_the_consent_page_shows_the_current_terms_and_a_way_out(client, member):
    client.force_login(member)
    response = client.get(CONSENT)
    assert response.status_code == 200
    content = response.content.decode()
    assert "What is recorded, and why" in content  # the join page's text
    assert f"Version {NEW} of this text." in content
    assert f"since you accepted version {OLD}" in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert f'name="version" value="{NEW}"' in content
    assert f'href="{LEAVE}"' in content and "Leave the program instead" in content


def test_accepting_needs_the_csrf_token(member):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(CONSENT, {"version": NEW}).status_code == 403
    assert history(member) == [(OLD, True)]


@pytest.mark.parametrize(
    "bad_next",
    [
        "https://evil.example.com/",
        "//evil.example.com/path",
        "javascript:alert(1)",
        "http://testserver.evil.example.com/",
    ],
)
def test_a_foreign_next_is_never_followed(client, member, bad_next):
    client.force_login(member)
    page = client.get(CONSENT, {"next": bad_next}).content.decode()
    assert "evil" not in page and "javascript" not in page
    response = client.post(CONSENT, {"version": NEW, "next": bad_next})
    assert response.status_code == 302 and response["Location"] == PROFILE
    assert history(member)[-1] == (NEW, True)


def test_terms_changed_while_reading_ask_again(client, member, settings):
    client.force_login(member)
    response = client.post(CONSENT, {"version": OLD})
    assert response.status_code == 400
    assert "The terms changed while you were reading them" in response.content.decode()
    assert history(member) == [(OLD, True)]


def test_a_member_up_to_date_sees_nothing_to_accept(client, member):
    accept_current_terms(member)
    client.force_login(member)
    content = client.get(CONSENT, {"next": "/somewhere/"}).content.decode()
    assert "there is nothing to do" in content
    assert 'name="version"' not in content and 'href="/somewhere/"' in content


def test_anonymous_visitors_log_in_first(client, db):
    for response in (client.get(CONSENT), client.post(CONSENT, {"version": NEW})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_colleagues_who_are_not_members_are_sent_to_the_join_page(
    client, other_employee, make_ambassador, settings
):
    client.force_login(other_employee)
    response = client.get(CONSENT)
    assert response.status_code == 302 and response["Location"] == JOIN
    assert client.post(CONSENT, {"version": NEW})["Location"] == JOIN
    assert not ConsentRecord.objects.filter(user=other_employee).exists()
    former = make_ambassador("former", active=False)
    client.force_login(former.user)
    assert client.get(CONSENT)["Location"] == JOIN


# The banner on the member's own pages.


def test_profile_and_my_impact_show_the_banner_until_the_terms_are_accepted(client, member):
    client.force_login(member)
    for url in (PROFILE, IMPACT):
        content = client.get(url).content.decode()
        assert "data-advocacy-consent-banner" in content, url
        assert f'href="{CONSENT}?next=' in content, url
    accept_current_terms(member)
    for url in (PROFILE, IMPACT):
        assert "data-advocacy-consent-banner" not in client.get(url).content.decode(), url


def test_no_banner_for_a_colleague_who_never_joined(client, other_employee):
    client.force_login(other_employee)
    assert "data-advocacy-consent-banner" not in client.get(IMPACT).content.decode()
