"""On a public site (no ``LoginRequiredMiddleware``) every page type and view of the
package still sends anonymous visitors to the login page; only the tracked-link route and
the token-authenticated conversions API answer them. Editors' previews keep working."""

import json
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import resolve_url
from django.test import RequestFactory
from django.urls import reverse

from tests import factories
from wagtail_advocacy.models import AmbassadorIndexPage, AmbassadorSpotlightPage
from wagtail_advocacy.sharing.models import ShareEvent
from wagtail_advocacy.sharing.queries import hub_context, shareable_pages_for

LOGIN_REQUIRED = "django.contrib.auth.middleware.LoginRequiredMiddleware"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_site(settings):
    """A host without ``LoginRequiredMiddleware`` (the example intranet has it)."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != LOGIN_REQUIRED]


def assert_login_redirect(response, path):
    assert response.status_code == 302, (path, response.status_code)
    expected = f"{resolve_url(django_settings.LOGIN_URL)}?next={quote(path)}"
    assert response["Location"] == expected, (path, response["Location"])


def test_the_tests_run_without_the_login_middleware():
    assert LOGIN_REQUIRED not in django_settings.MIDDLEWARE


@pytest.fixture
def pages(hub, page, root_page):
    index = factories.training_index(root_page)
    module = factories.training_module(index)
    directory = root_page.add_child(
        instance=AmbassadorIndexPage(title="Our ambassadors", slug="ambassadors")
    )
    profile = factories.ambassador("ann", display_name="Ann", **factories.VISIBLE)
    story = AmbassadorSpotlightPage(
        title="Meet Ann", slug="meet-ann", headline="Ann", profile=profile
    )
    directory.add_child(instance=story)
    story.save_revision().publish()
    return {
        "share hub": hub,
        "shareable page": page,
        "training index": index,
        "training module": module,
        "ambassador index": directory,
        "spotlight": AmbassadorSpotlightPage.objects.get(pk=story.pk),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "share hub",
        "shareable page",
        "training index",
        "training module",
        "ambassador index",
        "spotlight",
    ],
)
def test_every_page_type_sends_anonymous_visitors_to_the_login_page(client, pages, kind):
    page = pages[kind]
    response = client.get(page.url)
    assert_login_redirect(response, page.url)
    assert 'name="network"' not in response.content.decode()  # no share form


def test_the_shareable_page_shows_no_share_form_to_anonymous_visitors(client, page):
    response = client.get(page.url)
    assert response.status_code == 302
    assert page.suggested_posts.first().text not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("my_impact", {}),
        ("leaderboard", {}),
        ("rewards", {}),
        ("challenges", {}),
        ("send_kudos", {}),
        ("my_training", {}),
        ("training_certificate", {"module_id": 1}),
        ("ambassador_join", {}),
        ("ambassador_profile", {}),
        ("ambassador_leave", {}),
        ("my_data", {}),
        ("my_data_download", {}),
    ],
)
def test_every_employee_view_sends_anonymous_visitors_to_the_login_page(client, name, kwargs):
    url = reverse(f"wagtail_advocacy:{name}", kwargs=kwargs)
    assert_login_redirect(client.get(url), url)


def test_the_share_endpoint_sends_anonymous_visitors_to_the_login_page(client, page):
    url = reverse("wagtail_advocacy:share", args=[page.pk])
    assert_login_redirect(client.post(url, {"network": "linkedin", "text": "Hi"}), url)
    assert not ShareEvent.objects.exists()


def test_tracked_links_and_the_conversions_api_answer_anonymous_visitors(
    client, settings, page, employee
):
    settings.WAGTAIL_ADVOCACY_CONVERSION_API_TOKEN = "s3cret"
    link = factories.tracked_link(employee, page)
    response = client.get(reverse("wagtail_advocacy:go", args=[link.token]))
    assert response.status_code == 302
    assert response["Location"] == link.destination
    # Token-authenticated: a missing token is a 401, never a login redirect.
    url = reverse("wagtail_advocacy:conversions")
    assert client.post(url, "{}", content_type="application/json").status_code == 401
    response = client.post(
        url,
        json.dumps({"kind": "application", "token": link.token}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer s3cret",
    )
    assert response.status_code in (200, 201), response.content


def test_the_hub_feed_is_empty_for_anonymous_users(page):
    assert list(shareable_pages_for(AnonymousUser())) == []
    request = RequestFactory().get("/share/")
    request.user = AnonymousUser()
    assert list(hub_context(request)["shareable_pages"]) == []


def test_employees_still_see_the_hub_and_the_share_form(employee_client, hub, page):
    assert employee_client.get(hub.url).status_code == 200
    response = employee_client.get(page.url)
    assert response.status_code == 200
    assert page.suggested_posts.first().text in response.content.decode()


def test_editors_still_preview_shareable_pages_and_the_hub(admin_client_, hub, page):
    for target in (hub, page):
        response = admin_client_.get(reverse("wagtailadmin_pages:view_draft", args=[target.pk]))
        assert response.status_code == 200, target
    response = admin_client_.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert page.suggested_posts.first().text in response.content.decode()
