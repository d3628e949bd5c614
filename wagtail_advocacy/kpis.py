"""Every KPI of the program as an aggregate query over a period and filters.

Each function takes a :class:`Period` (a half-open interval of aware datetimes) and
:class:`Filters` (campaign, department, network, content format, tag) and lets the
database do the counting: no function loops over events in Python. Rates return a float
between 0 and 1, and 0.0 when the denominator is empty, never a division error.
The exact definition of each KPI is in docs/kpis.md. ``Period`` is the kernel's
(``core.periods``) and stays importable from here, with ``Filters``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Q,
)

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.conversions.models import Conversion, ConversionKind
from wagtail_advocacy.core.periods import Period
from wagtail_advocacy.core.registries import kpi_contributors
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent, TrackedLink
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.stats import queries as stats
from wagtail_advocacy.stats.models import ErasedMembership
from wagtail_advocacy.training import queries as training_queries


@dataclass(frozen=True)
class Filters:
    """Narrow every KPI; ``None`` means all. ``campaign`` is a campaign id."""

    campaign: int | None = None
    department: str | None = None
    network: str | None = None
    content_format: str | None = None
    tag: str | None = None

    def with_campaign(self, campaign_id) -> Filters:
        return replace(self, campaign=campaign_id)


NO_FILTERS = Filters()


def ratio(numerator, denominator) -> float:
    """``numerator`` ÷ ``denominator``, 0.0 when there is nothing to divide by."""
    return float(numerator) / float(denominator) if denominator else 0.0


def _lookups(filters: Filters, *, page: str, department: str, network: str, campaign: str) -> Q:
    """The filters as one ``Q`` over a model that reaches page/department/network/campaign
    by the given paths. The department is the one the event kept when it was recorded."""
    q = Q()
    if filters.campaign:
        q &= Q(**{campaign: filters.campaign})
    if filters.department:
        q &= Q(**{department: filters.department})
    if filters.network:
        q &= Q(**{network: filters.network})
    if filters.content_format:
        q &= Q(**{f"{page}__content_format": filters.content_format})
    if filters.tag:
        q &= Q(**{f"{page}__tags__slug": filters.tag})
    return q


def shares_queryset(period: Period, filters: Filters = NO_FILTERS):
    """Shares in the period; a share counts for the campaign its page had when shared."""
    lookups = _lookups(
        filters, page="page", department="department", network="network", campaign="campaign"
    )
    return ShareEvent.objects.filter(lookups, period.lookup("created_at"))


def clicks_queryset(period: Period, filters: Filters = NO_FILTERS):
    """Clicks by people (crawlers are never stored) on tracked links, in the period."""
    lookups = _lookups(
        filters,
        page="link__page",
        department="link__department",
        network="link__network",
        campaign="link__page__campaign",
    )
    return LinkClick.objects.filter(lookups, period.lookup("clicked_at"))


def links_queryset(filters: Filters = NO_FILTERS):
    """Tracked links matching the filters, as :func:`clicks_queryset` matches their clicks."""
    return TrackedLink.objects.filter(
        _lookups(
            filters,
            page="page",
            department="department",
            network="network",
            campaign="page__campaign",
        )
    )


def conversions_queryset(period: Period, filters: Filters = NO_FILTERS):
    lookups = _lookups(
        filters, page="page", department="department", network="network", campaign="campaign"
    )
    return Conversion.objects.filter(lookups, period.lookup("occurred_at"))


def eligible_users(period: Period, filters: Filters = NO_FILTERS):
    """Employees who could have shared during the period (the participation denominator),
    as user ids: by default the ambassadors who were in the program at some point of the
    period; with ``WAGTAIL_ADVOCACY_ELIGIBLE_GROUPS`` the active members of those groups.
    """
    groups = advocacy_settings.ELIGIBLE_GROUPS
    if groups:
        users = get_user_model().objects.filter(is_active=True, groups__name__in=groups)
        if filters.department:
            users = users.filter(advocacy_profile__department=filters.department)
        return users.values_list("pk", flat=True).distinct()
    profiles = AmbassadorProfile.objects.filter(opted_in_at__lt=period.end).filter(
        Q(is_active=True) | Q(opted_out_at__gte=period.start)
    )
    if filters.department:
        profiles = profiles.filter(department=filters.department)
    return profiles.values_list("user_id", flat=True)


def eligible_ids(period: Period, filters: Filters = NO_FILTERS) -> set[int]:
    """:func:`eligible_users`, with the stand-ins of ambassadors who were in the program
    during the period and have erased their history since (they still count there)."""
    ids = set(eligible_users(period, filters))
    if not advocacy_settings.ELIGIBLE_GROUPS:
        erased = ErasedMembership.objects.filter(
            opted_in_at__lt=period.end, opted_out_at__gte=period.start
        )
        if filters.department:
            erased = erased.filter(department=filters.department)
        ids.update(erased.values_list("sharer", flat=True))
    return ids


def share_totals(period: Period, filters: Filters = NO_FILTERS) -> dict:
    """Shares, distinct sharers and personalised shares."""
    counted = stats.totals(period, filters)
    return {
        "shares": counted["shares"],
        "sharers": len(stats.sharer_ids(period, filters)),
        "personalised": counted["personalised_shares"],
    }


def shares(period: Period, filters: Filters = NO_FILTERS) -> int:
    return stats.totals(period, filters)["shares"]


def _participation(period: Period, filters: Filters) -> tuple[int, int]:
    """Active ambassadors (eligible employees who shared) and eligible employees."""
    eligible = eligible_ids(period, filters)
    return len(stats.sharer_ids(period, filters) & eligible), len(eligible)


def active_ambassadors(period: Period, filters: Filters = NO_FILTERS) -> int:
    """Eligible employees who shared at least once in the period."""
    return _participation(period, filters)[0]


def eligible_employees(period: Period, filters: Filters = NO_FILTERS) -> int:
    return len(eligible_ids(period, filters))


def participation_rate(period: Period, filters: Filters = NO_FILTERS) -> float:
    """Active ambassadors ÷ eligible employees."""
    return ratio(*_participation(period, filters))


def opted_in_ambassadors(period: Period, filters: Filters = NO_FILTERS) -> dict:
    """Ambassadors in the program at the end of the period, and how many joined during it
    (those who erased their history since included, anonymously)."""
    in_program = Q(opted_in_at__lt=period.end)
    joined = Count("pk", filter=Q(opted_in_at__gte=period.start))
    profiles = AmbassadorProfile.objects.filter(in_program).filter(
        Q(is_active=True) | Q(opted_out_at__gte=period.end)
    )
    erased = ErasedMembership.objects.filter(in_program, opted_out_at__gte=period.end)
    if filters.department:
        profiles = profiles.filter(department=filters.department)
        erased = erased.filter(department=filters.department)
    now = profiles.aggregate(total=Count("pk"), joined=joined)
    before = erased.aggregate(total=Count("pk"), joined=joined)
    return {"total": now["total"] + before["total"], "joined": now["joined"] + before["joined"]}


def personalised_share_rate(period: Period, filters: Filters = NO_FILTERS) -> float:
    """Shares whose text the employee changed ÷ shares: the authenticity KPI."""
    counted = stats.totals(period, filters)
    return ratio(counted["personalised_shares"], counted["shares"])


def retention_rate(period: Period, filters: Filters = NO_FILTERS) -> float:
    """Share of the previous period's sharers who shared again in this period."""
    previous = stats.sharer_ids(period.previous(), filters)
    return ratio(len(previous & stats.sharer_ids(period, filters)), len(previous))


def _emv(rows) -> Decimal:
    cost_per_click = advocacy_settings.COST_PER_CLICK
    value = sum(
        (
            Decimal(str(cost_per_click.get(row["network"], 0))) * row["unique_clicks"]
            for row in rows
        ),
        Decimal("0"),
    )
    return value.quantize(Decimal("0.01"))


def click_totals(period: Period, filters: Filters = NO_FILTERS) -> dict:
    """Clicks, unique clicks and earned media value (from the counters by network)."""
    rows = stats.counter_rows(period, filters, ("network",))
    return {
        "clicks": sum(row["clicks"] for row in rows),
        "unique_clicks": sum(row["unique_clicks"] for row in rows),
        "emv": _emv(rows),
    }


def clicks(period: Period, filters: Filters = NO_FILTERS) -> int:
    return stats.totals(period, filters)["clicks"]


def unique_clicks(period: Period, filters: Filters = NO_FILTERS) -> int:
    return stats.totals(period, filters)["unique_clicks"]


def clicks_per_share(period: Period, filters: Filters = NO_FILTERS) -> float:
    counted = stats.totals(period, filters)
    return ratio(counted["clicks"], counted["shares"])


def estimated_reach(period: Period, filters: Filters = NO_FILTERS) -> int:
    """Sum over shares of the audience the sharer had declared on the network shared to,
    when they shared (shares by employees who declared none add nothing)."""
    return stats.totals(period, filters)["estimated_reach"]


def earned_media_value(period: Period, filters: Filters = NO_FILTERS) -> Decimal:
    """Unique clicks × the cost per click of their network (setting ``COST_PER_CLICK``)."""
    return click_totals(period, filters)["emv"]


def conversions(period: Period, filters: Filters = NO_FILTERS, *, kind: str | None = None):
    if kind:
        return conversion_totals(period, filters).get(kind, 0)
    return stats.totals(period, filters)["conversions"]


def _conversion_totals(rows) -> dict:
    totals = {"total": 0, "value": Decimal("0.00")}
    totals.update(dict.fromkeys(ConversionKind.values, 0))
    for row in rows:
        if row["kind"]:
            totals["total"] += row["conversions"]
            totals["value"] += row["conversion_value"]
            totals[row["kind"]] = totals.get(row["kind"], 0) + row["conversions"]
    totals["value"] = totals["value"].quantize(Decimal("0.01"))
    return totals


def conversion_totals(period: Period, filters: Filters = NO_FILTERS) -> dict:
    """Conversions in total, per kind, and their summed value."""
    return _conversion_totals(stats.counter_rows(period, filters, ("kind",)))


def conversion_rate(period: Period, filters: Filters = NO_FILTERS) -> float:
    """Conversions ÷ unique clicks."""
    counted = stats.totals(period, filters)
    return ratio(counted["conversions"], counted["unique_clicks"])


def content_supply(
    period: Period, filters: Filters = NO_FILTERS, *, ambassadors: int | None = None
) -> float:
    """Shareable pages published in the period, per 100 ambassadors, per week.

    ``ambassadors``: the count of ``opted_in_ambassadors`` when the caller already has it.
    """
    pages = ShareablePage.objects.live().filter(period.lookup("first_published_at"))
    if filters.campaign:
        pages = pages.filter(campaign=filters.campaign)
    if filters.content_format:
        pages = pages.filter(content_format=filters.content_format)
    if filters.tag:
        pages = pages.filter(tags__slug=filters.tag)
    if ambassadors is None:
        ambassadors = opted_in_ambassadors(period, filters)["total"]
    if not ambassadors:
        return 0.0
    return pages.count() / period.weeks / (ambassadors / 100)


def training_completion_rate(period: Period, filters: Filters = NO_FILTERS) -> float:
    """Ambassadors in the program whose first pass of a training module is in the period ÷
    every ambassador in the program, whether they shared or not (the department filter
    applies): people train before they first share."""
    return training_queries.completion_rate(
        period.start, period.end, department=filters.department
    )


def average_quiz_score(period: Period, filters: Filters = NO_FILTERS) -> float | None:
    """Mean score (0–100) of the quiz attempts ambassadors submitted in the period; None
    when nobody took a quiz."""
    return training_queries.average_quiz_score(
        period.start, period.end, department=filters.department
    )


def bucket_for(period: Period) -> str:
    """Days for periods up to two months, weeks beyond."""
    return "day" if period.days <= 62 else "week"


def _bucket_starts(period: Period, bucket: str) -> list[datetime.date]:
    first = period.first_day
    if bucket == "week":
        first -= datetime.timedelta(days=first.weekday())
    step = datetime.timedelta(days=1 if bucket == "day" else 7)
    days = []
    while first <= period.last_day:
        days.append(first)
        first += step
    return days


def _bucket_of(day: datetime.date, bucket: str) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday()) if bucket == "week" else day


def timeline(period: Period, filters: Filters = NO_FILTERS) -> list[dict]:
    """Shares, active sharers and clicks per day (or week), every bucket present."""
    bucket = bucket_for(period)
    counted: dict[datetime.date, dict] = {}
    for row in stats.counter_rows(period, filters, ("day",)):
        totals = counted.setdefault(_bucket_of(row["day"], bucket), Counter())
        totals.update({name: row[name] for name in ("shares", "clicks", "unique_clicks")})
    sharers: dict[datetime.date, set] = {}
    for day, people in stats.sharers_by_day(period, filters).items():
        sharers.setdefault(_bucket_of(day, bucket), set()).update(people)
    rows = []
    for day in _bucket_starts(period, bucket):
        totals = counted.get(day, {})
        rows.append(
            {
                "date": day,
                "shares": totals.get("shares", 0),
                "sharers": len(sharers.get(day, ())),
                "clicks": totals.get("clicks", 0),
                "unique_clicks": totals.get("unique_clicks", 0),
            }
        )
    return rows


BREAKDOWNS = ("network", "content_format")


def breakdowns(period: Period, filters: Filters = NO_FILTERS) -> dict[str, list[dict]]:
    """:func:`breakdown` by network and by content format together, from the counters
    grouped by both (a few rows: networks × formats)."""
    counted = stats.counter_rows(period, filters, BREAKDOWNS)
    result = {}
    for by in BREAKDOWNS:
        rows = {}
        for row in counted:
            if not (row["shares"] or row["clicks"]):
                continue  # a group with conversions alone
            totals = rows.setdefault(row[by], {"shares": 0, "clicks": 0, "unique_clicks": 0})
            for name in totals:
                totals[name] += row[name]
        result[by] = sorted(
            (
                {"key": k, **v, "clicks_per_share": ratio(v["clicks"], v["shares"])}
                for k, v in rows.items()
            ),
            key=lambda r: (-r["clicks_per_share"], -r["shares"], str(r["key"])),
        )
    return result


def breakdown(period: Period, filters: Filters = NO_FILTERS, *, by: str) -> list[dict]:
    """Shares, clicks and clicks per share grouped by ``network`` or ``content_format``,
    best clicks per share first."""
    return breakdowns(period, filters)[by]


def summary(period: Period, filters: Filters = NO_FILTERS) -> dict:
    """The headline KPIs for a period, with a fixed, small number of queries, and those of
    every KPI contributor (``core.registries.kpi_contributors``) merged in.

    A contributor adds keys and never replaces one: two parts of the program reporting the
    same figure under one name would be a bug that a silent overwrite hides.
    """
    figures = _own_summary(period, filters)
    for contributor in kpi_contributors:
        contributed = contributor(period, filters)
        clash = figures.keys() & contributed.keys()
        if clash:
            raise ValueError(
                f"KPI contributor {contributor!r} returns keys already in the summary: "
                f"{', '.join(sorted(clash))}"
            )
        figures.update(contributed)
    return figures


def _own_summary(period: Period, filters: Filters) -> dict:
    rows = stats.counter_rows(period, filters, ("network", "kind"))
    counted = {name: sum(row[name] for row in rows) for name in stats.COUNTERS}
    conversion = _conversion_totals(rows)
    sharers = stats.sharer_ids(period, filters)
    previous = stats.sharer_ids(period.previous(), filters)
    eligible = eligible_ids(period, filters)
    active = len(sharers & eligible)
    ambassadors = opted_in_ambassadors(period, filters)
    return {
        "shares": counted["shares"],
        "sharers": len(sharers),
        "active_ambassadors": active,
        "eligible_employees": len(eligible),
        "participation_rate": ratio(active, len(eligible)),
        "ambassadors": ambassadors["total"],
        "new_ambassadors": ambassadors["joined"],
        "clicks": counted["clicks"],
        "unique_clicks": counted["unique_clicks"],
        "clicks_per_share": ratio(counted["clicks"], counted["shares"]),
        "estimated_reach": counted["estimated_reach"],
        "earned_media_value": _emv(rows),
        "personalised_share_rate": ratio(counted["personalised_shares"], counted["shares"]),
        "conversions": conversion["total"],
        "conversions_by_kind": {
            k: v for k, v in conversion.items() if k not in ("total", "value")
        },
        "conversion_value": conversion["value"],
        "conversion_rate": ratio(conversion["total"], counted["unique_clicks"]),
        "content_supply": content_supply(period, filters, ambassadors=ambassadors["total"]),
        "retention_rate": ratio(len(previous & sharers), len(previous)),
        "training_completion_rate": training_completion_rate(period, filters),
        "average_quiz_score": average_quiz_score(period, filters),
    }
