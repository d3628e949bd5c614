"""The disclosure every share carries: the campaign's, else the site's Compliance setting,
else ``WAGTAIL_ADVOCACY_DISCLOSURE``. The share panel shows it, the share endpoint always
appends it (once), and the editor's checks count it; the editor's live check also warns
about blocked words."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from tests import factories
from tests.sharing.test_admin import add_page_url, page_form
from wagtail_advocacy.core.models import ComplianceSettings
from wagtail_advocacy.models import PostTemplate, ShareablePage, ShareEvent
from wagtail_advocacy.sharing.models import disclosure_for

CHECK_URL = "wagtail_advocacy_sharing:check_suggested_post"


def compliance(page, **values):
    settings = ComplianceSettings.for_site(page.get_site())
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()


def shared_text(client, page, text, network="x"):
    response = client.post(
        f"/advocacy/share/{page.pk}/",
        {"network": network, "text": text},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200, response.content
    return parse_qs(urlsplit(response.json()["intent_url"]).query)["text"][0]


def panel_config(client, page):
    content = client.get(page.url).content.decode()
    found = re.search(
        r'<script id="advocacy-share-config" type="application/json">(.*?)</script>',
        content,
        re.S,
    )
    return content, json.loads(found.group(1))


@pytest.fixture
def site_and_default(settings, page):
    settings.WAGTAIL_ADVOCACY_DISCLOSURE = "#employee"
    compliance(page, disclosure="#NorthwindTeam")
    return page


def test_the_django_setting_is_the_default(employee_client, page, settings):
    settings.WAGTAIL_ADVOCACY_DISCLOSURE = "#employee"
    assert disclosure_for(page) == "#employee"
    assert shared_text(employee_client, page, "Proud of this") == "Proud of this #employee"


def test_the_site_setting_wins_over_the_django_setting(employee_client, site_and_default):
    page = site_and_default
    assert shared_text(employee_client, page, "Proud of this") == "Proud of this #NorthwindTeam"
    content, config = panel_config(employee_client, page)
    assert config["disclosure"] == "#NorthwindTeam"
    assert "So is the disclosure “#NorthwindTeam”." in content


def test_the_campaign_wins_over_the_site_setting(employee_client, site_and_default):
    page = site_and_default
    page.campaign.disclosure = "#ad"
    page.campaign.save()
    assert shared_text(employee_client, page, "Proud of this") == "Proud of this #ad"
    content, config = panel_config(employee_client, page)
    assert config["disclosure"] == "#ad"
    assert "So is the disclosure “#ad”." in content
    assert "#NorthwindTeam" not in content
    # A page without a campaign keeps the site's.
    page.campaign = None
    page.save()
    fresh = ShareablePage.objects.get(pk=page.pk)
    assert shared_text(employee_client, fresh, "Proud of this") == "Proud of this #NorthwindTeam"


def test_the_disclosure_cannot_be_removed_and_is_added_once(employee_client, page):
    page.campaign.disclosure = "#ad"
    page.campaign.save()
    # The browser sent a text without it: the shared text has it.
    assert shared_text(employee_client, page, "Just my words") == "Just my words #ad"
    # Already written (in any case): not again.
    text = shared_text(employee_client, page, "#AD I love my team")
    assert text == "#AD I love my team"
    assert text.lower().count("#ad") == 1
    response = employee_client.post(
        f"/advocacy/share/{page.pk}/",
        {"network": "facebook", "text": "Mine #Ad"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["clipboard_text"] == "Mine #Ad"


def test_a_suggestion_with_the_disclosure_is_not_personalised(employee_client, page):
    page.campaign.disclosure = "#ad"
    page.campaign.save()
    shared_text(employee_client, page, "We're hiring in Lyon #ad")
    shared_text(employee_client, page, "We're hiring in Lyon, my team!")
    assert list(ShareEvent.objects.order_by("pk").values_list("personalised", flat=True)) == [
        False,
        True,
    ]


def test_the_panel_and_the_share_cost_no_query_for_the_disclosure(
    employee_client, page, settings, django_assert_max_num_queries
):
    employee_client.get(page.url)
    with django_assert_max_num_queries(60) as plain:
        employee_client.get(page.url)
        shared_text(employee_client, page, "Proud of this")
    plain_count = len(plain)
    compliance(page, disclosure="#NorthwindTeam")
    page.campaign.disclosure = "#ad"
    page.campaign.save()
    employee_client.get(page.url)  # the settings, read again once into the cache
    with django_assert_max_num_queries(plain_count):
        employee_client.get(page.url)
        assert shared_text(employee_client, page, "Proud of this").endswith("#ad")


def test_editors_give_a_campaign_its_disclosure(admin_client_, campaign):
    url = f"/admin/snippets/wagtail_advocacy/campaign/edit/{campaign.pk}/"
    form = admin_client_.get(url).context["form"]
    assert "disclosure" in form.fields
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("networks", "owner")
    }
    data.update(disclosure=" #ad ", starts_on="2026-01-01", ends_on="2026-12-31")
    response = admin_client_.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    campaign.refresh_from_db()
    assert campaign.disclosure == "#ad"


# The page editor: the save and the live check count the page's disclosure, and the live
# check warns about the site's blocked words.


def test_the_save_counts_the_chosen_campaigns_disclosure(admin_client_, hub, campaign):
    campaign.disclosure = "#partnership"  # 13 more with its space
    campaign.save()
    posts = inline_formset([{"network": "x", "text": "a" * 250}])  # 250 + 1 + 23 = 274
    response = admin_client_.post(add_page_url(hub), page_form(suggested_posts=posts))
    assert response.status_code == 302
    data = page_form(slug="with-campaign", campaign=str(campaign.pk), suggested_posts=posts)
    response = admin_client_.post(add_page_url(hub), data)
    assert response.status_code == 200
    assert "this post is 7 over" in response.content.decode()


def check(client, **data):
    response = client.post(reverse(CHECK_URL), data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_live_check_counts_the_pages_disclosure(admin_client_, page, settings):
    settings.WAGTAIL_ADVOCACY_DISCLOSURE = "#employee"
    compliance(page, disclosure="#NorthwindTeam")
    other = factories.campaign(name="Partners", slug="partners", disclosure="#ad")
    text = "We moved"
    assert check(admin_client_, network="linkedin", text=text)["count"] == len(
        "We moved #employee"
    )
    assert check(admin_client_, network="linkedin", text=text, page=page.pk)["count"] == len(
        "We moved #NorthwindTeam"
    )
    chosen = check(admin_client_, network="linkedin", text=text, page=page.pk, campaign=other.pk)
    assert chosen["count"] == len("We moved #ad")
    new = check(admin_client_, network="linkedin", text=text, parent=page.get_parent().pk)
    assert new["count"] == len("We moved #NorthwindTeam")


def test_the_live_check_warns_about_blocked_words(admin_client_, page):
    compliance(page, blocked_words="Project Falcon\nAcme merger")
    data = check(admin_client_, network="x", text="Proud of PROJECT  falcon", page=page.pk)
    assert data["warnings"] == [
        "Employees cannot share this post: it contains the blocked word “Project Falcon” "
        "(Settings → Compliance)."
    ]
    assert data["over"] is False  # a warning: nothing else changes
    new = check(admin_client_, network="x", text="Falcon", parent=page.get_parent().pk)
    assert new["warnings"] == []
    assert check(admin_client_, network="x", text="Proud of Project Falcon")["warnings"] == []


def test_a_blocked_word_is_warned_about_after_the_save_too(admin_client_, hub):
    compliance(hub, blocked_words="Project Falcon")
    posts = inline_formset([{"network": "linkedin", "text": "Project Falcon ships!"}])
    response = admin_client_.post(add_page_url(hub), page_form(suggested_posts=posts), follow=True)
    assert ShareablePage.objects.filter(slug="our-new-office").exists()  # saved all the same
    assert "it contains the blocked word “Project Falcon”" in response.content.decode()


def test_the_editor_widget_carries_the_warning_template(admin_client_, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    content = admin_client_.get(url).content.decode()
    assert 'data-advocacy-post-check-target="warningTemplate"' in content
    assert "Compliance warning (it does not stop you saving):" in content


def test_a_post_template_too_long_with_the_campaigns_disclosure_is_not_offered(
    employee_client, page
):
    # X: 245 letters, a space and the tracked link (23) = 269; " #partnership" is 13 more.
    PostTemplate.objects.create(title="Long", network="x", text="a" * 245)
    offered = employee_client.get(page.url).context["share_panel"]["extra_suggestions"]
    assert [extra.network for extra in offered] == ["x"]
    page.campaign.disclosure = "#partnership"
    page.campaign.save()
    offered = employee_client.get(page.url).context["share_panel"]["extra_suggestions"]
    assert offered == []
