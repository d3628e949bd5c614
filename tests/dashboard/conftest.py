import datetime
import itertools
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission

from tests import factories
from tests.factories import at
from wagtail_advocacy.models import ShareablePage

_users = itertools.count(1)


class Events:
    """Builds ambassadors, shares and clicks at chosen times, through the services
    (``tests/factories.py``), without going through HTTP."""

    def __init__(self, django_user_model):
        self.user_model = django_user_model

    def ambassador(self, *, department="", joined=None, audiences=None, visible=True, **kw):
        number = next(_users)
        user = factories.user(
            f"ambassador{number}", first_name="Amb", last_name=f"Number {number}"
        )
        factories.ambassador(
            user,
            department=department,
            joined_at=joined or at(datetime.date(2026, 1, 1)),
            show_on_leaderboards=visible,
            networks=audiences or {},
            **kw,
        )
        return user

    def link(self, user, page, network="linkedin"):
        return factories.tracked_link(user, page, network)

    def share(self, user, page, when, network="linkedin", *, personalised=False):
        return factories.share(user, page, network, when=when, personalised=personalised).link

    def click(self, link, when, *, unique=True, count=1):
        factories.click(link, when, unique=unique, count=count)


@pytest.fixture
def events(django_user_model):
    return Events(django_user_model)


def date(month, day):
    return datetime.date(2026, month, day)


@pytest.fixture
def data(events, make_page, campaign):
    """March 2026, in the Europe/Paris time zone of the test settings.

    Ambassadors: a1 and a2 in Sales, a3 and a5 in Engineering, a4 joined on 10 March;
    ``outsider`` shares without being an ambassador.
    """
    article = make_page(campaign=campaign, content_format="article", tags=["jobs"])
    video = make_page(content_format="video")
    ShareablePage.objects.filter(pk=article.pk).update(first_published_at=at(date(3, 5)))
    ShareablePage.objects.filter(pk=video.pk).update(first_published_at=at(date(2, 1)))

    a1 = events.ambassador(department="Sales", audiences={"linkedin": 500, "x": 100})
    a2 = events.ambassador(department="Sales", audiences={"linkedin": 200})
    a3 = events.ambassador(department="Engineering")
    a4 = events.ambassador(department="Engineering", joined=at(date(3, 10)))
    a5 = events.ambassador(department="Engineering")
    outsider = events.user_model.objects.create_user("outsider")

    # March: 5 shares, one personalised.
    a1_article = events.share(a1, article, at(date(3, 2)), personalised=True)
    a1_video = events.share(a1, video, at(date(3, 3)), "x")
    a2_article = events.share(a2, article, at(date(3, 4)))
    events.share(outsider, article, at(date(3, 5)))
    events.share(a3, video, at(date(3, 31), 23))  # last hour of March, Paris time
    # Outside March.
    events.share(a2, article, at(date(4, 1), 0))  # first instant of April
    events.share(a1, article, at(date(2, 10)))
    events.share(a3, video, at(date(2, 11)))
    events.share(a5, video, at(date(2, 12)))

    # March: 7 clicks, 5 unique.
    events.click(a1_article, at(date(3, 2)), count=3)
    events.click(a1_article, at(date(3, 3)), unique=False, count=2)
    events.click(a1_video, at(date(3, 3)))
    events.click(a2_article, at(date(3, 1), 0))  # first instant of March
    events.click(a2_article, at(date(4, 1), 0))  # not March

    for kind, when, value in (
        ("application", date(3, 6), None),
        ("hire", date(3, 20), Decimal("1000")),
        ("application", date(2, 20), None),
    ):
        factories.conversion(link=a1_article, kind=kind, value=value, occurred_at=at(when))
    return {
        "campaign": campaign,
        "a4": a4,
        "article": article,
        "video": video,
        "link": a1_article,
    }


@pytest.fixture
def analyst(django_user_model):
    """An editor of the "Communication" group, allowed to see the dashboard."""
    group = Group.objects.create(name="Communication")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_advocacy_dashboard"),
    )
    user = django_user_model.objects.create_user("analyst", password="pw")
    user.groups.add(group)
    return user


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client
