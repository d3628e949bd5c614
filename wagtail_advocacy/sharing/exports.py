"""What sharing hands over for an employee's "My data" (``core.registries.personal_data``)."""

from django.db.models import Count, Q
from django.urls import reverse

from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.exports import named_rows
from wagtail_advocacy.sharing.models import (
    ShareEvent,
    TrackedLink,
    tracked_link_url,
)


def _link_of(token: str) -> str:
    """The tracked link as posted: the whole URL when the public domain is configured, else
    its path (an export has no request to take the host from)."""
    if advocacy_settings.PUBLIC_BASE_URL:
        return tracked_link_url(token)
    return reverse("wagtail_advocacy:go", args=[token])


def export_shares(user) -> dict[str, list[dict]]:
    """The person's shares and tracked links, for "My data": two queries. A share keeps no
    text (what was finally posted is never known), so none is exported."""
    shares = named_rows(
        ShareEvent.objects.filter(user_id=user.pk).order_by("created_at", "pk"),
        shared_at="created_at",
        page="page__title",
        campaign="campaign__name",
        network="network",
        personalised="personalised",
        department="department",
        declared_audience="audience",
    )
    links = named_rows(
        TrackedLink.objects.filter(user_id=user.pk)
        .annotate(
            click_count=Count("clicks"),
            unique_click_count=Count("clicks", filter=Q(clicks__is_unique=True)),
        )
        .order_by("created_at", "pk"),
        created_at="created_at",
        page="page__title",
        network="network",
        link="token",
        destination="destination",
        department="department",
        clicks="click_count",
        unique_clicks="unique_click_count",
    )
    for row in links:
        row["link"] = _link_of(row["link"])
    return {"shares": shares, "tracked_links": links}
