"""GET advocacy/go/<token>/: public redirect that counts people, never crawlers."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from wagtail_advocacy.models import LinkClick, TrackedLink
from wagtail_advocacy.sharing.services import get_or_create_link
from wagtail_advocacy.signals import link_clicked

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


@pytest.fixture
def link(employee, page):
    return get_or_create_link(employee, page, "linkedin")


def go(client, link, method="get", agent=BROWSER, **extra):
    url = reverse("wagtail_advocacy:go", args=[link.token])
    return getattr(client, method)(url, HTTP_USER_AGENT=agent, **extra)


def test_anonymous_click_redirects_to_the_destination_and_is_counted(client, link):
    response = go(client, link, HTTP_REFERER="https://www.linkedin.com/feed/update/123")

    assert response.status_code == 302
    assert response["Location"] == link.destination
    assert "utm_source=linkedin" in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    click = LinkClick.objects.get()
    assert click.link == link
    assert click.is_unique is True
    assert click.referrer_host == "www.linkedin.com"


def test_no_ip_address_is_stored(client, link):
    go(client, link, REMOTE_ADDR="203.0.113.9")
    values = LinkClick.objects.values().get()
    assert not any("203.0.113.9" in str(value) for value in values.values())


def test_the_same_visitor_twice_a_day_is_counted_once_as_unique(client, link):
    go(client, link, REMOTE_ADDR="203.0.113.9")
    go(client, link, REMOTE_ADDR="203.0.113.9")
    go(client, link, REMOTE_ADDR="198.51.100.7")
    assert LinkClick.objects.count() == 3
    assert LinkClick.objects.filter(is_unique=True).count() == 2


def test_proxy_header_identifies_visitors_when_configured(client, link, settings):
    settings.WAGTAIL_ADVOCACY_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    go(client, link, HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")
    go(client, link, HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1")
    assert LinkClick.objects.filter(is_unique=True).count() == 2


@pytest.mark.parametrize(
    "agent",
    [
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Twitterbot/1.0",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
        "",
    ],
)
def test_crawlers_are_redirected_but_not_counted(client, link, agent):
    response = go(client, link, agent=agent)
    assert response.status_code == 302
    assert response["Location"] == link.destination
    assert not LinkClick.objects.exists()


def test_head_requests_are_redirected_but_not_counted(client, link):
    response = go(client, link, method="head")
    assert response.status_code == 302
    assert not LinkClick.objects.exists()


def test_a_site_can_extend_the_crawler_list(client, link, settings):
    settings.WAGTAIL_ADVOCACY_BOT_USER_AGENTS = ["intranet-link-checker"]
    go(client, link, agent="intranet-link-checker/2")
    assert not LinkClick.objects.exists()


def test_unknown_token_is_404_and_counts_nothing(client, db):
    response = client.get(
        reverse("wagtail_advocacy:go", args=["doesnotexist"]), HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == 404
    assert not LinkClick.objects.exists()


def test_malformed_token_is_404(client, db):
    assert client.get("/advocacy/go/../../admin/").status_code == 404
    assert client.get("/advocacy/go/a%20b/").status_code == 404


def test_destination_never_comes_from_the_request(client, link):
    url = reverse("wagtail_advocacy:go", args=[link.token])
    response = client.get(
        url + "?next=https://evil.example.net/&url=https://evil.example.net/",
        HTTP_USER_AGENT=BROWSER,
        HTTP_HOST="testserver",
    )
    assert urlsplit(response["Location"]).netloc == "www.example.com"


def test_post_is_not_allowed(client, link):
    response = client.post(reverse("wagtail_advocacy:go", args=[link.token]))
    assert response.status_code == 405
    assert not LinkClick.objects.exists()


def test_link_clicked_signal_is_sent_for_people_only(client, link):
    received = []

    def receiver(sender, click, link, **kwargs):
        received.append(click.pk)

    link_clicked.connect(receiver)
    try:
        go(client, link)
        go(client, link, agent="Twitterbot/1.0")
    finally:
        link_clicked.disconnect(receiver)
    assert received == [LinkClick.objects.get().pk]


def test_publishing_a_new_public_url_moves_every_link_already_shared(
    client, employee, other_employee, page, link, django_capture_on_commit_callbacks
):
    other = get_or_create_link(other_employee, page, "x")
    page.share_url = "https://careers.example.com/job/42"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for tracked in (link, other):
        response = go(client, tracked)
        assert response["Location"].startswith("https://careers.example.com/job/42?utm_source=")
    assert TrackedLink.objects.count() == 2
