"""What the public redirect costs once a task queue runs the bookkeeping: one lookup and
one write for any person's click, an ambassador's included, nothing at all for crawlers;
the click's points come from the batch task, as a worker runs it."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from tests import factories
from wagtail_advocacy.models import LinkClick, PointsEntry, Watermark
from wagtail_advocacy.recognition.tasks import CLICK_SETTLE, award_points_for_new_clicks
from wagtail_advocacy.sharing.services import get_or_create_link

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
# One statement writes the click and decides uniqueness on PostgreSQL; two elsewhere.
WRITES = 1 if connection.vendor == "postgresql" else 2


@pytest.fixture
def ambassadors_link(employee, page):
    factories.ambassador(employee)
    return get_or_create_link(employee, page, "linkedin")


def go(client, link, agent=BROWSER, **extra):
    return client.get(
        reverse("wagtail_advocacy:go", args=[link.token]), HTTP_USER_AGENT=agent, **extra
    )


@pytest.mark.parametrize("visitor", ["203.0.113.9", "198.51.100.7"])
def test_a_click_on_an_ambassadors_link_is_one_lookup_and_one_write(
    client,
    ambassadors_link,
    queued,
    visitor,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    go(client, ambassadors_link, REMOTE_ADDR="192.0.2.1")  # the queue's first request
    for repeat in (False, True):
        with (
            django_assert_num_queries(1 + WRITES),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = go(client, ambassadors_link, REMOTE_ADDR=visitor)
        assert response.status_code == 302
        assert LinkClick.objects.order_by("-pk").first().is_unique is not repeat
    assert not PointsEntry.objects.filter(action="click").exists()  # not in the request


def test_a_crawler_costs_the_lookup_alone(
    client, ambassadors_link, queued, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert go(client, ambassadors_link, agent="LinkedInBot/1.0").status_code == 302


def settle():
    """The seconds a queued batch waits for pass (see recognition.tasks.CLICK_SETTLE)."""
    LinkClick.objects.update(
        clicked_at=F("clicked_at") - datetime.timedelta(seconds=CLICK_SETTLE + 1)
    )


def test_the_batch_awards_each_unique_click_once(client, ambassadors_link, employee, queued):
    for visitor in ("203.0.113.9", "203.0.113.9", "198.51.100.7"):
        go(client, ambassadors_link, REMOTE_ADDR=visitor)
    assert award_points_for_new_clicks.call() == 0  # nothing has settled yet
    settle()
    assert award_points_for_new_clicks.call() == 3  # clicks read
    assert PointsEntry.objects.filter(user=employee, action="click").count() == 2
    assert award_points_for_new_clicks.call() == 0  # a second run finds nothing new
    assert PointsEntry.objects.filter(user=employee, action="click").count() == 2
    mark = Watermark.objects.get(name="recognition.click_points")
    assert mark.position == LinkClick.objects.order_by("-pk").first().pk


def test_clicks_on_links_outside_the_program_earn_nothing(client, employee, page, queued):
    link = get_or_create_link(employee, page, "linkedin")  # the employee never joined
    go(client, link, REMOTE_ADDR="203.0.113.9")
    settle()
    assert award_points_for_new_clicks.call() == 1
    assert not PointsEntry.objects.exists()


def test_a_batch_larger_than_the_limit_goes_on_in_a_new_task(
    client, ambassadors_link, employee, queued, django_capture_on_commit_callbacks
):
    for number in range(5):
        go(client, ambassadors_link, REMOTE_ADDR=f"203.0.113.{number}")
    settle()
    with django_capture_on_commit_callbacks() as callbacks:
        assert award_points_for_new_clicks.call(limit=3) == 3
    assert callbacks, "the rest is enqueued"
    assert award_points_for_new_clicks.call(limit=3) == 2
    assert award_points_for_new_clicks.call(limit=3) == 0


def test_the_scheduled_command_catches_up(client, ambassadors_link, employee, queued):
    import io

    from django.core.management import call_command

    for number in range(3):
        go(client, ambassadors_link, REMOTE_ADDR=f"203.0.113.{number}")
    settle()
    out = io.StringIO()
    call_command("advocacy_process_events", stdout=out)
    assert "3 click(s) processed." in out.getvalue()
    assert PointsEntry.objects.filter(user=employee, action="click").count() == 3
    call_command("advocacy_process_events", stdout=out)
    assert "0 click(s) processed." in out.getvalue()


def test_a_batch_never_reads_past_a_click_that_has_not_settled(
    client, ambassadors_link, employee, queued
):
    """Ids are handed out at insert and seen at commit, not always in that order: a batch
    stops at the first recent click, so one that commits late is not left behind."""
    for number in range(3):
        go(client, ambassadors_link, REMOTE_ADDR=f"203.0.113.{number}")
    first, late, last = LinkClick.objects.order_by("pk")
    old = timezone.now() - datetime.timedelta(seconds=CLICK_SETTLE + 1)
    LinkClick.objects.filter(pk__in=[first.pk, last.pk]).update(clicked_at=old)
    assert award_points_for_new_clicks.call() == 1  # the first; not past the late one
    assert Watermark.objects.get(name="recognition.click_points").position == first.pk
    LinkClick.objects.filter(pk=late.pk).update(clicked_at=old)
    assert award_points_for_new_clicks.call() == 2
    assert PointsEntry.objects.filter(user=employee, action="click").count() == 3
