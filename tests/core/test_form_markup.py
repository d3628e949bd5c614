"""The front-end forms render with the package's own crispy template pack and CSS classes,
whatever CSS framework (and default crispy pack) the host uses: no Bootstrap markup."""

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests import factories
from wagtail_advocacy.models import AmbassadorIndexPage

BOOTSTRAP = {
    "form-control",
    "form-select",
    "form-check",
    "form-check-input",
    "form-check-label",
    "form-label",
    "form-text",
    "mb-3",
    "row",
    "btn",
    "btn-primary",
    "btn-secondary",
    "btn-danger",
    "invalid-feedback",
    "is-invalid",
    "alert",
    "alert-danger",
    "asteriskField",
    "requiredField",
}

# A host whose default crispy pack the package cannot render with: if any of its forms
# used the host's pack, rendering would fail (TemplateDoesNotExist).
HOST_PACK = {
    "CRISPY_TEMPLATE_PACK": "host-pack-that-does-not-exist",
    "CRISPY_ALLOWED_TEMPLATE_PACKS": ("host-pack-that-does-not-exist",),
}


def forms_of(html):
    forms = re.findall(r"<form\b.*?</form>", html, flags=re.S)
    assert forms, "no form on the page"
    return "\n".join(forms)


def classes(html):
    return {name for value in re.findall(r'class="([^"]*)"', html) for name in value.split()}


def assert_own_markup(response, *expected):
    assert response.status_code in (200, 400), response.status_code  # 400: refused input
    markup = forms_of(response.content.decode())
    found = classes(markup)
    assert not found & BOOTSTRAP, sorted(found & BOOTSTRAP)
    assert "advocacy-field" in found
    for name in expected:
        assert name in found, name
    assert "wagtail_advocacy/css/advocacy.css" in response.content.decode()
    return markup


@pytest.fixture
def ann(db):
    profile = factories.ambassador("ann", department="Sales", show_on_leaderboards=True)
    factories.ambassador("ben", department="IT", show_in_directory=True)
    client = Client()
    client.force_login(profile.user)
    return client


@pytest.fixture
def newcomer(db):
    client = Client()
    client.force_login(factories.user("newcomer"))
    return client


def test_the_example_site_needs_no_bootstrap_pack():
    assert "crispy_bootstrap5" not in settings.INSTALLED_APPS


@override_settings(**HOST_PACK)
def test_hub_filter(ann, hub):
    markup = assert_own_markup(
        ann.get(hub.url), "advocacy-form", "advocacy-filters", "advocacy-select"
    )
    assert "advocacy-button--secondary" in markup


@override_settings(**HOST_PACK)
def test_directory_filter(ann, root_page):
    index = root_page.add_child(instance=AmbassadorIndexPage(title="Ambassadors", slug="amb"))
    assert_own_markup(ann.get(index.url), "advocacy-filters", "advocacy-select")


@override_settings(**HOST_PACK)
def test_leaderboard_filter(ann):
    assert_own_markup(ann.get(reverse("wagtail_advocacy:leaderboard")), "advocacy-filters")


@override_settings(**HOST_PACK)
def test_join_form_and_its_errors(newcomer):
    url = reverse("wagtail_advocacy:ambassador_join")
    markup = assert_own_markup(
        newcomer.get(url), "advocacy-form", "advocacy-form__fieldset", "advocacy-checkbox"
    )
    assert 'for="id_consent"' in markup and "advocacy-input" in markup
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', markup))
    markup = assert_own_markup(newcomer.post(url, hidden), "advocacy-field__errors")
    # The consent error is linked to its tick box.
    assert re.search(
        r'<input[^>]*id="id_consent"[^>]*aria-describedby="[^"]*id_consent_error', markup
    ) or re.search(
        r'<input[^>]*aria-describedby="[^"]*id_consent_error[^"]*"[^>]*id="id_consent"', markup
    )
    assert 'id="id_consent_error"' in markup


@override_settings(**HOST_PACK)
def test_profile_form(ann):
    assert_own_markup(
        ann.get(reverse("wagtail_advocacy:ambassador_profile")), "advocacy-form__legend"
    )


@override_settings(**HOST_PACK)
def test_leave_form_groups_its_radios_in_a_fieldset(ann):
    url = reverse("wagtail_advocacy:ambassador_leave")
    markup = assert_own_markup(ann.get(url), "advocacy-choice__input", "advocacy-button--danger")
    assert re.search(r"<fieldset[^>]*advocacy-field--choices", markup)
    assert "<legend" in markup
    markup = assert_own_markup(ann.post(url, {"history": "?"}), "advocacy-field--invalid")
    assert re.search(r'<fieldset[^>]*aria-describedby="id_history_error"', markup)
    assert 'id="id_history_error"' in markup


@override_settings(**HOST_PACK)
def test_quiz(ann, root_page):
    module = factories.training_module(factories.training_index(root_page))
    markup = assert_own_markup(
        ann.get(module.url + "?quiz=1"), "advocacy-choice", "advocacy-field--choices"
    )
    assert "<legend" in markup


@override_settings(**HOST_PACK)
def test_kudos(ann):
    markup = assert_own_markup(
        ann.get(reverse("wagtail_advocacy:send_kudos")), "advocacy-select", "advocacy-button"
    )
    assert 'aria-describedby="id_message_helptext"' in markup
    assert 'id="id_message_helptext"' in markup
