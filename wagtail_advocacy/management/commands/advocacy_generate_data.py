"""``manage.py advocacy_generate_data --clicks N``: a believable synthetic history for load
tests and benchmarks, made in bulk rather than through the services.

Each run adds a cohort: ``--ambassadors`` employees who joined the program, ``--pages`` live
shareable pages under the share hub with three campaigns, their shares over the last
``--days`` days with their tracked links, then ``--clicks`` clicks over those days and every
tracked link of the database, and a few conversions (what and how:
``wagtail_advocacy.conversions.demo.generate``). Then the daily statistics are rolled up
(``--no-rollup`` to leave it to ``advocacy_process_events``).

The same ``--seed`` on the same database makes the same data, at times that end now. Never
run it on a production intranet: the events it adds are counted by every KPI.
"""

import datetime
import resource
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wagtail_advocacy.conversions.demo.generate import BATCH, MAX_DAYS, generate
from wagtail_advocacy.stats.services import roll_up_everything


def peak_memory_mb() -> float:
    """The process's peak resident memory so far (``ru_maxrss``: KiB on Linux, bytes on
    macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


class Command(BaseCommand):
    help = (
        "Add a synthetic history for load tests and benchmarks: ambassadors, live shareable "
        "pages, shares over the last days, N clicks and a few conversions, then roll up the "
        "daily statistics. Every KPI counts what it adds: never on a production intranet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clicks", type=int, required=True, help="Clicks to add.")
        parser.add_argument(
            "--ambassadors", type=int, default=500, help="Ambassadors to add (default 500)."
        )
        parser.add_argument(
            "--pages", type=int, default=200, help="Shareable pages to add (default 200)."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=90,
            help="The history covers today and the days before (default 90).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--batch-size", type=int, default=BATCH, help=f"Rows per insert (default {BATCH})."
        )
        parser.add_argument(
            "--no-rollup",
            action="store_true",
            help="Do not roll up the daily statistics afterwards.",
        )

    def handle(self, *args, **options):
        for name in ("clicks", "ambassadors", "pages"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative (got {options[name]}).")
        if not 1 <= options["days"] <= MAX_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_DAYS}.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.perf_counter()
        counts = generate(
            seed=options["seed"],
            days=options["days"],
            batch=options["batch_size"],
            ambassadors=options["ambassadors"],
            pages=options["pages"],
            clicks=options["clicks"],
        )
        generated = time.perf_counter() - started
        self.stdout.write(
            f"Added {counts['ambassadors']:,} ambassadors, {counts['pages']:,} pages, "
            f"{counts['campaigns']:,} campaigns, {counts['shares']:,} shares, "
            f"{counts['links']:,} tracked links, {counts['clicks']:,} clicks "
            f"({counts['unique']:,} unique) and {counts['conversions']:,} conversions "
            f"in {generated:.1f} s."
        )
        if not options["no_rollup"]:
            rolling = time.perf_counter()
            events = roll_up_everything(settle=datetime.timedelta(0))
            self.stdout.write(
                f"Rolled up {events:,} events in {time.perf_counter() - rolling:.1f} s."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.perf_counter() - started:.1f} s; "
                f"peak memory {peak_memory_mb():.0f} MB."
            )
        )
        if settings.DEBUG:
            self.stdout.write("(DEBUG is on: Django logs queries, which slows this down.)")
