"""The login-required middleware a private intranet uses with the Wagtail admin."""

import pytest
from django.test import override_settings
from django.urls import reverse

from wagtail_advocacy.checks import DJANGO_LOGIN_REQUIRED, check_settings

PUBLIC_ADMIN = [
    ("wagtailadmin_sprite", "<svg"),
    ("wagtailadmin_javascript_catalog", "django"),
    ("wagtailadmin_password_reset", "email"),
    ("wagtailadmin_login", "password"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "sample"), PUBLIC_ADMIN)
def test_the_admin_public_views_answer_logged_out_editors(client, name, sample):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert sample in response.content.decode().lower()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/pages/", "/", "/advocacy/impact/"])
def test_everything_else_still_needs_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_check_names_the_middleware_to_use(settings):
    with override_settings(
        MIDDLEWARE=[
            m
            if m != "wagtail_advocacy.middleware.LoginRequiredMiddleware"
            else DJANGO_LOGIN_REQUIRED
            for m in settings.MIDDLEWARE
        ]
    ):
        warnings = [p for p in check_settings(None) if p.id == "wagtail_advocacy.W004"]
    assert len(warnings) == 1
    assert "wagtail_advocacy.middleware.LoginRequiredMiddleware" in warnings[0].hint
    assert not [p for p in check_settings(None) if p.id == "wagtail_advocacy.W004"]
