"""The daily statistics: the figures are the same whether they are read from the raw
events, from rollups kept in batches, or from rollups rebuilt; and they stay the same
when a person erases their history or old raw clicks are purged."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from tests import factories
from wagtail_advocacy.ambassadors.services import leave_program
from wagtail_advocacy.models import (
    ClickUniqueness,
    DailyPersonStat,
    DailySharer,
    DailyStat,
    LinkClick,
    Watermark,
)
from wagtail_advocacy.stats.queries import COUNTERS
from wagtail_advocacy.stats.services import rebuild, roll_up, roll_up_everything

from .conftest import days_ago, exported, figures, rankings

NOW = datetime.timedelta(0)  # roll up events however recent (the tests wait for nobody)


def rollup_rows():
    return sorted(
        DailyStat.objects.values_list(
            "day",
            "page_id",
            "network",
            "campaign_id",
            "department",
            "conversion_kind",
            *COUNTERS,
        ),
        key=repr,
    )


def person_rows():
    return sorted(
        DailyPersonStat.objects.values_list(
            "day", "person_id", "page_id", "network", "campaign_id", "department", *COUNTERS
        ),
        key=repr,
    )


def sharer_rows():
    return sorted(
        DailySharer.objects.values_list(
            "day", "sharer", "page_id", "network", "campaign_id", "department"
        ),
        key=repr,
    )


@pytest.mark.parametrize("seed", range(6))
def test_raw_batched_and_rebuilt_figures_are_identical(history, seed):
    made = history(seed, events=50)
    raw = figures(made.campaign)
    assert raw[0][0]["shares"] and raw[1][0]["clicks"]  # there is something to compare
    assert any(rankings())  # people to rank

    # Batches of a few events, with new events arriving between them.
    roll_up(limit=7, settle=NOW)
    assert DailyStat.objects.exists() and DailyPersonStat.objects.exists()
    made.grow(25)
    grown, ranked = figures(made.campaign), rankings()
    while roll_up(limit=7, settle=NOW)[1]:
        pass
    assert figures(made.campaign) == grown
    assert rankings() == ranked
    incremental, people, sharers = rollup_rows(), person_rows(), sharer_rows()

    today = timezone.localdate()
    rebuild(today - datetime.timedelta(days=100), today)
    assert rollup_rows() == incremental
    assert person_rows() == people
    assert sharer_rows() == sharers
    assert figures(made.campaign) == grown
    assert rankings() == ranked


@pytest.mark.parametrize("rolled_up_first", [True, False])
def test_erasing_a_person_leaves_every_figure_unchanged(history, rolled_up_first):
    made = history(1, events=70)
    if rolled_up_first:
        roll_up(limit=20, settle=NOW)  # part of the history rolled up, the rest raw
    leaving = made.people[0]
    past = figures(made.campaign)[-7:-1]  # the 30 days before the last 30
    # Leaving (history kept) changes today's membership figures, as it should...
    leave_program(leaving)
    before, export = figures(made.campaign), exported()
    assert before[-7:-1] == past
    assert before[0][0]["estimated_reach"] and export["kpis"]["participation_rate"] > 0
    ranked = rankings()
    assert leaving.pk in {row[0] for rows in ranked for row in rows}

    # ...erasing the history then changes nothing at all, but for their own rankings.
    leave_program(leaving, erase=True)

    assert not LinkClick.objects.filter(link__user=leaving).exists()
    assert not DailyPersonStat.objects.filter(person=leaving).exists()
    assert figures(made.campaign) == before
    assert exported() == export
    # The others keep their figures (a selection left with too few people who chose not
    # to appear by name may now leave them out: the anonymity threshold).
    others = rankings()
    assert leaving.pk not in {row[0] for rows in others for row in rows}
    assert all(set(now) <= set(then) for now, then in zip(others, ranked, strict=True))
    # Rolled up or rebuilt afterwards, still the same, and nothing leads to the person.
    roll_up_everything(settle=NOW)
    assert figures(made.campaign) == before
    today = timezone.localdate()
    rebuild(today - datetime.timedelta(days=100), today)
    assert figures(made.campaign) == before
    assert rankings() == others
    assert not DailySharer.objects.filter(sharer=leaving.pk).exists()
    assert not DailyPersonStat.objects.filter(person=leaving).exists()


def test_an_erased_colleague_who_never_joined_still_counts_once(hub):
    page = factories.shareable_page(hub)
    colleague = factories.user("colleague")
    factories.share(colleague, page, when=days_ago(3))
    factories.share(colleague, page, "x", when=days_ago(2))
    before = exported()
    assert before["kpis"]["sharers"] == 1
    leave_program(colleague, erase=True)
    assert exported() == before


@override_settings(WAGTAIL_ADVOCACY_CLICK_RETENTION_DAYS=20)
def test_purging_old_raw_clicks_changes_no_figure(history):
    made = history(2, events=70)
    old = LinkClick.objects.filter(clicked_at__lt=days_ago(21, 0))
    assert old.exists()
    before, export, ranked = figures(made.campaign), exported(), rankings()

    # Nothing is purged before the statistics and the points have read the clicks.
    out = io.StringIO()
    call_command("advocacy_purge", stdout=out)
    assert "purge_old_clicks: 0 row(s)" in out.getvalue()
    assert old.exists()

    roll_up_everything(settle=NOW)
    call_command("advocacy_process_events", stdout=io.StringIO())
    call_command("advocacy_purge", stdout=out)
    assert not old.exists()
    assert LinkClick.objects.exists()  # the last 20 days are kept
    assert figures(made.campaign) == before
    assert exported() == export
    assert rankings() == ranked

    # Days whose raw clicks are gone can be kept, not rebuilt.
    today = timezone.localdate()
    with pytest.raises(CommandError, match="purged"):
        call_command(
            "advocacy_rebuild_stats",
            "--from",
            (today - datetime.timedelta(days=60)).isoformat(),
            "--to",
            today.isoformat(),
        )
    assert figures(made.campaign) == before


@override_settings(WAGTAIL_ADVOCACY_VISITOR_HASH_RETENTION_DAYS=10)
def test_visitor_hashes_are_emptied_after_their_retention(history):
    history(4, events=60)
    old = LinkClick.objects.filter(clicked_at__lt=days_ago(11, 0))
    recent = LinkClick.objects.filter(clicked_at__gte=days_ago(9, 0))
    assert old.exclude(visitor_hash="").exists() and recent.exists()
    before = exported()
    call_command("advocacy_purge", stdout=io.StringIO())
    assert not old.exclude(visitor_hash="").exists()
    assert not recent.filter(visitor_hash="").exists()
    assert not ClickUniqueness.objects.filter(day__lt=timezone.localdate(days_ago(10))).exists()
    assert exported() == before


def test_rebuild_command_checks_its_dates(db):
    for arguments, message in (
        (["--from", "2026-02-30", "--to", "2026-03-01"], "YYYY-MM-DD"),
        (["--from", "1200-01-01", "--to", "2026-03-01"], "between"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], "on or before"),
    ):
        with pytest.raises(CommandError, match=message):
            call_command("advocacy_rebuild_stats", *arguments)
    out = io.StringIO()
    call_command(
        "advocacy_rebuild_stats", "--from", "2026-03-01", "--to", "2026-03-02", stdout=out
    )
    assert "0 daily statistic row(s) rebuilt" in out.getvalue()


def test_process_events_rolls_up_what_has_settled(history):
    made = history(5, events=30)
    fresh = factories.share(made.people[1], made.pages[0])  # just now: not settled yet
    before = figures(made.campaign)
    out = io.StringIO()
    call_command("advocacy_process_events", stdout=out)
    assert "event(s) added to the statistics" in out.getvalue()
    assert DailyStat.objects.exists()
    assert figures(made.campaign) == before  # the fresh share still counts, from the raw tail
    assert Watermark.objects.get(name="stats.shares").position < fresh.event.pk


def test_participation_counts_the_people_who_shared(hub):
    # Accounts made before the profiles: user ids and profile ids differ.
    page = factories.shareable_page(hub)
    for name in ("first", "second", "third"):
        factories.user(name)
    sharing = factories.ambassador("third", department="Sales").user
    factories.ambassador("second", department="Sales")
    factories.share(sharing, page, when=days_ago(1))
    assert exported()["kpis"]["participation_rate"] == 0.5
    roll_up_everything(settle=NOW)
    assert exported()["kpis"]["participation_rate"] == 0.5


def test_a_roll_up_committing_during_a_read_counts_nothing_twice(history):
    from wagtail_advocacy.core.periods import Period
    from wagtail_advocacy.stats import queries

    history(7, events=40)
    period = Period.last_days(90)
    expected = queries.totals(period)
    seen = []

    def read(marks):
        if not seen:  # a worker commits its roll-up after the marks were read
            roll_up_everything(settle=NOW)
        seen.append(marks)
        return queries._counter_query(period, None, (), marks)

    rows = queries.read_consistently(read)
    assert len(seen) == 2 and seen[0] != seen[1]
    assert sum(row["clicks"] for row in rows) == expected["clicks"] > 0
    assert sum(row["shares"] for row in rows) == expected["shares"]


def test_a_roll_up_never_reads_past_an_event_that_has_not_settled(hub):
    page = factories.shareable_page(hub)
    person = factories.user("sharing")
    first = factories.share(person, page, when=days_ago(1)).event
    factories.share(person, page, "x")  # just now: its request may not have committed
    factories.share(person, page, "bluesky", when=days_ago(1))
    before = exported()
    assert roll_up(settle=datetime.timedelta(seconds=10)) == (1, False)
    assert Watermark.objects.get(name="stats.shares").position == first.pk
    assert exported() == before  # the other two still count, from the raw events


def test_people_and_conversion_kinds_are_not_grouped_together(db):
    from wagtail_advocacy.core.periods import Period
    from wagtail_advocacy.stats.queries import counter_rows

    with pytest.raises(ValueError, match="no conversion kind"):
        counter_rows(Period.last_days(7), None, ("person", "kind"))
