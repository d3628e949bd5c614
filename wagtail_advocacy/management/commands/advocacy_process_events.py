"""Catch up with the bookkeeping that tasks do after the requests.

``manage.py advocacy_process_events``: adds the events recorded since the last run to the
daily statistics, and awards the points of every unique click (queueing the badge and
challenge evaluation they call for), in batches, in this process. Run it from cron or a
scheduler every few minutes: with a task queue, events ask for these batches at most
every 30 or 60 seconds, so a quiet spell can leave the last events of a burst waiting for
the next run (the figures count them meanwhile from the raw events). Safe to run at any
time, and alongside workers: each event is read once (see ``stats.services`` and
``recognition.tasks.award_points_for_new_clicks``).
"""

from django.core.management.base import BaseCommand

from wagtail_advocacy.recognition.tasks import CLICK_BATCH, award_points_for_new_clicks
from wagtail_advocacy.stats.services import roll_up_everything


class Command(BaseCommand):
    help = (
        "Add the events recorded since the last run to the daily statistics and award "
        "the points of the clicks, in batches. Run it every few minutes from cron or a "
        "scheduler; safe alongside task workers."
    )

    def handle(self, *args, **options):
        rolled = roll_up_everything()
        total = 0
        while True:
            read = award_points_for_new_clicks.call(limit=CLICK_BATCH)
            total += read
            if read < CLICK_BATCH:
                break
        self.stdout.write(
            self.style.SUCCESS(
                f"{rolled} event(s) added to the statistics, {total} click(s) processed."
            )
        )
