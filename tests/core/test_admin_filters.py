"""A modeladmin listing answers 400 to a filter it cannot apply, never 500."""

import pytest

LISTS = [
    "/admin/wagtail_advocacy/trainingcompletion/",
    "/admin/wagtail_advocacy/shareevent/",
    "/admin/wagtail_advocacy/trackedlink/",
    "/admin/wagtail_advocacy/linkclick/",
    "/admin/wagtail_advocacy/pointsentry/",
    "/admin/wagtail_advocacy/kudos/",
    "/admin/wagtail_advocacy/redemption/",
    "/admin/wagtail_advocacy/ambassadorprofile/",
    "/admin/wagtail_advocacy/employeerecord/",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        {"campaign": "abc"},
        {"foo": "1"},
        {"link__network__exact": "x"},
        {"department": "a\x00b"},
        {"q": "\x00"},
        {"module": "abc"},
        {"first_passed_at__gte": "not a date"},
        # A date that exists but whose midnight, here in Paris, is before year 1 in UTC.
        {"created_at__gte": "0001-01-01"},
        {"first_passed_at__gte": "0001-01-01"},
    ],
)
def test_a_bad_filter_is_a_400_not_a_500(admin_client_, url, query):
    response = admin_client_.get(url, query)
    assert response.status_code in (200, 400), (url, query, response.status_code)
    if response.status_code == 400:
        assert "cannot apply the filters" in response.content.decode()


def test_a_good_filter_still_works(admin_client_):
    url = "/admin/wagtail_advocacy/shareevent/"
    assert admin_client_.get(url).status_code == 200
    assert admin_client_.get(url, {"foo": "1"}).status_code == 400
