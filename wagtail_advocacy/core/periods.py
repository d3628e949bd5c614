"""The one period type of the program, and the named periods editors choose from.

A :class:`Period` is a half-open interval of aware datetimes: ``start`` included, ``end``
excluded, so consecutive periods never count an event twice and a period of days covers
every instant of its last day whatever the database's time precision.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

#: The days a period can cover. Earlier or later is a typo, and near year 1 or 9999 adding
#: a day or applying the time zone overflows: forms refuse such dates with a message, and
#: :meth:`Period.from_dates` brings any other caller's (a campaign's dates) into the range.
EARLIEST_DAY = datetime.date(2000, 1, 1)
LATEST_DAY = datetime.date(2100, 12, 31)


def in_range(day: datetime.date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def _clamp(day: datetime.date) -> datetime.date:
    return min(max(day, EARLIEST_DAY), LATEST_DAY)


@dataclass(frozen=True)
class Period:
    """``start`` included, ``end`` excluded, both aware datetimes."""

    start: datetime.datetime
    end: datetime.datetime

    @classmethod
    def from_dates(cls, first_day: datetime.date, last_day: datetime.date) -> Period:
        """The days from ``first_day`` to ``last_day`` inclusive, in the current time zone
        (each brought between :data:`EARLIEST_DAY` and :data:`LATEST_DAY`)."""
        first_day, last_day = _clamp(first_day), _clamp(last_day)
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(
            last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return cls(start, end)

    @classmethod
    def month_of(cls, day: datetime.date) -> Period:
        last = calendar.monthrange(day.year, day.month)[1]
        return cls.from_dates(day.replace(day=1), day.replace(day=last))

    @classmethod
    def quarter_of(cls, day: datetime.date) -> Period:
        first_month = 3 * ((day.month - 1) // 3) + 1
        first = datetime.date(day.year, first_month, 1)
        last_month = first_month + 2
        last = datetime.date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])
        return cls.from_dates(first, last)

    @classmethod
    def last_days(cls, days: int, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls.from_dates(today - datetime.timedelta(days=days - 1), today)

    def lookup(self, field: str) -> Q:
        """``field`` inside the period, as one ``Q`` (start included, end excluded)."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})

    @property
    def first_day(self) -> datetime.date:
        return timezone.localtime(self.start).date()

    @property
    def last_day(self) -> datetime.date:
        return timezone.localtime(self.end).date() - datetime.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def weeks(self) -> float:
        return self.days / 7

    def previous(self) -> Period:
        """The period of the same number of days just before this one."""
        days = datetime.timedelta(days=self.days)
        return Period.from_dates(self.first_day - days, self.last_day - days)

    def elapsed_share(self, now: datetime.datetime | None = None) -> float:
        """How much of the period has passed (0 before it starts, 1 after it ends)."""
        now = now or timezone.now()
        if now <= self.start:
            return 0.0
        if now >= self.end:
            return 1.0
        return (now - self.start) / (self.end - self.start)


PERIOD_CHOICES = [
    ("this_month", gettext_lazy("This month")),
    ("last_30", gettext_lazy("Last 30 days")),
    ("last_90", gettext_lazy("Last 90 days")),
    ("this_quarter", gettext_lazy("This quarter")),
    ("custom", gettext_lazy("Custom dates")),
]
DEFAULT_PERIOD = "last_30"


def resolve_period(choice, first_day=None, last_day=None, today=None) -> Period:
    """The period a choice of :data:`PERIOD_CHOICES` names; up to today for the current
    month and quarter, the last 30 days for an unknown choice or incomplete custom dates."""
    today = today or timezone.localdate()
    if choice == "custom" and first_day and last_day:
        return Period.from_dates(first_day, last_day)
    if choice == "this_month":
        return Period.from_dates(today.replace(day=1), today)
    if choice == "last_90":
        return Period.last_days(90, today)
    if choice == "this_quarter":
        return Period.from_dates(Period.quarter_of(today).first_day, today)
    return Period.last_days(30, today)


def campaign_period(campaign) -> Period:
    """A campaign's own dates, both included (anything with ``starts_on`` and ``ends_on``)."""
    return Period.from_dates(campaign.starts_on, campaign.ends_on)


def as_date(value):
    """The local day of a date or a datetime: databases truncate to a date or to an aware
    datetime depending on the backend, and buckets are compared as days."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def board_period_start(name: str, now=None) -> datetime.datetime | None:
    """Where a leaderboard's period ("month", "quarter" or "all") starts; None for all
    time. The current month and quarter run up to now."""
    today = timezone.localdate(now or timezone.now())
    if name == "month":
        return Period.month_of(today).start
    if name == "quarter":
        return Period.quarter_of(today).start
    return None
