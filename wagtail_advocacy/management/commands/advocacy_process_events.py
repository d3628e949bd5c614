"""Catch up with the bookkeeping that tasks do after the requests.

``manage.py advocacy_process_events``: awards the points of every unique click recorded
since the last run (and queues the badge and challenge evaluation they call for), in
batches, in this process. Run it from cron or a scheduler every few minutes: with a task
queue, clicks ask for the batch at most every 30 seconds, so a quiet spell can leave the
last clicks of a burst waiting for the next one. Safe to run at any time, and alongside
workers: each click is read once (see ``recognition.tasks.award_points_for_new_clicks``).
"""

from django.core.management.base import BaseCommand

from wagtail_advocacy.recognition.tasks import CLICK_BATCH, award_points_for_new_clicks


class Command(BaseCommand):
    help = (
        "Award the points of the clicks recorded since the last run, in batches. Run it "
        "every few minutes from cron or a scheduler; safe alongside task workers."
    )

    def handle(self, *args, **options):
        total = 0
        while True:
            read = award_points_for_new_clicks.call(limit=CLICK_BATCH)
            total += read
            if read < CLICK_BATCH:
                break
        self.stdout.write(self.style.SUCCESS(f"{total} click(s) processed."))
