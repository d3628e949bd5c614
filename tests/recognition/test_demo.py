import io

import pytest
from django.core.management import call_command

from wagtail_advocacy.models import Challenge, Kudos, PointsEntry, Reward


@pytest.mark.django_db
def test_demo_adds_recognition_and_can_run_twice(client):
    call_command("advocacy_demo", "--force", stdout=io.StringIO())
    counts = (Reward.objects.count(), Challenge.objects.count(), Kudos.objects.count())
    points = PointsEntry.objects.count()
    call_command("advocacy_demo", "--force", stdout=io.StringIO())
    assert (Reward.objects.count(), Challenge.objects.count(), Kudos.objects.count()) == counts
    assert PointsEntry.objects.count() == points
    assert counts[0] >= 3 and counts[1] >= 1 and counts[2] >= 1
    assert PointsEntry.objects.filter(user__username="alice").exists()
    client.login(username="alice", password="advocacy-demo")
    assert "Your post about the backend job" in client.get("/advocacy/impact/").content.decode()
    assert "Alice" in client.get("/advocacy/leaderboard/").content.decode()
    assert "Lunch with the CEO" in client.get("/advocacy/rewards/").content.decode()
    assert "Share 3 job offers" in client.get("/advocacy/challenges/").content.decode()
