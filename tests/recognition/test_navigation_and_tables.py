"""The recognition pages' navigation (one, whatever the host's base template) and their
wide tables, which scroll inside a focusable region on a narrow screen."""

import re

import pytest
from django.urls import reverse

from tests import factories
from wagtail_advocacy.models import Reward

PAGES = {
    "my_impact": "My impact",
    "leaderboard": "Leaderboard",
    "rewards": "Rewards",
    "challenges": "Challenges",
    "send_kudos": "Send kudos",
}
NAV = re.compile(r"<nav\b.*?</nav>", re.S)
NO_EMPLOYEE_NAV = (
    "<!DOCTYPE html><html lang=en><head><title>{% block title %}{% endblock %}</title>"
    "{% block extra_css %}{% endblock %}</head>"
    "<body><main>{% block content %}{% endblock %}</main>{% block extra_js %}{% endblock %}"
    "</body></html>"
)


def navigations_linking(html, path):
    return [nav for nav in NAV.findall(html) if f'href="{path}"' in nav]


def current_links(nav):
    return re.findall(r'href="([^"]+)" aria-current="page"', nav)


def scroll_region(html, labelled_by):
    """The table in the focusable region labelled by ``labelled_by``, or None."""
    found = re.search(
        r'<div class="advocacy-table-scroll" role="region" aria-labelledby="'
        + re.escape(labelled_by)
        + r'" tabindex="0">\s*<table\b(.*?)</table>\s*</div>',
        html,
        re.S,
    )
    assert found, f"no scroll region labelled by #{labelled_by}"
    assert f'id="{labelled_by}"' in html
    return found.group(1)


@pytest.fixture
def site_templates(settings, tmp_path):
    """A host whose own templates live in tmp_path, before the package's."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]

    def write(name, text):
        (tmp_path / name).write_text(text, encoding="utf-8")

    return write


@pytest.mark.parametrize("name", PAGES)
def test_with_the_employee_nav_each_page_has_one_navigation(ambassador, client, name):
    """The example intranet's base template renders {% advocacy_employee_nav %} above the
    content: the pages' own links would only repeat it."""
    client.force_login(ambassador)
    html = client.get(reverse(f"wagtail_advocacy:{name}")).content.decode()
    (nav,) = navigations_linking(html, reverse("wagtail_advocacy:leaderboard"))
    assert 'class="advocacy-nav" aria-label="My advocacy"' in nav
    assert "advocacy-recognition-nav" not in html
    if name != "send_kudos":  # not in the employee nav: reached from the pages below
        assert current_links(nav) == [reverse(f"wagtail_advocacy:{name}")]


def test_my_impact_and_the_leaderboard_still_lead_to_send_kudos(ambassador, make_user, client):
    colleague = make_user("ben")
    factories.points(colleague, 10)
    client.force_login(ambassador)
    kudos = reverse("wagtail_advocacy:send_kudos")
    assert f'href="{kudos}"' in client.get(reverse("wagtail_advocacy:my_impact")).content.decode()
    board = client.get(reverse("wagtail_advocacy:leaderboard")).content.decode()
    assert f'href="{kudos}?to={colleague.pk}"' in board


@pytest.mark.parametrize("name", PAGES)
def test_without_the_employee_nav_the_pages_link_each_other(
    ambassador, client, settings, site_templates, name
):
    site_templates("plain.html", NO_EMPLOYEE_NAV)
    settings.WAGTAIL_ADVOCACY_BASE_TEMPLATE = "plain.html"
    client.force_login(ambassador)
    url = reverse(f"wagtail_advocacy:{name}")
    html = client.get(url).content.decode()
    (nav,) = navigations_linking(html, reverse("wagtail_advocacy:leaderboard"))
    assert 'class="advocacy-recognition-nav" aria-label="Recognition"' in nav
    for other, label in PAGES.items():
        assert re.search(
            rf'href="{reverse(f"wagtail_advocacy:{other}")}"[^>]*>{label}</a>', nav
        ), other
    assert current_links(nav) == [url]


def test_an_employee_nav_under_the_content_leaves_both(
    ambassador, client, settings, site_templates
):
    """Rendered after the content block, the employee nav comes too late to be known: the
    page keeps its own links, a repeat rather than no way between the pages."""
    site_templates(
        "footer_nav.html",
        NO_EMPLOYEE_NAV.replace(
            "</main>", "</main>{% load wagtail_advocacy_nav %}{% advocacy_employee_nav %}"
        ),
    )
    settings.WAGTAIL_ADVOCACY_BASE_TEMPLATE = "footer_nav.html"
    client.force_login(ambassador)
    html = client.get(reverse("wagtail_advocacy:my_impact")).content.decode()
    assert len(navigations_linking(html, reverse("wagtail_advocacy:leaderboard"))) == 2


def test_the_leaderboard_table_scrolls_in_a_focusable_region(ambassador, make_user, client):
    factories.points(make_user("ben"), 10)
    factories.points(ambassador, 20)
    client.force_login(ambassador)
    html = client.get(reverse("wagtail_advocacy:leaderboard")).content.decode()
    table = scroll_region(html, "leaderboard-caption")
    assert '<caption id="leaderboard-caption" class="advocacy-visually-hidden">Ranking' in table
    assert "Send kudos" in table and "Points" in table


def test_my_impact_points_and_the_reward_requests_scroll_in_focusable_regions(ambassador, client):
    factories.points(ambassador, 150)
    lunch = Reward.objects.create(title="Lunch with the CEO", points_cost=100, stock=2)
    client.force_login(ambassador)
    assert client.post(reverse("wagtail_advocacy:redeem", args=[lunch.pk])).status_code == 302

    impact = client.get(reverse("wagtail_advocacy:my_impact")).content.decode()
    points = scroll_region(impact, "points-caption")
    assert ">Your latest points, newest first</caption>" in points
    # Its name differs from the section's ("Latest points"): two landmarks, two names.
    assert '<section class="advocacy-section" aria-labelledby="points-title">' in impact

    rewards = client.get(reverse("wagtail_advocacy:rewards")).content.decode()
    assert '<h2 id="requests-title">Your requests</h2>' in rewards
    assert "Lunch with the CEO" in scroll_region(rewards, "requests-title")
