"""The start-up checks developers meet first: settings that would break links or shares."""

import pytest

from wagtail_advocacy.checks import check_settings


def test_checks_catch_a_relative_public_url(settings):
    settings.WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = "go.example.com"
    assert [e.id for e in check_settings(None)] == ["wagtail_advocacy.E001"]


def test_checks_warn_when_links_would_use_the_private_host(settings):
    settings.WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = ""
    assert [e.id for e in check_settings(None)] == ["wagtail_advocacy.W001"]


def test_checks_catch_unknown_networks_and_modes(settings):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = ["linkedin", "myspace"]
    settings.WAGTAIL_ADVOCACY_LINKEDIN_MODE = "api"
    ids = [e.id for e in check_settings(None)]
    assert ids == ["wagtail_advocacy.E002", "wagtail_advocacy.E003"]


@pytest.mark.parametrize("length", [4, 33, "12"])
def test_checks_catch_unsafe_token_lengths(settings, length):
    settings.WAGTAIL_ADVOCACY_TOKEN_LENGTH = length
    assert [e.id for e in check_settings(None)] == ["wagtail_advocacy.E004"]
