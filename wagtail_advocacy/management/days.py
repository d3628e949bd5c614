"""The ``--from`` and ``--to`` days of the package's commands, checked one way."""

from django.core.management.base import CommandError
from django.utils.dateparse import parse_date

from wagtail_advocacy.core.periods import EARLIEST_DAY, LATEST_DAY, in_range


def day_range(first: str | None, last: str | None):
    """Both days as dates, or a ``CommandError`` that says what to give."""
    try:
        start, end = parse_date(first or ""), parse_date(last or "")
    except ValueError:  # well formed but impossible, such as 30 February
        start = end = None
    if start is None or end is None:
        raise CommandError("Give both --from and --to as YYYY-MM-DD.")
    if not (in_range(start) and in_range(end)):
        raise CommandError(f"Give dates between {EARLIEST_DAY} and {LATEST_DAY}.")
    return start, end
