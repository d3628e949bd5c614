"""The demo's history fills the dashboard believably: conversions, a leaderboard of
several people, and campaign activity inside each campaign's dates."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail_advocacy.ambassadors.rules import needs_new_consent
from wagtail_advocacy.core.periods import Period
from wagtail_advocacy.dashboard.queries import campaign_progress
from wagtail_advocacy.kpis import Filters, summary, training_completion_rate
from wagtail_advocacy.models import (
    AmbassadorProfile,
    Campaign,
    Conversion,
    QuizAttempt,
    ShareEvent,
    TrainingCompletion,
)
from wagtail_advocacy.recognition.queries import leaderboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("advocacy_demo", "--force", stdout=io.StringIO())


def test_the_demo_has_conversions(demo):
    assert Conversion.objects.filter(referrer__username__startswith="colleague").count() >= 3
    assert Conversion.objects.filter(kind="hire").exists()


def test_the_leaderboard_lists_the_visible_colleagues(demo):
    alice = get_user_model().objects.get(username="alice")
    board = leaderboard(alice, period="all", size=20)
    names = [row.name for row in board.rows]
    assert len(names) >= 8, names
    visible = AmbassadorProfile.objects.on_leaderboards().filter(
        user__username__startswith="colleague"
    )
    assert visible.count() == 18  # 3 in 4 of the 24 colleagues chose to appear
    # They agreed to the current terms, so nothing asks them again before they share.
    assert not any(needs_new_consent(p.user) for p in visible)


def test_campaign_activity_falls_inside_the_campaign(demo):
    for campaign in Campaign.objects.all():
        shares = ShareEvent.objects.filter(campaign=campaign)
        assert shares.exists()
        early = shares.filter(created_at__date__lt=campaign.starts_on)
        assert not early.exists()
        progress = campaign_progress(campaign)
        key = summary(Period.last_days(90), Filters(campaign=campaign.pk))
        assert progress["summary"]["shares"] == key["shares"]


def test_the_demo_colleagues_took_the_training(demo):
    """The training figures are not empty: completions spread over the period, an average
    score, and retries after a failed attempt."""
    period = Period.last_days(90)
    assert training_completion_rate(period) > 0
    assert summary(period)["average_quiz_score"] is not None
    passed = TrainingCompletion.objects.filter(passed=True, user__username__startswith="colleague")
    days = {c.first_passed_at.date() for c in passed}
    assert passed.count() >= 10 and len(days) >= 5
    assert QuizAttempt.objects.filter(passed=False).exists()
    assert not TrainingCompletion.objects.filter(module__locale__language_code="fr").exists()


def test_running_the_demo_again_adds_nothing(demo):
    counts = (ShareEvent.objects.count(), Conversion.objects.count(), QuizAttempt.objects.count())
    call_command("advocacy_demo", "--force", stdout=io.StringIO())
    again = (ShareEvent.objects.count(), Conversion.objects.count(), QuizAttempt.objects.count())
    assert again == counts
