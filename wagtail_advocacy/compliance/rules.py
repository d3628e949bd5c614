"""The company's limits on sharing, registered as share rules: the share panel explains
them (and says when sharing opens again), the share endpoint enforces them. Blocked words
are a post rule: the endpoint refuses a text that holds one, naming it (matched by
``core.blocklist``, which the page editor's live check uses too). The settings are the
site's Compliance setting (``core.models.ComplianceSettings``)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_advocacy.core.models import ComplianceSettings
from wagtail_advocacy.core.refusals import ShareRefused
from wagtail_advocacy.core.registries import post_rules, share_rules
from wagtail_advocacy.sharing.models import ShareEvent


def site_now() -> datetime.datetime:
    """Now in the site's time zone (``TIME_ZONE``), whatever zone a request activated: the
    limits are the company's, the same for everybody."""
    return timezone.localtime(timezone.now(), timezone.get_default_timezone())


def is_open(at: datetime.time, opens: datetime.time, closes: datetime.time) -> bool:
    """Whether ``at`` falls in the sharing window; a window closing before it opens spans
    midnight (22:00 to 06:00), and one that opens when it closes never shuts."""
    if opens == closes:
        return True
    if opens < closes:
        return opens <= at < closes
    return at >= opens or at < closes


def outside_sharing_hours(now: datetime.datetime, opens, closes) -> ShareRefused | None:
    """The refusal for a share at ``now`` (local time) outside the window, saying when it
    opens again, or None."""
    if opens is None or closes is None or is_open(now.time(), opens, closes):
        return None
    words = {"opens": time_format(opens), "closes": time_format(closes)}
    # The time is not last: "5 p.m." already ends with a full stop.
    if now.time() < opens:
        message = _(
            "You can share again today from %(opens)s (sharing is open from %(opens)s to "
            "%(closes)s)."
        )
    else:
        message = _(
            "You can share again tomorrow from %(opens)s (sharing is open from %(opens)s "
            "to %(closes)s)."
        )
    return ShareRefused(message % words, 403)


# After the page's own rules (10-30) and training (50): first what the employee can do
# now, then when they may share.


@share_rules.register(order=60)
def within_sharing_hours(user, page):
    settings = ComplianceSettings.for_page(page)
    if settings is None:
        return None
    return outside_sharing_hours(site_now(), settings.sharing_opens_at, settings.sharing_closes_at)


@share_rules.register(order=70)
def within_daily_share_limit(user, page):
    """At most ``daily_share_limit`` shares per employee and day (one count query when a
    limit is set, none otherwise)."""
    settings = ComplianceSettings.for_page(page)
    limit = settings.daily_share_limit if settings is not None else None
    if not limit or not user.is_authenticated:
        return None
    midnight = site_now().replace(hour=0, minute=0, second=0, microsecond=0)
    shared = ShareEvent.objects.filter(user=user, created_at__gte=midnight).count()
    if shared < limit:
        return None
    message = ngettext(
        "You have shared %(count)d time today, as many as your company allows in a day. "
        "You can share again tomorrow.",
        "You have shared %(count)d times today, as many as your company allows in a day. "
        "You can share again tomorrow.",
        shared,
    )
    return ShareRefused(message % {"count": shared}, 429)


@post_rules.register(order=10)
def no_blocked_words(user, page, network_key, text):
    settings = ComplianceSettings.for_page(page)
    found = settings.blocked_in(text) if settings is not None else []
    if not found:
        return None
    return ShareRefused(
        _(
            "Your text contains “%(word)s”, which your company asks not to share. "
            "Remove it and share again."
        )
        % {"word": found[0]}
    )
