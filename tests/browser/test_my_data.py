"""An employee finds "My data" in their navigation, reads it and downloads it."""

import json
import zipfile

from playwright.sync_api import expect

from tests import factories
from tests.browser.axe import blocking_violations


def test_an_employee_reads_and_downloads_their_data(employee_page, employee, shareable, tmp_path):
    factories.share(employee, shareable)
    page = employee_page
    page.goto("/advocacy/ambassador/profile/")
    page.get_by_role("link", name="See and download my data").click()
    expect(page.get_by_role("heading", name="My data", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Shares and links")).to_be_visible()
    shares = page.get_by_role("row", name="shares")
    expect(shares.get_by_role("cell")).to_have_text("1")
    assert blocking_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download all my data").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("my-advocacy-data-") and saved.suffix == ".zip"
    with zipfile.ZipFile(saved) as archive:
        shared = json.loads(archive.read("sharing/shares.json"))
    assert [row["page"] for row in shared] == ["Our Lyon team is hiring"]
