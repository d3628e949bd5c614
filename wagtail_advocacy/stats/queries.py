"""Reading the counters: the rollups up to their watermarks, plus the raw events after.

Every function answers in one SQL statement, a ``UNION ALL`` of the rollup rows and the
raw events recorded since the last roll-up, so the figures are exact at any moment (a
roll-up committing meanwhile cannot make an event count twice or not at all: one
statement reads one snapshot of the watermarks, rollups and events), and their cost grows
with days and pages, not with clicks.

Rollups are by day in the site's time zone (``TIME_ZONE``): a period that does not start
and end at midnight there (an admin who chose another time zone) is read from the raw
events alone, exact but slower.
"""

from __future__ import annotations

import datetime
from contextvars import ContextVar
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from wagtail_advocacy.conversions.models import Conversion
from wagtail_advocacy.core.models import Watermark
from wagtail_advocacy.core.periods import Period, as_date
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent
from wagtail_advocacy.stats.models import DailyPersonStat, DailySharer, DailyStat

SHARES = "stats.shares"
CLICKS = "stats.clicks"
CONVERSIONS = "stats.conversions"
#: The people's rollup has its own watermarks: it fills from the raw events wherever the
#: program's rollup stands (it came later, and a rebuild may redo one and not the other).
PEOPLE_MARKS = {
    SHARES: "stats.people.shares",
    CLICKS: "stats.people.clicks",
    CONVERSIONS: "stats.people.conversions",
}

COUNTERS = (
    "shares",
    "personalised_shares",
    "clicks",
    "unique_clicks",
    "conversions",
    "conversion_value",
    "estimated_reach",
)
#: What counter rows can be grouped by. Rows grouped by ``person`` come from the people's
#: rollup (their shares, the clicks on their links, the conversions credited to them).
KEYS = ("day", "page", "network", "campaign", "department", "content_format", "kind", "person")


def local_day(field: str):
    """The event's day in the site's time zone: the day its rollup row is for."""
    return TruncDate(field, tzinfo=timezone.get_default_timezone())


class Source:
    """How one table reaches each key and filter: the rollups' own columns, or the raw
    event's paths (a click reaches its page, network and department through its link)."""

    def __init__(self, model, *, day, page, network, campaign, department, kind=None, person=None):
        self.model = model
        self.paths = {
            "page": page,
            "network": network,
            "campaign": campaign,
            "department": department,
            "content_format": page.removesuffix("_id") + "__content_format",
            "tag": page.removesuffix("_id") + "__tags__slug",
            "person": person,
        }
        self.day = day
        self.kind = kind

    def key(self, name: str):
        if name == "day":
            return F(self.day) if self.model in ROLLUP_MODELS else local_day(self.day)
        if name == "kind":
            return F(self.kind) if self.kind else Value("")
        return F(self.paths[name])

    def filtered(self, filters):
        q = Q()
        for name in ("campaign", "department", "network", "content_format", "tag"):
            value = getattr(filters, name, None)
            if value:
                q &= Q(**{self.paths[name]: value})
        return self.model.objects.filter(q)


ROLLUP_MODELS = (DailyStat, DailyPersonStat)
# The columns every rollup shares with the raw shares and conversions.
_SAME_NAMES = {
    "page": "page_id",
    "network": "network",
    "campaign": "campaign_id",
    "department": "department",
}
ROLLUP = Source(DailyStat, day="day", kind="conversion_kind", **_SAME_NAMES)
PEOPLE = Source(DailyPersonStat, day="day", person="person_id", **_SAME_NAMES)
RAW_SHARES = Source(ShareEvent, day="created_at", person="user_id", **_SAME_NAMES)
RAW_CLICKS = Source(
    LinkClick,
    day="clicked_at",
    page="link__page_id",
    network="link__network",
    campaign="link__page__campaign_id",
    department="link__department",
    person="link__user_id",
)
RAW_CONVERSIONS = Source(
    Conversion, day="occurred_at", kind="kind", person="referrer_id", **_SAME_NAMES
)
SHARERS = Source(DailySharer, day="day", **_SAME_NAMES)


def _zero(field=None):
    return Value(0, output_field=field or IntegerField())


MONEY = DecimalField(max_digits=14, decimal_places=2)
RAW_COUNTERS = {
    ShareEvent: {
        "shares": Count("pk"),
        "personalised_shares": Count("pk", filter=Q(personalised=True)),
        "clicks": _zero(),
        "unique_clicks": _zero(),
        "conversions": _zero(),
        "conversion_value": Value(Decimal("0"), output_field=MONEY),
        "estimated_reach": Sum("audience"),
    },
    LinkClick: {
        "shares": _zero(),
        "personalised_shares": _zero(),
        "clicks": Count("pk"),
        "unique_clicks": Count("pk", filter=Q(is_unique=True)),
        "conversions": _zero(),
        "conversion_value": Value(Decimal("0"), output_field=MONEY),
        "estimated_reach": _zero(),
    },
    Conversion: {
        "shares": _zero(),
        "personalised_shares": _zero(),
        "clicks": _zero(),
        "unique_clicks": _zero(),
        "conversions": Count("pk"),
        "conversion_value": Coalesce(Sum("value"), Value(Decimal("0")), output_field=MONEY),
        "estimated_reach": _zero(),
    },
}


def is_rolled_up(period: Period) -> bool:
    """Whether the rollups can answer for the period: whole days in the site's zone."""
    zone = timezone.get_default_timezone()
    return all(
        timezone.localtime(moment, zone).time() == datetime.time.min
        for moment in (period.start, period.end)
    )


def _days(period: Period) -> tuple[datetime.date, datetime.date]:
    zone = timezone.get_default_timezone()
    first = timezone.localtime(period.start, zone).date()
    last = timezone.localtime(period.end, zone).date() - datetime.timedelta(days=1)
    return first, last


# The watermarks a whole page of figures is read with (see :func:`read_consistently`).
_pinned: ContextVar[dict[str, int] | None] = ContextVar("advocacy_stats_marks", default=None)


def watermarks() -> dict[str, int]:
    """How far each roll-up has read (0 before its first run), in one query; inside
    :func:`read_consistently`, the marks it pinned (no query)."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    return _read_watermarks()


def _read_watermarks() -> dict[str, int]:
    marks = dict.fromkeys((SHARES, CLICKS, CONVERSIONS, *PEOPLE_MARKS.values()), 0)
    marks.update(Watermark.objects.filter(name__in=marks).values_list("name", "position"))
    return marks


def after_watermark(name: str, marks: dict[str, int]) -> Q:
    """The rows the named roll-up had not read yet when ``marks`` were read.

    A plain number rather than a subquery: the planner then knows how few rows the raw
    tail holds and reads them through the primary key (with a subquery it must guess a
    third of the table, and its estimates, and PostgreSQL's JIT compilation, grow with
    the table)."""
    return Q(pk__gt=marks[name])


def read_consistently(read):
    """``read(marks)`` with the watermarks as they are, read again if a roll-up moved them
    meanwhile: marks that are the same before and after prove that the rollups ``read``
    saw are those of these marks (a roll-up commits its rows and its marks together), so
    no event counts twice or not at all.

    The marks are pinned while ``read`` runs: the reads inside it (a whole dashboard
    wrapped in one call) share them, read the watermarks no more, and agree with each
    other."""
    if _pinned.get() is not None:
        return read(_pinned.get())
    marks = _read_watermarks()
    for _attempt in range(3):
        result = _read_pinned(read, marks)
        latest = _read_watermarks()
        if latest == marks:
            return result
        marks = latest
    return _read_pinned(read, marks)


def _read_pinned(read, marks):
    token = _pinned.set(marks)
    try:
        return read(marks)
    finally:
        _pinned.reset(token)


def _grouped(source: Source, queryset, keys, counters):
    # Without keys, one constant group (values() with no fields would select every column).
    aliases = {f"k_{name}": source.key(name) for name in keys} or {"k_": Value(0)}
    return queryset.annotate(**aliases).values(*aliases).annotate(**counters).order_by()


def counter_rows(period: Period, filters=None, keys=()) -> list[dict]:
    """The counters of the period grouped by ``keys`` (names from :data:`KEYS`), each row
    ``{key: value, ..., counter: total, ...}``; groups with nothing in them are left out.
    ``filters`` has the attributes of ``kpis.Filters`` (None: all)."""
    keys = tuple(keys)
    unknown = set(keys) - set(KEYS)
    if unknown:
        raise ValueError(f"Unknown keys: {', '.join(sorted(unknown))}")
    if {"person", "kind"} <= set(keys):
        raise ValueError("The people's rollup keeps no conversion kind: group by one of them.")
    if is_rolled_up(period):
        rows = read_consistently(lambda marks: _counter_query(period, filters, keys, marks))
    else:
        rows = _counter_query(period, filters, keys, None)
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = tuple(key_value(name, row[f"k_{name}"]) for name in keys)
        totals = merged.setdefault(key, dict.fromkeys(COUNTERS, 0))
        for name in COUNTERS:
            totals[name] += row[name] or 0
    result = []
    for key, totals in merged.items():
        if not any(totals.values()):
            continue
        totals["conversion_value"] = Decimal(str(totals["conversion_value"])).quantize(
            Decimal("0.01")
        )
        result.append({**dict(zip(keys, key, strict=True)), **totals})
    return result


def _counter_query(period: Period, filters, keys, marks) -> list[dict]:
    """One statement: the rollups' sums (with ``marks``) and the raw events' counts after
    the marks, or without marks the raw events alone. By person, the people's rollup and
    the raw events that name someone."""
    by_person = "person" in keys
    rollup = PEOPLE if by_person else ROLLUP
    parts = []
    for source, mark, time_field in (
        (RAW_SHARES, SHARES, "created_at"),
        (RAW_CLICKS, CLICKS, "clicked_at"),
        (RAW_CONVERSIONS, CONVERSIONS, "occurred_at"),
    ):
        raw = source.filtered(filters).filter(period.lookup(time_field))
        if by_person:
            raw = raw.filter(**{f"{source.paths['person']}__isnull": False})
            mark = PEOPLE_MARKS[mark]
        if marks is not None:
            raw = raw.filter(after_watermark(mark, marks))
        parts.append(_grouped(source, raw, keys, RAW_COUNTERS[source.model]))
    if marks is not None:
        first, last = _days(period)
        rollups = rollup.filtered(filters).filter(day__gte=first, day__lte=last)
        sums = {name: Sum(name) for name in COUNTERS}
        parts.insert(0, _grouped(rollup, rollups, keys, sums))
    # No ordering on the union (Django 6 would carry the first part's Meta.ordering).
    return list(parts[0].union(*parts[1:], all=True).order_by())


def key_value(name, value):
    """A key as the rollups store it: a date, and "" rather than None for text."""
    if name == "day":
        return as_date(value)
    if name in ("department", "kind", "content_format"):
        return value or ""
    return value


def totals(period: Period, filters=None) -> dict:
    """Every counter of the period, summed."""
    result = dict.fromkeys(COUNTERS, 0)
    result["conversion_value"] = Decimal("0.00")
    for row in counter_rows(period, filters):
        result.update({name: row[name] for name in COUNTERS})
    return result


def _sharer_parts(period: Period, filters, marks, *, by_day: bool):
    rolled = marks is not None
    raw = (
        RAW_SHARES.filtered(filters)
        .filter(period.lookup("created_at"), user__isnull=False)
        .annotate(k_sharer=F("user_id"))
    )
    if rolled:
        raw = raw.filter(after_watermark(SHARES, marks))
    if by_day:
        raw = raw.annotate(k_day=local_day("created_at")).values("k_day", "k_sharer")
    else:
        raw = raw.values("k_sharer")
    parts = [raw.order_by()]
    if rolled:
        first, last = _days(period)
        rollups = (
            SHARERS.filtered(filters)
            .filter(day__gte=first, day__lte=last)
            .annotate(k_sharer=F("sharer"))
        )
        fields = ("k_day", "k_sharer") if by_day else ("k_sharer",)
        if by_day:
            rollups = rollups.annotate(k_day=F("day"))
        parts.insert(0, rollups.values(*fields).order_by())
    return parts


def _sharer_rows(period: Period, filters, *, by_day: bool) -> list[dict]:
    def read(marks):
        parts = _sharer_parts(period, filters, marks, by_day=by_day)
        query = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0].distinct()
        query = query.order_by()
        return list(query)

    return read_consistently(read) if is_rolled_up(period) else read(None)


def sharer_ids(period: Period, filters=None) -> set[int]:
    """Who shared in the period: user ids, and the stand-ins of people who erased their
    history since (negative numbers), each once."""
    rows = _sharer_rows(period, filters, by_day=False)
    return {row["k_sharer"] for row in rows}


def sharers_by_day(period: Period, filters=None) -> dict[datetime.date, set[int]]:
    """Who shared on each day of the period (see :func:`sharer_ids`)."""
    days: dict[datetime.date, set[int]] = {}
    for row in _sharer_rows(period, filters, by_day=True):
        days.setdefault(as_date(row["k_day"]), set()).add(row["k_sharer"])
    return days


# Per-row figures: annotations for a queryset of pages or campaigns (reports, rankings),
# so that the database sorts and pages them. Each is the rollups' sum plus the raw events
# after the watermark, two index probes per row.

RAW_OF = {
    "shares": (RAW_SHARES, SHARES, "created_at", Q()),
    "clicks": (RAW_CLICKS, CLICKS, "clicked_at", Q()),
    "unique_clicks": (RAW_CLICKS, CLICKS, "clicked_at", Q(is_unique=True)),
    "conversions": (RAW_CONVERSIONS, CONVERSIONS, "occurred_at", Q()),
}


def per_outer(queryset, path: str, aggregate):
    """``aggregate`` of ``queryset``'s rows whose ``path`` is the outer row's pk, as a
    correlated subquery annotation (0 when there are none)."""
    rows = (
        queryset.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(n=aggregate)
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def per_row(counter: str, key: str, period: Period, filters=None, marks=None):
    """``counter`` (shares, clicks, unique_clicks or conversions) of the outer row, a page
    (``key="page"``) or a campaign (``key="campaign"``), in the period, as an annotation.

    For a sorted and paged list the database evaluates later: ``marks`` (from
    :func:`watermarks`, read when the list is built) are the tail's start, so a roll-up
    committing between the two can make one page of a report count its last events
    twice until it is reloaded; the dashboard's own figures never do
    (:func:`read_consistently`)."""
    source, mark, time_field, only = RAW_OF[counter]
    raw = source.filtered(filters).filter(only, period.lookup(time_field))
    if not is_rolled_up(period):
        return per_outer(raw, source.paths[key], Count("*"))
    first, last = _days(period)
    rollups = ROLLUP.filtered(filters).filter(day__gte=first, day__lte=last)
    return per_outer(rollups, ROLLUP.paths[key], Sum(counter)) + per_outer(
        raw.filter(after_watermark(mark, marks or watermarks())), source.paths[key], Count("*")
    )


def per_campaign() -> dict:
    """Annotations for campaigns: shares, sharers, clicks, unique clicks and conversions
    (``conversion_count``) over each campaign's own dates. The rollups are read through
    their (campaign, day) index; only the raw events after the watermarks are compared by
    date."""

    def within(field):
        return {
            f"{field}__date__gte": OuterRef("starts_on"),
            f"{field}__date__lte": OuterRef("ends_on"),
        }

    rollups = DailyStat.objects.filter(
        day__gte=OuterRef("starts_on"), day__lte=OuterRef("ends_on")
    )
    marks = watermarks()
    annotations = {}
    for counter, (source, mark, time_field, only) in RAW_OF.items():
        raw = source.model.objects.filter(only, after_watermark(mark, marks), **within(time_field))
        # "conversion_count": a campaign's "conversions" are its Conversion rows.
        name = "conversion_count" if counter == "conversions" else counter
        annotations[name] = per_outer(rollups, "campaign", Sum(counter)) + per_outer(
            raw, source.paths["campaign"], Count("*")
        )
    # Sharers: those of the rollups, plus those of the raw shares the rollups do not have.
    rolled = DailySharer.objects.filter(
        day__gte=OuterRef("starts_on"), day__lte=OuterRef("ends_on")
    )
    known = DailySharer.objects.filter(
        campaign=OuterRef("campaign_id"),
        sharer=OuterRef("user_id"),
        day__gte=OuterRef(OuterRef("starts_on")),
        day__lte=OuterRef(OuterRef("ends_on")),
    )
    new = ShareEvent.objects.filter(
        after_watermark(SHARES, marks), user__isnull=False, **within("created_at")
    ).exclude(Exists(known))
    annotations["sharers"] = per_outer(
        rolled, "campaign", Count("sharer", distinct=True)
    ) + per_outer(new, "campaign", Count("user", distinct=True))
    return annotations
