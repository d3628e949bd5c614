"""``manage.py advocacy_purge``: apply the retention settings. Raw clicks older than
``WAGTAIL_ADVOCACY_CLICK_RETENTION_DAYS`` (once in the daily statistics and awarded their
points) are deleted, and visitor hashes older than
``WAGTAIL_ADVOCACY_VISITOR_HASH_RETENTION_DAYS`` emptied, in batches; every KPI stays the
same; and every purge a host registered in ``core.registries.purges``. Run it daily
from cron or a scheduler."""

from django.core.management.base import BaseCommand

from wagtail_advocacy.stats.services import purge_expired


class Command(BaseCommand):
    help = "Delete the raw rows the retention settings no longer keep; KPIs are unchanged."

    def handle(self, *args, **options):
        for name, rows in purge_expired().items():
            self.stdout.write(f"{name}: {rows} row(s)")
        self.stdout.write(self.style.SUCCESS("Retention applied."))
