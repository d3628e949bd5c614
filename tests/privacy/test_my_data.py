"""An employee's "My data" page and download: their data, part by part, and nobody else's."""

import csv
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from wagtail_advocacy.recognition.services import send_kudos

MY_DATA = reverse("wagtail_advocacy:my_data")
DOWNLOAD = reverse("wagtail_advocacy:my_data_download")


def archive_of(client) -> zipfile.ZipFile:
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="my-advocacy-data-')
    return zipfile.ZipFile(io.BytesIO(response.content))


def rows(archive, name):
    return json.loads(archive.read(name))


def test_the_page_says_what_is_kept_in_plain_words(employee_client, employee, page):
    factories.ambassador(employee, department="Sales")
    factories.share(employee, page)
    text = employee_client.get(MY_DATA).content.decode()
    assert "Shares and links" in text
    assert "which is how the program counts the reach of your shares" in text
    assert "<code>shares</code></th><td>1</td>" in text
    assert reverse("wagtail_advocacy:my_data_download") in text
    assert reverse("wagtail_advocacy:ambassador_leave") in text


def test_the_download_holds_the_persons_data_and_nobody_elses(
    employee_client, employee, other_employee, page
):
    factories.ambassador(employee, department="Sales")
    factories.share(employee, page, "linkedin")
    factories.share(other_employee, page, "x")
    archive = archive_of(employee_client)
    names = set(archive.namelist())
    assert {"README.txt", "sharing/shares.json", "sharing/shares.csv"} <= names
    assert {"profile/profile.json", "recognition/points.json"} <= names
    shares = rows(archive, "sharing/shares.json")
    assert [(row["page"], row["network"]) for row in shares] == [(page.title, "linkedin")]
    assert rows(archive, "profile/profile.json")[0]["department"] == "Sales"
    everything = b"".join(archive.read(name) for name in names).decode("utf-8-sig")
    assert other_employee.username not in everything
    readme = archive.read("README.txt").decode()
    assert "sharing/ — Shares and links" in readme
    assert "shares: 1 row\n" in readme and "kudos_sent: 0 rows" in readme


def test_spreadsheet_formulas_in_the_csv_files_are_neutralised(
    employee_client, employee, other_employee
):
    factories.ambassador(employee, **factories.VISIBLE)
    factories.ambassador(other_employee)
    send_kudos(other_employee, employee, '=HYPERLINK("https://evil.example")')
    archive = archive_of(employee_client)
    table = archive.read("recognition/kudos_received.csv").decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(table)))
    assert row[header.index("message")] == '\'=HYPERLINK("https://evil.example")'
    # The JSON keeps the text as it was written.
    kudos = rows(archive, "recognition/kudos_received.json")
    assert kudos[0]["message"] == '=HYPERLINK("https://evil.example")'


def test_someone_the_program_knows_nothing_about_is_told_so(client, db):
    client.force_login(factories.user("newcomer"))
    text = client.get(MY_DATA).content.decode()
    assert "Nothing is kept about you here." in text
    assert "The program holds nothing about you that could be erased." in text
    assert reverse("wagtail_advocacy:ambassador_leave") not in text
    archive = archive_of(client)
    assert rows(archive, "sharing/shares.json") == []


def test_a_colleague_who_shared_without_joining_is_offered_the_erasure(
    employee_client, employee, page
):
    factories.share(employee, page)
    text = employee_client.get(MY_DATA).content.decode()
    assert reverse("wagtail_advocacy:ambassador_leave") in text


@pytest.mark.parametrize("url", [MY_DATA, DOWNLOAD])
def test_only_reading_is_allowed(employee_client, url):
    assert employee_client.post(url).status_code == 405


def test_the_page_and_the_download_ask_the_same_queries_however_much_is_kept(
    employee_client, employee, make_page, django_assert_max_num_queries
):
    factories.ambassador(employee)
    factories.share(employee, make_page(title="First"))
    with CaptureQueriesContext(connection) as page_queries:
        employee_client.get(MY_DATA)
    with CaptureQueriesContext(connection) as download_queries:
        employee_client.get(DOWNLOAD)
    for number in range(5):
        factories.share(employee, make_page(title=f"More {number}"), "x")
    with django_assert_max_num_queries(len(page_queries)):
        employee_client.get(MY_DATA)
    with django_assert_max_num_queries(len(download_queries)):
        employee_client.get(DOWNLOAD)


def test_a_colleague_who_only_took_a_training_is_offered_the_erasure(client, db, root_page):
    from wagtail_advocacy.training.services import mark_lesson_read

    colleague = factories.user("learner")
    module = factories.training_module(factories.training_index(root_page))
    mark_lesson_read(colleague, module, module.lessons[0].id)
    client.force_login(colleague)
    text = client.get(MY_DATA).content.decode()
    assert reverse("wagtail_advocacy:ambassador_leave") in text
    assert client.get(reverse("wagtail_advocacy:ambassador_leave")).status_code == 200
