"""Keeping the rollups: added to after each batch of events, rebuilt for a period on
demand, made anonymous at erasure, and what raw rows their retention lets go.

Race safety. Each source (shares, clicks, conversions) has a ``Watermark``: the last
primary key rolled up. A roll-up locks the three watermark rows (``select_for_update``,
always in the same order) before it reads, and moves them in the same transaction as it
writes the rollups; so two workers running it at once take turns, the second one starts
after the first one's events, and a crash rolls back both the rollups and the watermarks:
no event is ever counted twice or skipped. Under that lock the upsert is a plain read of
the rows the batch touches, then ``bulk_update`` of those that exist and ``bulk_create``
of the new ones, which works the same on every database (an ``INSERT … ON CONFLICT DO
UPDATE SET n = n + excluded.n`` would need a unique index over nullable columns, which
SQLite and PostgreSQL before 15 treat as distinct).

Primary keys are handed out when a row is inserted and become visible when its
transaction commits, which is not always in the same order: a roll-up reads only events
older than ``SETTLE`` (seconds), by when every request that wrote one has committed.
Readers lose nothing by it: they add the raw events after the watermark (``queries``).
"""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict
from dataclasses import dataclass
from itertools import takewhile

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.models import Watermark
from wagtail_advocacy.core.periods import as_date
from wagtail_advocacy.core.refusals import Refusal
from wagtail_advocacy.core.registries import purges
from wagtail_advocacy.recognition.tasks import CLICK_POINTS
from wagtail_advocacy.sharing.models import ClickUniqueness, LinkClick, ShareEvent
from wagtail_advocacy.stats.models import (
    DailyPersonStat,
    DailySharer,
    DailyStat,
    ErasedMembership,
)
from wagtail_advocacy.stats.queries import (
    CLICKS,
    CONVERSIONS,
    COUNTERS,
    PEOPLE_MARKS,
    RAW_CLICKS,
    RAW_CONVERSIONS,
    RAW_COUNTERS,
    RAW_SHARES,
    SHARES,
    key_value,
    local_day,
)

BATCH = 5000
SETTLE = datetime.timedelta(seconds=10)


class StatsRefused(Refusal):
    """A rebuild or purge that cannot be done as asked; nothing was changed."""


@dataclass(frozen=True)
class Feed:
    """One source of events: its watermark, its model, when each row was written (what a
    roll-up reads in order), and the day its figures belong to."""

    mark: str
    source: object
    written: str
    dated: str


FEEDS = (
    Feed(SHARES, RAW_SHARES, "created_at", "created_at"),
    Feed(CLICKS, RAW_CLICKS, "clicked_at", "clicked_at"),
    # A conversion imported today may have happened last month: it counts on that day.
    Feed(CONVERSIONS, RAW_CONVERSIONS, "created_at", "occurred_at"),
)


@dataclass(frozen=True)
class Table:
    """One rollup kept from the feeds: its model, the keys of its rows (names from
    ``stats.queries.KEYS``) with the model's column for each, and each feed's watermark."""

    model: type
    columns: dict[str, str]
    marks: dict[str, str]

    def rows_of_days(self, sums):
        """The table's rows that the new sums may add to (narrowed by day, and person)."""
        keys = list(self.columns)
        lookups = {"day__in": {key[0] for key in sums}}
        if "person" in self.columns:
            lookups["person_id__in"] = {key[keys.index("person")] for key in sums}
        return self.model.objects.filter(**lookups)


PROGRAM_ROLLUP = Table(
    DailyStat,
    {
        "day": "day",
        "page": "page_id",
        "network": "network",
        "campaign": "campaign_id",
        "department": "department",
        "kind": "conversion_kind",
    },
    {feed.mark: feed.mark for feed in FEEDS},
)
# Rows that name nobody (an erased person's, a conversion without a referrer) stay out.
PEOPLE_ROLLUP = Table(
    DailyPersonStat,
    {
        "day": "day",
        "person": "person_id",
        "page": "page_id",
        "network": "network",
        "campaign": "campaign_id",
        "department": "department",
    },
    PEOPLE_MARKS,
)
TABLES = (PROGRAM_ROLLUP, PEOPLE_ROLLUP)


def _locked_marks() -> dict[str, Watermark]:
    names = sorted({name for table in TABLES for name in table.marks.values()})
    for name in names:
        Watermark.objects.get_or_create(name=name)
    marks = Watermark.objects.select_for_update().filter(name__in=names)
    return {mark.name: mark for mark in marks.order_by("name")}


def _groups(feed: Feed, table: Table, queryset):
    aliases = {f"k_{name}": feed.source.key(name) for name in table.columns}
    if "person" in table.columns:
        queryset = queryset.filter(**{f"{feed.source.paths['person']}__isnull": False})
    counters = RAW_COUNTERS[feed.source.model]
    return queryset.annotate(**aliases).values(*aliases).annotate(**counters).order_by()


def _add_counters(table: Table, rows) -> int:
    """Add grouped counter rows to a rollup; returns the rollup rows written."""
    sums: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))
    for row in rows:
        key = tuple(key_value(name, row[f"k_{name}"]) for name in table.columns)
        totals = sums[key]
        for name in COUNTERS:
            totals[name] += row[name] or 0
    if not sums:
        return 0
    columns = list(table.columns.values())
    existing = {
        tuple(getattr(stat, column) for column in columns): stat
        for stat in table.rows_of_days(sums)
    }
    changed, new = [], []
    for key, totals in sums.items():
        stat = existing.get(key)
        if stat is None:
            stat = table.model(**dict(zip(columns, key, strict=True)))
            new.append(stat)
        else:
            changed.append(stat)
        for name, value in totals.items():
            setattr(stat, name, getattr(stat, name) + value)
    table.model.objects.bulk_update(changed, COUNTERS, batch_size=500)
    table.model.objects.bulk_create(new, batch_size=500)
    return len(sums)


SHARER_COLUMNS = ("day", "sharer", "page_id", "network", "campaign_id", "department")


def _add_sharers(shares) -> None:
    """The (day, sharer, page, network, campaign, department) of these shares that the
    rollups do not have yet."""
    keys = {
        (as_date(day), *rest)
        for day, *rest in shares.filter(user__isnull=False)
        .annotate(k_day=local_day("created_at"))
        .values_list("k_day", "user_id", "page_id", "network", "campaign_id", "department")
        .distinct()
        .order_by()
    }
    if not keys:
        return
    existing = set(
        DailySharer.objects.filter(
            day__in={k[0] for k in keys}, sharer__in={k[1] for k in keys}
        ).values_list(*SHARER_COLUMNS)
    )
    DailySharer.objects.bulk_create(
        [DailySharer(**dict(zip(SHARER_COLUMNS, key, strict=True))) for key in keys - existing],
        batch_size=500,
    )


def roll_up(*, limit: int = BATCH, settle: datetime.timedelta = SETTLE) -> tuple[int, bool]:
    """Add up to ``limit`` events of each source recorded since the last run (and older
    than ``settle``) to the rollups. Returns the events read and whether more are waiting.
    """
    cutoff = timezone.now() - settle
    read, more = 0, False
    with transaction.atomic():
        marks = _locked_marks()
        for feed in FEEDS:
            for table in TABLES:
                count = _advance(feed, table, marks[table.marks[feed.mark]], cutoff, limit)
                read += count if table is PROGRAM_ROLLUP else 0
                more = more or count == limit
    return read, more


def _advance(feed: Feed, table: Table, mark: Watermark, cutoff, limit: int) -> int:
    """Add the feed's settled events after ``mark`` (up to ``limit``) to one table, and
    move the mark; returns the events read."""
    model = feed.source.model
    rows = (
        model.objects.filter(pk__gt=mark.position)
        .order_by("pk")
        .values_list("pk", feed.written)[:limit]
    )
    # In id order up to the first event that has not settled: never past one.
    pks = [pk for pk, _written in takewhile(lambda row: row[1] < cutoff, rows)]
    if not pks:
        return 0
    batch = model.objects.filter(pk__gt=mark.position, pk__lte=pks[-1])
    _add_counters(table, _groups(feed, table, batch))
    if model is ShareEvent and table is PROGRAM_ROLLUP:
        _add_sharers(batch)
    mark.position = pks[-1]
    mark.save(update_fields=["position", "updated_at"])
    return len(pks)


def roll_up_everything(*, settle: datetime.timedelta = SETTLE) -> int:
    """:func:`roll_up` until nothing settled is waiting; returns the events read."""
    total = 0
    while True:
        read, more = roll_up(settle=settle)
        total += read
        if not more:
            return total


def _check_rebuildable(first_day: datetime.date, last_day: datetime.date) -> None:
    if first_day > last_day:
        raise StatsRefused(_("The first day must be on or before the last day."))
    days = advocacy_settings.CLICK_RETENTION_DAYS
    if days:
        kept_from = timezone.localdate() - datetime.timedelta(days=days)
        if first_day < kept_from:
            raise StatsRefused(
                _(
                    "Raw clicks before %(day)s have been purged (retention of %(days)d "
                    "days): the statistics of earlier days can only be kept, not rebuilt."
                )
                % {"day": kept_from.isoformat(), "days": days}
            )


def rebuild(first_day: datetime.date, last_day: datetime.date) -> int:
    """Recompute the rollups of these days (in the site's time zone) from the raw events
    already rolled up; the events after the watermarks stay for the next roll-up. Returns
    the rollup rows written.

    The stand-ins of people who erased their history stay: their raw shares no longer say
    who shared, so only the rollup still counts them once (see ``forget_sharer``).
    """
    _check_rebuildable(first_day, last_day)
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    written = 0
    with transaction.atomic():
        marks = _locked_marks()
        for table in TABLES:
            table.model.objects.filter(day__gte=first_day, day__lte=last_day).delete()
        DailySharer.objects.filter(day__gte=first_day, day__lte=last_day, sharer__gt=0).delete()
        for feed in FEEDS:
            model = feed.source.model
            for table in TABLES:
                events = model.objects.filter(
                    pk__lte=marks[table.marks[feed.mark]].position,
                    **{f"{feed.dated}__gte": start, f"{feed.dated}__lt": end},
                )
                written += _add_counters(table, _groups(feed, table, events))
                if model is ShareEvent and table is PROGRAM_ROLLUP:
                    _add_sharers(events)
    return written


def _stand_in() -> int:
    """A random negative number: user ids are positive, so it stands for nobody."""
    return -(secrets.randbelow(2**62) + 1)


def forget_sharer(user) -> None:
    """Erasure: the person still counts once among the sharers and eligible employees of
    past periods, under a random stand-in that leads to nobody.

    Their shares not yet rolled up are added to the sharers' rollup first (the raw shares
    are about to stop naming them), then every row of theirs takes the stand-in; their
    time in the program is kept, without them, for the participation rate. Their rows in
    the people's rollup, which name them, are deleted: the program's totals keep them.
    """
    with transaction.atomic():
        # Locked first: a roll-up running now would write the person's rows back after
        # the delete; with the lock it waits, and then finds their events detached.
        mark = _locked_marks()[SHARES]
        DailyPersonStat.objects.filter(person=user).delete()
        _add_sharers(ShareEvent.objects.filter(user=user, pk__gt=mark.position))
        profile = AmbassadorProfile.objects.filter(user=user).first()
        if not DailySharer.objects.filter(sharer=user.pk).exists() and profile is None:
            return
        for _attempt in range(5):
            stand_in = _stand_in()
            try:
                with transaction.atomic():
                    if profile is not None:
                        ErasedMembership.objects.create(
                            sharer=stand_in,
                            department=profile.department,
                            opted_in_at=profile.opted_in_at,
                            opted_out_at=profile.opted_out_at or timezone.now(),
                        )
                    DailySharer.objects.filter(sharer=user.pk).update(sharer=stand_in)
                return
            except IntegrityError:
                continue  # the same stand-in drawn twice: draw again


def _in_batches(queryset, limit: int, apply) -> int:
    """``apply(rows)`` to ``queryset``'s rows, ``limit`` at a time, until none is left
    (``apply`` must take them out of ``queryset``); returns the rows it counted."""
    done = 0
    while True:
        pks = list(queryset.order_by("pk").values_list("pk", flat=True)[:limit])
        if not pks:
            return done
        done += apply(queryset.model.objects.filter(pk__in=pks))


def _delete_in_batches(queryset, limit: int) -> int:
    return _in_batches(queryset, limit, lambda rows: rows.delete()[0])


def _read_by_all() -> int:
    """The last click the statistics (the program's and the people's) and the click points
    have all read."""
    names = [CLICKS, PEOPLE_MARKS[CLICKS], CLICK_POINTS]
    marks = dict(Watermark.objects.filter(name__in=names).values_list("name", "position"))
    return min(marks.get(name, 0) for name in names)


def purge_old_clicks(now, *, limit: int = BATCH) -> int:
    """``CLICK_RETENTION_DAYS``: raw clicks older than that, once rolled up and once their
    points are awarded (a stopped worker delays the purge, never loses a click)."""
    days = advocacy_settings.CLICK_RETENTION_DAYS
    if not days:
        return 0
    old = LinkClick.objects.filter(
        clicked_at__lt=now - datetime.timedelta(days=days), pk__lte=_read_by_all()
    )
    return _delete_in_batches(old, limit)


def purge_visitor_hashes(now, *, limit: int = BATCH) -> int:
    """``VISITOR_HASH_RETENTION_DAYS``: the keyed visitor hashes that told a unique click
    from a repeat on its day, deleted or emptied on older clicks."""
    days = advocacy_settings.VISITOR_HASH_RETENTION_DAYS
    if not days:
        return 0
    horizon = now - datetime.timedelta(days=days)
    done = _delete_in_batches(
        ClickUniqueness.objects.filter(day__lt=timezone.localdate(horizon)), limit
    )
    hashed = LinkClick.objects.filter(clicked_at__lt=horizon).exclude(visitor_hash="")
    return done + _in_batches(hashed, limit, lambda rows: rows.update(visitor_hash=""))


def purge_expired(now=None) -> dict[str, int]:
    """Run every retention purge registered in ``core.registries.purges`` (the package's
    own and a host's), in batches; returns the rows each removed. Every KPI stays the
    same, since the daily statistics already hold what the purged rows counted."""
    now = now or timezone.now()
    return {purge.__name__: purge(now) for purge in purges}
