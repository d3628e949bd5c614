"""The badges the package ships are stored once, in English, and shown in the reader's
language; a badge an editor named, or renamed, is shown as written."""

import importlib
import tomllib
from importlib.resources import files

from django.core import mail
from django.urls import reverse

from wagtail_advocacy.models import Badge, Challenge
from wagtail_advocacy.recognition.models import STARTER_BADGE_TEXTS
from wagtail_advocacy.recognition.services import award_badge

IMPACT_URL = reverse("wagtail_advocacy:my_impact")


def test_every_text_of_the_shipped_badges_is_translatable():
    migration = importlib.import_module("wagtail_advocacy.migrations.0005_recognition_data")
    shipped = {text for row in migration.DEFAULT_BADGES for text in (row[1], row[5])}
    demo = tomllib.loads(
        files("wagtail_advocacy.recognition.demo").joinpath("content.toml").read_text("utf-8")
    )
    shipped |= {text for spec in demo["badges"] for text in (spec["name"], spec["description"])}
    assert shipped <= STARTER_BADGE_TEXTS


def test_a_default_badge_is_shown_in_the_readers_language(ambassador, client, committed):
    committed(award_badge, ambassador, Badge.objects.get(slug="first-share"))
    client.force_login(ambassador)

    content = client.get(IMPACT_URL, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "★ Premier partage" in content
    assert "Vous avez obtenu le badge « Premier partage »." in content
    assert "First share" not in content

    content = client.get(IMPACT_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "★ First share" in content and "Premier partage" not in content


def test_a_badge_an_editor_renamed_is_shown_as_written(ambassador, client, committed):
    badge = Badge.objects.get(slug="first-share")
    badge.name = "Icebreaker"
    badge.save()
    committed(award_badge, ambassador, badge)
    client.force_login(ambassador)
    content = client.get(IMPACT_URL, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "★ Icebreaker" in content and "Premier partage" not in content


def test_a_challenges_badge_is_named_in_the_readers_language(ambassador, client):
    Challenge.objects.create(
        title="Share once",
        metric="shares",
        target=1,
        starts_on="2020-01-01",
        ends_on="2999-12-31",
        badge=Badge.objects.get(slug="first-share"),
    )
    client.force_login(ambassador)
    url = reverse("wagtail_advocacy:challenges")
    content = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "★ Premier partage" in content


def test_the_email_names_the_badge_in_the_employees_language(ambassador, committed):
    profile = ambassador.advocacy_profile
    profile.preferred_language = "fr"
    profile.save()
    committed(award_badge, ambassador, Badge.objects.get(slug="first-share"))
    assert [m.subject for m in mail.outbox] == ["Vous avez obtenu le badge « Premier partage »"]


def test_the_admin_shows_the_stored_name(admin_client_):
    url = reverse("wagtailsnippets_wagtail_advocacy_badge:list")
    content = admin_client_.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "First share" in content
