"""What the share hub and "My impact" cost with thousands of pages and ambassadors.

Run: ``.venv/bin/python benchmarks/pages.py [--pages 5000] [--ambassadors 5000]
[--clicks 100000] [--rounds 5] [--quick]`` (SQLite by default; set DATABASE_URL, or run it
under scripts/with_postgres.sh, to measure on PostgreSQL). ``--quick``: 200 pages and 200
ambassadors, a smoke run.

The database grows in two steps with ``advocacy_generate_data``: a hundredth of the pages,
ambassadors and clicks first, then the rest. At each step the test client, logged in as
an ambassador of the first step (the one who shared most, and one who never shared),
opens the share hub (its first page and its second) and "My impact"; each page is fetched
once to count its queries, then timed over ``--rounds`` rounds, interleaved; the median is
kept. The target: the same number of queries at both sizes (the pages say "a constant
number of queries"); the times are shown with their ratio. The last line, ``RESULT
{json}``, is for ``benchmarks/run_all.py``. Not part of the test suite.
"""

import argparse
import io
import json
import statistics
import time

import _setup  # noqa: E402, F401  (sets Django up: before the Django imports)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

DAYS = 90


def grow(*, pages, ambassadors, clicks, seed):
    started = time.perf_counter()
    out = io.StringIO()
    call_command(
        "advocacy_generate_data",
        clicks=clicks,
        ambassadors=ambassadors,
        pages=pages,
        days=DAYS,
        seed=seed,
        stdout=out,
    )
    for line in out.getvalue().splitlines():
        print(f"    {line}")
    return time.perf_counter() - started


def people():
    """The first step's most active sharer, and an ambassador of it who never shared."""
    from django.db.models import Count

    from wagtail_advocacy.models import AmbassadorProfile, ShareEvent

    busiest = (
        ShareEvent.objects.values("user_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "user_id")
        .first()["user_id"]
    )
    idle = (
        AmbassadorProfile.objects.filter(is_active=True)
        .exclude(user__advocacy_shares__isnull=False)
        .order_by("pk")
        .first()
    )
    return busiest, idle.user_id if idle else busiest


def cases(busiest, idle):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from wagtail_advocacy.models import ShareHubPage

    hub = ShareHubPage.objects.order_by("path").first().url
    impact = reverse("wagtail_advocacy:my_impact")
    User = get_user_model()
    clients = {}
    for user_id in {busiest, idle}:
        clients[user_id] = Client()
        clients[user_id].force_login(User.objects.get(pk=user_id))
    return {
        "share hub, first page": (clients[busiest], hub),
        "share hub, second page": (clients[busiest], f"{hub}?page=2"),
        "My impact, the busiest sharer": (clients[busiest], impact),
        "My impact, an ambassador who never shared": (clients[idle], impact),
    }


def measure(measured, rounds):
    results = {}
    for name, (client, url) in measured.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        results[name] = [len(captured), []]
    for _round in range(rounds):
        for name, (client, url) in measured.items():
            started = time.perf_counter()
            client.get(url)
            results[name][1].append((time.perf_counter() - started) * 1000)
    return {
        name: (queries, statistics.median(times)) for name, (queries, times) in results.items()
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--ambassadors", type=int, default=5000)
    parser.add_argument("--clicks", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="A smoke run: small sizes.")
    options = parser.parse_args()
    if options.quick:
        options.pages = options.ambassadors = 200
        options.clicks, options.rounds = 5000, 3
    steps = [
        (max(1, options.pages // 100), max(1, options.ambassadors // 100)),
        (options.pages, options.ambassadors),
    ]

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, serialize=False)
    vendor = connection.vendor
    results, grown = {}, {}
    try:
        have_pages = have_ambassadors = have_clicks = 0
        measured = None
        for step, (pages, ambassadors) in enumerate(steps):
            clicks = max(1, options.clicks * pages // options.pages)
            print(f"{vendor}: growing to {pages:,} pages and {ambassadors:,} ambassadors")
            grown[pages] = grow(
                pages=pages - have_pages,
                ambassadors=ambassadors - have_ambassadors,
                clicks=clicks - have_clicks,
                seed=step + 1,
            )
            have_pages, have_ambassadors, have_clicks = pages, ambassadors, clicks
            if vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            if measured is None:
                measured = cases(*people())
            results[pages] = (ambassadors, clicks, measure(measured, options.rounds))
            for name, (queries, ms) in results[pages][2].items():
                print(f"  {name:<44} {queries:4d} queries {ms:9.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()

    small, large = sorted(results)
    print()
    print(f"{vendor}, median of {options.rounds} rounds")
    sizes = {
        size: f"{size:,} pages, {results[size][0]:,} ambassadors, {results[size][1]:,} clicks"
        for size in (small, large)
    }
    print(f"small: {sizes[small]}; large: {sizes[large]}")
    print(f"{'page':<44}{'small':>22}{'large':>22}{'ratio':>8}")
    figures = []
    for name in results[small][2]:
        (q1, ms1), (q2, ms2) = results[small][2][name], results[large][2][name]
        print(f"{name:<44}{q1:>6d} q {ms1:9.1f} ms{q2:>8d} q {ms2:9.1f} ms{ms2 / ms1:>7.2f}×")
        figures.append(
            {
                "figure": f"{name}: queries with {small:,} and {large:,} pages",
                "value": f"{q1} / {q2}",
                "target": "identical",
                "met": q1 == q2,
            }
        )
        figures.append(
            {
                "figure": f"{name}: median ms with {large:,} pages and "
                f"{results[large][0]:,} ambassadors",
                "value": f"{ms2:.0f} ms ({ms2 / ms1:.2f}× the small size)",
                "target": "",
                "met": None,
            }
        )
    result = {
        "benchmark": "pages",
        "database": vendor,
        "sizes": {str(size): sizes[size] for size in sizes},
        "pages": {
            name: {str(size): results[size][2][name] for size in (small, large)}
            for name in results[small][2]
        },
        "figures": figures,
    }
    print("RESULT " + json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
