"""How long the KPI dashboard takes to compute as clicks pile up.

Run: ``.venv/bin/python benchmarks/dashboard.py [clicks] [--keepdb] [--parts]``
(default 100,000; SQLite in memory by default; set DATABASE_URL, or run it
under scripts/with_postgres.sh, to measure on PostgreSQL). It builds 500 ambassadors, 200
pages, shares over 90 days and the given number of clicks, then times the whole dashboard
computation (``services.dashboard.dashboard_context``) for the last 90 days, with and
without filters, and the first page of each report. ``--keepdb`` keeps the populated test
database and reuses it on the next run (PostgreSQL; migrations still apply to it), to
compare query shapes quickly; ``--parts`` also times each part of the dashboard.
The target in DESIGN.md: well under a second with a million clicks on PostgreSQL. Not
part of the test suite: timings depend on the machine.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)


def populate(clicks_wanted):
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Site

    from wagtail_advocacy.models import (
        AmbassadorProfile,
        Campaign,
        LinkClick,
        NetworkAudience,
        ShareablePage,
        ShareEvent,
        ShareHubPage,
        TrackedLink,
    )

    rng = random.Random(1)
    now = timezone.now()
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name="Hiring", starts_on=today - datetime.timedelta(days=60), ends_on=today
    )
    root = Site.objects.get(is_default_site=True).root_page
    hub = root.add_child(instance=ShareHubPage(title="Hub", slug="hub"))
    pages = []
    for number in range(200):
        page = hub.add_child(
            instance=ShareablePage(
                title=f"Page {number}",
                slug=f"page-{number}",
                summary="s",
                share_url="https://example.com/",
                content_format=rng.choice(["article", "video", "job_offer"]),
                campaign=campaign if number % 2 else None,
            )
        )
        pages.append(page)
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"u{i}") for i in range(500)])
    users = list(User.objects.filter(username__startswith="u"))
    profiles = AmbassadorProfile.objects.bulk_create(
        [
            AmbassadorProfile(
                user=user,
                department=rng.choice(["Sales", "Engineering", "HR", "Marketing"]),
                opted_in_at=now - datetime.timedelta(days=200),
                consent_version="bench",
                show_on_leaderboards=True,
            )
            for user in users
        ]
    )
    NetworkAudience.objects.bulk_create(
        [NetworkAudience(profile=p, network="linkedin", audience_size=500) for p in profiles]
    )
    links, shares, seen = [], [], set()
    for index in range(6000):
        user, page = rng.choice(users), rng.choice(pages)
        network = rng.choice(["linkedin", "x", "bluesky"])
        if (user.pk, page.pk, network) in seen:
            continue
        seen.add((user.pk, page.pk, network))
        links.append(
            TrackedLink(
                token=f"t{index:011d}", user=user, page=page, network=network, destination="x"
            )
        )
    links = TrackedLink.objects.bulk_create(links, batch_size=2000)
    links = list(TrackedLink.objects.all())
    for link in links:
        shares.append(
            ShareEvent(
                user_id=link.user_id,
                page_id=link.page_id,
                campaign_id=campaign.pk if link.page_id % 2 else None,
                network=link.network,
                link=link,
                personalised=rng.random() < 0.4,
            )
        )
    ShareEvent.objects.bulk_create(shares, batch_size=2000)
    ShareEvent.objects.update(created_at=now - datetime.timedelta(days=30))

    if connection.vendor == "postgresql":
        # One statement: a million rows in seconds rather than minutes.
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO wagtail_advocacy_linkclick "
                "(link_id, clicked_at, is_unique, visitor_hash, referrer_host) "
                "SELECT l.first + (g %% l.n), now() - (g %% 100) * interval '1 day', "
                "random() < 0.8, md5(g::text), '' "
                "FROM generate_series(1, %s) g, "
                "(SELECT min(id) AS first, count(*) AS n FROM wagtail_advocacy_trackedlink) l",
                [clicks_wanted],
            )
            # What autovacuum does to an insert-only table: statistics, and the visibility
            # map that lets counts read the covering indexes alone.
            cursor.execute("VACUUM ANALYZE")
        return len(shares)
    link_ids = [link.pk for link in links]
    batch = []
    for number in range(clicks_wanted):
        batch.append(
            LinkClick(
                link_id=rng.choice(link_ids),
                is_unique=rng.random() < 0.8,
                visitor_hash=f"{number:032x}",
            )
        )
        if len(batch) == 20000:
            LinkClick.objects.bulk_create(batch)
            batch = []
    LinkClick.objects.bulk_create(batch)
    # Spread the clicks over the last 100 days with one statement.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtail_advocacy_linkclick SET clicked_at = "
            "datetime('now', '-' || (id % 100) || ' days')"
        )
    return len(shares)


REPEAT = int(os.environ.get("BENCH_REPEAT", 3))  # best of this many runs


def measure(label, function, repeat=REPEAT):
    best, queries = None, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            function()
            took = time.perf_counter() - start
        best = took if best is None else min(best, took)
        queries = len(captured)
    print(f"{label:<46} {best * 1000:8.0f} ms  {queries:3d} queries")


def main(clicks=100_000, *, keepdb=False, parts=False):
    from wagtail_advocacy import kpis
    from wagtail_advocacy.core.periods import Period
    from wagtail_advocacy.dashboard import queries as dashboard
    from wagtail_advocacy.kpis import Filters
    from wagtail_advocacy.models import LinkClick

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=keepdb, serialize=False)
    try:
        start = time.perf_counter()
        if keepdb and LinkClick.objects.exists():
            print(f"{connection.vendor}: reusing {LinkClick.objects.count():,} clicks")
        else:
            shares = populate(clicks)
            print(
                f"{connection.vendor}: {clicks:,} clicks, {shares:,} shares, "
                f"built in {time.perf_counter() - start:.0f} s"
            )
        period = Period.last_days(90)
        no_filter, sales = Filters(), Filters(department="Sales")
        measure("kpis.summary (90 days)", lambda: kpis.summary(period))
        if parts:
            measure("  timeline", lambda: kpis.timeline(period, no_filter))
            measure(
                "  breakdowns",
                lambda: (
                    kpis.breakdown(period, no_filter, by="network"),
                    kpis.breakdown(period, no_filter, by="content_format"),
                ),
            )
            measure(
                "  top content",
                lambda: list(
                    dashboard.content_performance(period).order_by("-clicks", "-shares", "title")[
                        : dashboard.TOP
                    ]
                ),
            )
            measure(
                "  top ambassadors",
                lambda: list(
                    dashboard.ambassador_performance(period).order_by("-clicks", "-shares", "pk")[
                        : dashboard.TOP
                    ]
                ),
            )
        measure(
            "dashboard, 90 days, no filter",
            lambda: dashboard.dashboard_context(period, no_filter),
        )
        measure(
            "dashboard, 90 days, department Sales",
            lambda: dashboard.dashboard_context(period, sales),
        )
        measure(
            "content report, first page",
            lambda: list(dashboard.content_performance(period).order_by("-clicks")[:50]),
        )
        measure(
            "content report, first page by shares",
            lambda: list(dashboard.content_performance(period).order_by("-shares")[:50]),
        )
        measure(
            "content report, row count",
            lambda: dashboard.content_performance(period).count(),
        )
        measure(
            "ambassador report, first page",
            lambda: list(dashboard.ambassador_performance(period).order_by("-clicks")[:50]),
        )
        measure(
            "ambassador report, row count",
            lambda: dashboard.ambassador_performance(period).count(),
        )
        measure(
            "campaign report",
            lambda: list(dashboard.campaign_results().order_by("-starts_on", "pk")[:50]),
        )
    finally:
        if not keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(
        int(arguments[0]) if arguments else 100_000,
        keepdb="--keepdb" in sys.argv,
        parts="--parts" in sys.argv,
    )
