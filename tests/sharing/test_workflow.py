"""The "Communication review" workflow (``advocacy_create_manager_group``): a shareable
page an editor submits is not on the hub until a program manager approves it, and the
manager reviewing it has the editor's live check of the suggested posts (counts, tone).
"""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests import factories
from wagtail_advocacy.models import ShareablePage

CHECK_URL = reverse("wagtail_advocacy_sharing:check_suggested_post")
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
TITLE = "Our new Lyon office"


def access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@pytest.fixture
def managers(hub):
    call_command("advocacy_create_manager_group", stdout=io.StringIO())
    return Group.objects.get(name="Advocacy program managers")


@pytest.fixture
def manager(managers):
    return factories.user("maya", groups=[managers])


@pytest.fixture
def writer(hub, managers):
    """Writes under the hub (add, change) but may not publish: their pages go to review."""
    group = Group.objects.create(name="Writers")
    group.permissions.add(access_admin())
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=hub, permission=Permission.objects.get(codename=codename)
        )
    return factories.user("wes", groups=[group])


def page_form(action):
    return nested_form_data(
        {
            "title": TITLE,
            "slug": "lyon-office",
            "summary": "We moved.",
            "body": streamfield([]),
            "content_format": "news",
            "share_url": "https://www.example.com/lyon",
            "campaign": "",
            "tags": "",
            "share_until": "",
            "suggested_posts": inline_formset(
                [{"network": "linkedin", "text": "We moved to Lyon, come and see us"}]
            ),
            "comments": inline_formset([]),
            action: action,
        }
    )


def submit(client, hub):
    url = reverse("wagtailadmin_pages:add", args=["wagtail_advocacy", "shareablepage", hub.pk])
    response = client.post(url, page_form("action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    return ShareablePage.objects.get(slug="lyon-office")


def on_the_hub(hub, employee):
    """Whether ``employee`` finds the page on the hub (their own browser: no messages
    left from the admin)."""
    browser = Client()
    browser.force_login(employee)
    listed = TITLE in browser.get(hub.url).content.decode()
    opens = browser.get(ShareablePage.objects.get(title=TITLE).url).status_code == 200
    assert listed == opens
    return listed


def approve_url(page):
    task_state = page.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def test_a_submitted_page_is_on_the_hub_only_once_a_manager_approves_it(
    client, hub, writer, manager, employee
):
    client.force_login(writer)
    page = submit(client, hub)
    assert not page.live
    state = page.current_workflow_state
    assert state.workflow.name == "Communication review"
    assert state.current_task_state.task.name == "Communication review"
    assert not on_the_hub(hub, employee)

    # The writer cannot approve their own page: the managers are the reviewers.
    client.force_login(writer)
    client.post(approve_url(page), {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    assert not on_the_hub(hub, employee)

    client.force_login(manager)
    response = client.post(approve_url(page), {"comment": "Good to go"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    assert on_the_hub(hub, employee)


def test_the_manager_reviewing_a_page_has_the_live_check(client, hub, writer, manager):
    client.force_login(writer)
    page = submit(client, hub)
    client.force_login(manager)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-controller="advocacy-post-check"' in edit
    assert "Approve" in edit
    response = client.post(
        CHECK_URL, {"network": "x", "text": "A REVOLUTIONARY office!!!", "has_link": "1"}, **XHR
    )
    assert response.status_code == 200
    body = response.json()
    assert body["limit"] == 280 and body["advice"]


def test_a_reviewer_with_no_page_permission_has_the_live_check_while_a_page_awaits(
    client, hub, writer, managers
):
    """A group added to the task's reviewers, with no page permission of its own: the
    check opens while a page awaits them, not before."""
    reviewers = Group.objects.create(name="Reviewers only")
    reviewers.permissions.add(access_admin())
    GroupApprovalTask.objects.get(name="Communication review").groups.add(reviewers)
    reviewer = factories.user("rita", groups=[reviewers])
    client.force_login(reviewer)
    assert client.post(CHECK_URL, {"network": "x", "text": "Hello"}, **XHR).status_code == 403
    client.force_login(writer)
    submit(client, hub)
    client.force_login(reviewer)
    assert client.post(CHECK_URL, {"network": "x", "text": "Hello"}, **XHR).status_code == 200
