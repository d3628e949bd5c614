"""How the KPI dashboard and the campaign reports scale as clicks pile up.

Run: ``.venv/bin/python benchmarks/dashboard.py [--sizes 10000,100000,1000000] [--rounds 5]
[--quick] [--keepdb]`` (SQLite in a temporary file by default; set DATABASE_URL, or run it
under scripts/with_postgres.sh, to measure on PostgreSQL). ``--quick``: sizes 2,000 and
20,000 with fewer ambassadors and pages, a smoke run.

One test database grows from the smallest size to the largest: the first step generates
the ambassadors, pages, campaigns and shares of 90 days with ``advocacy_generate_data``,
each later step only the missing clicks (on the same links, over the same days), and the
command rolls the daily statistics up. The generation runs in its own process, so its peak
memory (RSS) is its own. At each size, every case is warmed up once (and its queries
counted), then timed over several rounds, the cases interleaved; the median is kept.
``--keepdb`` keeps the grown database (PostgreSQL: ``test_…``; SQLite: a file in the
temporary folder) and starts from it next time.

The targets (the scale issue): the same number of queries at every size, the largest size
at most 1.5 times the smallest, under 300 ms with a million clicks on PostgreSQL. The last
line, ``RESULT {json}``, is for ``benchmarks/run_all.py``. Not part of the test suite:
timings depend on the machine.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from _setup import ROOT  # noqa: E402  (sets Django up: before the Django imports)
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

DAYS = 90
RATIO_TARGET = 1.5
MS_TARGET = 300
MILLION = 1_000_000
MEMORY_TARGET = 500  # MB, generating a million clicks
# The cases the targets are for; the reports' first pages are shown for information.
TARGETED = (
    "dashboard, 90 days, no filter",
    "dashboard, 90 days, department Sales",
    "campaign report, first page",
    "campaign progress",
)
SQLITE_KEPT = Path(tempfile.gettempdir()) / "advocacy-bench-dashboard.sqlite3"


def database_url() -> str:
    """The test database, for the generating process (read by the example's settings)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    if connection.vendor != "postgresql":
        raise SystemExit(f"Unsupported database for this benchmark: {connection.vendor}")
    credentials = quote(settings["USER"] or "")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"])
    address = f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
    return f"postgres://{credentials}@{address}/{quote(settings['NAME'])}"


def generate(clicks, *, first, ambassadors, pages, seed):
    """``advocacy_generate_data`` in its own process; returns (seconds, peak MB)."""
    arguments = [sys.executable, "-m", "django", "advocacy_generate_data"]
    arguments += ["--clicks", str(clicks), "--days", str(DAYS), "--seed", str(seed)]
    if first:
        arguments += ["--ambassadors", str(ambassadors), "--pages", str(pages)]
    else:
        arguments += ["--ambassadors", "0", "--pages", "0"]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
        "DATABASE_URL": database_url(),
    }
    started = time.perf_counter()
    done = subprocess.run(arguments, env=environment, capture_output=True, text=True)
    took = time.perf_counter() - started
    for line in done.stdout.splitlines():
        print(f"    {line}")
    if done.returncode:
        print(done.stderr, file=sys.stderr)
        raise SystemExit("advocacy_generate_data failed")
    peak = re.search(r"peak memory (\d+) MB", done.stdout)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does to an insert-only table: statistics, and the visibility
            # map that lets counts read the covering indexes alone.
            cursor.execute("VACUUM ANALYZE")
    return took, int(peak.group(1)) if peak else None


def cases():
    from wagtail_advocacy.campaigns.models import Campaign
    from wagtail_advocacy.core.periods import Period
    from wagtail_advocacy.dashboard import queries as dashboard
    from wagtail_advocacy.kpis import Filters

    period = Period.last_days(DAYS)
    # The generated campaigns are made at the first step: the same ones at every size.
    campaign = Campaign.objects.order_by("starts_on", "pk").first()

    def report_page(queryset, *ordering):
        # What a report view reads: the row count for the paginator, then the first page.
        queryset.count()
        return list(queryset.order_by(*ordering)[:50])

    return {
        "dashboard, 90 days, no filter": lambda: dashboard.dashboard_context(period, Filters()),
        "dashboard, 90 days, department Sales": lambda: dashboard.dashboard_context(
            period, Filters(department="Sales")
        ),
        "campaign report, first page": lambda: report_page(
            dashboard.campaign_results(), "-starts_on", "pk"
        ),
        "campaign progress": lambda: dashboard.campaign_progress(campaign),
        "content report, first page": lambda: report_page(
            dashboard.content_performance(period, Filters(), every_live_page=True),
            "-clicks",
            "title",
            "pk",
        ),
        # Ranked in Python from one grouped read; the page's people in one more query.
        "ambassador report, first page": lambda: dashboard.with_users(
            dashboard.ambassador_performance(period, Filters())[:50]
        ),
    }


def measure(rounds):
    """{case: (queries, median ms)}: one warm-up run each (its queries counted), then
    ``rounds`` rounds with the cases interleaved."""
    measured = cases()
    queries = {}
    for name, case in measured.items():
        with CaptureQueriesContext(connection) as captured:
            case()
        queries[name] = len(captured)
    times = {name: [] for name in measured}
    for _round in range(rounds):
        for name, case in measured.items():
            started = time.perf_counter()
            case()
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: (queries[name], statistics.median(times[name])) for name in measured}


def figures(vendor, sizes, results, generation):
    """The targets, met or missed, for ``run_all.py``."""
    smallest, largest = sizes[0], sizes[-1]
    rows = []
    for name in results[smallest]:
        targeted = name in TARGETED
        counts = [results[size][name][0] for size in sizes]
        ratio = results[largest][name][1] / results[smallest][name][1]
        rows.append(
            {
                "figure": f"{name}: queries at {', '.join(f'{s:,}' for s in sizes)} clicks",
                "value": " / ".join(map(str, counts)),
                "target": "identical" if targeted else "",
                "met": len(set(counts)) == 1 if targeted else None,
            }
        )
        rows.append(
            {
                "figure": f"{name}: time at {largest:,} ÷ time at {smallest:,} clicks",
                "value": f"{ratio:.2f}",
                "target": f"≤ {RATIO_TARGET}" if targeted else "",
                "met": ratio <= RATIO_TARGET if targeted else None,
            }
        )
        at_scale = vendor == "postgresql" and largest >= MILLION
        rows.append(
            {
                "figure": f"{name}: median ms at {largest:,} clicks",
                "value": f"{results[largest][name][1]:.0f} ms",
                "target": f"< {MS_TARGET} ms at 1,000,000 on PostgreSQL" if targeted else "",
                # Only a million clicks on PostgreSQL can meet or miss it.
                "met": results[largest][name][1] < MS_TARGET if targeted and at_scale else None,
            }
        )
    for size, (seconds, peak, clicks) in generation.items():
        rows.append(
            {
                "figure": f"advocacy_generate_data: {clicks:,} clicks (to {size:,}), peak RSS",
                "value": f"{peak} MB in {seconds:.0f} s",
                "target": f"< {MEMORY_TARGET} MB",
                "met": peak < MEMORY_TARGET if peak is not None else None,
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="Clicks, ascending.")
    parser.add_argument("--rounds", type=int, default=5, help="Timed rounds (median).")
    parser.add_argument("--ambassadors", type=int, default=500)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="A smoke run: small sizes.")
    parser.add_argument("--keepdb", action="store_true", help="Keep the grown database.")
    parser.add_argument(
        "--no-jit",
        action="store_true",
        help="PostgreSQL: measure with jit = off (by default, as the server is configured).",
    )
    options = parser.parse_args()
    if options.quick:
        options.sizes, options.rounds = "2000,20000", 3
        options.ambassadors, options.pages = 100, 40
    sizes = sorted({int(size.replace("_", "")) for size in options.sizes.split(",")})

    from wagtail_advocacy.models import LinkClick

    setup_test_environment()
    folder = None
    if connection.vendor == "sqlite":
        # A file, so that the generating process writes where this one reads (and the
        # database's pages are not counted in anybody's memory).
        folder = tempfile.mkdtemp(prefix="advocacy-bench-")
        path = SQLITE_KEPT if options.keepdb else Path(folder) / "dashboard.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(path)
    if options.no_jit and connection.vendor == "postgresql":
        given = connection.settings_dict["OPTIONS"].get("options", "")
        connection.settings_dict["OPTIONS"]["options"] = f"{given} -c jit=off".strip()
    old_name = connection.creation.create_test_db(
        verbosity=0, keepdb=options.keepdb, serialize=False
    )
    vendor = connection.vendor
    jit = None
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            jit = cursor.fetchone()[0]
    results, generation = {}, {}
    try:
        have = LinkClick.objects.count()
        if have:
            print(f"{vendor}: reusing {have:,} clicks")
        for step, size in enumerate(sizes):
            missing = size - have
            if missing < 0:
                print(f"{size:,} clicks: skipped, the database already has {have:,}")
                continue
            print(f"{vendor}: generating {missing:,} clicks, up to {size:,}")
            if missing or not have:
                seconds, peak = generate(
                    missing,
                    first=not have,
                    ambassadors=options.ambassadors,
                    pages=options.pages,
                    seed=step + 1,
                )
                generation[size] = (seconds, peak, missing)
            have = size
            results[size] = measure(options.rounds)
            for name, (queries, ms) in results[size].items():
                print(f"  {name:<40} {queries:4d} queries {ms:9.1f} ms")
    finally:
        if not options.keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            if folder:
                shutil.rmtree(folder, ignore_errors=True)
        teardown_test_environment()

    sizes = sorted(results)
    if not sizes:
        raise SystemExit("Nothing measured.")
    print()
    setting = f", jit {jit}" if jit else ""
    print(f"{vendor}{setting}, {DAYS} days, median of {options.rounds} rounds")
    heading = "".join(f"{f'{size:,} clicks':>22}" for size in sizes)
    print(f"{'case':<40}{heading}{'ratio':>8}")
    for name in results[sizes[0]]:
        cells = "".join(
            f"{results[size][name][0]:>8d} q {results[size][name][1]:8.1f} ms" for size in sizes
        )
        ratio = results[sizes[-1]][name][1] / results[sizes[0]][name][1]
        print(f"{name:<40}{cells}{ratio:>7.2f}×")
    print(f"(ratio: time at {sizes[-1]:,} clicks ÷ time at {sizes[0]:,})")
    for size, (seconds, peak, clicks) in generation.items():
        print(f"generating {clicks:,} clicks (to {size:,}): {seconds:.0f} s, peak RSS {peak} MB")
    result = {
        "benchmark": "dashboard",
        "database": vendor + (f" (jit {jit})" if jit else ""),
        "sizes": sizes,
        "cases": {
            name: {
                str(size): {"queries": results[size][name][0], "ms": results[size][name][1]}
                for size in sizes
            }
            for name in results[sizes[0]]
        },
        "figures": figures(vendor, sizes, results, generation),
    }
    print("RESULT " + json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
