"""The share panel shows the disclosure of the page's campaign, which the share adds."""

from playwright.sync_api import expect

from wagtail_advocacy.core.models import ComplianceSettings


def test_the_panel_shows_the_campaigns_disclosure(employee_page, shareable, campaign):
    settings = ComplianceSettings.for_site(shareable.get_site())
    settings.disclosure = "#NorthwindTeam"
    settings.save()
    campaign.disclosure = "#ad"
    campaign.save()
    page = employee_page
    page.goto(shareable.url)
    panel = page.locator("[data-advocacy-share]")
    expect(panel.get_by_text("So is the disclosure “#ad”.")).to_be_visible()
    expect(panel.get_by_text("#NorthwindTeam")).to_have_count(0)


def test_the_editor_is_warned_of_a_blocked_word_as_they_type(editor_page, hub):
    settings = ComplianceSettings.for_site(hub.get_site())
    settings.blocked_words = "Project Falcon"
    settings.save()
    page = editor_page
    page.goto(f"/admin/pages/add/wagtail_advocacy/shareablepage/{hub.pk}/")
    page.get_by_role("tab", name="Sharing").click()
    page.get_by_role("button", name="Add suggested post").click()
    page.locator("#id_suggested_posts-0-network").select_option("linkedin")
    text = page.locator("#id_suggested_posts-0-text")
    advice = page.locator("#id_suggested_posts-0-text-advice")
    text.press_sequentially("So proud of project falcon", delay=5)
    expect(advice).to_contain_text("Compliance warning (it does not stop you saving):")
    expect(advice).to_contain_text("it contains the blocked word “Project Falcon”")
    text.fill("So proud of my team")
    expect(advice).to_be_empty()
