"""Report exports: numbers are numbers in XLSX, and CSV has the figures of the screen."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from wagtail_advocacy.core.exports import Rounded, export_number

from .conftest import at, date

MARCH = "period=custom&start=2026-03-01&end=2026-03-31"


@pytest.fixture
def uneven(data, events):
    """X in March: a1's share of the video and two more, 1 + 10 clicks: 11 / 3 = 3.67."""
    user = events.ambassador(department="Sales")
    link = events.share(user, data["video"], at(date(3, 12)), "x")
    events.share(user, data["video"], at(date(3, 13)), "x")
    events.click(link, at(date(3, 15)), count=10)
    return data


def export(client, name, fmt):
    response = client.get(reverse(f"wagtail_advocacy_admin:{name}") + f"?{MARCH}&export={fmt}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode())))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("name", ["network_report", "content_report"])
def test_clicks_per_share_is_a_number_in_xlsx_and_two_decimals_in_csv(
    analyst_client, uneven, name
):
    rows = export(analyst_client, name, "xlsx")
    column = rows[0].index("Clicks per share")
    values = [row[column] for row in rows[1:]]
    assert values and all(isinstance(v, (int, float)) for v in values)
    assert all(round(v, 2) == v for v in values)

    rows = export(analyst_client, name, "csv")
    column = rows[0].index("Clicks per share")
    values = [row[column] for row in rows[1:]]
    assert all(len(v.split(".")[1]) == 2 for v in values), values
    screen = analyst_client.get(reverse(f"wagtail_advocacy_admin:{name}") + f"?{MARCH}")
    for value in values:
        assert value in screen.content.decode()
    assert "3.67" in values or name == "content_report"


def test_rounding_is_half_up_and_scales():
    assert export_number(4.739130434782608, Rounded(), "csv") == "4.74"
    assert export_number(4.739130434782608, Rounded(), "xlsx") == 4.74
    assert export_number(2 / 3, Rounded(scale=100, places=0), "csv") == "67"
    assert export_number(2 / 3, Rounded(scale=100, places=0), "xlsx") == 67
    assert export_number(0.125, Rounded(), "csv") == "0.13"
    assert export_number(None, Rounded(), "csv") is None
    assert export_number("", Rounded(), "xlsx") == ""
