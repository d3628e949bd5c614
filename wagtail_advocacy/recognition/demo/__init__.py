"""Demo recognition (``content.toml``): rewards, a badge, challenges, and shares, kudos and
points for the demo accounts. Safe to run again: everything is found by a stable key
before being made, and points are earned once per object. Only the demo's own accounts
(``run.users``) get activity, never a site's user who happens to have the same name."""

from django.utils import timezone

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.demo import day, read
from wagtail_advocacy.core.registries import DemoLoader, demo_loaders
from wagtail_advocacy.recognition.models import Badge, Challenge, Kudos, PointsAction, Reward
from wagtail_advocacy.recognition.services import (
    award_points,
    evaluate_badges,
    evaluate_challenges,
)
from wagtail_advocacy.sharing.models import ShareEvent
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.sharing.services import record_share


def _profile(user, departments):
    """The demo accounts' profiles come from the ambassadors demo; make them if absent."""
    profile, _created = AmbassadorProfile.objects.get_or_create(
        user=user,
        defaults={
            "department": departments.get(user.username, ""),
            "show_on_leaderboards": True,
            "opted_in_at": timezone.now(),
            "consent_version": advocacy_settings.CONSENT_VERSION,
        },
    )
    return profile


def _catalogue(data):
    today = timezone.localdate()
    for position, spec in enumerate(data["rewards"]):
        Reward.objects.update_or_create(
            title=spec["title"],
            defaults={
                "description": spec["description"],
                "points_cost": spec["points_cost"],
                "stock": spec.get("stock"),
                "sort_order": position,
            },
        )
    badges = {}
    for spec in data["badges"]:
        defaults = {key: value for key, value in spec.items() if key != "slug"}
        badges[spec["slug"]], _created = Badge.objects.get_or_create(
            slug=spec["slug"], defaults=defaults
        )
    for spec in data["challenges"]:
        defaults = {key: value for key, value in spec.items() if key != "title"}
        defaults["starts_on"] = day(spec["starts_on"], today)
        defaults["ends_on"] = day(spec["ends_on"], today)
        if "badge" in spec:
            defaults["badge"] = badges[spec["badge"]]
        Challenge.objects.update_or_create(title=spec["title"], defaults=defaults)


def _activity(data, people):
    departments = data["departments"]
    members = {name: user for name, user in people.items() if name in departments}
    for user in members.values():
        _profile(user, departments)

    wanted = [len(spec["networks"]) for spec in data["shares"]]
    wanted += [spec["page"] for spec in data["points"]]
    pages = list(
        ShareablePage.objects.live().exclude(share_url="").order_by("pk")[: max(wanted, default=0)]
    )
    for spec in data["shares"]:
        user = people.get(spec["user"])
        if user is None:
            continue
        for page, network in zip(pages, spec["networks"], strict=False):
            if not ShareEvent.objects.filter(user=user, page=page).exists():
                text = page.suggested_posts.filter(network=network).values_list("text", flat=True)
                record_share(user, page, network, text.first() or page.title)
    for spec in data["kudos"]:
        sender, recipient = people.get(spec["sender"]), people.get(spec["recipient"])
        if sender is None or recipient is None:
            continue
        kudos, _created = Kudos.objects.get_or_create(
            sender=sender, recipient=recipient, defaults={"message": spec["message"]}
        )
        note = spec.get("note") or sender.get_full_name()
        award_points(recipient, PointsAction.KUDOS_RECEIVED, kudos, note=note)
    for spec in data["points"]:
        user = people.get(spec["user"])
        if user is not None and len(pages) >= spec["page"]:
            page = pages[spec["page"] - 1]
            award_points(user, PointsAction(spec["action"]), page, note=page.title)
    for user in members.values():
        evaluate_badges(user)
        evaluate_challenges(user)


def load(run):
    data = read(__name__, "content.toml")
    _catalogue(data)
    _activity(data, run.users)


demo_loaders.register(
    DemoLoader("recognition", load, "rewards, challenges, and kudos and points for the accounts"),
    order=50,
)
