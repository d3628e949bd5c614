"""What ambassadors hands over for an employee's "My data" (``core.registries.personal_data``)."""

from __future__ import annotations

import posixpath

from wagtail_advocacy.ambassadors.models import (
    AmbassadorExpertiseTag,
    AmbassadorProfile,
    ConsentRecord,
    EmployeeRecord,
    NetworkAudience,
)
from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage
from wagtail_advocacy.core.exports import named_rows


def export_profile(user) -> dict[str, list[dict]]:
    """The person's profile for "My data" (six queries, with or without a profile):
    what they wrote and chose, the networks they declared, their consent history, their
    HR record (the one ``hr_initial`` prefills the join form from) and the spotlight
    stories about them.
    The photo is named by its file name; the file itself is not in the tables."""
    profile = named_rows(
        AmbassadorProfile.objects.filter(user_id=user.pk),
        display_name="display_name",
        job_title="job_title",
        department="department",
        bio="bio",
        photo="photo",
        preferred_language="preferred_language",
        mastodon_server="mastodon_instance",
        show_on_leaderboards="show_on_leaderboards",
        show_in_directory="show_in_directory",
        allow_spotlight="allow_spotlight",
        notify_new_content="notify_new_content",
        notify_recognition="notify_recognition",
        in_the_program="is_active",
        joined_at="opted_in_at",
        consent_version="consent_version",
        left_at="opted_out_at",
        updated_at="updated_at",
    )
    for row in profile:
        row["photo"] = posixpath.basename(row["photo"]) if row["photo"] else None
    return {
        "profile": profile,
        "expertise": named_rows(
            AmbassadorExpertiseTag.objects.filter(content_object__user_id=user.pk).order_by(
                "tag__name"
            ),
            tag="tag__name",
        ),
        "networks": named_rows(
            NetworkAudience.objects.filter(profile__user_id=user.pk).order_by("network"),
            network="network",
            audience_size="audience_size",
        ),
        "consent_history": named_rows(
            ConsentRecord.objects.filter(user_id=user.pk).order_by("at", "pk"),
            consent_version="version",
            given="given",
            at="at",
        ),
        "hr_record": named_rows(
            EmployeeRecord.objects.filter(user_id=user.pk),
            department="department",
            job_title="job_title",
            imported_at="updated_at",
        ),
        "spotlight_stories": named_rows(
            AmbassadorSpotlightPage.objects.filter(profile__user_id=user.pk).order_by(
                "first_published_at", "pk"
            ),
            title="title",
            headline="headline",
            quote="quote",
            published="live",
            first_published_at="first_published_at",
        ),
    }
