"""The share hub: the employee's feed of live pages, in a constant number of queries."""

import datetime

from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from wagtail_advocacy.sharing.services import record_share


def titles(response):
    return [page.title for page in response.context["shareable_pages"]]


def test_hub_lists_live_pages_newest_first(employee_client, hub, make_page):
    first = make_page(title="First")
    second = make_page(title="Second")
    make_page(title="Draft", live=False)
    response = employee_client.get(hub.url)
    assert response.status_code == 200
    assert titles(response) == [second.title, first.title]


def test_expired_pages_leave_the_hub(employee_client, hub, make_page):
    today = timezone.localdate()
    make_page(title="Yesterday", share_until=today - datetime.timedelta(days=1))
    make_page(title="Today", share_until=today)
    assert titles(employee_client.get(hub.url)) == ["Today"]


def test_audience_limits_who_sees_a_page(
    client, employee, other_employee, hub, make_page, engineering
):
    make_page(title="For engineers", audience=[engineering])
    make_page(title="For everyone")
    client.force_login(employee)
    assert titles(client.get(hub.url)) == ["For everyone", "For engineers"]
    client.force_login(other_employee)
    assert titles(client.get(hub.url)) == ["For everyone"]


def test_filters_by_tag_format_and_campaign(employee_client, hub, make_page, campaign):
    make_page(title="Job", tags=["jobs"], content_format="job_offer", campaign=campaign)
    make_page(title="Video", tags=["culture"], content_format="video")
    assert titles(employee_client.get(hub.url, {"tag": "jobs"})) == ["Job"]
    assert titles(employee_client.get(hub.url, {"format": "video"})) == ["Video"]
    assert titles(employee_client.get(hub.url, {"campaign": campaign.slug})) == ["Job"]
    response = employee_client.get(hub.url, {"tag": "jobs", "format": "video"})
    assert titles(response) == []
    assert "Nothing to share here yet" in response.content.decode()


def test_filter_choices_only_offer_what_exists(employee_client, hub, make_page):
    make_page(tags=["jobs"])
    form = employee_client.get(hub.url).context["filter_form"]
    assert [slug for slug, _label in form.fields["tag"].choices] == ["", "jobs"]


def test_cards_show_what_the_employee_already_shared(employee_client, employee, hub, make_page):
    shared = make_page(title="Shared")
    make_page(title="Not yet")
    record_share(employee, shared, "linkedin", "Mine")
    response = employee_client.get(hub.url)
    flags = {page.title: page.already_shared for page in response.context["shareable_pages"]}
    assert flags == {"Shared": True, "Not yet": False}
    assert "You shared this" in response.content.decode()


def test_hub_is_paginated(employee_client, hub, make_page, settings):
    settings.WAGTAIL_ADVOCACY_HUB_PAGE_SIZE = 2
    for number in range(5):
        make_page(title=f"Page {number}")
    response = employee_client.get(hub.url, {"page": 3})
    assert titles(response) == ["Page 0"]
    assert "Page 3 of 3" in response.content.decode()
    middle = employee_client.get(hub.url, {"format": "article", "page": 2}).content.decode()
    assert '<a href="?format=article&amp;page=1" rel="prev">Newer</a>' in middle
    assert '<a href="?format=article&amp;page=3" rel="next">Older</a>' in middle
    french = employee_client.get(hub.url, {"page": 2}, HTTP_ACCEPT_LANGUAGE="fr")
    assert 'rel="prev">Plus récents</a>' in french.content.decode()


def _fill(make_page, campaign, count, start):
    Image = get_image_model()
    for number in range(start, start + count):
        image = Image.objects.create(title=f"img {number}", file=get_test_image_file())
        make_page(title=f"P{number}", image=image, tags=["jobs", f"t{number}"], campaign=campaign)


def test_hub_runs_a_constant_number_of_queries(
    employee_client, employee, hub, make_page, campaign, django_assert_max_num_queries, settings
):
    settings.WAGTAIL_ADVOCACY_HUB_PAGE_SIZE = 30
    _fill(make_page, campaign, 2, 0)
    employee_client.get(hub.url)  # renditions are generated once, then reused
    with django_assert_max_num_queries(30) as few:
        employee_client.get(hub.url)
    few_count = len(few)
    _fill(make_page, campaign, 18, 2)
    employee_client.get(hub.url)
    with django_assert_max_num_queries(few_count):
        response = employee_client.get(hub.url)
    assert len(response.context["shareable_pages"]) == 20


def test_hub_requires_login(client, hub):
    response = client.get(hub.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
