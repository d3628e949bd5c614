"""What stats hands over for an employee's "My data" (``core.registries.personal_data``)."""

from __future__ import annotations

from wagtail_advocacy.core.exports import named_rows
from wagtail_advocacy.stats.models import DailyPersonStat, DailySharer
from wagtail_advocacy.stats.queries import COUNTERS

#: Where a rollup row happened, in a person's words (a deleted page or campaign: None).
_GRAIN = {
    "day": "day",
    "page": "page__title",
    "campaign": "campaign__name",
    "network": "network",
    "department": "department",
}


def export_daily_figures(user) -> dict[str, list[dict]]:
    """The rollup rows that name the person, for "My data" (two queries): their figures
    per day, page and network, and the days they shared. The sharers' rows of someone
    who erased their history carry a stand-in, not their id: they are nobody's any more.
    Events not rolled up yet are in the sharing and conversions parts already."""
    return {
        "daily_figures": named_rows(
            DailyPersonStat.objects.filter(person_id=user.pk).order_by("day", "pk"),
            **_GRAIN,
            **{counter: counter for counter in COUNTERS},
        ),
        "days_shared": named_rows(
            DailySharer.objects.filter(sharer=user.pk).order_by("day", "pk"), **_GRAIN
        ),
    }
