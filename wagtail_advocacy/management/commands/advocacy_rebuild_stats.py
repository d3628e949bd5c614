"""``manage.py advocacy_rebuild_stats --from YYYY-MM-DD --to YYYY-MM-DD``: recompute the
daily statistics of those days from the raw events (after a fix to the events, a restored
backup, or to check them); safe alongside task workers, which wait for it."""

from django.core.management.base import BaseCommand, CommandError

from wagtail_advocacy.management.days import day_range
from wagtail_advocacy.stats.services import StatsRefused, rebuild


class Command(BaseCommand):
    help = (
        "Recompute the daily statistics of a period from the raw events, in the site's "
        "time zone. Safe to run alongside task workers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="last", required=True, help="Last day, YYYY-MM-DD.")

    def handle(self, *args, **options):
        first, last = day_range(options["first"], options["last"])
        try:
            rows = rebuild(first, last)
        except StatsRefused as refused:
            raise CommandError(str(refused.message)) from None
        self.stdout.write(
            self.style.SUCCESS(f"{rows} daily statistic row(s) rebuilt from {first} to {last}.")
        )
