"""The share panel explains the company's limits on sharing instead of offering to share."""

from playwright.sync_api import expect

from tests import factories
from tests.browser.axe import blocking_violations
from wagtail_advocacy.core.models import AdvocacySiteSettings


def test_the_panel_says_the_days_shares_are_used_up(employee_page, employee, shareable):
    settings = AdvocacySiteSettings.for_site(shareable.get_site())
    settings.daily_share_limit = 1
    settings.save()
    factories.share(employee, shareable)
    page = employee_page
    page.goto(shareable.url)
    expect(
        page.get_by_text("You have shared 1 time today, as many as your company")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Share")).to_have_count(0)
    assert blocking_violations(page) == []
