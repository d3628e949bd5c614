"""The task paths with django-tasks-db's database backend and real worker processes
(``manage.py db_worker``), as in production: requests only enqueue; two workers running
at once award every point and badge exactly once (badges after each person's minute)
and fill the daily statistics."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests import factories
from wagtail_advocacy.models import (
    BadgeAward,
    DailyStat,
    LinkClick,
    PointsAction,
    PointsEntry,
    ShareEvent,
)
from wagtail_advocacy.stats.tasks import roll_up_stats

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"


def run_workers(count):
    """Start ``count`` workers at once; each processes the queue until it is empty."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_worker",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    }
    command = [
        sys.executable,
        str(ROOT / "example_site" / "manage.py"),
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0.1",
    ]
    workers = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(count)
    ]
    for worker in workers:
        _out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err.decode()


def test_two_workers_do_the_bookkeeping_of_shares_and_clicks_once(hub):
    cache.clear()
    page = factories.shareable_page(hub, share_url="https://www.example.com/jobs")
    people = [factories.ambassador(f"amb{n}", department="Sales").user for n in range(3)]
    tokens = []
    for person in people:
        client = Client()
        client.force_login(person)
        response = client.post(
            reverse("wagtail_advocacy:share", args=[page.pk]),
            {"network": "linkedin", "text": f"Proud of this, {person.username}"},
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 200
        tokens.append(response.json()["tracked_url"].rstrip("/").rsplit("/", 1)[-1])
    visitor = Client()
    for number, token in enumerate(tokens):
        for n in range(number + 2):  # 2, 3 and 4 people click
            response = visitor.get(
                reverse("wagtail_advocacy:go", args=[token]),
                REMOTE_ADDR=f"203.0.113.{10 * number + n}",
                HTTP_USER_AGENT=BROWSER,
            )
            assert response.status_code == 302

    # The requests only wrote the events and queued the rest.
    assert not PointsEntry.objects.exists()
    assert DBTaskResult.objects.filter(status="READY").exists()

    # The click batch reads clicks once they have settled: ten seconds pass.
    LinkClick.objects.update(clicked_at=timezone.now() - datetime.timedelta(seconds=11))
    run_workers(2)
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert not failed.exists(), [(r.task_path, r.traceback) for r in failed]

    for number, person in enumerate(people):
        entries = PointsEntry.objects.filter(user=person)
        assert entries.filter(action=PointsAction.SHARE).count() == 1
        assert entries.filter(action=PointsAction.FIRST_SHARE_OF_PAGE).count() == 1
        assert entries.filter(action=PointsAction.CLICK).count() == number + 2
    # Badges wait for the end of each person's minute: one evaluation each, deferred.
    waiting = DBTaskResult.objects.filter(status="READY", run_after__gt=timezone.now())
    assert waiting.count() == len(people)
    assert not BadgeAward.objects.filter(user__in=people).exists()
    waiting.update(run_after=timezone.now())  # the minute passes
    run_workers(2)
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    for person in people:
        assert BadgeAward.objects.filter(user=person, badge__slug="first-share").count() == 1

    # The daily statistics: the events, once settled, rolled up by a worker.
    earlier = timezone.now() - datetime.timedelta(minutes=5)
    ShareEvent.objects.update(created_at=earlier)
    LinkClick.objects.update(clicked_at=earlier)
    roll_up_stats.enqueue()
    run_workers(2)
    totals = DailyStat.objects.aggregate(shares=Sum("shares"), clicks=Sum("clicks"))
    assert totals == {"shares": 3, "clicks": 9}
