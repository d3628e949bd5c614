"""Fixtures of the conversions tests: a tracked link, and the API called as the careers
site would call it."""

import json

import pytest
from django.urls import reverse

from tests import factories

SECRET = "s3cret-for-the-careers-site"


@pytest.fixture
def link(page, employee):
    return factories.tracked_link(employee, page, "linkedin")


@pytest.fixture
def api(client, settings):
    settings.WAGTAIL_ADVOCACY_CONVERSION_API_TOKEN = SECRET

    def call(payload, *, secret=SECRET, **headers):
        body = payload if isinstance(payload, str) else json.dumps(payload)
        if secret is not None:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        return client.post(
            reverse("wagtail_advocacy:conversions"),
            body,
            content_type="application/json",
            **headers,
        )

    return call
