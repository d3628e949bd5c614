"""The live check of a suggested post in the page editor, in a real browser.

Beside each suggested post's text: its count on the row's network, from the server's
counter, and the tone advice, updated as the editor types and when the network changes,
and shown as soon as the editor opens, for an editor reopening a draft and for a reviewer
opening a page from their workflow task.
"""

import re

from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from tests import factories
from wagtail_advocacy.models import ShareablePage
from wagtail_advocacy.sharing.models import sample_link

from .axe import blocking_violations
from .conftest import PASSWORD, log_in

ADVERT = "A REVOLUTIONARY opportunity!!! Join the game-changer team in Lyon."
CALM = "My team in Lyon is hiring two engineers: ask me anything about it."


def sharing_tab(page):
    page.get_by_role("tab", name="Sharing").click()


def advice_of(page, row):
    return page.locator(f"#id_suggested_posts-{row}-text-advice")


def count_of(page, row):
    return page.locator(f"#id_suggested_posts-{row}-text-count")


def test_editor_sees_count_and_advice_change_as_they_type(editor_page, hub):
    page = editor_page
    page.goto(f"/admin/pages/add/wagtail_advocacy/shareablepage/{hub.pk}/")
    sharing_tab(page)
    page.locator("#id_share_url").fill("https://www.example.com/jobs/lyon")
    page.get_by_role("button", name="Add suggested post").click()
    page.locator("#id_suggested_posts-0-network").select_option("x")
    text = page.locator("#id_suggested_posts-0-text")
    advice, count = advice_of(page, 0), count_of(page, 0)
    expect(advice).to_have_attribute("aria-live", "polite")

    text.press_sequentially("A REVOLUTIONARY opportunity!!! ", delay=5)
    text.press_sequentially("Join the game-changer team in Lyon.", delay=5)
    expect(advice).to_contain_text("Marketing words (game-changer, revolutionary)")
    expect(advice).to_contain_text("Stacked exclamation or question marks")
    # X's count: the text, a space and the tracked link (23 on X, whatever its length).
    expect(count).to_have_text(f"{len(ADVERT) + 1 + 23} / 280")
    expect(count).not_to_have_class(re.compile("error-message"))
    assert not ShareablePage.objects.exists()  # all of it before any save

    # Over the limit: the count says it in words, not only in red.
    text.press_sequentially(" Really." * 30, delay=0)
    over = len(ADVERT + " Really." * 30) + 1 + 23 - 280
    expect(count).to_have_text(f"{280 + over} / 280: {over} characters over the limit")
    expect(count).to_have_class(re.compile("error-message"))
    assert blocking_violations(page, context=".advocacy-post-check") == []

    # Another network counts against its own limit, at once.
    page.locator("#id_suggested_posts-0-network").select_option("linkedin")
    expect(count).to_have_text(re.compile(r"^\d+ / 3000$"))
    expect(count).not_to_have_class(re.compile("error-message"))

    # Advice that no longer applies goes away.
    text.fill(CALM)
    expect(advice).to_be_empty()
    # LinkedIn counts the tracked link in full (a sample as long as a real one).
    expect(count).to_have_text(f"{len(CALM) + 1 + len(sample_link())} / 3000")


def draft_with_an_advert(hub, editor):
    draft = factories.shareable_page(
        hub,
        title="Three jobs in Lyon",
        slug="three-jobs",
        live=False,
        share_url="",
        posts=[("linkedin", CALM), ("x", ADVERT)],
    )
    draft.save_revision(user=editor)
    return draft


def test_a_saved_draft_shows_the_advice_on_load(editor_page, editor, hub):
    draft = draft_with_an_advert(hub, editor)
    page = editor_page
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    sharing_tab(page)
    # No typing: the advice and the counts are there when the editor opens.
    expect(advice_of(page, 1)).to_contain_text("Marketing words (game-changer, revolutionary)")
    expect(count_of(page, 1)).to_have_text(f"{len(ADVERT)} / 280")
    expect(count_of(page, 0)).to_have_text(f"{len(CALM)} / 3000")
    expect(advice_of(page, 0)).to_be_empty()
    assert blocking_violations(page, context=".advocacy-post-check") == []


def test_failed_checks_are_asked_again_before_saying_it_is_unavailable(editor_page, editor, hub):
    draft = draft_with_an_advert(hub, editor)
    page = editor_page
    failures = {"left": 3}

    def flaky(route):
        # The first three checks fail on the server's side, the rest go through: both posts'
        # first checks, then one post's second, which a third attempt recovers.
        if failures["left"]:
            failures["left"] -= 1
            route.fulfill(status=500, body="<h1>Server Error</h1>", content_type="text/html")
        else:
            route.continue_()

    page.route("**/admin/advocacy/sharing/check-post/", flaky)
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    sharing_tab(page)
    expect(advice_of(page, 1)).to_contain_text("Marketing words (game-changer, revolutionary)")
    expect(advice_of(page, 0)).to_be_empty()
    expect(count_of(page, 0)).to_have_text(f"{len(CALM)} / 3000")
    assert failures["left"] == 0


def test_a_check_that_keeps_failing_says_the_save_will_check(editor_page, editor, hub):
    draft = draft_with_an_advert(hub, editor)
    page = editor_page
    page.route(
        "**/admin/advocacy/sharing/check-post/",
        lambda route: route.fulfill(status=503, body="", content_type="text/plain"),
    )
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    sharing_tab(page)
    # Three attempts, one then two seconds apart, before it gives up.
    expect(advice_of(page, 1)).to_have_text(
        "The live check is unavailable just now: the limit and the tone are checked again"
        " when you save.",
        timeout=15_000,
    )
    expect(count_of(page, 1)).to_be_hidden()


def test_a_reviewer_opening_the_page_from_their_task_sees_the_advice(
    new_context, editor, hub, transactional_db
):
    reviewers = Group.objects.create(name="Legal reviewers")
    reviewers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    task = GroupApprovalTask.objects.create(name="Legal review")
    task.groups.add(reviewers)
    workflow = Workflow.objects.create(name="Legal")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=hub)
    # The reviewer has no page permission: the task alone opens the editor to them.
    factories.user("lea", first_name="Léa", password=PASSWORD, groups=[reviewers])
    draft = draft_with_an_advert(hub, editor)
    workflow.start(draft, editor)

    page = log_in(new_context().new_page(), "lea")
    page.goto("/admin/")
    review = page.get_by_role("region", name="Awaiting your review")
    review.get_by_role("link", name="Three jobs in Lyon").first.click()
    page.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    sharing_tab(page)
    expect(advice_of(page, 1)).to_contain_text("Marketing words (game-changer, revolutionary)")
    expect(advice_of(page, 1)).to_contain_text("Stacked exclamation or question marks")
    expect(count_of(page, 1)).to_have_text(f"{len(ADVERT)} / 280")
