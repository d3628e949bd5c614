"""Demo activity for the KPI dashboard: colleagues who joined the program and 90 days of
shares, clicks and a few conversions, so every chart and report has something to show.

The history is generated from a fixed seed and only once (the first colleague's shares
mark it), so running the demo again changes nothing.
"""

import datetime
import random
import secrets

from django.contrib.auth.models import Permission
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone

from wagtail_advocacy.ambassadors.models import AmbassadorProfile, NetworkAudience
from wagtail_advocacy.conversions.models import Conversion
from wagtail_advocacy.core.demo import check_free, demo_user
from wagtail_advocacy.core.registries import DemoLoader, demo_loaders
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent, TrackedLink, build_destination
from wagtail_advocacy.sharing.pages import ShareablePage

DEPARTMENTS = ["Engineering", "Sales", "Marketing", "HR", "Operations"]
NETWORK_WEIGHTS = {"linkedin": 6, "x": 2, "bluesky": 1, "facebook": 1, "mastodon": 1}
COLLEAGUES = 24
DAYS = 90


COMMUNICATION = "Demo communication"


def grant_dashboard(groups):
    """Let the demo's ``groups`` (never a group of the site's) see the dashboard."""
    permission = Permission.objects.get(
        content_type__app_label="wagtail_advocacy", codename="view_advocacy_dashboard"
    )
    for group in groups:
        group.permissions.add(permission)


def colleagues():
    """Demo employees without a usable password, all in the program, most of them visible.
    A site's own user of one of their names stops the demo (nothing is changed)."""
    usernames = [f"colleague{number:02d}" for number in range(1, COLLEAGUES + 1)]
    check_free(usernames=usernames)
    users = []
    rng = random.Random(7)
    for number, username in enumerate(usernames, start=1):
        user, created = demo_user(username, first_name="Colleague", last_name=f"{number:02d}")
        if created:
            user.set_unusable_password()
            user.save()
        profile, created = AmbassadorProfile.objects.get_or_create(
            user=user,
            defaults={
                "department": DEPARTMENTS[number % len(DEPARTMENTS)],
                "opted_in_at": timezone.now() - datetime.timedelta(days=rng.randint(20, 120)),
                "consent_version": "demo",
                "show_on_leaderboards": number % 4 != 0,
                "show_in_directory": number % 3 != 0,
            },
        )
        if created:
            for network in rng.sample(sorted(NETWORK_WEIGHTS), 2):
                NetworkAudience.objects.create(
                    profile=profile, network=network, audience_size=rng.randint(80, 2500)
                )
        users.append(user)
    return users


def history(users):
    if not users or ShareEvent.objects.filter(user=users[0]).exists():
        return 0
    pages = list(ShareablePage.objects.live().filter(share_url__gt="").select_related("campaign"))
    if not pages:
        return 0
    rng = random.Random(42)
    now = timezone.now()
    networks = list(NETWORK_WEIGHTS)
    weights = list(NETWORK_WEIGHTS.values())
    shares, clicks, conversions = [], [], []
    links = {}
    for number, user in enumerate(users):
        # Some colleagues share a lot, some rarely, and a third not at all.
        activity = 0 if number % 3 == 2 else rng.random()
        for day in range(DAYS):
            if rng.random() > activity * 0.25:
                continue
            page = rng.choice(pages)
            network = rng.choices(networks, weights)[0]
            key = (user.pk, page.pk, network)
            if key not in links:
                token = secrets.token_urlsafe(9)[:12]
                links[key] = TrackedLink.objects.create(
                    token=token,
                    user=user,
                    page=page,
                    network=network,
                    destination=build_destination(
                        page.share_url, network_key=network, campaign=page.campaign, token=token
                    ),
                )
            link = links[key]
            when = now - datetime.timedelta(days=day, hours=rng.randint(0, 10))
            shares.append(
                ShareEvent(
                    user=user,
                    page=page,
                    campaign=page.campaign,
                    network=network,
                    link=link,
                    personalised=rng.random() < 0.45,
                    created_at=when,
                )
            )
            for _ in range(rng.randint(0, 9)):
                clicks.append(
                    LinkClick(
                        link=link,
                        is_unique=rng.random() < 0.8,
                        visitor_hash=secrets.token_hex(8),
                        referrer_host=f"{network}.com",
                        clicked_at=when + datetime.timedelta(hours=rng.randint(1, 48)),
                    )
                )
            if page.campaign and page.campaign.objective == "recruiting" and rng.random() < 0.04:
                conversions.append(
                    Conversion(
                        link=link,
                        referrer=user,
                        page=page,
                        campaign=page.campaign,
                        network=network,
                        kind=rng.choice(["application", "application", "hire"]),
                        occurred_at=when + datetime.timedelta(days=2),
                        source="import",
                    )
                )
    clicks = [c for c in clicks if c.clicked_at <= now]
    Conversion.objects.bulk_create([c for c in conversions if c.occurred_at <= now])
    # auto_now_add replaces the times given to bulk_create: put them back afterwards.
    _create_in_the_past(ShareEvent, "created_at", shares)
    _create_in_the_past(LinkClick, "clicked_at", clicks)
    return len(shares)


def _create_in_the_past(model, field, objects):
    wanted = [getattr(o, field) for o in objects]
    created = model.objects.bulk_create(objects, batch_size=500)
    pairs = [(o.pk, when) for o, when in zip(created, wanted, strict=True) if o.pk]
    for start in range(0, len(pairs), 500):
        batch = pairs[start : start + 500]
        model.objects.filter(pk__in=[pk for pk, _when in batch]).update(
            **{
                field: Case(
                    *[When(pk=pk, then=Value(when)) for pk, when in batch],
                    output_field=DateTimeField(),
                )
            }
        )


def load(run):
    """No activity without the demo accounts (the demo's ``--no-users``)."""
    grant_dashboard([run.editors, run.group(COMMUNICATION)])
    if not run.people:
        return
    created = history(colleagues())
    if created:
        run.write(f"Demo activity: {created} shares over the last {DAYS} days.")


demo_loaders.register(
    DemoLoader("dashboard", load, "colleagues and 90 days of shares, clicks and conversions"),
    order=60,
)
