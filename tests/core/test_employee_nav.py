"""``{% advocacy_employee_nav %}``: the example intranet links every employee page."""

import re

from tests import factories
from wagtail_advocacy.models import RecognitionNotice

NAV = re.compile(r'<nav class="advocacy-nav".*?</nav>', re.S)


def nav_of(response):
    assert response.status_code == 200
    found = NAV.search(response.content.decode())
    return found.group(0) if found else ""


def test_the_home_page_links_the_employee_pages(employee_client, root_page):
    nav = nav_of(employee_client.get(root_page.url))
    assert 'aria-label="My advocacy"' in nav
    for path in (
        "/advocacy/impact/",
        "/advocacy/leaderboard/",
        "/advocacy/rewards/",
        "/advocacy/challenges/",
        "/advocacy/training/",
        "/advocacy/ambassador/join/",
    ):
        assert f'href="{path}"' in nav
    assert "/advocacy/ambassador/profile/" not in nav
    assert "aria-current" not in nav  # the home page is none of them
    assert "advocacy-nav__count" not in nav


def test_an_ambassador_gets_the_profile_and_the_unread_count(employee_client, employee, root_page):
    factories.ambassador(employee)
    RecognitionNotice.objects.bulk_create(
        [RecognitionNotice(user=employee, kind="kudos", subject=f"Bob {n}") for n in range(2)]
    )
    nav = nav_of(employee_client.get(root_page.url))
    assert 'href="/advocacy/ambassador/profile/"' in nav
    assert "/advocacy/ambassador/join/" not in nav
    assert re.search(
        r'advocacy-nav__count">2<span class="advocacy-visually-hidden"> new notices<', nav
    )


def test_nothing_for_an_anonymous_visitor(client, root_page):
    # The intranet sends them to its login page, which extends the same base template.
    response = client.get(root_page.url, follow=True)
    assert response.redirect_chain and 'name="password"' in response.content.decode()
    assert nav_of(response) == ""
    assert "advocacy-nav" not in response.content.decode()


def test_the_current_page_is_marked(employee_client):
    nav = nav_of(employee_client.get("/advocacy/leaderboard/"))
    assert re.findall(r'href="([^"]+)" aria-current="page"', nav) == ["/advocacy/leaderboard/"]


def test_the_nav_costs_a_constant_small_number_of_queries(
    employee_client, employee, root_page, django_assert_max_num_queries
):
    employee_client.get(root_page.url)
    with django_assert_max_num_queries(30) as before:
        employee_client.get(root_page.url)
    baseline = len(before)
    factories.ambassador(employee, expertise=["python"])
    RecognitionNotice.objects.bulk_create(
        [RecognitionNotice(user=employee, kind="kudos", subject=f"Bob {n}") for n in range(5)]
    )
    with django_assert_max_num_queries(baseline):
        nav = nav_of(employee_client.get(root_page.url))
    assert 'advocacy-nav__count">5<' in nav
