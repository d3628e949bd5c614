"""Each KPI computed on a hand-built data set whose answers are worked out by hand."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from wagtail_advocacy import kpis
from wagtail_advocacy.core.periods import Period
from wagtail_advocacy.kpis import Filters

from .conftest import at, date

MARCH = Period.month_of(datetime.date(2026, 3, 15))


def test_headline_kpis_for_a_month(data):
    result = kpis.summary(MARCH)

    assert result["shares"] == 5
    assert result["active_ambassadors"] == 3  # a1, a2, a3; the outsider is not eligible
    assert result["eligible_employees"] == 5
    assert result["participation_rate"] == pytest.approx(0.6)
    assert result["ambassadors"] == 5
    assert result["new_ambassadors"] == 1
    assert result["clicks"] == 7
    assert result["unique_clicks"] == 5
    assert result["clicks_per_share"] == pytest.approx(1.4)
    assert result["estimated_reach"] == 500 + 100 + 200
    # 4 unique LinkedIn clicks at 5.00 and 1 unique X click at 0.70.
    assert result["earned_media_value"] == Decimal("20.70")
    assert result["personalised_share_rate"] == pytest.approx(0.2)
    assert result["conversions"] == 2
    assert result["conversions_by_kind"]["hire"] == 1
    assert result["conversion_value"] == Decimal("1000")
    assert result["conversion_rate"] == pytest.approx(0.4)
    # a1, a3 and a5 shared in the 31 days before March; a1 and a3 came back.
    assert result["retention_rate"] == pytest.approx(2 / 3)
    # One page published in March, over 31/7 weeks, for 5 ambassadors.
    assert result["content_supply"] == pytest.approx(1 / (31 / 7) / 0.05)


def test_each_function_agrees_with_the_summary(data):
    assert kpis.shares(MARCH) == 5
    assert kpis.clicks(MARCH) == 7
    assert kpis.unique_clicks(MARCH) == 5
    assert kpis.clicks_per_share(MARCH) == pytest.approx(1.4)
    assert kpis.participation_rate(MARCH) == pytest.approx(0.6)
    assert kpis.personalised_share_rate(MARCH) == pytest.approx(0.2)
    assert kpis.estimated_reach(MARCH) == 800
    assert kpis.earned_media_value(MARCH) == Decimal("20.70")
    assert kpis.conversions(MARCH, kind="hire") == 1
    assert kpis.conversion_rate(MARCH) == pytest.approx(0.4)
    assert kpis.retention_rate(MARCH) == pytest.approx(2 / 3)


def test_filters_narrow_every_kpi(data):
    sales = kpis.summary(MARCH, Filters(department="Sales"))
    assert (sales["shares"], sales["active_ambassadors"], sales["eligible_employees"]) == (3, 2, 2)
    assert sales["participation_rate"] == 1.0
    assert sales["clicks"] == 7

    engineering = kpis.summary(MARCH, Filters(department="Engineering"))
    assert (engineering["shares"], engineering["clicks"]) == (1, 0)
    assert engineering["participation_rate"] == pytest.approx(1 / 3)

    by_campaign = kpis.summary(MARCH, Filters(campaign=data["campaign"].pk))
    assert (by_campaign["shares"], by_campaign["clicks"], by_campaign["conversions"]) == (3, 6, 2)

    on_x = kpis.summary(MARCH, Filters(network="x"))
    assert (on_x["shares"], on_x["clicks"], on_x["estimated_reach"]) == (1, 1, 100)

    videos = kpis.summary(MARCH, Filters(content_format="video"))
    assert (videos["shares"], videos["clicks"]) == (2, 1)

    tagged = kpis.summary(MARCH, Filters(tag="jobs"))
    assert (tagged["shares"], tagged["clicks"]) == (3, 6)


def test_an_empty_period_gives_zeros_not_errors(data):
    empty = kpis.summary(Period.from_dates(datetime.date(2020, 1, 1), datetime.date(2020, 1, 31)))
    assert empty["shares"] == empty["clicks"] == empty["conversions"] == 0
    assert empty["participation_rate"] == 0.0
    assert empty["clicks_per_share"] == 0.0
    assert empty["personalised_share_rate"] == 0.0
    assert empty["conversion_rate"] == 0.0
    assert empty["retention_rate"] == 0.0
    assert empty["content_supply"] == 0.0
    assert empty["earned_media_value"] == Decimal("0")
    assert empty["estimated_reach"] == 0


def test_days_follow_the_current_time_zone(data):
    # 23:00 on 31 March in Paris is 21:00 UTC, still March; in Tokyo it is 1 April.
    with timezone.override("Asia/Tokyo"):
        tokyo_march = Period.month_of(datetime.date(2026, 3, 1))
        assert kpis.shares(tokyo_march) == 4


def test_timeline_has_every_day_and_counts_per_day(data):
    rows = kpis.timeline(MARCH)
    assert len(rows) == 31
    by_day = {row["date"]: row for row in rows}
    assert by_day[date(3, 1)]["clicks"] == 1
    assert by_day[date(3, 3)] == {
        "date": date(3, 3),
        "shares": 1,
        "sharers": 1,
        "clicks": 3,
        "unique_clicks": 1,
    }
    assert by_day[date(3, 31)]["shares"] == 1
    assert sum(row["shares"] for row in rows) == 5


def test_breakdown_ranks_networks_and_formats_by_clicks_per_share(data):
    networks = kpis.breakdown(MARCH, by="network")
    assert [(r["key"], r["shares"], r["clicks"]) for r in networks] == [
        ("linkedin", 4, 6),
        ("x", 1, 1),
    ]
    formats = kpis.breakdown(MARCH, by="content_format")
    assert [(r["key"], r["clicks_per_share"]) for r in formats] == [
        ("article", 2.0),
        ("video", 0.5),
    ]


def test_an_ambassador_who_left_before_the_period_is_not_eligible(data):
    data["a4"].advocacy_profile.__class__.objects.filter(user=data["a4"]).update(
        is_active=False, opted_out_at=at(date(2, 1))
    )
    assert kpis.eligible_employees(MARCH) == 4


def test_eligibility_by_groups(data, settings, django_user_model):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Everyone")
    for user in django_user_model.objects.filter(username__in=["outsider", "alice"]):
        user.groups.add(group)
    settings.WAGTAIL_ADVOCACY_ELIGIBLE_GROUPS = ["Everyone"]
    assert kpis.eligible_employees(MARCH) == 1
    assert kpis.participation_rate(MARCH) == 1.0


def test_period_helpers():
    quarter = Period.quarter_of(datetime.date(2026, 5, 20))
    assert (quarter.first_day, quarter.last_day, quarter.days) == (
        date(4, 1),
        date(6, 30),
        91,
    )
    assert MARCH.previous().first_day == date(1, 29)
    assert MARCH.elapsed_share(at(date(3, 1), 0)) == 0.0
    assert MARCH.elapsed_share(at(date(4, 2))) == 1.0
    assert MARCH.elapsed_share(at(date(3, 16))) == pytest.approx(0.5, abs=0.01)
    assert kpis.bucket_for(quarter) == "week"


def test_export_command_writes_csv_and_json(data, tmp_path):
    import csv
    import json

    from django.core.management import call_command

    path = tmp_path / "march.csv"
    call_command(
        "advocacy_export_kpis", "--from", "2026-03-01", "--to", "2026-03-31", "--output", path
    )
    rows = {row[0]: row[1] for row in csv.reader(path.open()) if row}
    assert rows["shares"] == "5"
    assert rows["participation_rate"] == "0.6"
    assert rows["conversions_hire"] == "1"

    out = io.StringIO()
    call_command(
        "advocacy_export_kpis",
        "--from=2026-03-01",
        "--to=2026-03-31",
        "--format=json",
        "--department=Sales",
        "--daily",
        stdout=out,
    )
    document = json.loads(out.getvalue())
    assert document["filters"] == {"department": "Sales"}
    assert document["kpis"]["shares"] == 3
    assert len(document["daily"]) == 31


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--from", "2026-03-01"], "both --from and --to"),
        (["--from", "2026-03-31", "--to", "2026-03-01"], "on or after"),
        (["--campaign", "nope"], "No campaign"),
    ],
)
def test_export_command_refuses_bad_arguments(db, arguments, message):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=message):
        call_command("advocacy_export_kpis", *arguments)


def test_training_kpis_join_the_summary(data, root_page):
    from wagtail_advocacy.models import TrainingCompletion, TrainingIndexPage, TrainingModulePage

    index = root_page.add_child(instance=TrainingIndexPage(title="Training", slug="training"))
    module = index.add_child(
        instance=TrainingModulePage(title="Share as yourself", slug="yourself", summary="s")
    )
    a1 = data["link"].user
    TrainingCompletion.objects.create(
        user=a1,
        module=module,
        best_score=80,
        attempts=1,
        passed=True,
        first_passed_at=at(date(3, 12)),
    )
    result = kpis.summary(MARCH)
    # One of the five ambassadors passed a module in March; nobody took a quiz then.
    assert result["training_completion_rate"] == pytest.approx(1 / 5)
    assert result["average_quiz_score"] is None
    assert kpis.summary(MARCH, Filters(department="Engineering"))["training_completion_rate"] == 0
