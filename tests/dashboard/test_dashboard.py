"""The KPI dashboard, its reports and the admin home panel, through the Wagtail admin."""

import csv
import datetime
import io
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from wagtail_advocacy.core.periods import Period
from wagtail_advocacy.dashboard import queries as dashboard
from wagtail_advocacy.models import Conversion
from wagtail_advocacy.stats.services import roll_up_everything

from .conftest import at, date

DASHBOARD = reverse("wagtail_advocacy_admin:dashboard")
MARCH = "period=custom&start=2026-03-01&end=2026-03-31"
REPORTS = ["content_report", "ambassador_report", "network_report", "campaign_report"]


@pytest.fixture
def editor_client(client, django_user_model):
    """Can use the admin, but was not given the dashboard permission."""
    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def text(response):
    return response.content.decode()


def test_without_the_permission_everything_is_refused_and_hidden(editor_client):
    assert editor_client.get(DASHBOARD).status_code == 403
    for name in REPORTS:
        assert editor_client.get(reverse(f"wagtail_advocacy_admin:{name}")).status_code == 403
    home = text(editor_client.get(reverse("wagtailadmin_home")))
    assert DASHBOARD not in home
    assert "Employee advocacy this month" not in home


def test_the_permission_is_grantable_in_the_group_editor(admin_client_):
    group = Group.objects.create(name="Analysts")
    page = text(admin_client_.get(reverse("wagtailusers_groups:edit", args=[group.pk])))
    assert "Can view advocacy dashboard" in page


def test_dashboard_shows_the_period_figures_and_insights(analyst_client, data):
    page = text(analyst_client.get(f"{DASHBOARD}?{MARCH}"))

    assert "From March 1, 2026 to March 31, 2026 (31 days)" in page
    assert '<p class="advocacy-kpi__value">5</p>' in page  # shares
    assert '<p class="advocacy-kpi__value">60 %</p>' in page  # participation
    assert '<p class="advocacy-kpi__value">1.40</p>' in page  # clicks per share
    assert '<p class="advocacy-kpi__value">800</p>' in page  # estimated reach
    assert "Articles earn 4.0× the clicks per share of videos" not in page  # too few shares
    assert "new pages per 100 ambassadors per week" not in page  # 4.5 is above 3.5
    # The charts' figures are also in tables, for screen readers and without JavaScript.
    assert "Figures as a table" in page
    assert 'id="advocacy-chart-data"' in page
    # Top ambassadors: a visible profile by name, nobody else identified.
    assert "Amb Number" in page


def test_too_few_hidden_people_in_a_selection_are_not_listed_at_all(
    analyst_client, data, settings
):
    """An "Anonymous ambassador" alone in a department would be recognised."""
    from wagtail_advocacy.models import AmbassadorProfile

    hidden = AmbassadorProfile.objects.filter(show_on_leaderboards=True).first()
    AmbassadorProfile.objects.filter(pk=hidden.pk).update(show_on_leaderboards=False)
    report_url = reverse("wagtail_advocacy_admin:ambassador_report") + f"?{MARCH}"

    settings.WAGTAIL_ADVOCACY_ANONYMITY_THRESHOLD = 5
    report = text(analyst_client.get(report_url))
    dashboard_page = text(analyst_client.get(f"{DASHBOARD}?{MARCH}"))
    assert "Anonymous ambassador" not in report
    assert "Anonymous ambassador" not in dashboard_page
    assert '<p class="advocacy-kpi__value">5</p>' in dashboard_page  # their shares still count

    settings.WAGTAIL_ADVOCACY_ANONYMITY_THRESHOLD = 1
    assert "Anonymous ambassador" in text(analyst_client.get(report_url))


def test_a_hidden_profile_is_anonymous_in_rankings(
    analyst_client, data, django_user_model, settings
):
    from wagtail_advocacy.models import AmbassadorProfile

    settings.WAGTAIL_ADVOCACY_ANONYMITY_THRESHOLD = 1  # list them even when few
    AmbassadorProfile.objects.update(show_on_leaderboards=False)
    page = text(analyst_client.get(f"{DASHBOARD}?{MARCH}"))
    assert "Amb Number" not in page
    assert "Anonymous ambassador" in page
    report = text(
        analyst_client.get(reverse("wagtail_advocacy_admin:ambassador_report") + f"?{MARCH}")
    )
    assert "Amb Number" not in report
    assert "outsider" not in report


def test_top_content_ranks_pages_as_the_content_report_does(analyst_client, data):
    march = Period.from_dates(date(3, 1), date(3, 31))

    def top():
        return [
            (r.pk, r.title, r.shares, r.clicks, r.unique_clicks, r.conversion_count)
            for r in dashboard.top_content(march)
        ]

    report = dashboard.content_performance(march).order_by("-clicks", "-shares", "title")
    expected = [
        (p.pk, p.title, p.shares, p.clicks, p.unique_clicks, p.conversion_count) for p in report
    ]
    assert [row[0] for row in expected] == [data["article"].pk, data["video"].pk]
    assert top() == expected  # from the raw events alone
    roll_up_everything(settle=datetime.timedelta(0))
    assert top() == expected  # from the daily statistics
    page = text(analyst_client.get(f"{DASHBOARD}?{MARCH}"))
    # The article: 3 shares and 6 clicks in March, 2.00 clicks per share.
    assert f"{data['article'].title}</a></td><td>3</td><td>6</td><td>2.00</td>" in page
    # A deleted page leaves the ranking (its figures stay in the totals).
    data["video"].delete()
    assert [row[0] for row in top()] == [data["article"].pk]


def test_campaign_filter_shows_targets_progress_and_pace(analyst_client, data):
    campaign = data["campaign"]
    page = text(analyst_client.get(f"{DASHBOARD}?period=last_30&campaign={campaign.pk}"))
    assert "Objective:" in page
    assert "Recruiting" in page
    assert "Shares: 100" in page
    # The fixture's campaign started 10 days ago and its shares are all from March.
    assert "advocacy-pace--behind" in page


def test_bad_filters_give_a_message_and_the_default_view(analyst_client, data):
    page = text(analyst_client.get(f"{DASHBOARD}?period=custom&start=2026-03-31&end=2026-03-01"))
    assert "The end date must be on or after the start date." in page
    assert "Showing the last 30 days instead." in page
    assert "(30 days)" in page


def test_dashboard_query_count_does_not_grow_with_data(analyst_client, data, events):
    with CaptureQueriesContext(connection) as small:
        analyst_client.get(f"{DASHBOARD}?{MARCH}")
    link = events.share(data["a4"], data["article"], at(date(3, 9)))
    for day in range(1, 29):
        events.share(data["a4"], data["video"], at(date(3, day)), "x")
        events.click(link, at(date(3, day)), count=35)
    with CaptureQueriesContext(connection) as large:
        response = analyst_client.get(f"{DASHBOARD}?{MARCH}")
    assert response.status_code == 200
    assert Conversion.objects.count() == 3
    assert len(large) <= len(small)


def test_the_dashboard_reads_the_watermarks_once_before_and_once_after(analyst_client, data):
    """Every figure of the page is read with the same watermarks: one read of them before
    and one after (to see that no roll-up moved them meanwhile), not two per figure."""
    with CaptureQueriesContext(connection) as queries:
        assert analyst_client.get(f"{DASHBOARD}?{MARCH}").status_code == 200
    marks = [q["sql"] for q in queries if "wagtail_advocacy_watermark" in q["sql"]]
    assert len(marks) == 2


@pytest.mark.parametrize("name", REPORTS)
def test_reports_run_a_constant_number_of_queries(
    analyst_client, data, events, name, django_assert_max_num_queries
):
    url = reverse(f"wagtail_advocacy_admin:{name}") + f"?{MARCH}"
    with CaptureQueriesContext(connection) as small:
        assert analyst_client.get(url).status_code == 200
    for _number in range(12):
        user = events.ambassador(department="Sales")
        link = events.share(user, data["article"], at(date(3, 10)))
        events.click(link, at(date(3, 11)), count=80)
    with django_assert_max_num_queries(len(small)):
        assert analyst_client.get(url).status_code == 200


def test_content_report_sorts_and_exports(analyst_client, data):
    url = reverse("wagtail_advocacy_admin:content_report")
    page = text(analyst_client.get(f"{url}?{MARCH}&ordering=-shares"))
    assert page.index(data["article"].title) < page.index(data["video"].title)

    export = analyst_client.get(f"{url}?{MARCH}&export=csv")
    assert export["Content-Type"].startswith("text/csv")
    assert "advocacy-content-2026-03-01-2026-03-31.csv" in export["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0] == [
        "Page",
        "Campaign",
        "Format",
        "Shares",
        "Clicks",
        "Unique clicks",
        "Clicks per share",
        "Conversions",
    ]
    article = next(row for row in rows if row[0] == data["article"].title)
    assert article[3:] == ["3", "6", "4", "2.00", "2"]

    xlsx = analyst_client.get(f"{url}?{MARCH}&export=xlsx")
    assert xlsx["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


def test_network_and_campaign_reports(analyst_client, data):
    networks = text(
        analyst_client.get(reverse("wagtail_advocacy_admin:network_report") + f"?{MARCH}")
    )
    assert networks.index("LinkedIn") < networks.index(">X<")
    campaigns = analyst_client.get(
        reverse("wagtail_advocacy_admin:campaign_report") + "?export=csv"
    )
    rows = list(csv.reader(io.StringIO(b"".join(campaigns.streaming_content).decode())))
    assert rows[1][0] == data["campaign"].name


def test_home_panel_shows_this_month(analyst_client):
    home = text(analyst_client.get(reverse("wagtailadmin_home")))
    assert "Employee advocacy this month" in home
    assert DASHBOARD in home


def test_hr_records_a_conversion_in_the_admin(admin_client_, data, superuser):
    link = data["link"]
    add = reverse("wagtailsnippets_wagtail_advocacy_conversion:add")
    form = {
        "link_token": f"https://go.example.com/advocacy/go/{link.token}/",
        "referrer_username": "",
        "kind": "hire",
        "value": "4000",
        "occurred_at": "2026-03-15 10:00",
        "note": "Cooptation bonus paid",
    }
    response = admin_client_.post(add, form)
    assert response.status_code == 302
    hire = Conversion.objects.get(note="Cooptation bonus paid")
    assert (hire.link, hire.recorded_by, hire.source) == (link, superuser, "admin")

    bad = admin_client_.post(add, {**form, "link_token": "nope", "note": "x"})
    assert "No tracked link has the token" in text(bad)
    nobody = admin_client_.post(add, {**form, "link_token": "", "note": "y"})
    assert "Give a tracked-link token or a referring employee." in text(nobody)
    assert not Conversion.objects.filter(note__in=["x", "y"]).exists()


def test_rankings_keep_rows_clicked_but_not_shared_with_zero_clicks_per_share(data):
    first_of_march = Period.from_dates(date(3, 1), date(3, 1))  # one click, no share
    pages = dashboard.content_performance(first_of_march).order_by("-clicks_per_share")
    assert [(p.pk, p.shares, p.clicks, p.unique_clicks, p.clicks_per_share) for p in pages] == [
        (data["article"].pk, 0, 1, 1, 0.0)
    ]
    people = dashboard.ambassador_performance(first_of_march)
    assert [(u.shares, u.networks, u.clicks, u.clicks_per_share) for u in people] == [
        (0, 0, 1, 0.0)
    ]
    # The fixture's campaign has had no share since it started.
    campaign = dashboard.campaign_results().get(pk=data["campaign"].pk)
    assert (campaign.shares, campaign.clicks_per_share) == (0, 0.0)


def test_conversions_list_runs_a_constant_number_of_queries(admin_client_, data, events):
    url = reverse("wagtailsnippets_wagtail_advocacy_conversion:list")
    with CaptureQueriesContext(connection) as small:
        assert admin_client_.get(url).status_code == 200
    for number in range(10):
        Conversion.objects.create(
            referrer=events.ambassador(),
            campaign=data["campaign"],
            kind="lead",
            occurred_at=at(date(3, 20)),
            source="admin",
            note=f"lead {number}",
        )
    with CaptureQueriesContext(connection) as large:
        assert admin_client_.get(url).status_code == 200
    assert len(large) <= len(small)


def selected_period(page):
    """The value of the period option the selector shows as chosen."""
    select = re.search(r'<select name="period"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="(\w*)"[^>]*\bselected\b', select)


@pytest.mark.parametrize("query", ["", "?campaign=", "?department=Sales"])
def test_the_period_selector_shows_the_period_reported(analyst_client, data, query):
    page = text(analyst_client.get(f"{DASHBOARD}{query}"))
    assert "(30 days)" in page
    assert selected_period(page) == ["last_30"]


def test_a_chosen_period_stays_selected(analyst_client, data):
    page = text(analyst_client.get(f"{DASHBOARD}?period=this_quarter"))
    assert selected_period(page) == ["this_quarter"]


@pytest.mark.parametrize("name", ["content_report", "ambassador_report", "network_report"])
def test_report_filters_name_their_choices(analyst_client, data, name):
    """Opened from the menu, a report's filter bar shows the period it reports and says
    what each empty choice means, never a row of dashes."""
    page = analyst_client.get(reverse(f"wagtail_advocacy_admin:{name}")).content.decode()
    assert "---------" not in page
    assert selected_period(page) == ["last_30"]
    for label in ("All campaigns", "All departments", "All networks", "All formats"):
        assert label in page


def report_rows(client, url):
    export = client.get(f"{url}&export=csv")
    return list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))[1:]


def test_content_report_lists_every_live_page_with_zeros(
    analyst_client, data, make_page, django_assert_max_num_queries
):
    url = reverse("wagtail_advocacy_admin:content_report") + f"?{MARCH}"
    quiet = make_page(title="Nobody shared this", content_format="news")
    draft = make_page(title="A draft")
    draft.unpublish()
    with CaptureQueriesContext(connection) as few:
        page = text(analyst_client.get(url))
    few = len(few)  # now: the log of queries is a bounded deque
    assert "Nobody shared this" in page
    assert "A draft" not in page
    rows = {row[0]: row for row in report_rows(analyst_client, url)}
    assert set(rows) == {data["article"].title, data["video"].title, quiet.title}
    assert rows[quiet.title][3:] == ["0", "0", "0", "0.00", "0"]

    for number in range(8):
        make_page(title=f"Also quiet {number}")
    with django_assert_max_num_queries(few):
        page = text(analyst_client.get(url))
    assert "Also quiet 7" in page


def test_content_report_page_filters_apply_to_the_quiet_pages(analyst_client, data, make_page):
    make_page(title="A quiet news item", content_format="news")
    url = reverse("wagtail_advocacy_admin:content_report") + f"?{MARCH}&content_format=video"
    assert [row[0] for row in report_rows(analyst_client, url)] == [data["video"].title]


def test_dashboard_and_glossary_agree_on_the_training_completion_rate(analyst_client, data):
    from pathlib import Path

    page = text(analyst_client.get(f"{DASHBOARD}?{MARCH}"))
    assert "out of all ambassadors in the program" in page
    glossary = (Path(__file__).parents[2] / "docs" / "kpis.md").read_text(encoding="utf-8")
    (row,) = [line for line in glossary.splitlines() if line.startswith("| Training completion")]
    assert "÷ all ambassadors in the program" in row
    assert "÷ active ambassadors." not in row


def chart_data_of(response):
    found = re.search(
        r'<script id="advocacy-chart-data" type="application/json">(.*?)</script>',
        text(response),
        re.S,
    )
    assert found, "no chart data"
    return json.loads(found.group(1))


def test_chart_dates_are_written_for_people_in_their_language(analyst_client, analyst, data):
    """The axis gets short dates in the reader's language, the tooltips full ones; the
    tables keep their own format."""
    charts = chart_data_of(analyst_client.get(f"{DASHBOARD}?{MARCH}"))["timeline"]
    assert len(charts["labels"]) == 31
    assert charts["labels"][:2] == ["1 March", "2 March"]
    assert charts["titles"][0] == "March 1, 2026"

    profile = UserProfile.get_for_user(analyst)
    profile.preferred_language = "fr"
    profile.save()
    response = analyst_client.get(f"{DASHBOARD}?period=custom&start=2026-06-29&end=2026-07-02")
    charts = chart_data_of(response)
    assert charts["timeline"]["labels"] == ["29 juin", "30 juin", "1 juil.", "2 juil."]
    assert charts["timeline"]["titles"][0] == "29 juin 2026"
    assert charts["labels"]["shares"] == "Partages"
    assert "<td>29 juin 2026</td>" in text(response)  # the table, as before


def test_chart_dates_across_two_years_carry_the_year(analyst_client, data):
    response = analyst_client.get(f"{DASHBOARD}?period=custom&start=2025-12-31&end=2026-01-01")
    assert chart_data_of(response)["timeline"]["labels"] == ["31 Dec. 2025", "1 Jan. 2026"]
