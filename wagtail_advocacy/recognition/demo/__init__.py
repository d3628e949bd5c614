"""Demo content for recognition: rewards, a challenge, kudos and points for the demo
accounts. Safe to run again: everything is found by a stable key before being made."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.recognition.models import Badge, Challenge, Kudos, PointsAction, Reward
from wagtail_advocacy.recognition.services import (
    award_points,
    evaluate_badges,
    evaluate_challenges,
)
from wagtail_advocacy.sharing.models import ShareEvent
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.sharing.services import record_share

REWARDS = [
    ("Lunch with the CEO", "An hour to talk about anything, over lunch in Lyon.", 500, 4),
    ("A day of training of your choice", "Any course, conference or workshop.", 300, 10),
    ("A donation to a charity", "We give 50 € to the charity you choose.", 150, None),
    ("Northwind hoodie", "The one everybody asks about.", 80, 25),
]

DEPARTMENTS = {"alice": "Engineering", "bob": "Sales"}


def _profile(user):
    """The demo accounts' profiles come from the ambassadors demo; make them if absent."""
    profile, _created = AmbassadorProfile.objects.get_or_create(
        user=user,
        defaults={
            "department": DEPARTMENTS.get(user.username, ""),
            "show_on_leaderboards": True,
            "opted_in_at": timezone.now(),
            "consent_version": advocacy_settings.CONSENT_VERSION,
        },
    )
    return profile


def load_recognition_demo():
    today = timezone.localdate()
    for position, (title, description, cost, stock) in enumerate(REWARDS):
        Reward.objects.update_or_create(
            title=title,
            defaults={
                "description": description,
                "points_cost": cost,
                "stock": stock,
                "sort_order": position,
            },
        )
    recruiter, _created = Badge.objects.get_or_create(
        slug="recruiter",
        defaults={
            "name": "Recruiter",
            "kind": "challenge",
            "icon": "user",
            "description": "Shared three job offers during the hiring challenge.",
            "sort_order": 90,
        },
    )
    Challenge.objects.update_or_create(
        title="Share 3 job offers this month",
        defaults={
            "description": "Help us fill the engineering roles: share three job offers.",
            "metric": "shares",
            "content_format": "job_offer",
            "target": 3,
            "starts_on": today.replace(day=1),
            "ends_on": (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            - datetime.timedelta(days=1),
            "points": 60,
            "badge": recruiter,
        },
    )
    Challenge.objects.update_or_create(
        title="Departments race: 10 shares",
        defaults={
            "description": "Which department shares the most this month?",
            "metric": "shares",
            "target": 10,
            "starts_on": today.replace(day=1),
            "ends_on": today + datetime.timedelta(days=30),
            "team_mode": True,
            "points": 20,
        },
    )

    users = {u.username: u for u in get_user_model().objects.filter(username__in=DEPARTMENTS)}
    for user in users.values():
        _profile(user)
    pages = list(ShareablePage.objects.live().exclude(share_url="").order_by("pk")[:3])
    alice, bob = users.get("alice"), users.get("bob")
    if alice is not None:
        for page, network in zip(pages, ("linkedin", "x", "linkedin"), strict=False):
            if not ShareEvent.objects.filter(user=alice, page=page).exists():
                text = page.suggested_posts.filter(network=network).values_list("text", flat=True)
                record_share(alice, page, network, text.first() or page.title)
    editor = get_user_model().objects.filter(username="editor").first()
    if editor is not None and alice is not None:
        kudos, created = Kudos.objects.get_or_create(
            sender=editor,
            recipient=alice,
            defaults={"message": "Your post about the backend job brought us two candidates!"},
        )
        award_points(alice, PointsAction.KUDOS_RECEIVED, kudos, note="Emma Durand")
    if alice is not None and bob is not None:
        kudos, created = Kudos.objects.get_or_create(
            sender=alice, recipient=bob, defaults={"message": "Great recap of the kick-off."}
        )
        award_points(bob, PointsAction.KUDOS_RECEIVED, kudos, note=alice.get_full_name())
        if pages:
            award_points(bob, PointsAction.SUGGESTION_ACCEPTED, pages[0], note=pages[0].title)
    for user in users.values():
        evaluate_badges(user)
        evaluate_challenges(user)
