"""Recognition after the request: with a task queue, a share's request writes the share
and enqueues its points, badges and challenges; the task, as a worker runs it, awards
them once, and a share counts as a repeat only of earlier shares."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from tests import factories
from wagtail_advocacy.models import BadgeAward, PointsEntry, ShareEvent
from wagtail_advocacy.recognition.tasks import evaluate_recognition, recognise_share

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def ambassador(employee):
    factories.ambassador(employee)
    return employee


def test_the_share_request_awards_nothing_itself(
    client, ambassador, page, queued, django_capture_on_commit_callbacks
):
    client.force_login(ambassador)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_advocacy:share", args=[page.pk]),
            {"network": "linkedin", "text": "I helped build this and I'm proud of it"},
            **JSON,
        )
    assert response.status_code == 200
    share = ShareEvent.objects.get()
    assert not PointsEntry.objects.exists()
    assert recognise_share.call(share.pk) == 15  # 10 for the share, 5 for the first
    assert recognise_share.call(share.pk) == 0  # run twice: awarded once
    assert PointsEntry.objects.filter(user=ambassador).count() == 2


def test_a_share_is_a_repeat_of_earlier_shares_only(ambassador, page, queued):
    """Both shares exist when the task runs (a queue ran late): the first still earns."""
    first = factories.share(ambassador, page).event
    second = factories.share(ambassador, page).event
    assert recognise_share.call(first.pk) == 15
    assert recognise_share.call(second.pk) == 0  # a repeat within a day


def test_shares_of_people_outside_the_program_earn_nothing(employee, page, queued):
    share = factories.share(employee, page).event
    assert recognise_share.call(share.pk) == 0
    assert not PointsEntry.objects.exists()


def test_a_burst_of_events_asks_for_one_evaluation_after_it(
    ambassador, other_employee, page, queued, django_capture_on_commit_callbacks
):
    """Badges and challenges: at most one evaluation per person and minute, run at the end
    of the minute so that it counts the whole burst."""
    other = factories.ambassador(other_employee).user
    with django_capture_on_commit_callbacks(execute=True):
        for person in (ambassador, ambassador, ambassador, other):
            recognise_share.call(factories.share(person, page).event.pk)
        started = timezone.now()
    evaluations = [
        result
        for result in default_task_backend.results
        if result.task.module_path == evaluate_recognition.module_path
    ]
    assert sorted(result.args[0] for result in evaluations) == sorted([ambassador.pk, other.pk])
    for result in evaluations:
        assert result.task.run_after >= started + datetime.timedelta(seconds=55)
    assert evaluate_recognition.call(ambassador.pk) == 1  # the worker, a minute later
    assert BadgeAward.objects.filter(user=ambassador, badge__slug="first-share").exists()
