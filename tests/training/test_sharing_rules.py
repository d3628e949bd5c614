"""Training meets sharing: modules required before sharing, and post templates in the share
panel, filled in for the employee."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from tests import factories
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.models import (
    AdvocacySiteSettings,
    AmbassadorProfile,
    PostTemplate,
    ShareablePage,
    ShareEvent,
)
from wagtail_advocacy.training.rules import matching_post_templates
from wagtail_advocacy.training.services import submit_quiz

from .conftest import all_right

JSON = {"HTTP_ACCEPT": "application/json"}


def share(client, page, text="I helped build this", network="linkedin"):
    url = reverse("wagtail_advocacy:share", args=[page.pk])
    return client.post(url, {"network": network, "text": text}, **JSON)


# Required before sharing.


@pytest.fixture
def required(make_module):
    return make_module(title="Share as yourself", required_before_sharing=True)


def test_a_required_module_blocks_sharing_until_passed(employee_client, employee, page, required):
    response = share(employee_client, page)
    assert response.status_code == 403
    assert response.json()["error"] == (
        "Pass the training module “Share as yourself” before you share."
    )
    assert not ShareEvent.objects.exists()

    content = employee_client.get(page.url).content.decode()
    # The panel shows the very words the share endpoint answers with.
    assert "Pass the training module “Share as yourself” before you share." in content
    assert f'href="{required.url}"' in content
    assert 'name="network"' not in content  # no share buttons

    submit_quiz(employee, required, all_right(required))
    assert share(employee_client, page).status_code == 200
    assert 'name="network"' in employee_client.get(page.url).content.decode()


def test_failing_the_quiz_is_not_enough(employee_client, employee, page, required):
    wrong = all_right(required)
    wrong[next(iter(wrong))] = ["1"]
    submit_quiz(employee, required, wrong)
    assert share(employee_client, page).status_code == 403


def test_the_site_can_switch_the_rule_off(employee_client, page, required):
    site = Site.objects.get(is_default_site=True)
    AdvocacySiteSettings.objects.update_or_create(
        site=site, defaults={"require_training_before_sharing": False}
    )
    assert share(employee_client, page).status_code == 200


def test_a_module_required_on_another_site_does_not_block_this_one(
    employee_client, page, make_module
):
    """Two intranets in one Wagtail: the careers site's required module stays its own."""
    from wagtail.models import Page

    other_root = Page.get_first_root_node().add_child(title="Careers site", slug="careers-site")
    Site.objects.create(hostname="careers.example.com", root_page=other_root)
    other_index = factories.training_index(other_root, slug="careers-training")
    make_module(parent=other_index, title="Careers only", required_before_sharing=True)

    assert share(employee_client, page).status_code == 200


def test_unpublished_or_optional_modules_do_not_block(employee_client, page, make_module):
    make_module(title="Optional")
    draft = make_module(title="Draft", required_before_sharing=True)
    draft.unpublish()
    assert share(employee_client, page).status_code == 200


# Post templates.


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hello {name}", "Unknown placeholder(s): {name}."),
        ("Hello {first_name", "A brace is not closed."),
    ],
)
def test_placeholders_are_validated_with_the_allowed_list(text, message):
    template = PostTemplate(title="Hello", network="linkedin", text=text)
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    text_error = error.value.message_dict["text"][0]
    assert message in text_error
    assert "{title}, {url}, {summary}, {first_name}, {job_title}, {department}" in text_error


def test_editor_sees_the_placeholder_error_in_the_admin(admin_client_):
    url = reverse("wagtailsnippets_wagtail_advocacy_posttemplate:add")
    data = {
        "title": "Hi",
        "network": "linkedin",
        "text": "By {author}",
        "tags": "",
        "language": "",
    }
    response = admin_client_.post(url, data)
    assert response.status_code == 200
    assert "Unknown placeholder(s): {author}." in response.content.decode()
    data["text"] = "I work in {department} as {job_title}: read {title}. {url}"
    assert admin_client_.post(url, data).status_code == 302
    assert PostTemplate.objects.get().text.startswith("I work in {department}")


def make_template(text, network="linkedin", tags=(), language="", title="T"):
    template = PostTemplate.objects.create(
        title=title, network=network, text=text, language=language
    )
    if tags:
        template.tags.set(list(tags))
        template.save()
    return template


def panel_templates(client, page):
    return client.get(page.url).context["share_panel"]["extra_suggestions"]


def test_templates_are_filled_with_the_page_and_the_employees_profile(
    employee_client, employee, make_page
):
    AmbassadorProfile.objects.create(
        user=employee,
        department="Engineering",
        job_title="Backend developer",
        opted_in_at=timezone.now(),
        consent_version=advocacy_settings.CONSENT_VERSION,
    )
    page = make_page(title="We're hiring", summary="Join the payments team.")
    make_template("{first_name}, {job_title} in {department}: {title}. {summary} {url}")
    [filled] = panel_templates(employee_client, page)
    assert filled.text == (
        "Alice, Backend developer in Engineering: We're hiring. Join the payments team."
    )
    content = employee_client.get(page.url).content.decode()
    assert "Post templates" in content and "Backend developer in Engineering" in content


def test_without_a_profile_placeholders_fall_back(employee_client, make_page):
    page = make_page(title="News")
    make_template("{first_name} ({job_title}, {department}) shares {title}")
    assert [t.text for t in panel_templates(employee_client, page)] == ["Alice (, ) shares News"]


def test_templates_match_network_language_and_tags(employee_client, make_page, settings):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = ["linkedin", "x"]
    page = make_page(tags=["jobs"])
    make_template("every page", title="a")
    make_template("jobs", tags=["jobs", "other"], title="b")
    make_template("english", language="en", title="c")
    make_template("on x", network="x", title="d")
    make_template("culture only", tags=["culture"], title="e")
    make_template("french", language="fr", title="f")
    make_template("bluesky is not offered", network="bluesky", title="g")
    texts = [t.text for t in panel_templates(employee_client, page)]
    assert texts == ["every page", "jobs", "english", "on x"]


def test_a_preview_matches_templates_on_the_tags_being_edited(make_page):
    """The editor's preview holds the page's tags in memory, not yet saved."""
    page = make_page(tags=["culture"])
    make_template("jobs", tags=["jobs"], title="a")
    make_template("culture", tags=["culture"], title="b")
    assert [t.text for t in matching_post_templates(page)] == ["culture"]
    previewed = ShareablePage.objects.get(pk=page.pk)
    previewed.tags.set(["jobs"])  # in memory, as a preview's form leaves them
    assert [t.text for t in matching_post_templates(previewed)] == ["jobs"]


def test_a_template_too_long_for_its_network_is_left_out(employee_client, make_page):
    page = make_page(title="A" * 200, summary="B" * 100)
    make_template("{title} {summary}", network="x", title="long")
    make_template("Short one", network="x", title="short")
    assert [t.text for t in panel_templates(employee_client, page)] == ["Short one"]


def test_use_this_text_buttons_point_past_the_suggestions(employee_client, page):
    make_template("From a template")
    response = employee_client.get(page.url)
    panel = response.context["share_panel"]
    texts = [s["text"] for s in panel["config"]["suggestions"]]
    assert texts[-1] == "From a template"
    assert panel["extra_suggestions"][0].index == len(texts) - 1
    assert (
        f'<blockquote>From a template</blockquote> <button type="button" '
        f'class="advocacy-link-button" data-suggestion="{len(texts) - 1}" hidden>'
    ) in " ".join(response.content.decode().split())


def test_a_filled_template_shared_unchanged_is_not_personalised(employee_client, make_page):
    page = make_page(title="Our office")
    make_template("Have a look at {title}")
    share(employee_client, page, text="Have a look at Our office")
    share(employee_client, page, text="Have a look at Our office, I designed it")
    assert [e.personalised for e in ShareEvent.objects.order_by("pk")] == [False, True]


def test_share_panel_queries_stay_constant_with_templates(
    employee_client, make_page, django_assert_max_num_queries
):
    page = make_page(tags=["jobs"])
    make_template("one", tags=["jobs"], title="1")
    employee_client.get(page.url)
    with django_assert_max_num_queries(40) as few:
        employee_client.get(page.url)
    for number in range(6):
        make_template(f"more {number}", tags=["jobs", f"t{number}"], title=f"m{number}")
    with django_assert_max_num_queries(len(few)):
        assert len(panel_templates(employee_client, page)) == 7
