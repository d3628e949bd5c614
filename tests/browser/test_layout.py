"""Layout a person sees: on a phone (390 px wide) and in the admin dashboard."""

import re

import pytest

from tests import factories
from tests.browser.axe import blocking_violations
from tests.browser.conftest import log_in

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture
def phone_page(new_context, employee):
    return log_in(new_context(**PHONE).new_page(), "alice")


def page_scrolls_sideways(page):
    return page.evaluate(
        "document.scrollingElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_the_leaderboard_scrolls_inside_its_box_on_a_phone(phone_page, employee):
    for number in range(1, 4):
        colleague = factories.user(f"colleague{number}", first_name=f"Colleague {number:02}")
        factories.ambassador(colleague, department="Sales", **factories.VISIBLE)
        factories.points(colleague, 10 * number)
    factories.points(employee, 50)
    page = phone_page
    page.goto("/advocacy/leaderboard/")
    region = page.get_by_role("region", name="Ranking")
    region.wait_for()
    assert not page_scrolls_sideways(page)  # the table scrolls, not the page
    kudos = region.get_by_role("link", name="Send kudos to Colleague 03")
    box = region.bounding_box()
    assert kudos.bounding_box()["x"] >= box["x"] + box["width"]  # out of view at first

    # A keyboard user reaches the box with Tab and scrolls it with the arrow keys.
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    # Arrow keys scroll smoothly: wait for the end of the table.
    region.evaluate(
        """box => new Promise(done => {
          const end = () => box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
          const wait = () => (end() ? done() : requestAnimationFrame(wait));
          wait();
        })"""
    )
    link = kudos.bounding_box()
    assert link["x"] + link["width"] <= box["x"] + box["width"] + 1
    assert blocking_violations(page) == []


def test_my_impact_has_one_navigation_and_its_ledger_scrolls(phone_page, employee):
    factories.points(employee, 20, note="A suggestion with a rather long explanation")
    page = phone_page
    page.goto("/advocacy/impact/")
    page.get_by_role("heading", name="My impact", exact=True).wait_for()
    navigations = page.get_by_role("navigation").filter(
        has=page.get_by_role("link", name="Leaderboard")
    )
    assert navigations.count() == 1
    assert navigations.get_by_role("link", name="My impact").get_attribute("aria-current") == (
        "page"
    )
    page.get_by_role("region", name="Your latest points, newest first").wait_for()
    assert not page_scrolls_sideways(page)
    assert blocking_violations(page) == []


def test_quiz_choices_keep_one_size_when_their_label_wraps(phone_page):
    long = "An answer long enough to wrap onto a second line on a phone screen"
    module = factories.training_module(
        factories.training_index(),
        title="Sharing well",
        slug="sharing-well",
        quiz=[
            factories.question("Pick one", "single", ["Short", long, "Yes"], {0}, "Because."),
            factories.question("Pick some", "multiple", [long, "No", long + "!"], {1}, "So."),
        ],
    )
    page = phone_page
    page.goto(f"{module.url}?quiz=1#quiz")
    page.get_by_role("button", name="Submit my answers").wait_for()
    sizes = page.locator(".advocacy-choice__input").evaluate_all(
        "inputs => inputs.map(i => [i.type, i.getBoundingClientRect().width,"
        " i.getBoundingClientRect().height])"
    )
    labels = page.locator(".advocacy-choice__label").evaluate_all(
        "labels => labels.map(l => l.getClientRects().length > 0 && l.offsetHeight)"
    )
    assert max(labels) > 1.5 * min(labels)  # some labels do wrap at this width
    assert len(sizes) == 6
    assert len({(width, height) for _, width, height in sizes}) == 1, sizes


TEXT_LEFT = """element => {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect().left;
}"""


def test_the_share_panel_headings_line_up(employee_page, shareable):
    page = employee_page
    page.goto(shareable.url)
    panel = page.locator("[data-advocacy-share]")
    title = panel.get_by_role("heading", name="Share it in your own words").evaluate(TEXT_LEFT)
    legend = panel.locator(".advocacy-share__networks legend").evaluate(TEXT_LEFT)
    suggested = panel.get_by_text("Suggested posts", exact=True).evaluate(TEXT_LEFT)
    assert abs(legend - title) < 0.5, (legend, title)
    assert abs(suggested - title) < 0.5, (suggested, title)


def test_dashboard_charts_label_dates_for_people(editor_page, shareable, employee):
    factories.share(employee, shareable)
    page = editor_page
    page.goto("/admin/advocacy/dashboard/")
    canvas = page.locator("[data-advocacy-chart=timeline] canvas")
    canvas.wait_for()
    chart = canvas.evaluate(
        """canvas => {
          const chart = Chart.getChart(canvas);
          return {labels: chart.data.labels, rotation: chart.scales.x.labelRotation};
        }"""
    )
    assert chart["labels"] and not any(ISO_DATE.match(label) for label in chart["labels"])
    assert chart["rotation"] == 0

    # "Figures as a table" shows it can be opened: an arrow, which turns when it is.
    figure = page.locator("[data-advocacy-chart=timeline]")
    summary = figure.locator("summary")
    marker = summary.locator(".advocacy-chart__marker")
    assert marker.is_visible() and marker.bounding_box()["width"] >= 12
    assert summary.evaluate("s => getComputedStyle(s).cursor") == "pointer"
    closed = marker.evaluate("m => getComputedStyle(m).transform")
    summary.click()
    figure.get_by_role("columnheader", name="Date").wait_for()
    page.wait_for_function(
        "([m, before]) => getComputedStyle(m).transform !== before",
        arg=[marker.element_handle(), closed],
    )
    summary.focus()  # then from the keyboard, so that :focus-visible applies
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert summary.evaluate("s => s === document.activeElement")
    assert summary.evaluate("s => getComputedStyle(s).outlineStyle") == "solid"
