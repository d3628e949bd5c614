"""Background work of recognition, run through the Django Tasks API (immediately unless
a project configures a queue)."""

from django_tasks import task


@task()
def evaluate_recognition(user_id):
    """Award the badges and complete the challenges an employee now qualifies for.

    Counting shares, clicks and weeks grows with an employee's history, so it runs after
    the request; awards are idempotent, so running it twice at once is harmless.
    """
    from django.contrib.auth import get_user_model

    from wagtail_advocacy.recognition.services import evaluate_badges, evaluate_challenges

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return len(evaluate_badges(user)) + len(evaluate_challenges(user))


@task()
def award_click_points(click_id):
    """Points for a click, away from the public redirect."""
    from wagtail_advocacy.recognition.services import award_for_click

    entry = award_for_click(click_id)
    return entry.points if entry else 0
