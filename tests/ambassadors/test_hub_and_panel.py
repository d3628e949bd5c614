"""The share hub and share panel use the profile: expertise first, own networks first."""

import re

from wagtail_advocacy.ambassadors.services import leave_program

from ..sharing.test_hub import _fill, titles


def test_pages_matching_expertise_come_first_then_newest(
    employee_client, employee, hub, make_page, make_ambassador
):
    make_page(title="Old python", tags=["python"])
    make_page(title="Old culture", tags=["culture"])
    make_page(title="New python", tags=["python", "jobs"])
    make_page(title="Newest", tags=["sales"])
    assert titles(employee_client.get(hub.url)) == [
        "Newest",
        "New python",
        "Old culture",
        "Old python",
    ]
    make_ambassador(employee.username, expertise=["python"])
    assert titles(employee_client.get(hub.url)) == [
        "New python",
        "Old python",
        "Newest",
        "Old culture",
    ]
    leave_program(employee)  # a former ambassador gets the plain order back
    assert titles(employee_client.get(hub.url))[0] == "Newest"


def test_hub_links_to_join_or_to_the_profile(employee_client, employee, hub, make_ambassador):
    assert "/advocacy/ambassador/join/" in employee_client.get(hub.url).content.decode()
    make_ambassador(employee.username)
    assert "/advocacy/ambassador/profile/" in employee_client.get(hub.url).content.decode()


def test_hub_queries_stay_constant_for_an_ambassador(
    employee_client,
    employee,
    hub,
    make_page,
    campaign,
    make_ambassador,
    django_assert_max_num_queries,
    settings,
):
    settings.WAGTAIL_ADVOCACY_HUB_PAGE_SIZE = 30
    make_ambassador(employee.username, expertise=["t1"], networks={"linkedin": 10})
    _fill(make_page, campaign, 2, 0)
    employee_client.get(hub.url)
    with django_assert_max_num_queries(30) as few:
        employee_client.get(hub.url)
    few_count = len(few)  # read now: the connection keeps a bounded query log
    _fill(make_page, campaign, 12, 2)
    employee_client.get(hub.url)
    with django_assert_max_num_queries(few_count):
        response = employee_client.get(hub.url)
    assert len(response.context["shareable_pages"]) == 14
    assert response.context["shareable_pages"][0].title == "P1"  # the "t1" expert's match


def test_share_panel_puts_the_employees_networks_first_and_collapses_the_rest(
    employee_client, employee, page, make_ambassador, settings
):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = ["linkedin", "x", "mastodon", "copy"]
    panel = employee_client.get(page.url).context["share_panel"]
    assert [n.key for n in panel["primary_networks"]] == ["linkedin", "x", "mastodon", "copy"]
    assert panel["other_networks"] == []
    assert "Other networks" not in employee_client.get(page.url).content.decode()

    make_ambassador(
        employee.username,
        networks={"linkedin": 10, "mastodon": 500},
        mastodon_instance="fosstodon.org",
    )
    response = employee_client.get(page.url)
    panel = response.context["share_panel"]
    assert [n.key for n in panel["primary_networks"]] == ["mastodon", "linkedin", "copy"]
    assert [n.key for n in panel["other_networks"]] == ["x"]
    assert panel["mastodon_instance"] == "fosstodon.org"
    content = response.content.decode()
    assert '<details class="advocacy-share__more"' in content
    assert content.index('value="mastodon"') < content.index("Other networks")
    assert content.index("Other networks") < content.index('value="x"')
    # The server last typed in the panel wins over the profile's.
    employee_client.cookies["advocacy_mastodon"] = "mastodon.social"
    assert (
        employee_client.get(page.url).context["share_panel"]["mastodon_instance"]
        == "mastodon.social"
    )


def test_only_matching_pages_are_labelled_and_the_hub_says_why(
    employee_client, employee, hub, make_page, make_ambassador
):
    make_page(title="Python job", tags=["python"])
    make_page(title="Sales news", tags=["sales"])
    label = "Matches your expertise"
    intro = "Pages matching your expertise come first."
    html = employee_client.get(hub.url).content.decode()
    assert label not in html and intro not in html
    make_ambassador(employee.username, expertise=["python"])
    html = employee_client.get(hub.url).content.decode()
    assert intro in html
    cards = re.findall(r'<li class="advocacy-card.*?</li>', html, re.S)
    assert ["Python job" in card for card in cards] == [True, False]
    assert [label in card for card in cards] == [True, False]
