"""Rollups: the program's counters per day, kept by a task from the raw events.

The dashboard, the reports and the campaign pages read these instead of millions of raw
clicks, so their cost grows with days and pages, not with traffic. They name nobody:
erasing a person leaves every past figure as it was, and raw clicks can be purged after
their retention period without changing a KPI (see ``stats.services``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail_advocacy.core.models import employee_key, optional_key
from wagtail_advocacy.networks import network_choices


class Daily(models.Model):
    """The grain every rollup shares: a day (in the site's time zone), a page, a network,
    a campaign and the department the events kept."""

    wagtail_reference_index_ignore = True

    day = models.DateField(_("day"))
    # The page's rows outlive it: a deleted page's results stay in past totals.
    page = optional_key("wagtail_advocacy.ShareablePage", _("page"), related_name="+")
    network = models.CharField(_("network"), max_length=32, choices=network_choices)
    campaign = optional_key("wagtail_advocacy.Campaign", _("campaign"), related_name="+")
    department = models.CharField(_("department"), max_length=100, blank=True)

    class Meta:
        abstract = True


class Counters(models.Model):
    """The counters every daily rollup keeps (``stats.queries.COUNTERS``)."""

    shares = models.PositiveIntegerField(_("shares"), default=0)
    personalised_shares = models.PositiveIntegerField(_("personalised shares"), default=0)
    clicks = models.PositiveBigIntegerField(_("clicks"), default=0)
    unique_clicks = models.PositiveBigIntegerField(_("unique clicks"), default=0)
    conversions = models.PositiveIntegerField(_("conversions"), default=0)
    conversion_value = models.DecimalField(
        _("conversion value"), max_digits=14, decimal_places=2, default=0
    )
    estimated_reach = models.PositiveBigIntegerField(_("estimated reach"), default=0)

    class Meta:
        abstract = True


class DailyStat(Daily, Counters):
    """One day's counters for one page, network, campaign, department (and, for
    conversions, kind): the grain every filter of the dashboard can select.

    ``department`` and ``estimated_reach`` are taken when the events are rolled up: a
    share made from Sales stays a Sales share when its author later moves team or erases
    their history. ``conversion_kind`` is empty on the rows of shares and clicks.
    """

    conversion_kind = models.CharField(_("conversion kind"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("daily statistic")
        verbose_name_plural = _("daily statistics")
        indexes = [
            models.Index(fields=["day", "network"], name="advocacy_stat_day"),
            models.Index(fields=["campaign", "day"], name="advocacy_stat_campaign"),
            models.Index(fields=["page", "day"], name="advocacy_stat_page"),
        ]

    def __str__(self):
        return f"{self.day} {self.network} page {self.page_id}"


class DailyPersonStat(Daily, Counters):
    """One day's counters of one person's activity (their shares, the clicks on their
    links, the conversions credited to them) per page, network, campaign and department:
    what the rankings of people read (top ambassadors, the ambassador report).

    Unlike :class:`DailyStat` it names the person, so it is personal data: erasure deletes
    the person's rows (the program's totals stay in :class:`DailyStat`), and it has its
    own watermarks, so a new install of it fills from the raw events on the next roll-up.
    """

    person = employee_key("+")

    class Meta:
        verbose_name = _("daily person statistic")
        verbose_name_plural = _("daily person statistics")
        indexes = [models.Index(fields=["day", "person"], name="advocacy_person_stat_day")]

    def __str__(self):
        return f"{self.day} {self.network} person {self.person_id}"


class DailySharer(Daily):
    """Who shared on a day, for the figures that count people rather than events
    (sharers, active ambassadors, participation, retention): one row per sharer, day,
    page, network, campaign and department.

    ``sharer`` is the person's user id until they erase their history; erasure replaces it
    with a random negative number that stands for nobody, so the person still counts once
    in past periods and the row no longer leads to them.
    """

    sharer = models.BigIntegerField(_("sharer"), db_index=True)

    class Meta:
        verbose_name = _("daily sharer")
        verbose_name_plural = _("daily sharers")
        indexes = [models.Index(fields=["day", "sharer"], name="advocacy_sharer_day")]

    def __str__(self):
        return f"{self.day} {self.sharer}"


class ErasedMembership(models.Model):
    """The time an erased ambassador spent in the program, without the person: so past
    periods keep counting them among the eligible employees (participation's
    denominator). ``sharer`` is the same stand-in number as their ``DailySharer`` rows."""

    wagtail_reference_index_ignore = True

    sharer = models.BigIntegerField(_("sharer"), unique=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    opted_in_at = models.DateTimeField(_("joined at"))
    opted_out_at = models.DateTimeField(_("left at"))

    class Meta:
        verbose_name = _("erased membership")
        verbose_name_plural = _("erased memberships")

    def __str__(self):
        return f"{self.opted_in_at:%Y-%m-%d} – {self.opted_out_at:%Y-%m-%d}"
