"""The company's limits on sharing: shares per employee per day and sharing hours. The
share panel says why sharing is not possible now and when it will be; the share endpoint
refuses the share and writes nothing."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.html import escape

from tests import factories
from wagtail_advocacy.compliance.rules import is_open, outside_sharing_hours
from wagtail_advocacy.core.models import ComplianceSettings
from wagtail_advocacy.sharing.models import ShareEvent


def share(client, page, network="linkedin"):
    return client.post(
        f"/advocacy/share/{page.pk}/",
        {"network": network, "text": "Have a look"},
        HTTP_ACCEPT="application/json",
    )


def limits(page, **values):
    settings = ComplianceSettings.for_site(page.get_site())
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()


def test_a_daily_limit_stops_the_next_share_and_says_until_when(employee_client, employee, page):
    limits(page, daily_share_limit=2)
    factories.share(employee, page, when=timezone.now() - datetime.timedelta(days=1))
    assert share(employee_client, page).status_code == 200
    assert share(employee_client, page, "x").status_code == 200
    response = share(employee_client, page, "bluesky")
    assert response.status_code == 429
    message = (
        "You have shared 2 times today, as many as your company allows in a day. "
        "You can share again tomorrow."
    )
    assert response.json() == {"error": message}
    assert ShareEvent.objects.filter(user=employee).count() == 3  # yesterday's and two
    panel = employee_client.get(page.url).content.decode()
    assert message in panel
    assert 'name="network"' not in panel


def test_raising_the_limit_applies_to_the_next_share(employee_client, employee, page):
    limits(page, daily_share_limit=1)
    assert share(employee_client, page).status_code == 200
    assert share(employee_client, page).status_code == 429
    limits(page, daily_share_limit=None)
    assert share(employee_client, page).status_code == 200


def hours_around_now(before, after):
    """A sharing window from ``before`` hours before now to ``after`` hours after it."""
    now = timezone.localtime()
    return (
        (now + datetime.timedelta(hours=before)).time().replace(second=0, microsecond=0),
        (now + datetime.timedelta(hours=after)).time().replace(second=0, microsecond=0),
    )


def test_outside_sharing_hours_the_panel_says_when_sharing_opens(employee_client, page):
    opens, closes = hours_around_now(2, 3)  # opens in two hours: closed now
    limits(page, sharing_opens_at=opens, sharing_closes_at=closes)
    day = "today" if opens > timezone.localtime().time() else "tomorrow"  # after 10 p.m.
    expected = (
        f"You can share again {day} from {time_format(opens)} "
        f"(sharing is open from {time_format(opens)} to {time_format(closes)})."
    )
    response = share(employee_client, page)
    assert response.status_code == 403
    assert response.json()["error"] == expected
    assert not ShareEvent.objects.exists()
    panel = employee_client.get(page.url).content.decode()
    assert escape(expected) in panel


def test_inside_sharing_hours_sharing_works(employee_client, page):
    opens, closes = hours_around_now(-1, 1)
    limits(page, sharing_opens_at=opens, sharing_closes_at=closes)
    assert share(employee_client, page).status_code == 200


T = datetime.time


@pytest.mark.parametrize(
    ("at", "opens", "closes", "expected"),
    [
        (T(9), T(9), T(17), True),
        (T(16, 59), T(9), T(17), True),
        (T(17), T(9), T(17), False),
        (T(8, 59), T(9), T(17), False),
        # A window that spans midnight.
        (T(23), T(22), T(6), True),
        (T(5, 59), T(22), T(6), True),
        (T(6), T(22), T(6), False),
        (T(12), T(22), T(6), False),
        # Opening when it closes: never shut.
        (T(3), T(8), T(8), True),
    ],
)
def test_the_sharing_window(at, opens, closes, expected):
    assert is_open(at, opens, closes) is expected


def test_the_refusal_says_today_or_tomorrow():
    morning = datetime.datetime(2026, 3, 2, 7, 30)
    evening = datetime.datetime(2026, 3, 2, 19, 0)
    early = outside_sharing_hours(morning, T(9), T(17))
    late = outside_sharing_hours(evening, T(9), T(17))
    assert early.message == (
        "You can share again today from 9 a.m. (sharing is open from 9 a.m. to 5 p.m.)."
    )
    assert late.message == (
        "You can share again tomorrow from 9 a.m. (sharing is open from 9 a.m. to 5 p.m.)."
    )
    assert outside_sharing_hours(evening, None, None) is None


def test_the_settings_ask_for_both_times_or_neither(admin_client_, page):
    site = page.get_site()
    url = f"/admin/settings/wagtail_advocacy/compliancesettings/{site.pk}/"
    response = admin_client_.post(
        url,
        {"sharing_opens_at": "09:00"},
    )
    assert "Give both an opening and a closing time, or neither." in response.content.decode()
    assert ComplianceSettings.for_site(site).sharing_opens_at is None
    response = admin_client_.post(
        url,
        {
            "daily_share_limit": "5",
            "sharing_opens_at": "09:00",
            "sharing_closes_at": "18:00",
        },
    )
    assert response.status_code == 302
    saved = ComplianceSettings.for_site(site)
    assert (saved.daily_share_limit, saved.sharing_opens_at) == (5, T(9))


def share_text(client, page, text):
    return client.post(
        f"/advocacy/share/{page.pk}/",
        {"network": "linkedin", "text": text},
        HTTP_ACCEPT="application/json",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Proud of Project Falcon!",
        "proud of PROJECT FALCON",
        "Proud of Ｐｒｏｊｅｃｔ Ｆａｌｃｏｎ",  # full-width letters
        "Proud of Projéct Fälcon",  # accents
        "Proud of Project Fal\u200bcon",  # an invisible space inside
        "Proud of Project\u00a0Falcon.",  # a no-break space
        "Proud of Project  Falcon",  # two spaces
        "Proud of Project\nFalcon",  # a line break
    ],
)
def test_a_blocked_word_is_refused_and_named(employee_client, page, text):
    limits(page, blocked_words="Project Falcon\nAcme merger")
    response = share_text(employee_client, page, text)
    assert response.status_code == 400
    assert response.json() == {
        "error": "Your text contains “Project Falcon”, which your company asks not to "
        "share. Remove it and share again."
    }
    assert not ShareEvent.objects.exists()


@pytest.mark.parametrize("text", ["Our falconry club is hiring", "Project Falcons soon", "Hi"])
def test_a_blocked_word_inside_a_longer_word_is_not_blocked(employee_client, page, text):
    limits(page, blocked_words="Falcon\nProject Falcon")
    assert share_text(employee_client, page, text).status_code == 200


def test_without_javascript_the_page_shows_the_refusal_above_the_text(employee_client, page):
    limits(page, blocked_words="Acme merger")
    response = employee_client.post(
        f"/advocacy/share/{page.pk}/", {"network": "linkedin", "text": "The acme Merger!"}
    )
    assert response.status_code == 400
    assert "Your text contains “Acme merger”" in response.content.decode()
    assert "The acme Merger!" in response.content.decode()  # the text is kept to edit


def test_a_campaign_for_some_networks_offers_and_allows_only_those(employee_client, page):
    page.campaign.networks = ["linkedin", "bluesky"]
    page.campaign.save()
    response = share(employee_client, page, "x")
    assert response.status_code == 403
    assert response.json() == {"error": "This campaign is shared only on LinkedIn, Bluesky."}
    assert not ShareEvent.objects.exists()
    assert share(employee_client, page, "bluesky").status_code == 200
    panel = employee_client.get(page.url).content.decode()
    offered = set(re.findall(r'name="network" value="(\w+)"', panel))
    assert offered == {"linkedin", "bluesky"}


def test_editors_tick_a_campaigns_networks(admin_client_, campaign):
    url = f"/admin/snippets/wagtail_advocacy/campaign/edit/{campaign.pk}/"
    form = admin_client_.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("networks", "owner")
    }
    data.update(networks=["linkedin"], starts_on="2026-01-01", ends_on="2026-12-31")
    response = admin_client_.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    campaign.refresh_from_db()
    assert campaign.networks == ["linkedin"]
    assert campaign.allows("linkedin") and not campaign.allows("x")


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"daily_share_limit": "0"}, "Ensure this value is greater than or equal to 1."),
        (
            {"sharing_opens_at": "09:00", "sharing_closes_at": "09:00"},
            "The closing time must differ from the opening time.",
        ),
    ],
)
def test_settings_that_would_mean_nothing_are_refused(admin_client_, page, values, error):
    site = page.get_site()
    url = f"/admin/settings/wagtail_advocacy/compliancesettings/{site.pk}/"
    response = admin_client_.post(url, values)
    assert error in response.content.decode()
    saved = ComplianceSettings.for_site(site)
    assert (saved.daily_share_limit, saved.sharing_opens_at) == (None, None)


def test_a_campaign_whose_networks_are_all_switched_off_says_so(employee_client, page, settings):
    settings.WAGTAIL_ADVOCACY_ENABLED_NETWORKS = ["linkedin", "x"]
    page.campaign.networks = ["xing"]
    page.campaign.save()
    message = "None of the networks this content may be shared on is offered here."
    response = share(employee_client, page)
    assert (response.status_code, response.json()) == (403, {"error": message})
    panel = employee_client.get(page.url).content.decode()
    assert message in panel and 'name="network"' not in panel
