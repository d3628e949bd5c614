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
from dataclasses import dataclass, replace
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate, TruncWeek
from django.utils import timezone

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.conversions.models import Conversion, ConversionKind
from wagtail_advocacy.core.periods import Period, as_date
from wagtail_advocacy.core.registries import kpi_contributors
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent, TrackedLink
from wagtail_advocacy.sharing.pages import ShareablePage
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


def _ratio(numerator, denominator) -> float:
    return float(numerator) / float(denominator) if denominator else 0.0


def _lookups(filters: Filters, *, page: str, user: str, network: str, campaign: str) -> Q:
    """The filters as one ``Q`` over a model that reaches page/user/network/campaign by
    the given paths."""
    q = Q()
    if filters.campaign:
        q &= Q(**{campaign: filters.campaign})
    if filters.department:
        q &= Q(**{f"{user}__advocacy_profile__department": filters.department})
    if filters.network:
        q &= Q(**{network: filters.network})
    if filters.content_format:
        q &= Q(**{f"{page}__content_format": filters.content_format})
    if filters.tag:
        q &= Q(**{f"{page}__tags__slug": filters.tag})
    return q


def shares_queryset(period: Period, filters: Filters = NO_FILTERS):
    """Shares in the period; a share counts for the campaign its page had when shared."""
    lookups = _lookups(filters, page="page", user="user", network="network", campaign="campaign")
    return ShareEvent.objects.filter(lookups, period.lookup("created_at"))


def clicks_queryset(period: Period, filters: Filters = NO_FILTERS):
    """Clicks by people (crawlers are never stored) on tracked links, in the period."""
    lookups = _lookups(
        filters,
        page="link__page",
        user="link__user",
        network="link__network",
        campaign="link__page__campaign",
    )
    return LinkClick.objects.filter(lookups, period.lookup("clicked_at"))


def links_queryset(filters: Filters = NO_FILTERS):
    """Tracked links matching the filters, as :func:`clicks_queryset` matches their clicks."""
    return TrackedLink.objects.filter(
        _lookups(filters, page="page", user="user", network="network", campaign="page__campaign")
    )


def _click_groups(period: Period, filters: Filters, *keys: str) -> list[dict]:
    """Clicks and unique clicks of the period grouped by the tracked link's ``keys``,
    leaving out groups without clicks.

    Each link's clicks are counted by a correlated subquery that reads the covering index
    on (link, clicked_at, is_unique), and only these per-link counts are grouped: much
    cheaper than joining each of a million clicks to its link, page or person.
    """
    per_link = (
        LinkClick.objects.filter(period.lookup("clicked_at"), link=OuterRef("pk"))
        .order_by()
        .values("link")
    )

    def count(rows):
        rows = rows.annotate(n=Count("*")).values("n")
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    rows = (
        links_queryset(filters)
        .values(*keys)
        .annotate(
            clicks=Sum(count(per_link)),
            unique_clicks=Sum(count(per_link.filter(is_unique=True))),
        )
        .order_by()
    )
    return [
        {**row, "clicks": int(row["clicks"]), "unique_clicks": int(row["unique_clicks"])}
        for row in rows
        if row["clicks"]
    ]


def conversions_queryset(period: Period, filters: Filters = NO_FILTERS):
    lookups = _lookups(
        filters, page="page", user="referrer", network="network", campaign="campaign"
    )
    return Conversion.objects.filter(lookups, period.lookup("occurred_at"))


def eligible_users(period: Period, filters: Filters = NO_FILTERS):
    """Employees who could have shared during the period (the participation denominator).

    By default the ambassadors who were in the program at some point of the period;
    with ``WAGTAIL_ADVOCACY_ELIGIBLE_GROUPS`` the active members of those groups.
    """
    groups = advocacy_settings.ELIGIBLE_GROUPS
    if groups:
        users = get_user_model().objects.filter(is_active=True, groups__name__in=groups)
        if filters.department:
            users = users.filter(advocacy_profile__department=filters.department)
        return users.values("pk").distinct()
    profiles = AmbassadorProfile.objects.filter(opted_in_at__lt=period.end).filter(
        Q(is_active=True) | Q(opted_out_at__gte=period.start)
    )
    if filters.department:
        profiles = profiles.filter(department=filters.department)
    return profiles.values("user_id")


def share_totals(period: Period, filters: Filters = NO_FILTERS) -> dict:
    """Shares, distinct sharers and personalised shares, in one query."""
    return shares_queryset(period, filters).aggregate(
        shares=Count("pk"),
        sharers=Count("user", distinct=True),
        personalised=Count("pk", filter=Q(personalised=True)),
    )


def shares(period: Period, filters: Filters = NO_FILTERS) -> int:
    return shares_queryset(period, filters).count()


def active_ambassadors(period: Period, filters: Filters = NO_FILTERS) -> int:
    """Eligible employees who shared at least once in the period."""
    return (
        shares_queryset(period, filters)
        .filter(user__in=eligible_users(period, filters))
        .aggregate(n=Count("user", distinct=True))["n"]
    )


def eligible_employees(period: Period, filters: Filters = NO_FILTERS) -> int:
    return eligible_users(period, filters).count()


def participation_rate(period: Period, filters: Filters = NO_FILTERS) -> float:
    """Active ambassadors ÷ eligible employees."""
    return _ratio(active_ambassadors(period, filters), eligible_employees(period, filters))


def opted_in_ambassadors(period: Period, filters: Filters = NO_FILTERS) -> dict:
    """Ambassadors in the program at the end of the period, and how many joined during it."""
    profiles = AmbassadorProfile.objects.filter(opted_in_at__lt=period.end).filter(
        Q(is_active=True) | Q(opted_out_at__gte=period.end)
    )
    if filters.department:
        profiles = profiles.filter(department=filters.department)
    return profiles.aggregate(
        total=Count("pk"), joined=Count("pk", filter=Q(opted_in_at__gte=period.start))
    )


def personalised_share_rate(period: Period, filters: Filters = NO_FILTERS) -> float:
    """Shares whose text the employee changed ÷ shares: the authenticity KPI."""
    totals = share_totals(period, filters)
    return _ratio(totals["personalised"], totals["shares"])


def retention_rate(period: Period, filters: Filters = NO_FILTERS) -> float:
    """Share of the previous period's sharers who shared again in this period."""
    previous_sharers = shares_queryset(period.previous(), filters).values("user_id")
    totals = shares_queryset(period.previous(), filters).aggregate(n=Count("user", distinct=True))
    returning = (
        shares_queryset(period, filters)
        .filter(user__in=previous_sharers)
        .aggregate(n=Count("user", distinct=True))["n"]
    )
    return _ratio(returning, totals["n"])


def click_totals(period: Period, filters: Filters = NO_FILTERS) -> dict:
    """Clicks, unique clicks and earned media value, in one query (grouped by network)."""
    cost_per_click = advocacy_settings.COST_PER_CLICK
    rows = _click_groups(period, filters, "network")
    emv = sum(
        (
            Decimal(str(cost_per_click.get(row["network"], 0))) * row["unique_clicks"]
            for row in rows
        ),
        Decimal("0"),
    )
    return {
        "clicks": sum(row["clicks"] for row in rows),
        "unique_clicks": sum(row["unique_clicks"] for row in rows),
        "emv": emv.quantize(Decimal("0.01")),
    }


def clicks(period: Period, filters: Filters = NO_FILTERS) -> int:
    return clicks_queryset(period, filters).count()


def unique_clicks(period: Period, filters: Filters = NO_FILTERS) -> int:
    return clicks_queryset(period, filters).filter(is_unique=True).count()


def clicks_per_share(period: Period, filters: Filters = NO_FILTERS) -> float:
    return _ratio(clicks(period, filters), shares(period, filters))


def estimated_reach(period: Period, filters: Filters = NO_FILTERS) -> int:
    """Sum over shares of the sharer's declared audience on the network shared to.

    Shares by employees who declared no audience on that network add nothing.
    """
    total = (
        shares_queryset(period, filters)
        .filter(user__advocacy_profile__networks__network=F("network"))
        .aggregate(reach=Sum("user__advocacy_profile__networks__audience_size"))["reach"]
    )
    return total or 0


def earned_media_value(period: Period, filters: Filters = NO_FILTERS) -> Decimal:
    """Unique clicks × the cost per click of their network (setting ``COST_PER_CLICK``)."""
    return click_totals(period, filters)["emv"]


def conversions(period: Period, filters: Filters = NO_FILTERS, *, kind: str | None = None):
    qs = conversions_queryset(period, filters)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.count()


def conversion_totals(period: Period, filters: Filters = NO_FILTERS) -> dict:
    """Conversions in total, per kind, and their summed value, in one query."""
    aggregates = {"total": Count("pk"), "value": Sum("value")}
    for kind in ConversionKind.values:
        aggregates[kind] = Count("pk", filter=Q(kind=kind))
    totals = conversions_queryset(period, filters).aggregate(**aggregates)
    totals["value"] = Decimal(str(totals["value"] or 0)).quantize(Decimal("0.01"))
    return totals


def conversion_rate(period: Period, filters: Filters = NO_FILTERS) -> float:
    """Conversions ÷ unique clicks."""
    return _ratio(conversions(period, filters), unique_clicks(period, filters))


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


def _trunc(field: str, bucket: str):
    tz = timezone.get_current_timezone()
    if bucket == "day":
        return TruncDate(field, tzinfo=tz)
    return TruncWeek(field, tzinfo=tz)


def timeline(period: Period, filters: Filters = NO_FILTERS) -> list[dict]:
    """Shares, active sharers and clicks per day (or week), every bucket present."""
    bucket = bucket_for(period)
    share_rows = (
        shares_queryset(period, filters)
        .annotate(bucket=_trunc("created_at", bucket))
        .values("bucket")
        .annotate(shares=Count("pk"), sharers=Count("user", distinct=True))
        .order_by()
    )
    click_rows = (
        clicks_queryset(period, filters)
        .annotate(bucket=_trunc("clicked_at", bucket))
        .values("bucket")
        # Only columns of the covering index on clicked_at: no need to read the table.
        .annotate(clicks=Count("*"), unique_clicks=Count("is_unique", filter=Q(is_unique=True)))
        .order_by()
    )
    by_share = {as_date(row["bucket"]): row for row in share_rows}
    by_click = {as_date(row["bucket"]): row for row in click_rows}
    rows = []
    for day in _bucket_starts(period, bucket):
        shared = by_share.get(day, {})
        clicked = by_click.get(day, {})
        rows.append(
            {
                "date": day,
                "shares": shared.get("shares", 0),
                "sharers": shared.get("sharers", 0),
                "clicks": clicked.get("clicks", 0),
                "unique_clicks": clicked.get("unique_clicks", 0),
            }
        )
    return rows


BREAKDOWNS = {"network": "network", "content_format": "page__content_format"}


def breakdowns(period: Period, filters: Filters = NO_FILTERS) -> dict[str, list[dict]]:
    """:func:`breakdown` by network and by content format together, from one share query
    and one click query grouped by both (a few rows: networks × formats)."""
    keys = list(BREAKDOWNS.values())
    share_rows = list(
        shares_queryset(period, filters).values(*keys).annotate(shares=Count("pk")).order_by()
    )
    click_rows = _click_groups(period, filters, *keys)
    result = {}
    for by, key in BREAKDOWNS.items():
        rows = {}
        for row in share_rows:
            totals = rows.setdefault(row[key], {"shares": 0, "clicks": 0, "unique_clicks": 0})
            totals["shares"] += row["shares"]
        for row in click_rows:
            totals = rows.setdefault(row[key], {"shares": 0, "clicks": 0, "unique_clicks": 0})
            totals["clicks"] += row["clicks"]
            totals["unique_clicks"] += row["unique_clicks"]
        result[by] = sorted(
            (
                {"key": k, **v, "clicks_per_share": _ratio(v["clicks"], v["shares"])}
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
    share = share_totals(period, filters)
    click = click_totals(period, filters)
    conversion = conversion_totals(period, filters)
    active = active_ambassadors(period, filters)
    eligible = eligible_employees(period, filters)
    ambassadors = opted_in_ambassadors(period, filters)
    return {
        "shares": share["shares"],
        "sharers": share["sharers"],
        "active_ambassadors": active,
        "eligible_employees": eligible,
        "participation_rate": _ratio(active, eligible),
        "ambassadors": ambassadors["total"],
        "new_ambassadors": ambassadors["joined"],
        "clicks": click["clicks"],
        "unique_clicks": click["unique_clicks"],
        "clicks_per_share": _ratio(click["clicks"], share["shares"]),
        "estimated_reach": estimated_reach(period, filters),
        "earned_media_value": click["emv"],
        "personalised_share_rate": _ratio(share["personalised"], share["shares"]),
        "conversions": conversion["total"],
        "conversions_by_kind": {
            k: v for k, v in conversion.items() if k not in ("total", "value")
        },
        "conversion_value": conversion["value"],
        "conversion_rate": _ratio(conversion["total"], click["unique_clicks"]),
        "content_supply": content_supply(period, filters, ambassadors=ambassadors["total"]),
        "retention_rate": retention_rate(period, filters),
        "training_completion_rate": training_completion_rate(period, filters),
        "average_quiz_score": average_quiz_score(period, filters),
    }
