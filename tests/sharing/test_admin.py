"""What editors do in the Wagtail admin: shareable pages and the read-only event lists."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from wagtail_advocacy.models import ShareablePage
from wagtail_advocacy.sharing.services import get_or_create_link, record_share


def page_form(**overrides):
    data = {
        "title": "Our new office",
        "slug": "our-new-office",
        "summary": "We moved.",
        "body": streamfield([]),
        "content_format": "news",
        "share_url": "https://www.example.com/office",
        "campaign": "",
        "tags": "",
        "share_until": "",
        "suggested_posts": inline_formset([{"network": "linkedin", "text": "We moved in."}]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_page_url(hub):
    return reverse("wagtailadmin_pages:add", args=["wagtail_advocacy", "shareablepage", hub.pk])


def test_editor_creates_a_shareable_page_with_suggested_posts(admin_client_, hub):
    response = admin_client_.post(add_page_url(hub), page_form())
    assert response.status_code == 302
    page = ShareablePage.objects.get(slug="our-new-office")
    assert [(p.network, p.text) for p in page.suggested_posts.all()] == [
        ("linkedin", "We moved in.")
    ]


def test_editor_sees_tabs_for_content_sharing_and_audience(admin_client_, hub):
    content = admin_client_.get(add_page_url(hub)).content.decode()
    for tab in ("Content", "Sharing", "Audience"):
        assert f">{tab}<" in content or f"{tab}\n" in content


def test_too_long_suggestion_says_network_limit_and_overflow(admin_client_, hub):
    # 256 letters + a space + the link (23 on X) = 280: one more letter is one over.
    data = page_form(suggested_posts=inline_formset([{"network": "x", "text": "a" * 257}]))
    response = admin_client_.post(add_page_url(hub), data)
    assert response.status_code == 200
    assert not ShareablePage.objects.filter(slug="our-new-office").exists()
    assert (
        "Too long for X: the limit is 280 characters, counting the tracked link and the "
        "disclosure, and this post is 1 over."
    ) in response.content.decode()


def test_suggestion_limit_counts_the_disclosure(admin_client_, hub, settings):
    settings.WAGTAIL_ADVOCACY_DISCLOSURE = "#employee"  # 10 more with its space
    data = page_form(suggested_posts=inline_formset([{"network": "x", "text": "a" * 250}]))
    response = admin_client_.post(add_page_url(hub), data)
    assert response.status_code == 200
    assert "this post is 4 over" in response.content.decode()


def test_text_only_page_does_not_count_a_link(admin_client_, hub):
    data = page_form(
        share_url="", suggested_posts=inline_formset([{"network": "x", "text": "a" * 280}])
    )
    assert admin_client_.post(add_page_url(hub), data).status_code == 302


def test_tone_check_warns_without_blocking(admin_client_, hub):
    data = page_form(
        suggested_posts=inline_formset(
            [{"network": "linkedin", "text": "A REVOLUTIONARY office!!! #a #b #c #d"}]
        )
    )
    response = admin_client_.post(add_page_url(hub), data, follow=True)
    assert ShareablePage.objects.filter(slug="our-new-office").exists()
    messages = [str(m) for m in response.context["messages"]]
    warning = next(m for m in messages if "Suggested post for LinkedIn" in m)
    assert "revolutionary" in warning
    assert "4 hashtags" in warning
    assert "exclamation" in warning


@pytest.fixture
def some_events(client, employee, page):
    record_share(employee, page, "linkedin", "Mine")
    link = get_or_create_link(employee, page, "linkedin")
    client.get(reverse("wagtail_advocacy:go", args=[link.token]), HTTP_USER_AGENT="Mozilla/5.0")
    return link


@pytest.mark.parametrize("model", ["shareevent", "trackedlink", "linkclick"])
def test_events_are_browsable_read_only(admin_client_, some_events, model):
    index = f"/admin/wagtail_advocacy/{model}/"
    response = admin_client_.get(index)
    assert response.status_code == 200
    event = apps.get_model("wagtail_advocacy", model).objects.get()
    # Even a superuser is turned away from creating, editing or deleting an event.
    for action in ("create/", f"edit/{event.pk}/", f"delete/{event.pk}/"):
        response = admin_client_.get(index + action)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    admin_client_.post(index + f"delete/{event.pk}/")
    assert type(event).objects.filter(pk=event.pk).exists()
    assert admin_client_.get(index + f"inspect/{event.pk}/").status_code == 200


def test_shares_filter_by_network_and_date(admin_client_, employee, page, some_events):
    record_share(employee, page, "x", "Mine too")
    response = admin_client_.get("/admin/wagtail_advocacy/shareevent/", {"network": "x"})
    assert [e.network for e in response.context["object_list"]] == ["x"]
    today = timezone.localdate()
    url = "/admin/wagtail_advocacy/shareevent/"
    since_yesterday = {"created_at__gte": str(today - datetime.timedelta(days=1))}
    since_tomorrow = {"created_at__gte": str(today + datetime.timedelta(days=1))}
    assert len(admin_client_.get(url, since_yesterday).context["object_list"]) == 2
    assert len(admin_client_.get(url, since_tomorrow).context["object_list"]) == 0


def test_clicks_filter_by_campaign(admin_client_, page, some_events):
    url = "/admin/wagtail_advocacy/linkclick/"
    response = admin_client_.get(url, {"campaign": page.campaign_id})
    assert len(response.context["object_list"]) == 1
    response = admin_client_.get(url, {"campaign": page.campaign_id + 99})
    assert len(response.context["object_list"]) == 0


@pytest.mark.parametrize("model", ["shareevent", "trackedlink", "linkclick"])
def test_a_campaign_id_no_campaign_can_have_lists_nothing(admin_client_, some_events, model):
    url = f"/admin/wagtail_advocacy/{model}/"
    for value in ("99999999999999999999999", "-3", "0"):
        response = admin_client_.get(url, {"campaign": value})
        assert response.status_code == 200
        assert len(response.context["object_list"]) == 0
    assert admin_client_.get(url, {"campaign": "abc"}).status_code == 400


def test_employees_without_admin_access_cannot_see_events(employee_client, some_events):
    response = employee_client.get("/admin/wagtail_advocacy/shareevent/")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("model", "column", "yes"),
    [("shareevent", "personalised", True), ("linkclick", "is_unique", True)],
)
def test_boolean_columns_use_wagtail_icons(admin_client_, some_events, model, column, yes):
    """django.contrib.admin is not installed: its icon-yes.svg would be a 404."""
    index = f"/admin/wagtail_advocacy/{model}/"
    page = admin_client_.get(index).content.decode()
    assert "/static/admin/img/" not in page
    cell = page[page.index(f"field-{column}_icon") :]
    cell = cell[: cell.index("</td>")]
    assert ("icon-success" if yes else "icon-cross") in cell
    assert ("Yes" if yes else "No") in cell
    # The column keeps its heading and still sorts on the field.
    assert admin_client_.get(index, {"o": "0"}).status_code == 200


def test_ambassador_list_booleans_use_wagtail_icons(admin_client_, employee):
    from tests import factories

    factories.ambassador(employee, show_on_leaderboards=True)
    page = admin_client_.get("/admin/wagtail_advocacy/ambassadorprofile/").content.decode()
    assert "/static/admin/img/" not in page
    assert "icon-success" in page and "icon-cross" in page
