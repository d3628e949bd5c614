"""Background work of recognition, run through the Django Tasks API (immediately unless
a project configures a queue)."""

from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import task

from wagtail_advocacy.recognition.models import PointsAction
from wagtail_advocacy.recognition.queries import rewarded_click
from wagtail_advocacy.recognition.services import (
    award_points,
    evaluate_badges,
    evaluate_challenges,
)


@task()
def evaluate_recognition(user_id):
    """Award the badges and complete the challenges an employee now qualifies for.

    Counting shares, clicks and weeks grows with an employee's history, so it runs after
    the request; awards are idempotent, so running it twice at once is harmless.
    """
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return len(evaluate_badges(user)) + len(evaluate_challenges(user))


def schedule_evaluation(user_id):
    """Evaluate badges and challenges once the current transaction is committed."""
    transaction.on_commit(partial(evaluate_recognition.enqueue, user_id))


@task()
def award_click_points(click_id):
    """Points for a click, away from the public redirect; then badges and challenges (a
    click counts towards them even when a cap left no points)."""
    click = rewarded_click(click_id)
    if click is None:
        return 0
    entry = award_points(click.link.user, PointsAction.CLICK, click.link)
    schedule_evaluation(click.link.user_id)
    return entry.points if entry else 0
