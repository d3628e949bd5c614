"""Decisions of the ambassador program, and the share rule it registers: a member whose
consent is for an older version of the terms is asked again before sharing."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.refusals import ShareRefused
from wagtail_advocacy.core.registries import share_rules


def consent_is_outdated(profile) -> bool:
    """Whether this profile is an active member's whose consent is for other terms than
    the current ``WAGTAIL_ADVOCACY_CONSENT_VERSION``."""
    return (
        profile is not None
        and profile.is_active
        and profile.consent_version != advocacy_settings.CONSENT_VERSION
    )


def needs_new_consent(user) -> bool:
    """An active member whose consent is for an older (or other) version of the terms
    than the current one: they are asked to accept the current terms again (one query)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        AmbassadorProfile.objects.active()
        .filter(user_id=user.pk)
        .exclude(consent_version=advocacy_settings.CONSENT_VERSION)
        .exists()
    )


def consent_url(next_url: str = "") -> str:
    """The page that shows the current terms, coming back to ``next_url`` once accepted."""
    url = reverse("wagtail_advocacy:ambassador_consent")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


# After the page's own rules (published, sharing period, audience, networks: what no
# consent would change, and a draft stays a 404), before training and the company's limits.
@share_rules.register(order=45)
def consent_is_current(user, page):
    """A member whose consent is out of date shares again once they accepted the terms."""
    if not needs_new_consent(user):
        return None
    return ShareRefused(
        _(
            "The ambassador program's terms have changed since you joined. Read and accept "
            "them before you share again, or leave the program."
        ),
        403,
        links=[(_("Read and accept the new terms"), consent_url(page.url or ""))],
    )
