"""The directory, spotlight stories and the "ambassador of the month": only people who
chose to appear are ever shown."""

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from wagtail_advocacy.ambassadors.services import leave_program, update_profile
from wagtail_advocacy.models import AmbassadorSpotlightPage

from .conftest import VISIBLE


def names(response):
    return [p.public_name for p in response.context["ambassadors"]]


def render_of_the_month():
    template = Template("{% load wagtail_advocacy_ambassadors %}{% ambassador_of_the_month %}")
    return template.render(Context({"request": RequestFactory().get("/")}))


def test_directory_lists_only_those_who_chose_it_and_filters(
    employee_client, ambassador_index, make_ambassador
):
    make_ambassador(display_name="ben", department="IT", expertise=["python"], **VISIBLE)
    make_ambassador(display_name="Ann", department="Sales", expertise=["retail"], **VISIBLE)
    make_ambassador(display_name="Hidden", department="IT", show_in_directory=False)
    gone = make_ambassador(display_name="Gone", department="IT", **VISIBLE)
    leave_program(gone.user)
    response = employee_client.get(ambassador_index.url)
    assert response.status_code == 200
    assert names(response) == ["Ann", "ben"]
    form = response.context["filter_form"]
    assert [c[0] for c in form.fields["department"].choices] == ["", "IT", "Sales"]
    assert [c[0] for c in form.fields["expertise"].choices] == ["", "python", "retail"]
    assert names(employee_client.get(ambassador_index.url, {"department": "IT"})) == ["ben"]
    assert names(employee_client.get(ambassador_index.url, {"expertise": "retail"})) == ["Ann"]
    assert "Hidden" not in response.content.decode()


def test_directory_is_paginated_and_keeps_its_filters(
    employee_client, ambassador_index, make_ambassador
):
    for number in range(25):
        make_ambassador(display_name=f"Person {number:02d}", department="IT", **VISIBLE)
    response = employee_client.get(ambassador_index.url, {"department": "IT", "page": 2})
    assert names(response) == ["Person 24"]
    html = response.content.decode()
    assert "Page 2 of 2" in html
    assert '<a href="?department=IT&amp;page=1" rel="prev">Previous</a>' in html
    assert 'rel="next"' not in html


def test_directory_runs_a_constant_number_of_queries(
    employee_client,
    ambassador_index,
    make_ambassador,
    make_spotlight,
    django_assert_max_num_queries,
):
    def add(count):
        for _ in range(count):
            profile = make_ambassador(expertise=["a", "b"], department="IT", **VISIBLE)
        return profile

    make_spotlight(add(2))
    with django_assert_max_num_queries(40) as few:
        employee_client.get(ambassador_index.url)
    few_count = len(few)  # read now: the connection keeps a bounded query log
    make_spotlight(add(10))
    with django_assert_max_num_queries(few_count):
        response = employee_client.get(ambassador_index.url)
    assert len(response.context["ambassadors"]) == 12
    assert sum(1 for p in response.context["ambassadors"] if p.spotlight_url) == 2


def test_spotlight_shows_while_allowed_and_disappears_when_hidden(
    employee_client, visible_ambassador, make_spotlight, ambassador_index
):
    story = make_spotlight(visible_ambassador, quote="Sharing is caring")
    response = employee_client.get(story.url)
    assert response.status_code == 200
    assert "Alice Martin" in response.content.decode()
    assert "Sharing is caring" in render_of_the_month()
    assert "Alice Martin" in employee_client.get(ambassador_index.url).content.decode()

    update_profile(visible_ambassador.user, fields={"allow_spotlight": False})
    story.refresh_from_db()
    assert not story.live
    assert employee_client.get(story.url).status_code == 404
    assert render_of_the_month().strip() == ""
    assert not employee_client.get(ambassador_index.url).context["spotlights"]


def test_leaving_unpublishes_and_erasing_deletes_spotlights(
    employee_client, visible_ambassador, make_spotlight
):
    story = make_spotlight(visible_ambassador)
    leave_program(visible_ambassador.user)
    story.refresh_from_db()
    assert not story.live
    assert employee_client.get(story.url).status_code == 404
    leave_program(visible_ambassador.user, erase=True)
    assert not AmbassadorSpotlightPage.objects.filter(pk=story.pk).exists()


def test_ambassador_of_the_month_is_the_latest_visible_spotlight(make_ambassador, make_spotlight):
    first = make_ambassador(display_name="First", **VISIBLE)
    second = make_ambassador(display_name="Second", **VISIBLE)
    make_spotlight(first, headline="Older story")
    make_spotlight(second, headline="Newer story")
    make_spotlight(first, headline="Draft story", live=False)
    html = render_of_the_month()
    assert "Newer story" in html and "Older story" not in html
    leave_program(second.user)
    assert "Older story" in render_of_the_month()


# The editor's side.


def spotlight_form(profile, **overrides):
    data = {
        "title": "Meet our ambassador",
        "slug": "meet-our-ambassador",
        "profile": str(profile.pk),
        "headline": "Half my team came through my network",
        "quote": "",
        "story": streamfield([]),
        "favourites": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index):
    return reverse(
        "wagtailadmin_pages:add", args=["wagtail_advocacy", "ambassadorspotlightpage", index.pk]
    )


def test_editor_cannot_publish_a_spotlight_without_the_ambassadors_agreement(
    admin_client_, make_ambassador, ambassador_index
):
    shy = make_ambassador(display_name="Shy", show_in_directory=True)
    response = admin_client_.post(
        add_url(ambassador_index), {**spotlight_form(shy), "action-publish": "1"}
    )
    assert response.status_code == 200
    assert "Shy has not agreed to be featured in a spotlight story" in response.content.decode()
    assert not AmbassadorSpotlightPage.objects.exists()

    # A draft is fine, and publishing works once the employee agrees.
    assert admin_client_.post(add_url(ambassador_index), spotlight_form(shy)).status_code == 302
    story = AmbassadorSpotlightPage.objects.get()
    assert not story.live
    update_profile(shy.user, fields={"allow_spotlight": True})
    edit = reverse("wagtailadmin_pages:edit", args=[story.pk])
    response = admin_client_.post(edit, {**spotlight_form(shy), "action-publish": "1"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.live


def test_a_live_spotlight_of_a_hidden_profile_is_never_served(
    employee_client, visible_ambassador, make_spotlight
):
    story = make_spotlight(visible_ambassador)
    # Changed behind the service's back (e.g. by a data fix): the page guards itself.
    type(visible_ambassador).objects.filter(pk=visible_ambassador.pk).update(allow_spotlight=False)
    assert employee_client.get(story.url).status_code == 404
    assert render_of_the_month().strip() == ""


def test_editor_previews_a_draft_spotlight_before_the_ambassador_agrees(
    admin_client_, make_ambassador, make_spotlight
):
    shy = make_ambassador(display_name="Shy")
    story = make_spotlight(shy, live=False, headline="A story in the making")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])
    data = spotlight_form(shy, slug=story.slug, headline="A story in the making")
    assert admin_client_.post(url, data).json()["is_valid"]
    response = admin_client_.get(url)
    assert response.status_code == 200
    assert "A story in the making" in response.content.decode()


def test_publishing_outside_the_editor_still_respects_the_rule(
    make_ambassador, make_spotlight, django_capture_on_commit_callbacks
):
    shy = make_ambassador(display_name="Shy")
    story = make_spotlight(shy, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()  # as a workflow approval or a schedule would
    story.refresh_from_db()
    assert not story.live


def test_directory_and_spotlights_need_a_login_even_without_the_middleware(
    client, settings, ambassador_index, make_ambassador, make_spotlight
):
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.endswith("LoginRequiredMiddleware")
    ]
    profile = make_ambassador(display_name="Ann", **VISIBLE)
    story = make_spotlight(profile)
    for url in (ambassador_index.url, story.url):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
        assert "Ann" not in response.content.decode()
