"""The share panel explains the company's limits on sharing instead of offering to share."""

from playwright.sync_api import expect

from tests import factories
from tests.browser.axe import blocking_violations
from wagtail_advocacy.core.models import ComplianceSettings
from wagtail_advocacy.models import ShareEvent


def test_the_panel_says_the_days_shares_are_used_up(employee_page, employee, shareable):
    settings = ComplianceSettings.for_site(shareable.get_site())
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


def test_a_blocked_word_is_named_where_the_employee_writes(context, employee_page, shareable):
    settings = ComplianceSettings.for_site(shareable.get_site())
    settings.blocked_words = "Project Falcon"
    settings.save()
    page = employee_page
    page.goto(shareable.url)
    panel = page.locator("[data-advocacy-share]")
    panel.get_by_label("Your post").fill("So proud of PROJECT FALCON, we are hiring!")
    with context.expect_page() as popup:  # opened at the click, closed on the refusal
        panel.get_by_role("button", name="Share").click()
    popup.value.wait_for_event("close")
    expect(panel.locator("[data-status]")).to_have_text(
        "Your text contains “Project Falcon”, which your company asks not to share. "
        "Remove it and share again."
    )
    assert not ShareEvent.objects.exists()
    # Taken out, the post is shared.
    panel.get_by_label("Your post").fill("So proud of my team, we are hiring!")
    with context.expect_page():
        panel.get_by_role("button", name="Share").click()
    expect(panel.locator("[data-status]")).to_contain_text("Thanks for sharing")
