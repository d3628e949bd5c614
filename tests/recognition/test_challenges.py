"""Challenges: progress within the dates, audience, completion rewards, team mode."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail_advocacy.models import (
    Badge,
    BadgeAward,
    Challenge,
    ChallengeCompletion,
    Kudos,
    PointsEntry,
)
from wagtail_advocacy.recognition.queries import challenge_statuses
from wagtail_advocacy.recognition.services import evaluate_challenges

pytestmark = pytest.mark.usefixtures("no_default_badges")
URL = reverse("wagtail_advocacy:challenges")


def challenge(**fields):
    today = timezone.localdate()
    fields.setdefault("title", "Share 2 job offers this month")
    fields.setdefault("metric", "shares")
    fields.setdefault("target", 2)
    fields.setdefault("starts_on", today - datetime.timedelta(days=3))
    fields.setdefault("ends_on", today + datetime.timedelta(days=3))
    return Challenge.objects.create(**fields)


def test_share_challenge_counts_only_its_format_and_completes_with_points_and_badge(
    ambassador, quick_page, share
):
    badge = Badge.objects.create(name="Recruiter", slug="recruiter", kind="challenge")
    jobs = challenge(content_format="job_offer", points=40, badge=badge)
    share(ambassador, quick_page(content_format="news"))
    share(ambassador, quick_page(content_format="job_offer"))
    [status] = challenge_statuses(ambassador)
    assert (status.value, status.percent, status.completed) == (1, 50, False)
    share(ambassador, quick_page(content_format="job_offer"))
    assert ChallengeCompletion.objects.filter(challenge=jobs, user=ambassador).exists()
    assert PointsEntry.objects.get(action="challenge_completed").points == 40
    assert BadgeAward.objects.filter(user=ambassador, badge=badge).exists()
    # Further shares do not complete it twice.
    share(ambassador, quick_page(content_format="job_offer"))
    assert PointsEntry.objects.filter(action="challenge_completed").count() == 1


def test_activity_outside_the_dates_does_not_count(ambassador, make_user):
    kudos = challenge(metric="kudos", target=1)
    ann = make_user("ann")
    Kudos.objects.create(
        sender=ann,
        recipient=ambassador,
        message="Old news",
        created_at=timezone.now() - datetime.timedelta(days=10),
    )
    assert challenge_statuses(ambassador)[0].value == 0
    Kudos.objects.create(sender=ann, recipient=ambassador, message="Thanks")
    assert [c.pk for c in evaluate_challenges(ambassador)] == [kudos.pk]


def test_training_challenge_for_one_module(ambassador, root_page, hub):
    linkedin = challenge(metric="trainings", target=1, module=root_page)
    PointsEntry.objects.create(
        user=ambassador, action="training_passed", points=50, related_id=str(hub.pk)
    )
    assert challenge_statuses(ambassador)[0].value == 0
    PointsEntry.objects.create(
        user=ambassador, action="training_passed", points=50, related_id=str(root_page.pk)
    )
    assert evaluate_challenges(ambassador) == [linkedin]


def test_challenges_only_reach_their_audience(ambassador, make_user):
    sales = Group.objects.create(name="Sales")
    only_sales = challenge(title="Sales only")
    only_sales.audience_groups.add(sales)
    everyone = challenge(title="Everyone")
    assert [s.challenge for s in challenge_statuses(ambassador)] == [everyone]
    ambassador.groups.add(sales)
    assert {s.challenge for s in challenge_statuses(ambassador)} == {only_sales, everyone}


def test_finished_and_inactive_challenges_are_not_listed(ambassador):
    today = timezone.localdate()
    challenge(ends_on=today - datetime.timedelta(days=1))
    challenge(is_active=False)
    assert challenge_statuses(ambassador) == []


def test_team_mode_adds_up_a_department_and_rewards_its_contributors(
    ambassador, make_user, quick_page, share, client
):
    team = challenge(title="Departments race", team_mode=True, target=2, points=10)
    colleague = make_user("colleague", department="Engineering")
    idle = make_user("idle", department="Engineering")
    rival = make_user("rival", department="Sales")
    share(rival, quick_page())
    share(colleague, quick_page())
    assert not ChallengeCompletion.objects.exists()
    share(ambassador, quick_page())
    done = set(
        ChallengeCompletion.objects.filter(challenge=team).values_list("user__username", flat=True)
    )
    assert done == {"alice", "colleague"}  # idle contributed nothing
    assert idle.pk not in done
    client.force_login(ambassador)
    response = client.get(URL)
    content = response.content.decode()
    assert "Departments race" in content
    assert "Engineering" in content and "Sales" in content
    assert response.context["statuses"][0].value == 2


def test_challenge_page_lists_progress(ambassador, client):
    challenge(title="Two shares")
    client.force_login(ambassador)
    content = client.get(URL).content.decode()
    assert "Two shares" in content
    assert "0 / 2" in content


@pytest.mark.parametrize("count", [1, 6])
def test_challenge_page_runs_a_constant_number_of_queries(
    ambassador, client, django_assert_max_num_queries, count
):
    for n in range(count):
        challenge(title=f"C{n}", metric=["shares", "clicks", "kudos"][n % 3], team_mode=n == 0)
    client.force_login(ambassador)
    with django_assert_max_num_queries(13):  # +1: the employee nav
        response = client.get(URL)
    assert len(response.context["statuses"]) == count
