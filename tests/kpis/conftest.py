import datetime
import itertools
import secrets

import pytest
from django.utils import timezone

from wagtail_advocacy.models import (
    AmbassadorProfile,
    LinkClick,
    NetworkAudience,
    ShareEvent,
    TrackedLink,
)

_users = itertools.count(1)


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    """An aware datetime on ``day`` in the current time zone."""
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


class Events:
    """Builds shares, clicks and ambassadors at chosen times, without going through HTTP."""

    def __init__(self, django_user_model):
        self.user_model = django_user_model

    def ambassador(self, *, department="", joined=None, audiences=None, visible=True, **kw):
        number = next(_users)
        user = self.user_model.objects.create_user(
            f"ambassador{number}", first_name="Amb", last_name=f"Number {number}"
        )
        profile = AmbassadorProfile.objects.create(
            user=user,
            department=department,
            opted_in_at=joined or at(datetime.date(2026, 1, 1)),
            consent_version="test",
            show_on_leaderboards=visible,
            **kw,
        )
        for network, size in (audiences or {}).items():
            NetworkAudience.objects.create(profile=profile, network=network, audience_size=size)
        return user

    def link(self, user, page, network="linkedin"):
        link, _ = TrackedLink.objects.get_or_create(
            user=user,
            page=page,
            network=network,
            defaults={"token": secrets.token_urlsafe(9), "destination": page.share_url},
        )
        return link

    def share(self, user, page, when, network="linkedin", *, personalised=False):
        link = self.link(user, page, network)
        event = ShareEvent.objects.create(
            user=user,
            page=page,
            campaign=page.campaign,
            network=network,
            link=link,
            personalised=personalised,
        )
        ShareEvent.objects.filter(pk=event.pk).update(created_at=when)
        return link

    def click(self, link, when, *, unique=True, count=1):
        clicks = LinkClick.objects.bulk_create(
            [
                LinkClick(link=link, is_unique=unique, visitor_hash=secrets.token_hex(8))
                for _ in range(count)
            ]
        )
        LinkClick.objects.filter(pk__in=[c.pk for c in clicks]).update(clicked_at=when)


@pytest.fixture
def events(django_user_model):
    return Events(django_user_model)
