"""One way to write a date: the locale's long date (``DATE_FORMAT``: "Dec. 1, 2026",
"1 décembre 2026"), with the time (``DATETIME_FORMAT``) where the time matters; never the
numeric short form beside it ("12/01/2026")."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

import wagtail_advocacy
from tests import factories
from wagtail_advocacy.models import Badge, Challenge, Reward
from wagtail_advocacy.recognition.services import award_badge, redeem, send_kudos

NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
TEMPLATES = Path(wagtail_advocacy.__file__).parent / "templates"


@pytest.fixture
def busy(ambassador, make_user, committed):
    """An ambassador with something dated in every part of "My impact" and "Rewards"."""
    committed(award_badge, ambassador, Badge.objects.get(slug="first-share"))
    committed(send_kudos, make_user("ben"), ambassador, "Great post about the Lyon job!")
    factories.points(ambassador, 10, action="training_passed", note="Share as yourself")
    factories.points(ambassador, 200)
    today = timezone.localdate()
    Challenge.objects.create(
        title="Share once",
        metric="shares",
        target=1,
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=20),
    )
    redeem(ambassador, Reward.objects.create(title="Hoodie", points_cost=80).pk)
    return ambassador


def shown(client, url, language):
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("view", ["my_impact", "rewards"])
def test_employee_pages_write_every_date_one_way(busy, client, language, view):
    client.force_login(busy)
    content = shown(client, reverse(f"wagtail_advocacy:{view}"), language)
    with translation.override(language):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert today in content
    assert NUMERIC_DATE.findall(content) == []


def test_my_impact_in_french_writes_french_dates(busy, client):
    client.force_login(busy)
    content = shown(client, reverse("wagtail_advocacy:my_impact"), "fr")
    with translation.override("fr"):
        until = date_format(timezone.localdate() + datetime.timedelta(days=20), "DATE_FORMAT")
    assert f"Jusqu'au {until}" in content


def test_no_template_of_the_package_writes_a_short_date():
    short = re.compile(r"\|date:\"SHORT_DATE(TIME)?_FORMAT\"")
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if short.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
