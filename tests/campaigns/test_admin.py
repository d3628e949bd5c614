"""Editors create campaigns as snippets in the Wagtail admin; bad dates and targets are refused."""

import pytest
from django.urls import reverse

from wagtail_advocacy.models import Campaign


def campaign_form(**overrides):
    data = {
        "name": "Spring hiring",
        "slug": "",
        "objective": "recruiting",
        "description": "",
        "starts_on": "2026-03-01",
        "ends_on": "2026-05-31",
        "target_shares": "100",
        "target_clicks": "1000",
        "target_participation": "20",
        "target_conversions": "5",
        "owner": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def campaign_add_url():
    return reverse("wagtailsnippets_wagtail_advocacy_campaign:add")


def test_editor_creates_a_campaign_and_gets_a_slug(admin_client_):
    response = admin_client_.post(campaign_add_url(), campaign_form())
    assert response.status_code == 302
    assert Campaign.objects.get().slug == "spring-hiring"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": "2026-02-01"}, "The end date must be on or after the start date."),
        ({"target_shares": "-5"}, "Ensure this value is greater than or equal to 0."),
        ({"target_participation": "120"}, "Ensure this value is less than or equal to 100."),
    ],
)
def test_invalid_campaigns_are_refused(admin_client_, overrides, message):
    response = admin_client_.post(campaign_add_url(), campaign_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Campaign.objects.exists()
