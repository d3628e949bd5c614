"""What the KPI dashboard, its reports and the admin home panel show.

The dashboard's rankings (top content, top ambassadors) and the ambassador report read
the daily statistics with one grouped query and rank in Python, so their cost follows the
pages and people with activity, not the clicks. The content and campaign reports are
querysets annotated with correlated subqueries over the same statistics, so a page of
results costs the same number of queries whatever the number of events.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import (
    F,
    FloatField,
    Q,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_advocacy import kpis
from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.periods import Period, campaign_period
from wagtail_advocacy.kpis import Filters
from wagtail_advocacy.networks import network_choices
from wagtail_advocacy.sharing.models import ContentFormat
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.stats import queries as stats

TOP = 10


def _per_share(clicks: str, shares: str):
    """Clicks ÷ shares, 0.0 without shares (PostgreSQL refuses to divide by zero)."""
    return Coalesce(
        Cast(F(clicks), FloatField()) / NullIf(Cast(F(shares), FloatField()), Value(0.0)),
        Value(0.0),
    )


def _live_pages(filters: Filters) -> Q:
    """The live shareable pages the page filters (campaign, format, tag) keep; the
    department and network filters narrow events, not pages."""
    q = Q(live=True)
    if filters.campaign:
        q &= Q(campaign_id=filters.campaign)
    if filters.content_format:
        q &= Q(content_format=filters.content_format)
    if filters.tag:
        q &= Q(pk__in=ShareablePage.objects.filter(tags__slug=filters.tag).values("pk"))
    return q


def content_performance(
    period: Period, filters: Filters = kpis.NO_FILTERS, *, every_live_page: bool = False
):
    """Shareable pages shared or clicked in the period, with their figures (read from the
    daily statistics and the raw events after them).

    With ``every_live_page`` (the content report), also every live shareable page the
    filters keep, with zeros: a page nobody shared is what an editor needs to see.
    """
    marks = stats.watermarks()
    counted = {
        name: stats.per_row(name, "page", period, filters, marks)
        for name in ("shares", "clicks", "unique_clicks", "conversions")
    }
    pages = ShareablePage.objects.select_related("campaign").annotate(
        shares=counted["shares"],
        clicks=counted["clicks"],
        unique_clicks=counted["unique_clicks"],
        conversion_count=counted["conversions"],
    )
    shown = Q(shares__gt=0) | Q(clicks__gt=0)
    if every_live_page:
        shown |= _live_pages(filters)
    return pages.filter(shown).annotate(clicks_per_share=_per_share("clicks", "shares"))


@dataclass(frozen=True)
class RankedPage:
    """A row of the dashboard's top content."""

    pk: int
    title: str
    shares: int
    clicks: int
    unique_clicks: int
    conversion_count: int

    @property
    def clicks_per_share(self) -> float:
        return kpis.ratio(self.clicks, self.shares)


def top_content(period: Period, filters: Filters = kpis.NO_FILTERS, *, limit: int = TOP):
    """The pages with the most clicks (then shares, then by title) in the period.

    One grouped read of the daily statistics per page (with the raw tail), ranked here,
    and the titles of the pages in it: the cost follows the number of pages with
    activity, not the clicks. A correlated subquery per page and counter re-summed the
    statistics of every page for each of them.
    """
    counted = [
        row
        for row in stats.counter_rows(period, filters, ("page",))
        if row["page"] is not None and (row["shares"] or row["clicks"])
    ]
    titles = dict(
        ShareablePage.objects.filter(pk__in=[row["page"] for row in counted]).values_list(
            "pk", "title"
        )
    )
    ranked = sorted(
        (row for row in counted if row["page"] in titles),  # a deleted page drops out
        key=lambda row: (-row["clicks"], -row["shares"], titles[row["page"]], row["page"]),
    )
    return [
        RankedPage(
            pk=row["page"],
            title=titles[row["page"]],
            shares=row["shares"],
            clicks=row["clicks"],
            unique_clicks=row["unique_clicks"],
            conversion_count=row["conversions"],
        )
        for row in ranked[:limit]
    ]


# People who chose to appear on leaderboards, and so in rankings, by name.
SHOWN_IN_RANKINGS = Q(
    advocacy_profile__is_active=True, advocacy_profile__show_on_leaderboards=True
)


@dataclass
class RankedPerson:
    """A row of the rankings of people: one employee's figures for the period. ``user``
    (with their profile, for the name) is read only for the rows shown (:func:`with_users`).
    """

    pk: int
    shares: int = 0
    networks: int = 0
    clicks: int = 0
    unique_clicks: int = 0
    conversion_count: int = 0
    user: object = None

    @property
    def clicks_per_share(self) -> float:
        return kpis.ratio(self.clicks, self.shares)


def ambassador_performance(
    period: Period, filters: Filters = kpis.NO_FILTERS
) -> list[RankedPerson]:
    """Employees who shared or whose links were clicked in the period, with their figures,
    most clicks first (then most shares, then the oldest account).

    One grouped read of the people's daily statistics by person and network (with the
    raw tail), ranked here: the cost follows the number of people with activity, not the
    clicks. Names are for templates to show only when the profile allows it (see
    :func:`display_name`). People who chose not to appear are listed anonymously, and not
    at all when the selection holds fewer of them than ``ANONYMITY_THRESHOLD``: an
    "Anonymous ambassador" alone in a department is not anonymous. One more query.
    """
    people: dict[int, RankedPerson] = {}
    for row in stats.counter_rows(period, filters, ("person", "network")):
        person = people.setdefault(row["person"], RankedPerson(pk=row["person"]))
        person.shares += row["shares"]
        person.networks += 1 if row["shares"] else 0
        person.clicks += row["clicks"]
        person.unique_clicks += row["unique_clicks"]
        person.conversion_count += row["conversions"]
    active = [person for person in people.values() if person.shares or person.clicks]
    hidden = set(
        get_user_model()
        .objects.filter(pk__in=[person.pk for person in active])
        .exclude(SHOWN_IN_RANKINGS)
        .values_list("pk", flat=True)
    )
    if 0 < len(hidden) < advocacy_settings.ANONYMITY_THRESHOLD:
        active = [person for person in active if person.pk not in hidden]
    return sorted(active, key=lambda person: (-person.clicks, -person.shares, person.pk))


def with_users(rows: list[RankedPerson]) -> list[RankedPerson]:
    """The rows with their ``user`` and profile, in one query."""
    users = (
        get_user_model()
        .objects.select_related("advocacy_profile")
        .in_bulk([row.pk for row in rows])
    )
    for row in rows:
        row.user = users.get(row.pk)
    return rows


def display_name(user) -> str:
    """The employee's name if their profile lets them appear in rankings, else anonymous."""
    profile = getattr(user, "advocacy_profile", None)
    if profile is not None and profile.is_active and profile.show_on_leaderboards:
        return profile.public_name
    return _("Anonymous ambassador")


def display_department(user) -> str:
    """The department, only next to a name: beside "Anonymous ambassador" it could point
    at someone in a small team."""
    profile = getattr(user, "advocacy_profile", None)
    if profile is not None and profile.is_active and profile.show_on_leaderboards:
        return profile.department
    return ""


def campaign_results():
    """Every campaign with its results over its own dates, in a constant number of
    queries (from the daily statistics, see ``stats.queries.per_campaign``)."""
    return Campaign.objects.annotate(**stats.per_campaign()).annotate(
        clicks_per_share=_per_share("clicks", "shares")
    )


@dataclass
class TargetProgress:
    label: str
    target: float
    actual: float
    unit: str  # "" for counts, "%" for rates
    elapsed: float

    @property
    def ratio(self) -> float:
        return self.actual / self.target if self.target else 0.0

    @property
    def percent(self) -> int:
        return round(self.ratio * 100)

    @property
    def bar_percent(self) -> int:
        return min(self.percent, 100)

    @property
    def status(self) -> str:
        """reached, on_track (at least the elapsed share of the period), or behind."""
        if self.ratio >= 1:
            return "reached"
        return "on_track" if self.ratio >= self.elapsed else "behind"

    @property
    def status_label(self) -> str:
        return {
            "reached": _("Target reached"),
            "on_track": _("On track"),
            "behind": _("Behind"),
        }[self.status]


def campaign_progress(campaign, now=None) -> dict:
    """Each target of the campaign against its actual over the campaign's own period."""
    period = campaign_period(campaign)
    elapsed = period.elapsed_share(now)
    summary = kpis.summary(period, Filters(campaign=campaign.pk))
    targets = []
    for label, target, actual, unit in (
        (_("Shares"), campaign.target_shares, summary["shares"], ""),
        (_("Clicks"), campaign.target_clicks, summary["clicks"], ""),
        (
            _("Participation"),
            campaign.target_participation,
            round(summary["participation_rate"] * 100, 1),
            "%",
        ),
        (_("Conversions"), campaign.target_conversions, summary["conversions"], ""),
    ):
        if target:
            targets.append(TargetProgress(label, target, actual, unit, elapsed))
    return {
        "campaign": campaign,
        "period": period,
        "elapsed_percent": round(elapsed * 100),
        "targets": targets,
        "summary": summary,
    }


def _format_label(key) -> str:
    return str(dict(ContentFormat.choices).get(key, key or _("Unspecified")))


def insights(period: Period, current: dict, previous: dict, formats: list, today=None) -> list:
    """Plain-language observations computed from the figures, most useful first."""
    today = today or timezone.localdate()
    notes = []

    measured = [row for row in formats if row["shares"] >= 3]
    if len(measured) >= 2:
        best = measured[0]
        baseline = next(
            (r for r in measured[1:] if r["key"] == ContentFormat.ARTICLE), measured[-1]
        )
        if (
            baseline["clicks_per_share"]
            and best["clicks_per_share"] >= 1.2 * baseline["clicks_per_share"]
        ):
            notes.append(
                _("%(best)s earn %(ratio)s× the clicks per share of %(other)s in this period.")
                % {
                    "best": _format_label(best["key"]),
                    "ratio": f"{best['clicks_per_share'] / baseline['clicks_per_share']:.1f}",
                    "other": _format_label(baseline["key"]).lower(),
                }
            )

    before, now = previous["participation_rate"], current["participation_rate"]
    if before:
        change = (now - before) / before
        if change <= -0.1:
            notes.append(
                _("Participation fell %(pct)d %% since the previous period.")
                % {"pct": round(-change * 100)}
            )
        elif change >= 0.1:
            notes.append(
                _("Participation rose %(pct)d %% since the previous period.")
                % {"pct": round(change * 100)}
            )

    expiring = ShareablePage.objects.live().filter(
        share_until__gte=today, share_until__lte=today + datetime.timedelta(days=6)
    )
    count = expiring.count()
    if count:
        notes.append(_("%(count)d page(s) stop being shareable within a week.") % {"count": count})

    if current["shares"] >= 10 and current["personalised_share_rate"] < 0.3:
        notes.append(
            _(
                "Only %(pct)d %% of shares were personalised: remind ambassadors that a "
                "sentence of their own earns more trust."
            )
            % {"pct": round(current["personalised_share_rate"] * 100)}
        )

    target = advocacy_settings.CONTENT_SUPPLY_TARGET
    if current["ambassadors"] and current["content_supply"] < target:
        notes.append(
            _(
                "%(supply)s new pages per 100 ambassadors per week; healthy programs publish "
                "about %(target)s."
            )
            % {"supply": f"{current['content_supply']:.1f}", "target": target}
        )

    if previous["sharers"] >= 5 and current["retention_rate"] < 0.5:
        notes.append(
            _("Only %(pct)d %% of the previous period's sharers shared again.")
            % {"pct": round(current["retention_rate"] * 100)}
        )
    return notes


def dashboard_context(period: Period, filters: Filters, *, campaign=None) -> dict:
    """Everything the dashboard shows, read with one set of watermarks (two queries for
    them in all, rather than two per figure), so every figure agrees with the others."""
    return stats.read_consistently(lambda _marks: _dashboard(period, filters, campaign))


def _dashboard(period: Period, filters: Filters, campaign) -> dict:
    current = kpis.summary(period, filters)
    previous = kpis.summary(period.previous(), filters)
    breakdowns = kpis.breakdowns(period, filters)
    formats, networks = breakdowns["content_format"], breakdowns["network"]
    format_labels, network_labels = dict(ContentFormat.choices), dict(network_choices())
    for row in formats:
        row["label"] = str(format_labels.get(row["key"], row["key"] or "—"))
    for row in networks:
        row["label"] = str(network_labels.get(row["key"], row["key"] or "—"))
    timeline = kpis.timeline(period, filters)
    eligible = current["eligible_employees"]
    for row in timeline:
        row["participation"] = round(100 * row["sharers"] / eligible, 1) if eligible else 0.0
    top = top_content(period, filters)
    top_ambassadors = with_users(ambassador_performance(period, filters)[:TOP])
    for person in top_ambassadors:
        person.display = display_name(person.user)
    return {
        "period": period,
        "current": current,
        "previous": previous,
        "timeline": timeline,
        "formats": formats,
        "networks": networks,
        "top_content": top,
        "top_ambassadors": top_ambassadors,
        "insights": insights(period, current, previous, formats),
        "progress": campaign_progress(campaign) if campaign else None,
        "currency": advocacy_settings.CURRENCY,
    }
