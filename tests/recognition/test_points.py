"""Points rules: what earns points, what earns nothing, and the caps against gaming."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.utils import timezone

from wagtail_advocacy.models import LinkClick, PointsAction, PointsEntry, TrackedLink
from wagtail_advocacy.recognition.queries import balance_of
from wagtail_advocacy.recognition.services import award_points
from wagtail_advocacy.sharing.services import record_click
from wagtail_advocacy.signals import training_completed

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"


def ledger(user):
    return list(
        PointsEntry.objects.filter(user=user).order_by("pk").values_list("action", "points")
    )


def test_first_share_of_a_page_earns_share_and_first_share_points(ambassador, quick_page, share):
    share(ambassador, quick_page())
    assert ledger(ambassador) == [("share", 10), ("first_share_of_page", 5)]
    assert balance_of(ambassador) == 15


def test_same_page_and_network_within_24_hours_earns_nothing(ambassador, quick_page, share):
    page = quick_page()
    share(ambassador, page, "linkedin")
    share(ambassador, page, "linkedin")
    share(ambassador, page, "x")  # another network is another audience
    assert ledger(ambassador) == [("share", 10), ("first_share_of_page", 5), ("share", 10)]


def test_same_page_and_network_a_day_later_earns_again(ambassador, quick_page, share):
    page = quick_page()
    first = share(ambassador, page).event
    first.created_at = timezone.now() - datetime.timedelta(hours=25)
    first.save(update_fields=["created_at"])
    share(ambassador, page)
    assert [a for a, _p in ledger(ambassador)].count("share") == 2


def test_employees_outside_the_program_earn_nothing(employee, quick_page, share):
    result = share(employee, quick_page())
    assert result.event.pk  # the share itself is recorded
    assert ledger(employee) == []


def test_daily_cap_limits_share_and_click_points(ambassador, quick_page, share, settings):
    settings.WAGTAIL_ADVOCACY_DAILY_POINTS_CAP = 32
    for _ in range(3):
        share(ambassador, quick_page())
    # 15 + 15, then only 2 of the third share's 10, and no first-share bonus left.
    assert ledger(ambassador) == [
        ("share", 10),
        ("first_share_of_page", 5),
        ("share", 10),
        ("first_share_of_page", 5),
        ("share", 2),
    ]


def test_daily_cap_does_not_apply_to_trainings(ambassador, settings, root_page):
    settings.WAGTAIL_ADVOCACY_DAILY_POINTS_CAP = 0
    training_completed.send(sender=None, completion=None, user=ambassador, module=root_page)
    assert ledger(ambassador) == [("training_passed", 50)]


def test_custom_points_setting_keeps_defaults_for_missing_keys(
    ambassador, quick_page, share, settings
):
    settings.WAGTAIL_ADVOCACY_POINTS = {"share": 3}
    share(ambassador, quick_page())
    assert ledger(ambassador) == [("share", 3), ("first_share_of_page", 5)]


def click(link, agent=BROWSER, address="203.0.113.7"):
    request = RequestFactory().get("/go/x/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    return record_click(TrackedLink.objects.only("destination").get(pk=link.pk), request)


def test_unique_clicks_earn_a_point_repeats_and_bots_do_not(
    ambassador, quick_page, share, django_capture_on_commit_callbacks
):
    link = share(ambassador, quick_page()).link
    with django_capture_on_commit_callbacks(execute=True):
        click(link, address="203.0.113.1")
        click(link, address="203.0.113.1")  # the same visitor again
        click(link, agent="LinkedInBot/1.0")
        click(link, address="203.0.113.2")
    assert LinkClick.objects.count() == 3
    assert [p for a, p in ledger(ambassador) if a == "click"] == [1, 1]


def test_click_points_are_capped_per_link_and_day(
    ambassador, quick_page, share, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAIL_ADVOCACY_POINTS = {"click_daily_cap_per_link": 2}
    link = share(ambassador, quick_page()).link
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(4):
            click(link, address=f"203.0.113.{n + 10}")
    assert [p for a, p in ledger(ambassador) if a == "click"] == [1, 1]


def test_training_passed_is_earned_once_per_module(ambassador, root_page):
    for _ in range(2):
        training_completed.send(sender=None, completion=None, user=ambassador, module=root_page)
    entry = PointsEntry.objects.get(user=ambassador)
    assert (entry.action, entry.points) == ("training_passed", 50)
    assert entry.related_type == ContentType.objects.get_for_model(root_page)
    assert entry.related_id == str(root_page.pk)


def test_award_points_is_the_entry_point_for_accepted_suggestions(ambassador, other_employee):
    # Any model instance can be the related object; here, a user stands in for a suggestion.
    entry = award_points(ambassador, "suggestion_accepted", other_employee)
    assert entry.points == 30
    assert award_points(ambassador, "suggestion_accepted", other_employee) is None
    assert balance_of(ambassador) == 30


def test_spending_cannot_go_through_award_points(ambassador):
    with pytest.raises(ValueError):
        award_points(ambassador, PointsAction.REDEMPTION, points=-10)


def test_ledger_refuses_negative_points_except_redemptions(ambassador):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PointsEntry.objects.create(user=ambassador, action="share", points=-5)
