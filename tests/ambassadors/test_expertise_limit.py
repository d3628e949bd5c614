"""An expertise topic longer than a tag can hold is a form error, with nothing written."""

import pytest
from django.urls import reverse

from wagtail_advocacy.models import AmbassadorProfile

from .test_program import profile_data

JOIN = reverse("wagtail_advocacy:ambassador_join")
PROFILE = reverse("wagtail_advocacy:ambassador_profile")


@pytest.fixture(autouse=True)
def few_networks(settings):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = [
        "linkedin",
        "x",
        "facebook",
        "bluesky",
        "mastodon",
        "xing",
        "whatsapp",
        "copy",
    ]


@pytest.mark.parametrize("topic", ["x" * 101, "ﬀ" * 60])
def test_joining_with_a_too_long_topic_is_refused(employee_client, topic):
    response = employee_client.post(JOIN, profile_data(consent="on", expertise=f"python, {topic}"))
    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()
    assert not AmbassadorProfile.objects.exists()


def test_a_profile_change_with_a_too_long_topic_changes_nothing(
    employee_client, employee, make_ambassador
):
    make_ambassador(employee.username, expertise=["python"])
    response = employee_client.post(PROFILE, profile_data(expertise="y" * 101, job_title="CEO"))
    assert response.status_code == 400
    profile = AmbassadorProfile.objects.get(user=employee)
    assert list(profile.expertise.names()) == ["python"]
    assert profile.job_title != "CEO"


def test_a_topic_of_100_characters_is_accepted(employee_client):
    response = employee_client.post(JOIN, profile_data(consent="on", expertise="z" * 100))
    assert response.status_code == 302
