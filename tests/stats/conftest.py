"""A randomised history of shares, clicks and conversions, and the figures people read."""

import datetime
import io
import json
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests import factories
from wagtail_advocacy import kpis
from wagtail_advocacy.core.periods import Period
from wagtail_advocacy.dashboard import queries as dashboard
from wagtail_advocacy.kpis import Filters

DEPARTMENTS = ("Sales", "Engineering", "")
NETWORKS = ("linkedin", "x", "bluesky")


def days_ago(days, hours=10):
    """A moment ``days`` before today, at ``hours`` o'clock local time."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hours)))


class History:
    """Employees, pages and links to make events with; ``grow`` adds random events."""

    def __init__(self, hub, seed):
        self.rng = random.Random(seed)
        self.campaign = factories.campaign(name="Hiring", slug="hiring")
        self.pages = [
            factories.shareable_page(
                hub,
                title=f"Page {n}",
                slug=f"page-{n}",
                campaign=self.campaign if n % 2 else None,
                content_format=("article", "video", "job_offer")[n],
                share_url=f"https://www.example.com/{n}",
            )
            for n in range(3)
        ]
        self.people = []
        for n in range(5):
            department = DEPARTMENTS[n % len(DEPARTMENTS)]
            profile = factories.ambassador(
                f"person{n}",
                department=department,
                networks=dict.fromkeys(NETWORKS[: n % 3 + 1], 100 * (n + 1)),
                joined_at=days_ago(80),
            )
            self.people.append(profile.user)
        self.people.append(factories.user("colleague"))  # shares without joining
        self.links = []

    def grow(self, events):
        rng = self.rng
        for _ in range(events):
            kind = rng.random()
            if kind < 0.35 or not self.links:
                person = rng.choice(self.people)
                result = factories.share(
                    person,
                    rng.choice(self.pages),
                    rng.choice(NETWORKS),
                    personalised=rng.random() < 0.4,
                    when=days_ago(rng.randint(0, 70), rng.randint(0, 23)),
                )
                self.links.append(result.link)
            elif kind < 0.9:
                link = rng.choice(self.links)
                repeat = rng.random() < 0.3 and getattr(link, "_factory_visitors", None)
                factories.click(
                    link,
                    days_ago(rng.randint(0, 70), rng.randint(0, 23)),
                    unique=not repeat,
                    count=rng.randint(1, 3),
                )
            else:
                factories.conversion(
                    kind=rng.choice(["application", "hire"]),
                    link=rng.choice(self.links),
                    value=rng.choice([None, "150.50"]),
                    occurred_at=days_ago(rng.randint(0, 70)),
                )


@pytest.fixture
def history(hub):
    def make(seed=0, events=60):
        made = History(hub, seed)
        made.grow(events)
        return made

    return make


SELECTIONS = (
    Filters(),
    Filters(department="Sales"),
    Filters(network="linkedin"),
    Filters(content_format="video"),
    Filters(department=""),
)


def figures(campaign=None):
    """What the dashboard and the reports show for the last 30 and 90 days and the
    previous 30, whole and filtered: headline KPIs, the timeline and both breakdowns."""
    today = timezone.localdate()
    periods = (
        Period.last_days(30, today),
        Period.last_days(90, today),
        Period.last_days(30, today).previous(),
    )
    selections = list(SELECTIONS)
    if campaign is not None:
        selections.append(Filters(campaign=campaign.pk))
    shown = []
    for period in periods:
        for filters in selections:
            shown.append(
                (
                    kpis.summary(period, filters),
                    kpis.timeline(period, filters),
                    kpis.breakdowns(period, filters),
                    list(
                        dashboard.content_performance(period, filters, every_live_page=True)
                        .order_by("pk")
                        .values_list("pk", "shares", "clicks", "unique_clicks", "conversion_count")
                    ),
                )
            )
    campaigns = dashboard.campaign_results().order_by("pk")
    shown.append(
        list(
            campaigns.values_list(
                "pk", "shares", "sharers", "clicks", "unique_clicks", "conversion_count"
            )
        )
    )
    return shown


def rankings():
    """The rankings of people (top ambassadors, the ambassador report) for the last 30
    and 90 days, whole and filtered."""
    today = timezone.localdate()
    periods = (Period.last_days(30, today), Period.last_days(90, today))
    return [
        [
            (p.pk, p.shares, p.networks, p.clicks, p.unique_clicks, p.conversion_count)
            for p in dashboard.ambassador_performance(period, filters)
        ]
        for period in periods
        for filters in SELECTIONS
    ]


def exported(days=90):
    """The KPI export a program manager downloads, with its daily rows."""
    today = timezone.localdate()
    out = io.StringIO()
    call_command(
        "advocacy_export_kpis",
        "--from",
        (today - datetime.timedelta(days=days - 1)).isoformat(),
        "--to",
        today.isoformat(),
        "--format",
        "json",
        "--daily",
        stdout=out,
    )
    return json.loads(out.getvalue())
