"""What conversions hands over for an employee's "My data": what is credited to them."""

from __future__ import annotations

from wagtail_advocacy.conversions.models import Conversion
from wagtail_advocacy.core.exports import named_rows


def export_conversions(user) -> dict[str, list[dict]]:
    """The conversions credited to the person, for "My data" (one query).

    The note is theirs to see: the erasure treats it as part of their referral (it is
    emptied with it), and it is what HR or the careers site wrote about that referral.
    Who recorded it (another employee) and the other system's idempotency key (which may
    be a candidate's application number) are left out, as is the tracked link, which the
    page and network already name.
    """
    return {
        "conversions": named_rows(
            Conversion.objects.filter(referrer_id=user.pk).order_by("occurred_at", "pk"),
            occurred_at="occurred_at",
            kind="kind",
            value="value",
            page="page__title",
            campaign="campaign__name",
            network="network",
            department="department",
            source="source",
            note="note",
            recorded_at="created_at",
        )
    }
