"""axe-core on the pages employees and editors use: no serious or critical violation."""

import pytest

from tests import factories
from tests.browser.axe import blocking_violations


@pytest.fixture
def module(transactional_db):
    return factories.training_module(
        factories.training_index(), title="Sharing well", slug="sharing-well"
    )


def test_share_hub_and_page(employee_page, shareable):
    page = employee_page
    page.goto("/share/")
    page.get_by_role("heading", name="Our Lyon team is hiring").wait_for()
    assert blocking_violations(page) == []

    page.goto(shareable.url)
    # The suggestions for other networks than the chosen one are greyed by share.js.
    page.locator(".advocacy-dim").first.wait_for()
    assert blocking_violations(page) == []


def test_training_module(employee_page, module):
    page = employee_page
    page.goto(module.url)
    page.get_by_role("heading", name="Sharing well", exact=True).wait_for()
    assert blocking_violations(page) == []
    page.goto(f"{module.url}?quiz=1#quiz")
    page.get_by_role("button", name="Submit my answers").wait_for()
    assert blocking_violations(page) == []


@pytest.mark.parametrize(
    "path,heading",
    [
        ("/advocacy/impact/", "My impact"),
        ("/advocacy/leaderboard/", "Leaderboard"),
        ("/advocacy/ambassador/profile/", None),
    ],
)
def test_employee_pages(employee_page, shareable, path, heading):
    factories.share(factories.user("bob"), shareable)
    page = employee_page
    page.goto(path)
    if heading:
        page.get_by_role("heading", name=heading).first.wait_for()
    assert page.locator("form").count() or heading
    assert blocking_violations(page) == []


def test_admin_dashboard(editor_page, shareable, employee):
    factories.share(employee, shareable)
    page = editor_page
    page.goto("/admin/advocacy/dashboard/")
    page.locator("[data-advocacy-chart] canvas").first.wait_for()
    assert blocking_violations(page) == []
