"""Custom periods near the ends of the calendar are refused with a message, never a 500."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail_advocacy.core.periods import Period
from wagtail_advocacy.dashboard.forms import DashboardFilterForm

URLS = [
    reverse("wagtail_advocacy_admin:dashboard"),
    reverse("wagtail_advocacy_admin:content_report"),
    reverse("wagtail_advocacy_admin:ambassador_report"),
    reverse("wagtail_advocacy_admin:network_report"),
    reverse("wagtail_advocacy_admin:campaign_report"),
]
EDGES = [("2026-01-01", "9999-12-31"), ("0001-01-01", "0001-01-02"), ("1999-12-31", "2000-01-05")]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("start, end", EDGES)
def test_a_period_at_the_ends_of_the_calendar_is_not_a_500(admin_client_, url, start, end):
    response = admin_client_.get(url, {"period": "custom", "start": start, "end": end})
    assert response.status_code == 200
    response = admin_client_.get(
        url, {"period": "custom", "start": start, "end": end, "export": "csv"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("start, end", EDGES)
def test_the_form_says_which_dates_it_accepts(db, start, end):
    form = DashboardFilterForm({"period": "custom", "start": start, "end": end})
    assert not form.is_valid()
    assert "Choose a date between 2000-01-01 and 2100-12-31." in str(form.errors)
    assert form.selected_period() is not None  # the default period


def test_period_from_dates_stays_in_range():
    period = Period.from_dates(datetime.date(2026, 1, 1), datetime.date.max)
    assert period.last_day == datetime.date(2100, 12, 31)
    assert Period.from_dates(datetime.date.min, datetime.date(2000, 1, 1)).previous()


def test_the_export_command_refuses_dates_out_of_range(db):
    with pytest.raises(CommandError, match="between 2000-01-01 and 2100-12-31"):
        call_command("advocacy_export_kpis", "--from=2026-01-01", "--to=9999-12-31")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("advocacy_export_kpis", "--from=2026-02-30", "--to=2026-03-01")
