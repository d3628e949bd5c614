"""A member whose consent is for older terms opens a page to share, is asked to accept the
new terms, accepts them and shares."""

from playwright.sync_api import expect

from tests.browser.axe import blocking_violations
from wagtail_advocacy.models import ConsentRecord

NEW = "2027-03"


def test_a_member_accepts_changed_terms_from_the_share_panel_and_can_share(
    employee_page, employee, shareable, settings
):
    settings.WAGTAIL_ADVOCACY_CONSENT_VERSION = NEW  # Alice joined under "2026-11"
    page = employee_page
    page.goto(shareable.url)
    panel = page.locator("[data-advocacy-share]")
    expect(panel).to_contain_text("The ambassador program's terms have changed since you joined")
    expect(panel.get_by_role("button", name="Share")).to_have_count(0)

    panel.get_by_role("link", name="Read and accept the new terms").click()
    expect(
        page.get_by_role("heading", name="The ambassador program's terms", level=1)
    ).to_be_visible()
    expect(page.get_by_text(f"Version {NEW} of this text.")).to_be_visible()
    expect(page.get_by_role("link", name="Leave the program instead")).to_be_visible()
    assert blocking_violations(page) == []

    page.get_by_role("button", name="Accept the terms").click()
    page.wait_for_url(f"**{shareable.url}")
    expect(page.get_by_text("you accepted the program's current terms")).to_be_visible()
    expect(panel.get_by_role("button", name="Share")).to_be_visible()
    assert list(ConsentRecord.objects.filter(user=employee).values_list("version", "given")) == [
        ("2026-11", True),
        (NEW, True),
    ]
