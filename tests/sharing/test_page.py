"""The shareable page and its share panel, as an employee sees them."""

import datetime
import json

from django.utils import timezone


def test_share_panel_offers_networks_suggestions_and_a_counter(employee_client, page):
    response = employee_client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Share it in your own words" in content
    assert "My team is hiring, have a look" in content
    assert 'name="network" value="linkedin" checked' in content
    assert "Add a sentence of your own" in content
    assert 'id="advocacy-counter"' in content
    assert "wagtail_advocacy/js/share.js" in content
    config = response.context["share_panel"]["config"]
    assert config["networks"]["x"]["limit"] == 280
    assert config["networks"]["facebook"]["copyFirst"] is True
    assert config["sampleLink"] == "https://go.example.com/advocacy/go/xxxxxxxxxxxx/"
    assert json.dumps(config["suggestions"][0]["text"]).strip('"') in content
    assert (
        '<li data-network="linkedin"> <span class="advocacy-badge">LinkedIn</span> '
        "<blockquote>My team is hiring, have a look</blockquote> "
        '<button type="button" class="advocacy-link-button" data-suggestion="0" hidden>'
        "Use this text</button> </li>"
    ) in " ".join(content.split())


def test_text_only_page_hides_link_only_networks(employee_client, make_page):
    page = make_page(share_url="")
    keys = [n.key for n in employee_client.get(page.url).context["share_panel"]["networks"]]
    assert "facebook" not in keys and "xing" not in keys
    assert "linkedin" in keys


def test_enabled_networks_setting_chooses_and_orders_networks(employee_client, page, settings):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = ["bluesky", "linkedin"]
    keys = [n.key for n in employee_client.get(page.url).context["share_panel"]["networks"]]
    assert keys == ["bluesky", "linkedin"]


def test_expired_page_explains_why_it_cannot_be_shared(employee_client, make_page):
    page = make_page(share_until=timezone.localdate() - datetime.timedelta(days=2))
    content = employee_client.get(page.url).content.decode()
    assert "The sharing period of this content has ended." in content
    assert 'name="network"' not in content


def test_page_outside_audience_is_readable_but_not_shareable(
    client, other_employee, make_page, engineering
):
    page = make_page(audience=[engineering])
    client.force_login(other_employee)
    content = client.get(page.url).content.decode()
    assert "meant for other teams" in content
    assert 'name="network"' not in content


def test_intranet_pages_require_login(client, page):
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_page_renders_in_french(employee_client, page):
    content = employee_client.get(page.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Partagez-le avec vos propres mots" in content


def test_the_text_box_starts_with_a_suggestion_for_the_preselected_network(
    employee_client, make_page, settings
):
    """LinkedIn is checked first, so its suggestion fills the box, not the X one above it."""
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = ["linkedin", "x"]
    page = make_page(posts=[("x", "Short one for X"), ("linkedin", "A longer one for LinkedIn")])
    content = employee_client.get(page.url).content.decode()
    textarea = content.split('<textarea id="advocacy-text"')[1].split("</textarea>")[0]
    assert "A longer one for LinkedIn" in textarea
    assert "Short one for X" not in textarea
