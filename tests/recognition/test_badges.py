"""Badges: rules, idempotent awards, notices and e-mails, and the default set."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection

from wagtail_advocacy.models import Badge, BadgeAward, PointsEntry, RecognitionNotice
from wagtail_advocacy.recognition.rules import weeks_streak
from wagtail_advocacy.recognition.services import award_badge, evaluate_badges
from wagtail_advocacy.signals import training_completed

pytestmark = pytest.mark.usefixtures("no_default_badges")


def badge(slug, kind, threshold=1, **fields):
    return Badge.objects.create(
        name=slug.title(), slug=slug, kind=kind, threshold=threshold, **fields
    )


def test_first_share_earns_the_badge_and_a_notice_and_an_email(ambassador, quick_page, share):
    badge("first", "first_share")
    badge("ten", "shares", 10)
    share(ambassador, quick_page())
    assert list(BadgeAward.objects.values_list("badge__slug", flat=True)) == ["first"]
    notice = RecognitionNotice.objects.get(user=ambassador)
    assert (notice.kind, notice.subject, notice.is_read) == ("badge", "First", False)
    assert [m.subject for m in mail.outbox] == ["You earned the badge “First”"]
    assert mail.outbox[0].to == ["alice@example.com"]


def test_no_email_when_the_employee_turned_recognition_mail_off(ambassador, quick_page, share):
    ambassador.advocacy_profile.notify_recognition = False
    ambassador.advocacy_profile.save()
    badge("first-x", "first_share")
    share(ambassador, quick_page())
    assert RecognitionNotice.objects.filter(user=ambassador, subject="First-X").exists()
    assert mail.outbox == []


def test_networks_badge_counts_different_networks(ambassador, quick_page, share):
    badge("two-networks", "networks", 2)
    page = quick_page()
    share(ambassador, page, "linkedin")
    assert not BadgeAward.objects.filter(badge__slug="two-networks").exists()
    share(ambassador, page, "x")
    assert BadgeAward.objects.filter(badge__slug="two-networks").exists()


def test_trainings_badge_counts_from_the_ledger(
    ambassador, root_page, django_capture_on_commit_callbacks
):
    badge("trained-x", "trainings", 1)
    with django_capture_on_commit_callbacks(execute=True):
        training_completed.send(sender=None, completion=None, user=ambassador, module=root_page)
    assert BadgeAward.objects.filter(user=ambassador, badge__slug="trained-x").exists()


def test_suggestions_badge_counts_accepted_suggestions(ambassador):
    badge("ideas", "suggestions", 2)
    PointsEntry.objects.create(user=ambassador, action="suggestion_accepted", points=30)
    assert evaluate_badges(ambassador) == []
    PointsEntry.objects.create(user=ambassador, action="suggestion_accepted", points=30)
    assert [a.badge.slug for a in evaluate_badges(ambassador)] == ["ideas"]


def test_inactive_badges_and_non_members_get_nothing(ambassador, employee, other_employee):
    badge("off", "suggestions", 1, is_active=False)
    PointsEntry.objects.create(user=ambassador, action="suggestion_accepted", points=30)
    assert evaluate_badges(ambassador) == []
    PointsEntry.objects.create(user=other_employee, action="suggestion_accepted", points=30)
    badge("on", "suggestions", 1)
    assert evaluate_badges(other_employee) == []  # not in the program


def test_evaluating_twice_awards_once(ambassador):
    b = badge("once", "suggestions", 1)
    PointsEntry.objects.create(user=ambassador, action="suggestion_accepted", points=30)
    assert len(evaluate_badges(ambassador)) == 1
    assert evaluate_badges(ambassador) == []
    assert award_badge(ambassador, b) is None
    assert BadgeAward.objects.filter(user=ambassador, badge=b).count() == 1
    assert RecognitionNotice.objects.filter(user=ambassador).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_evaluations_award_once(employee):
    """Several workers evaluating at once meet the unique constraint, not a duplicate."""
    from tests.recognition.conftest import join

    join(employee)
    b = badge("race", "suggestions", 1)
    PointsEntry.objects.create(user=employee, action="suggestion_accepted", points=30)
    if connection.vendor == "sqlite":
        # SQLite in memory cannot share a database between threads: check the rule
        # the threads rely on, an award raced by another evaluation.
        BadgeAward.objects.create(user=employee, badge=b)
        assert award_badge(employee, b) is None
        assert evaluate_badges(employee) == []
    else:
        barrier = threading.Barrier(4)
        results = []

        def worker():
            barrier.wait()
            try:
                results.append(len(evaluate_badges(employee)))
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == [0, 0, 0, 1]
    assert BadgeAward.objects.filter(user=employee, badge=b).count() == 1


@pytest.mark.parametrize(
    "weeks_ago,expected",
    [
        ([], 0),
        ([0], 1),
        ([0, 1, 2], 3),
        ([1, 2], 2),  # nothing yet this week: last week's streak still counts
        ([0, 2, 3], 1),
        ([2, 3], 0),
    ],
)
def test_weeks_streak(weeks_ago, expected):
    today = datetime.date(2026, 11, 26)  # a Thursday
    monday = today - datetime.timedelta(days=today.weekday())
    days = {monday - datetime.timedelta(weeks=n) + datetime.timedelta(days=2) for n in weeks_ago}
    assert weeks_streak(days, today) == expected
