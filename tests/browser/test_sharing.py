"""Sharing through the real share panel: the employee's flow, the visitor's click, no-JS
and keyboard-only sharing."""

import re
from urllib.parse import parse_qs, urlsplit

from tests import factories
from wagtail_advocacy.models import LinkClick, ShareEvent, TrackedLink

TRACKED = re.compile(r"http://localhost:\d+/advocacy/go/[A-Za-z0-9_-]+/")


def linkedin_text(url):
    """The text LinkedIn's composer is opened with."""
    assert url.startswith("https://www.linkedin.com/feed/"), url
    return parse_qs(urlsplit(url).query)["text"][0]


def test_employee_edits_shares_to_linkedin_and_copies_text(
    context, employee_page, employee, shareable, live_server
):
    page = employee_page
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    page.goto("/share/")
    page.get_by_role("link", name="Our Lyon team is hiring").first.click()
    page.wait_for_url(f"**{shareable.url}")

    panel = page.locator("[data-advocacy-share]")
    counter = panel.locator("#advocacy-counter")
    assert panel.get_by_label("LinkedIn").is_checked()
    before = counter.inner_text()
    assert before.endswith("/ 3000")

    text = "Proud of my team: we are hiring three engineers in Lyon, ask me anything."
    panel.get_by_label("Your post").fill(text)
    counter_value = counter.inner_text()
    assert counter_value != before and counter_value.endswith("/ 3000")
    # The text, a space and a tracked link as long as the real one (23 or more characters).
    assert int(counter_value.split(" / ")[0]) > len(text) + 23

    with context.expect_page() as popup_info:
        panel.get_by_role("button", name="Share").click()
    popup = popup_info.value
    popup.wait_for_url(re.compile(r"^https://www\.linkedin\.com/"))
    shared = linkedin_text(popup.url)
    assert shared.startswith(text)
    link = TrackedLink.objects.get(user=employee, network="linkedin")
    assert TRACKED.search(shared).group(0) == f"{live_server.url}/advocacy/go/{link.token}/"
    event = ShareEvent.objects.get(network="linkedin")
    assert event.link == link and event.personalised
    popup.close()
    assert "Thanks for sharing" in panel.locator("[data-status]").inner_text()

    # "Copy text": no composer, the text and the tracked link go to the clipboard.
    panel.get_by_label("Copy text").check()
    panel.get_by_label("Your post").fill("Lyon friends, this one is for you.")
    panel.get_by_role("button", name="Share").click()
    status = panel.locator("[data-status]")
    status.get_by_text("Your text is copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Lyon friends, this one is for you.")
    copy_link = TrackedLink.objects.get(network="copy")
    assert f"/advocacy/go/{copy_link.token}/" in copied
    assert ShareEvent.objects.count() == 2


def test_visitor_follows_tracked_link_and_is_counted_once(new_context, employee, shareable):
    result = factories.share(employee, shareable, "linkedin")
    assert TRACKED.fullmatch(result.tracked_url)

    visitor = new_context().new_page()
    visitor.goto(result.tracked_url)
    landed = urlsplit(visitor.url)
    assert landed.path == "/accounts/login/"  # the page's public URL, on the live server
    query = parse_qs(landed.query)
    assert query["from"] == ["share"]
    assert query["utm_source"] == ["linkedin"]
    assert query["utm_medium"] == ["employee_advocacy"]
    assert query["utm_campaign"] == ["we-are-hiring"]
    assert query["utm_content"] == [result.link.token]
    visitor.wait_for_load_state("networkidle")
    assert LinkClick.objects.filter(link=result.link).count() == 1
    assert LinkClick.objects.get(link=result.link).is_unique

    # The same visitor again: a click, not a second unique visitor.
    visitor.goto(result.tracked_url)
    visitor.wait_for_load_state("networkidle")
    assert LinkClick.objects.filter(link=result.link).count() == 2
    assert LinkClick.objects.filter(link=result.link, is_unique=True).count() == 1


def test_share_without_javascript_is_recorded(new_context, employee, shareable):
    from tests.browser.conftest import log_in

    page = log_in(new_context(java_script_enabled=False).new_page(), "alice")
    page.goto(shareable.url)
    panel = page.locator("[data-advocacy-share]")
    # Without share.js the "Use this text" buttons stay hidden and nothing is counted live.
    assert panel.get_by_role("button", name="Use this text").count() == 0
    panel.get_by_label("X", exact=True).check()
    panel.get_by_label("Your post").fill("Lyon is hiring, come and work with me")
    panel.get_by_role("button", name="Share").click()
    # The server redirects to X's composer (answered locally by the test browser).
    page.wait_for_url(re.compile(r"^https://(x|twitter)\.com/"))
    assert "Lyon is hiring" in parse_qs(urlsplit(page.url).query)["text"][0]
    event = ShareEvent.objects.get()
    assert (event.user, event.network, event.page_id) == (employee, "x", shareable.pk)


def test_keyboard_only_sharing(context, employee_page, shareable):
    page = employee_page
    page.goto(shareable.url)
    page.locator("#advocacy-counter").filter(has_text="/").wait_for()

    def focused():
        return page.evaluate(
            "(() => { const e = document.activeElement;"
            " return [e.tagName, e.name || '', e.value || '', e.type || '', e.textContent]; })()"
        )

    def tab_to(predicate, limit=60):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if predicate(*focused()):
                return
        raise AssertionError(f"Tab never reached the element; focus is on {focused()}")

    tab_to(lambda tag, name, *_: tag == "INPUT" and name == "network")
    assert focused()[2] == "linkedin"
    page.keyboard.press("ArrowRight")  # the next network of the group: X
    assert focused()[2] == "x"
    assert page.get_by_label("X", exact=True).is_checked()

    tab_to(lambda tag, name, *_: tag == "TEXTAREA" and name == "text")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Typed with the keyboard: Lyon is hiring")
    assert page.locator("#advocacy-counter").inner_text().endswith("/ 280")

    tab_to(lambda tag, name, value, kind, text: tag == "BUTTON" and text.strip() == "Share")
    with context.expect_page() as popup_info:
        page.keyboard.press("Enter")
    popup = popup_info.value
    popup.wait_for_url(re.compile(r"^https://(x|twitter)\.com/"))
    event = ShareEvent.objects.get()
    assert (event.network, event.personalised) == ("x", True)
    popup.close()

    # Space on the focused Share button shares again, still without the mouse.
    page.bring_to_front()
    assert focused()[0] == "BUTTON"
    with context.expect_page() as popup_info:
        page.keyboard.press("Space")
    popup_info.value.wait_for_url(re.compile(r"^https://(x|twitter)\.com/"))
    assert ShareEvent.objects.filter(network="x").count() == 2
