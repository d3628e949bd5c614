"""Background work of the statistics, through the Django Tasks API."""

from functools import partial

from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from wagtail_advocacy.stats.services import BATCH, purge_expired, roll_up

ROLL_UP_INTERVAL = 60  # seconds: how often events ask for a roll-up, at most


@task()
def roll_up_stats(limit=BATCH):
    """Add the events since the last run to the daily statistics; runs again while more
    are waiting. Two workers running it at once take turns (see ``stats.services``)."""
    read, more = roll_up(limit=limit)
    if more:
        transaction.on_commit(partial(roll_up_stats.enqueue, limit))
    return read


@task()
def purge_expired_events():
    """Apply the retention settings (``advocacy_purge`` does the same from cron)."""
    return sum(purge_expired().values())


def request_roll_up():
    """Ask for a roll-up at most every ``ROLL_UP_INTERVAL`` seconds (no query): with a
    queue, after a share; the scheduled ``advocacy_process_events``
    catches up with the rest. Readers never wait for it: they add the raw tail."""
    if cache.add("wagtail_advocacy:stats.roll_up", 1, ROLL_UP_INTERVAL):
        transaction.on_commit(roll_up_stats.enqueue)
