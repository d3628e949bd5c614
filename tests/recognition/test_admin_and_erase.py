"""Editors' screens for recognition, and what leaving the program erases."""

import pytest
from django.urls import reverse

from wagtail_advocacy.ambassadors.services import leave_program
from wagtail_advocacy.models import (
    Badge,
    BadgeAward,
    Challenge,
    Kudos,
    PointsBalance,
    PointsEntry,
    RecognitionNotice,
    Redemption,
    Reward,
)
from wagtail_advocacy.recognition.services import award_points, redeem, send_kudos


def test_editor_creates_a_badge_reward_and_challenge_as_snippets(admin_client_):
    response = admin_client_.post(
        reverse("wagtailsnippets_wagtail_advocacy_badge:add"),
        {
            "name": "Networker",
            "slug": "networker",
            "description": "Shared on four networks.",
            "kind": "networks",
            "threshold": "4",
            "icon": "globe",
            "sort_order": "5",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Badge.objects.get(slug="networker").threshold == 4
    response = admin_client_.post(
        reverse("wagtailsnippets_wagtail_advocacy_reward:add"),
        {
            "title": "A day of training",
            "description": "",
            "image": "",
            "points_cost": "500",
            "stock": "3",
            "is_active": "on",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    assert Reward.objects.get().stock == 3


def test_challenge_must_end_after_it_starts(admin_client_):
    response = admin_client_.post(
        reverse("wagtailsnippets_wagtail_advocacy_challenge:add"),
        {
            "title": "Backwards",
            "description": "",
            "metric": "shares",
            "content_format": "",
            "module": "",
            "target": "3",
            "starts_on": "2026-12-10",
            "ends_on": "2026-12-01",
            "points": "0",
            "badge": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "must end after it starts" in response.content.decode()


@pytest.mark.parametrize("model", ["pointsentry", "kudos"])
def test_points_and_kudos_are_read_only_lists(admin_client_, ambassador, make_user, model):
    Kudos.objects.create(sender=make_user("ann"), recipient=ambassador, message="Thank you")
    PointsEntry.objects.create(user=ambassador, action="kudos_received", points=5)
    index = admin_client_.get(reverse(f"wagtail_advocacy_{model}_modeladmin_index"))
    assert index.status_code == 200
    assert "alice" in index.content.decode()
    create = admin_client_.get(reverse(f"wagtail_advocacy_{model}_modeladmin_create"))
    assert create.status_code == 302  # refused: records are written by the services


def test_erasing_removes_every_recognition_record(ambassador, make_user, other_employee):
    ann = make_user("ann")
    award_points(ambassador, "suggestion_accepted", other_employee)
    reward = Reward.objects.create(title="Mug", points_cost=10, stock=1)
    redeem(ambassador, reward.pk)
    badge = Badge.objects.create(name="B", slug="b-erase", kind="shares")
    BadgeAward.objects.create(user=ambassador, badge=badge)
    Kudos.objects.create(sender=ann, recipient=ambassador, message="Thanks")
    send_kudos(ambassador, ann, "You too")
    assert RecognitionNotice.objects.get(user=ann).subject == ambassador.get_full_name()
    RecognitionNotice.objects.create(user=ambassador, kind="kudos", subject="Ann")
    award_points(ann, "suggestion_accepted", other_employee)

    leave_program(ambassador, erase=False)
    assert PointsEntry.objects.filter(user=ambassador).exists()

    leave_program(ambassador, erase=True)
    for model, field in (
        (PointsEntry, "user"),
        (PointsBalance, "user"),
        (BadgeAward, "user"),
        (Redemption, "user"),
        (RecognitionNotice, "user"),
        (Kudos, "sender"),
        (Kudos, "recipient"),
    ):
        assert not model.objects.filter(**{field: ambassador}).exists(), model
    assert PointsEntry.objects.filter(user=ann).exists()  # others keep theirs
    # …but nothing there names the person any more, and the pending reward is back.
    assert set(PointsEntry.objects.filter(user=ann).values_list("note", flat=True)) == {""}
    assert RecognitionNotice.objects.get(user=ann).subject == "A colleague"
    reward.refresh_from_db()
    assert reward.stock == 1


def test_editor_sets_a_challenge_for_some_groups(admin_client_, engineering):
    response = admin_client_.post(
        reverse("wagtailsnippets_wagtail_advocacy_challenge:add"),
        {
            "title": "Share 3 job offers this month",
            "description": "",
            "metric": "shares",
            "content_format": "job_offer",
            "module": "",
            "target": "3",
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-31",
            "audience_groups": [str(engineering.pk)],
            "team_mode": "on",
            "points": "60",
            "badge": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    assert (challenge.content_format, challenge.team_mode) == ("job_offer", True)
    assert list(challenge.audience_groups.all()) == [engineering]
