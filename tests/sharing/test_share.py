"""POST advocacy/share/<page_id>/: employees share; bad input changes nothing."""

import datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from wagtail_advocacy.models import PointsEntry, ShareEvent, TrackedLink
from wagtail_advocacy.signals import share_recorded

JSON = {"HTTP_ACCEPT": "application/json"}


def share_url(page):
    return reverse("wagtail_advocacy:share", args=[page.pk])


def post(client, page, **data):
    data.setdefault("network", "linkedin")
    data.setdefault("text", "I helped build this and I'm proud of it")
    return client.post(share_url(page), data, **JSON)


def nothing_recorded():
    return not ShareEvent.objects.exists() and not TrackedLink.objects.exists()


def test_share_records_event_and_link_and_returns_the_intent(employee_client, employee, page):
    response = post(employee_client, page)

    assert response.status_code == 200
    body = response.json()
    link = TrackedLink.objects.get()
    event = ShareEvent.objects.get()
    assert (event.user, event.page, event.network, event.link) == (
        employee,
        page,
        "linkedin",
        link,
    )
    assert event.campaign == page.campaign
    assert event.personalised is True
    tracked_url = f"https://go.example.com/advocacy/go/{link.token}/"
    assert body["tracked_url"] == tracked_url
    assert body["intent_url"].startswith("https://www.linkedin.com/feed/?shareActive=true&text=")
    assert unquote(body["intent_url"]).endswith(f"proud of it {tracked_url}")
    assert body["copy_first"] is False


def test_tracked_link_destination_keeps_query_and_adds_utm(employee_client, employee, page):
    post(employee_client, page, network="x", text="Short and mine")

    link = TrackedLink.objects.get()
    parts = urlsplit(link.destination)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://www.example.com/stories/one"
    query = parse_qs(parts.query)
    assert query["lang"] == ["en"]
    assert query["utm_source"] == ["x"]
    assert query["utm_medium"] == ["employee_advocacy"]
    assert query["utm_campaign"] == [page.campaign.slug]
    # The link's random token, so a careers site can credit a conversion; it names no one.
    assert query["utm_content"] == [link.token]


def test_tokens_are_random_url_safe_and_not_sequential(employee_client, make_page):
    pages = [make_page() for _ in range(3)]
    for page in pages:
        post(employee_client, page)
    tokens = list(TrackedLink.objects.values_list("token", flat=True))
    assert len(set(tokens)) == 3
    for token in tokens:
        assert len(token) == 12
        assert set(token) <= set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        )
        assert not token.isdigit()


def test_sharing_again_reuses_the_same_link_but_counts_a_new_share(employee_client, page):
    post(employee_client, page)
    post(employee_client, page)
    assert TrackedLink.objects.count() == 1
    assert ShareEvent.objects.count() == 2


def test_a_share_writes_the_share_and_asks_little_else(
    employee_client, employee, page, queued, django_assert_max_num_queries
):
    """With a queue, a share again (its link exists) reads the session, the employee,
    the page, the share rules (the member's consent among them), the suggestions, the
    profile and the link, then writes the share: its points, badges and challenges are
    the queue's."""
    factories.ambassador(employee, department="Sales", networks={"linkedin": 300})
    post(employee_client, page)
    with django_assert_max_num_queries(11):
        assert post(employee_client, page).status_code == 200
    event = ShareEvent.objects.order_by("pk").last()
    assert (event.department, event.audience, event.personalised) == ("Sales", 300, True)
    assert not PointsEntry.objects.exists()  # not in the request


def test_each_network_gets_its_own_link(employee_client, page):
    post(employee_client, page, network="linkedin")
    post(employee_client, page, network="bluesky", text="Mine")
    assert set(TrackedLink.objects.values_list("network", flat=True)) == {"linkedin", "bluesky"}


def test_an_unchanged_suggestion_is_not_personalised(employee_client, page):
    post(employee_client, page, text="  my team is hiring,   have a look ")
    assert ShareEvent.objects.get().personalised is False


def test_disclosure_is_appended_once(employee_client, page, settings):
    settings.WAGTAIL_ADVOCACY_DISCLOSURE = "#employee"
    body = post(employee_client, page, network="x", text="Proud of this").json()
    assert "text=Proud%20of%20this%20%23employee&url=" in body["intent_url"]
    body = post(employee_client, page, network="x", text="#Employee and proud").json()
    assert "text=%23Employee%20and%20proud&url=" in body["intent_url"]


def test_copy_first_networks_return_the_text_to_copy(employee_client, page):
    body = post(employee_client, page, network="facebook", text="Have a look").json()
    assert body["copy_first"] is True
    assert body["clipboard_text"] == "Have a look"
    assert body["intent_url"].startswith("https://www.facebook.com/sharer/sharer.php?u=")

    body = post(employee_client, page, network="instagram", text="Have a look").json()
    assert body["intent_url"] is None
    link = TrackedLink.objects.get(network="instagram")
    assert (
        body["clipboard_text"] == f"Have a look https://go.example.com/advocacy/go/{link.token}/"
    )


def test_without_javascript_the_share_redirects_to_the_network(employee_client, page):
    response = employee_client.post(share_url(page), {"network": "x", "text": "Mine"})
    assert response.status_code == 302
    assert response["Location"].startswith("https://twitter.com/intent/tweet?text=Mine&url=")
    assert ShareEvent.objects.count() == 1


def test_without_javascript_email_opens_a_mailto_address(employee_client, page):
    response = employee_client.post(share_url(page), {"network": "email", "text": "Mine"})
    assert response.status_code == 302
    assert response["Location"].startswith("mailto:?subject=")


def test_without_javascript_copy_first_networks_show_the_text_to_copy(employee_client, page):
    response = employee_client.post(share_url(page), {"network": "facebook", "text": "Look"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Your post is ready" in content
    assert "https://www.facebook.com/sharer/sharer.php?u=" in content


def test_without_javascript_copy_text_does_not_name_a_place(employee_client, page):
    response = employee_client.post(share_url(page), {"network": "copy", "text": "Look"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Copy your text below and paste it into your post." in content
    assert "paste it into Copy text" not in content


def test_text_only_page_is_shared_without_a_tracked_link(employee_client, make_page):
    page = make_page(share_url="")
    body = post(employee_client, page, network="linkedin", text="Words only").json()
    assert body["tracked_url"] == ""
    assert (
        body["intent_url"] == "https://www.linkedin.com/feed/?shareActive=true&text=Words%20only"
    )
    assert ShareEvent.objects.get().link is None
    assert not TrackedLink.objects.exists()


def test_mastodon_uses_the_employees_server_and_remembers_it(employee_client, page):
    response = post(
        employee_client, page, network="mastodon", text="Mine", instance="https://Fosstodon.org/"
    )
    assert response.json()["intent_url"].startswith("https://fosstodon.org/share?text=Mine")
    assert response.cookies["advocacy_mastodon"].value == "https://Fosstodon.org/"
    page_response = employee_client.get(page.url)
    assert 'value="https://Fosstodon.org/"' in page_response.content.decode()


def test_share_recorded_signal_is_sent(employee_client, employee, page):
    received = []

    def receiver(sender, event, user, page, **kwargs):
        received.append((event.pk, user, page.pk))

    share_recorded.connect(receiver)
    try:
        post(employee_client, page)
    finally:
        share_recorded.disconnect(receiver)
    assert received == [(ShareEvent.objects.get().pk, employee, page.pk)]


# Bad input changes nothing.


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"network": "myspace"}, "Unknown network"),
        ({"text": "   "}, "Write a few words"),
        ({"network": "x", "text": "a" * 260}, "Too long for X: shorten your text by 4 characters"),
        ({"network": "mastodon", "instance": "not a server"}, "Mastodon server"),
        ({"network": "mastodon", "instance": ""}, "Mastodon server"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(employee_client, page, data, message):
    response = post(employee_client, page, **data)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert nothing_recorded()


def test_disabled_network_is_refused(employee_client, page, settings):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = ["linkedin"]
    response = post(employee_client, page, network="x", text="Mine")
    assert response.status_code == 400
    assert nothing_recorded()


def test_link_only_network_is_refused_for_a_text_only_page(employee_client, make_page):
    page = make_page(share_url="")
    response = post(employee_client, page, network="facebook")
    assert response.status_code == 400
    assert "can only share a link" in response.json()["error"]
    assert nothing_recorded()


def test_unpublished_page_cannot_be_shared(employee_client, make_page):
    page = make_page(live=False)
    response = post(employee_client, page)
    assert response.status_code == 404
    assert nothing_recorded()


def test_expired_page_cannot_be_shared(employee_client, make_page):
    page = make_page(share_until=timezone.localdate() - datetime.timedelta(days=1))
    response = post(employee_client, page)
    assert response.status_code == 410
    assert response.json()["error"] == "The sharing period of this content has ended."
    assert nothing_recorded()


def test_page_shareable_on_its_last_day(employee_client, make_page):
    page = make_page(share_until=timezone.localdate())
    assert post(employee_client, page).status_code == 200


def test_page_outside_the_employees_audience_cannot_be_shared(
    client, other_employee, make_page, engineering
):
    page = make_page(audience=[engineering])
    client.force_login(other_employee)
    response = post(client, page)
    assert response.status_code == 403
    assert nothing_recorded()


def test_unknown_page_is_404(employee_client, hub):
    response = employee_client.post(
        reverse("wagtail_advocacy:share", args=[hub.pk]), {"network": "x", "text": "hi"}, **JSON
    )
    assert response.status_code == 404
    assert nothing_recorded()


def test_anonymous_visitors_are_sent_to_log_in(client, page):
    response = client.post(share_url(page), {"network": "x", "text": "hi"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert nothing_recorded()


def test_get_is_not_allowed(employee_client, page):
    assert employee_client.get(share_url(page)).status_code == 405
    assert nothing_recorded()


def test_csrf_token_is_required(employee, page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    response = client.post(share_url(page), {"network": "x", "text": "hi"})
    assert response.status_code == 403
    assert nothing_recorded()


def test_without_javascript_an_error_shows_the_page_again_with_the_text(employee_client, page):
    response = employee_client.post(share_url(page), {"network": "x", "text": "b" * 300})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Too long for X" in content
    assert "b" * 300 in content  # the employee's text is not lost
    assert nothing_recorded()
