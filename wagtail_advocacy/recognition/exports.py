"""What recognition hands over for an employee's "My data" (``core.registries.personal_data``)."""

from __future__ import annotations

from wagtail_advocacy.core.exports import named_rows
from wagtail_advocacy.recognition.models import (
    BadgeAward,
    ChallengeCompletion,
    Kudos,
    NoticeKind,
    PointsBalance,
    PointsEntry,
    RecognitionNotice,
    Redemption,
    badge_text,
)


def _shown_name(person) -> str | None:
    """A colleague as the kudos pages name them: their display name, else their full name;
    never their username, which may be an e-mail address."""
    profile = getattr(person, "advocacy_profile", None)  # None when they have none
    return (profile.display_name if profile else "") or person.get_full_name() or None


def _kudos(kudos, other: str) -> list[dict]:
    kudos = kudos.select_related(other, f"{other}__advocacy_profile", "page")
    return [
        {
            "sent_at": item.created_at,
            "from" if other == "sender" else "to": _shown_name(getattr(item, other)),
            "message": item.message,
            "about": item.page.title if item.page else None,
        }
        for item in kudos.order_by("created_at", "pk")
    ]


def export_recognition(user) -> dict[str, list[dict]]:
    """The person's recognition for "My data", one query per table. Who decided a reward
    request is left out (another person); a colleague is named as the kudos pages do."""
    mine = {"user_id": user.pk}
    badges = named_rows(
        BadgeAward.objects.filter(**mine).order_by("awarded_at", "pk"),
        badge="badge__name",
        description="badge__description",
        awarded_at="awarded_at",
    )
    for row in badges:
        row.update(badge=badge_text(row["badge"]), description=badge_text(row["description"]))
    notices = named_rows(
        RecognitionNotice.objects.filter(**mine).order_by("created_at", "pk"),
        created_at="created_at",
        kind="kind",
        subject="subject",
        seen="is_read",
    )
    for row in notices:
        if row["kind"] == NoticeKind.BADGE:
            row["subject"] = badge_text(row["subject"])
    return {
        "points": named_rows(
            PointsEntry.objects.filter(**mine).order_by("created_at", "pk"),
            recorded_at="created_at",
            action="action",
            points="points",
            note="note",
        ),
        "points_balance": named_rows(
            PointsBalance.objects.filter(pk=user.pk), points="points", updated_at="updated_at"
        ),
        "badges": badges,
        "kudos_sent": _kudos(Kudos.objects.filter(sender_id=user.pk), "recipient"),
        "kudos_received": _kudos(Kudos.objects.filter(recipient_id=user.pk), "sender"),
        "notices": notices,
        "rewards": named_rows(
            Redemption.objects.filter(**mine).order_by("requested_at", "pk"),
            reward="reward__title",
            points_paid="points",
            status="status",
            requested_at="requested_at",
            decided_at="decided_at",
            note_to_you="manager_note",
        ),
        "challenges": named_rows(
            ChallengeCompletion.objects.filter(**mine).order_by("completed_at", "pk"),
            challenge="challenge__title",
            completed_at="completed_at",
        ),
    }
