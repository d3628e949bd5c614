"""``advocacy_generate_data``: the synthetic history for load tests is the size asked, dated
in the period, consistent with what the services write, and the KPIs read it exactly."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from wagtail_advocacy import kpis
from wagtail_advocacy.conversions.demo import generate as generator
from wagtail_advocacy.core.periods import Period
from wagtail_advocacy.models import (
    AmbassadorProfile,
    ClickUniqueness,
    Conversion,
    DailyStat,
    LinkClick,
    NetworkAudience,
    ShareablePage,
    ShareEvent,
    ShareHubPage,
    TrackedLink,
)

DAYS = 30
SMALL = ("--ambassadors", "20", "--pages", "10", "--days", str(DAYS))


def generate(clicks=3000, *options):
    out = io.StringIO()
    call_command("advocacy_generate_data", "--clicks", str(clicks), *SMALL, *options, stdout=out)
    return out.getvalue()


def raw_counts():
    return {
        "shares": ShareEvent.objects.count(),
        "clicks": LinkClick.objects.count(),
        "unique_clicks": LinkClick.objects.filter(is_unique=True).count(),
        "conversions": Conversion.objects.count(),
    }


def rolled_up_counts():
    sums = DailyStat.objects.aggregate(
        shares=Sum("shares"),
        clicks=Sum("clicks"),
        unique_clicks=Sum("unique_clicks"),
        conversions=Sum("conversions"),
    )
    return {name: total or 0 for name, total in sums.items()}


def test_the_history_is_the_size_asked_and_the_kpis_read_it_exactly(db, monkeypatch):
    # One unique click in a hundred converts (a real 0.25 % left about 6 conversions here,
    # and none at all once in a few hundred runs): enough to compare.
    monkeypatch.setattr(generator, "CONVERSION_CHANCE", 0.01)
    output = generate()

    assert "3,000 clicks" in output and "peak memory" in output
    assert LinkClick.objects.count() == 3000
    unique = LinkClick.objects.filter(is_unique=True).count()
    assert 0.77 <= unique / 3000 <= 0.83
    assert AmbassadorProfile.objects.count() == 20
    assert ShareablePage.objects.live().count() == 10
    assert ShareEvent.objects.exists() and Conversion.objects.exists()

    period = Period.last_days(DAYS)
    now = timezone.now()
    for model, field in (
        (LinkClick, "clicked_at"),
        (ShareEvent, "created_at"),
        (Conversion, "occurred_at"),
    ):
        outside = model.objects.exclude(
            **{f"{field}__gte": period.start, f"{field}__lte": now}
        ).count()
        assert outside == 0, f"{model.__name__} outside the {DAYS} days"
    summary = kpis.summary(period)
    counted = raw_counts()
    assert summary["clicks"] == counted["clicks"] == 3000
    assert summary["unique_clicks"] == counted["unique_clicks"] == unique
    assert summary["shares"] == counted["shares"]
    assert summary["conversions"] == counted["conversions"]
    # Everything is rolled up: the daily statistics hold every event.
    assert rolled_up_counts() == counted


def test_events_are_consistent_with_what_the_services_write(db, hub):
    generate(2000)

    # The existing share hub is reused.
    assert ShareHubPage.objects.count() == 1
    assert ShareablePage.objects.child_of(hub).count() == 10
    profiles = {p.user_id: p for p in AmbassadorProfile.objects.all()}
    audiences = {
        (a.profile.user_id, a.network): a.audience_size
        for a in NetworkAudience.objects.select_related("profile")
    }
    for share in ShareEvent.objects.select_related("link", "page"):
        assert share.department == profiles[share.user_id].department
        assert share.audience == audiences.get((share.user_id, share.network), 0)
        assert share.campaign_id == share.page.campaign_id
        assert share.link.user_id == share.user_id and share.link.network == share.network
        assert share.link.created_at <= share.created_at
        assert share.created_at >= profiles[share.user_id].opted_in_at
    for link in TrackedLink.objects.all():
        assert link.department == profiles[link.user_id].department
    for conversion in Conversion.objects.select_related("link"):
        assert conversion.referrer_id == conversion.link.user_id
        assert conversion.department == conversion.link.department
        assert conversion.occurred_at <= conversion.created_at
    # A click follows its link's first share; a unique click has its ClickUniqueness row,
    # and a repeat click comes from a visitor who clicked the same link that day.
    assert not LinkClick.objects.filter(clicked_at__lt=F("link__created_at")).exists()
    firsts = set(ClickUniqueness.objects.values_list("link_id", "visitor_hash", "day"))
    assert len(firsts) == LinkClick.objects.filter(is_unique=True).count()
    zone = timezone.get_default_timezone()
    for link_id, digest, when, unique in LinkClick.objects.values_list(
        "link_id", "visitor_hash", "clicked_at", "is_unique"
    ):
        day = timezone.localtime(when, zone).date()
        assert (link_id, digest, day) in firsts
        if unique:
            firsts.discard((link_id, digest, day))


def test_running_it_again_adds_more(db):
    generate(1000)
    first = raw_counts()
    output = generate(500, "--seed", "1")

    counted = raw_counts()
    assert counted["clicks"] == 1500
    assert counted["shares"] > first["shares"]
    assert AmbassadorProfile.objects.count() == 40
    assert ShareablePage.objects.live().count() == 20
    assert ShareHubPage.objects.count() == 1
    assert "500 clicks" in output
    assert rolled_up_counts() == counted
    assert kpis.summary(Period.last_days(DAYS))["clicks"] == 1500


def test_clicks_alone_go_to_the_existing_links_without_a_rollup(db):
    generate(300)
    links = TrackedLink.objects.count()
    generate_more = io.StringIO()
    call_command(
        "advocacy_generate_data",
        "--clicks",
        "700",
        "--ambassadors",
        "0",
        "--pages",
        "0",
        "--days",
        str(DAYS),
        "--no-rollup",
        stdout=generate_more,
    )
    assert TrackedLink.objects.count() == links
    assert LinkClick.objects.count() == 1000
    assert rolled_up_counts()["clicks"] == 300  # the rest waits for the next roll-up
    assert kpis.summary(Period.last_days(DAYS))["clicks"] == 1000  # and is read raw


def fingerprint():
    """The history without its times, which end now (so move with the clock)."""
    return (
        sorted(TrackedLink.objects.values_list("token", "network", "department")),
        sorted(LinkClick.objects.values_list("link__token", "visitor_hash", "is_unique")),
        sorted(ShareEvent.objects.values_list("link__token", "audience", "personalised")),
        sorted(AmbassadorProfile.objects.values_list("user__username", "department")),
    )


def test_the_same_seed_makes_the_same_history(db):
    with transaction.atomic():
        generate(400, "--seed", "7", "--no-rollup")
        made = fingerprint()
        transaction.set_rollback(True)
    generate(400, "--seed", "7", "--no-rollup")
    assert fingerprint() == made


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--clicks", "-1"], "--clicks cannot be negative"),
        (["--clicks", "10", "--ambassadors", "-5"], "--ambassadors cannot be negative"),
        (["--clicks", "10", "--pages", "-1"], "--pages cannot be negative"),
        (["--clicks", "10", "--days", "0"], "--days must be between"),
        (["--clicks", "10", "--batch-size", "0"], "--batch-size must be at least 1"),
        (["--clicks", "10", "--ambassadors", "0", "--pages", "0"], "No tracked link"),
    ],
)
def test_bad_arguments_are_refused(db, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("advocacy_generate_data", *arguments, stdout=io.StringIO())
    assert not LinkClick.objects.exists()


def test_clicks_are_required(db):
    with pytest.raises(CommandError, match="--clicks"):
        call_command("advocacy_generate_data", stdout=io.StringIO())


def test_days_reach_back_from_today(db):
    generate(200, "--days", "3")
    first_day = timezone.localdate() - datetime.timedelta(days=2)
    start = Period.from_dates(first_day, timezone.localdate()).start
    assert not LinkClick.objects.filter(clicked_at__lt=start).exists()
    assert LinkClick.objects.count() == 200
