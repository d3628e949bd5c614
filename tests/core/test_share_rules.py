"""The share endpoint and the share panel ask the same share-rules registry."""

import pytest

from wagtail_advocacy.core.refusals import ShareRefused
from wagtail_advocacy.core.registries import first_refusal, share_rules
from wagtail_advocacy.models import ShareEvent

EMBARGO = "This news is under embargo until the press release."


def share(client, page):
    return client.post(
        f"/advocacy/share/{page.pk}/",
        {"network": "linkedin", "text": "Proud of this"},
        HTTP_ACCEPT="application/json",
    )


@pytest.mark.django_db
def test_a_rule_registered_by_another_app_is_enforced_by_the_endpoint_and_the_panel(
    make_page, employee_client
):
    page = make_page(title="[Embargo] Our new plant", posts=[("linkedin", "Big news")])

    response = share(employee_client, page)
    assert response.status_code == 403
    assert response.json()["error"] == EMBARGO
    assert not ShareEvent.objects.exists()

    content = employee_client.get(page.url).content.decode()
    assert EMBARGO in content
    assert 'name="network"' not in content  # no share form next to the refusal


@pytest.mark.django_db
def test_pages_the_rule_does_not_concern_are_shared_as_before(make_page, employee_client):
    page = make_page(title="Our new plant", posts=[("linkedin", "Big news")])
    assert share(employee_client, page).status_code == 200
    assert 'name="network"' in employee_client.get(page.url).content.decode()
    assert ShareEvent.objects.count() == 1


@pytest.mark.django_db
def test_rules_answer_in_their_order_and_a_test_can_add_one_for_a_while(make_page, employee):
    page = make_page(title="[Embargo] Results", posts=[("linkedin", "Results")])

    def everything_closed(user, page):
        return ShareRefused("Closed for the holidays.", 403)

    with share_rules.registered(everything_closed, order=1):
        assert str(first_refusal(employee, page).message) == "Closed for the holidays."
    assert everything_closed not in share_rules
    assert str(first_refusal(employee, page).message) == EMBARGO
