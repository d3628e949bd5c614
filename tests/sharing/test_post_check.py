"""The page editor's live check of a suggested post, and the tone warning after a save.

The check endpoint answers the count on the post's network (the save's counter, link and
disclosure included) and the tone advice, for editors and workflow reviewers only; bad
input is a 400 with its reason, never a 500. The warning after a save covers a draft and
a submission to a workflow, not Wagtail's autosave.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests import factories
from wagtail_advocacy.networks import count_x
from wagtail_advocacy.sharing.forms import CHECK_TEXT_LENGTH, suggested_post_error
from wagtail_advocacy.sharing.models import sample_link

CHECK_URL = "wagtail_advocacy_sharing:check_suggested_post"
ADVERT = "A REVOLUTIONARY office!!! A game-changer #a #b #c #d"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def check(client, **data):
    return client.post(reverse(CHECK_URL), data, **XHR)


def access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@pytest.fixture
def page_editor(root_page):
    """Admin access and "change" on the site's pages, nothing else."""
    group = Group.objects.create(name="Page editors")
    group.permissions.add(access_admin())
    GroupPagePermission.objects.create(
        group=group, page=root_page, permission=Permission.objects.get(codename="change_page")
    )
    return factories.user("pageeditor", groups=[group])


@pytest.fixture
def admin_only(db):
    """Admin access and no page permission at all (a dashboard reader, say)."""
    user = factories.user("adminonly")
    user.user_permissions.add(access_admin())
    return user


@pytest.fixture
def editor_client(client, page_editor):
    client.force_login(page_editor)
    return client


# Who may ask.


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    for response in (
        client.post(reverse(CHECK_URL), {"network": "x", "text": "Hello"}),
        check(client, network="x", text="Hello"),
    ):
        assert response.status_code == 302
        assert "/login/?next=" in response["Location"]


def test_employees_without_admin_access_are_refused(employee_client):
    assert check(employee_client, network="x", text="Hello").status_code == 403


def test_admin_users_who_cannot_edit_pages_are_refused_in_words(client, admin_only):
    client.force_login(admin_only)
    response = check(client, network="x", text="Hello")
    assert response.status_code == 403
    assert response.json() == {
        "error": "Only people who can edit or review pages can check suggested posts."
    }


def test_editors_of_pages_may_check(editor_client):
    response = check(editor_client, network="x", text="Hello")
    assert response.status_code == 200
    assert response.json()["count"] == 5


def test_a_workflow_reviewer_may_check_while_a_page_awaits_them(
    client, hub, admin_only, superuser
):
    reviewers = Group.objects.create(name="Reviewers")
    admin_only.groups.add(reviewers)
    task = GroupApprovalTask.objects.create(name="Legal review")
    task.groups.add(reviewers)
    workflow = Workflow.objects.create(name="Legal")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=hub)
    draft = factories.shareable_page(hub, live=False, posts=[("linkedin", ADVERT)])
    client.force_login(admin_only)
    assert check(client, network="x", text="Hello").status_code == 403

    draft.save_revision(user=superuser)
    workflow.start(draft, superuser)
    assert check(client, network="x", text="Hello").status_code == 200
    # The editor view they open is the one the live check runs in.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert edit.status_code == 200
    assert 'data-controller="advocacy-post-check"' in edit.content.decode()


def test_only_post_is_answered(editor_client):
    assert editor_client.get(reverse(CHECK_URL), {"text": "Hello"}).status_code == 405


# Bad input.


def test_an_unknown_network_is_a_400_with_its_reason(editor_client):
    response = check(editor_client, network="myspace", text="Hello")
    assert response.status_code == 400
    assert response.json() == {"error": "Unknown network: choose one of the networks in the list."}


def test_a_text_too_long_to_check_is_a_400_with_its_reason(editor_client):
    response = check(editor_client, network="facebook", text="a" * (CHECK_TEXT_LENGTH + 1))
    assert response.status_code == 400
    assert response.json()["error"] == (
        f"This text is too long to check: at most {CHECK_TEXT_LENGTH} characters "
        f"(it has {CHECK_TEXT_LENGTH + 1})."
    )


def test_a_null_character_is_a_400_not_a_500(editor_client):
    response = check(editor_client, network="x", text="a\x00b")
    assert response.status_code == 400
    assert response.json()["error"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    network=st.one_of(st.sampled_from(["", "x", "bluesky", "mastodon", "copy"]), st.text()),
    text=st.text(max_size=400),
    has_link=st.sampled_from(["", "true", "false", "on", "2", "\x00"]),
)
def test_hostile_input_never_fails_the_server(editor_client, network, text, has_link):
    response = check(editor_client, network=network, text=text, has_link=has_link)
    assert response.status_code in (200, 400), response.status_code
    assert response["Content-Type"] == "application/json"


# What it answers.


def test_x_counts_with_its_weighted_counter_and_the_tracked_link(editor_client):
    text = "Lyon 日本 🎉 https://example.com/a/very/long/path/that/x/shortens"
    data = check(editor_client, network="x", text=text, has_link="true").json()
    assert data["count"] == count_x(f"{text} {sample_link()}")
    # CJK and the emoji count double, each link 23, whatever its length.
    assert data["count"] == len("Lyon ") + 4 + 1 + 2 + 1 + 23 + 1 + 23
    assert (data["limit"], data["over"]) == (280, False)
    assert data["label"] == f"{data['count']} / 280"
    without_link = check(editor_client, network="x", text=text, has_link="false").json()
    assert without_link["count"] == data["count"] - 24


def test_over_the_limit_says_by_how_much_as_the_save_does(editor_client):
    # 257 letters + a space + the link (23 on X) = 281: one over, as the save says.
    data = check(editor_client, network="x", text="a" * 257, has_link="true").json()
    assert (data["count"], data["limit"], data["over"]) == (281, 280, True)
    assert data["label"] == "281 / 280: 1 character over the limit"
    assert "this post is 1 over" in suggested_post_error("x", "a" * 257, has_link=True)
    fits = check(editor_client, network="x", text="a" * 256, has_link="true").json()
    assert (fits["count"], fits["over"], fits["label"]) == (280, False, "280 / 280")


def test_the_disclosure_is_counted(editor_client, settings):
    settings.WAGTAIL_ADVOCACY_DISCLOSURE = "#employee"
    data = check(editor_client, network="linkedin", text="We moved").json()
    assert data["count"] == len("We moved #employee")


def test_a_network_without_limit_counts_in_words(editor_client):
    data = check(editor_client, network="whatsapp", text="We moved").json()
    assert (data["count"], data["limit"], data["over"]) == (8, None, False)
    assert data["label"] == "8 characters"


def test_buzzwords_get_advice_whatever_the_network(editor_client):
    data = check(editor_client, network="linkedin", text=ADVERT).json()
    buzz, hashtags, capitals, marks = data["advice"]
    assert "game-changer" in buzz and "revolutionary" in buzz
    assert "4 hashtags" in hashtags
    assert "REVOLUTIONARY" in capitals
    assert "exclamation" in marks
    # A new row has no network yet: the tone is advised, nothing is counted.
    data = check(editor_client, network="", text="A revolutionary office").json()
    assert (data["count"], data["label"]) == (None, "")
    assert len(data["advice"]) == 1


def test_a_post_that_reads_well_gets_no_advice(editor_client):
    data = check(editor_client, network="x", text="My team moved to Lyon, come and see").json()
    assert data["advice"] == []


# The editor.


def test_each_suggested_post_text_carries_the_live_check(admin_client_, hub):
    page = factories.shareable_page(hub, live=False, posts=[("x", ADVERT)])
    content = admin_client_.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    content = content.decode()
    assert "wagtail_advocacy/js/post-check.js" in content
    assert f'data-advocacy-post-check-url-value="{reverse(CHECK_URL)}"' in content
    assert 'id="id_suggested_posts-0-text-advice"' in content
    assert 'aria-live="polite"' in content
    described = content[content.index('id="id_suggested_posts-0-text"') - 400 :]
    described = described[: described.index("</textarea>")]
    assert "id_suggested_posts-0-text-count id_suggested_posts-0-text-advice" in described
    # The empty row an editor adds has it too.
    assert "id_suggested_posts-__prefix__-text-advice" in content


# The warning after a save.


def edit_form(page, action=None, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([]),
        "content_format": "news",
        "share_url": page.share_url,
        "campaign": "",
        "tags": "",
        "share_until": "",
        "suggested_posts": inline_formset([{"network": "linkedin", "text": ADVERT}]),
        "comments": inline_formset([]),
    }
    if action:
        data[action] = action
    data.update(overrides)
    return nested_form_data(data)


def warnings_after(response):
    return [str(m) for m in response.context["messages"] if "Suggested post for" in str(m)]


@pytest.fixture
def draft(hub):
    return factories.shareable_page(hub, live=False, posts=())


def test_saving_a_draft_warns_about_the_tone(admin_client_, draft):
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = admin_client_.post(url, edit_form(draft), follow=True)
    (warning,) = warnings_after(response)
    assert "Suggested post for LinkedIn" in warning and "revolutionary" in warning
    draft.refresh_from_db()
    assert not draft.live


def test_saving_a_draft_of_a_live_page_warns_about_the_draft_s_posts(admin_client_, hub):
    page = factories.shareable_page(hub, posts=[("linkedin", "We moved to Lyon")])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client_.post(url, edit_form(page), follow=True)
    (warning,) = warnings_after(response)
    assert "revolutionary" in warning


def test_submitting_for_moderation_warns_about_the_tone(admin_client_, draft):
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = admin_client_.post(url, edit_form(draft, "action-submit"), follow=True)
    (warning,) = warnings_after(response)
    assert "exclamation" in warning
    draft.refresh_from_db()
    assert draft.current_workflow_state is not None


def test_creating_and_submitting_warns_about_the_tone(admin_client_, hub):
    url = reverse("wagtailadmin_pages:add", args=["wagtail_advocacy", "shareablepage", hub.pk])
    page = SimpleNamespace(title="New", slug="new", summary="New.", share_url="")
    response = admin_client_.post(url, edit_form(page, "action-submit"), follow=True)
    (warning,) = warnings_after(response)
    assert "4 hashtags" in warning


def test_an_autosave_queues_no_warning(admin_client_, draft):
    """Wagtail's autosave asks for JSON: the live check shows the advice, and a warning
    per autosave would pile up for the next page the editor opens."""
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    admin_client_.post(url, edit_form(draft), HTTP_ACCEPT="application/json")
    response = admin_client_.get(url)
    assert warnings_after(response) == []
