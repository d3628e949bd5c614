"""Writers of recognition: the points ledger, badge awards, kudos, rewards, challenge
completions, notices and erasure. ``award_points`` is the only writer of earned points;
reads live in ``queries``, pure rules in ``rules``."""

from __future__ import annotations

from functools import partial

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.recognition.models import (
    CAPPED_ACTIONS,
    ONCE_PER_OBJECT_ACTIONS,
    SPENDING_ACTIONS,
    Badge,
    BadgeAward,
    BadgeKind,
    ChallengeCompletion,
    Kudos,
    NoticeKind,
    PointsAction,
    PointsBalance,
    PointsEntry,
    RecognitionNotice,
    Redemption,
    RedemptionStatus,
    Reward,
    badge_text,
)
from wagtail_advocacy.recognition.queries import (
    badge_metrics,
    challenge_statuses,
    department_contributors,
    has_active_profile,
    kudos_recipients,
)
from wagtail_advocacy.recognition.rules import (
    RecognitionRefused,
    points_for,
    redemption_refusal,
    today_start,
)
from wagtail_advocacy.signals import points_awarded


def _related_key(related):
    if related is None:
        return None, ""
    return ContentType.objects.get_for_model(related, for_concrete_model=False), str(related.pk)


def _locked_balance(user_id) -> PointsBalance:
    """The employee's balance row, locked until the transaction ends (PostgreSQL).

    Every write to one employee's points goes through this lock, so daily caps and
    redemptions are checked against a total nobody else is changing.
    """
    PointsBalance.objects.get_or_create(user_id=user_id)
    return PointsBalance.objects.select_for_update().get(pk=user_id)


def _write_entry(user_id, action, points, related_type, related_id, note=""):
    entry = PointsEntry.objects.create(
        user_id=user_id,
        action=action,
        points=points,
        related_type=related_type,
        related_id=related_id,
        note=note[:255],
    )
    PointsBalance.objects.filter(pk=user_id).update(points=F("points") + points)
    return entry


def award_points(user, action, related=None, *, points=None, note=""):
    """Record earned points for ``user`` and return the entry, or None when nothing is due.

    Nothing is due when the employee has no active ambassador profile, when the action
    is earned once per object and already was, or when a cap is reached. Spending goes
    through ``redeem``, never through here.
    """
    action = PointsAction(action)
    if action in SPENDING_ACTIONS:
        raise ValueError("Redemptions and refunds are written by redeem/decide_redemption.")
    if not has_active_profile(user):
        return None
    if points is None:
        points = points_for(str(action))
    if points <= 0:
        return None
    related_type, related_id = _related_key(related)
    with transaction.atomic():
        _locked_balance(user.pk)
        mine = PointsEntry.objects.filter(user_id=user.pk)
        if action in ONCE_PER_OBJECT_ACTIONS and (
            mine.filter(action=action, related_type=related_type, related_id=related_id).exists()
        ):
            return None
        if action == PointsAction.CLICK and related is not None:
            cap = points_for("click_daily_cap_per_link")
            earned = mine.filter(
                action=action,
                related_type=related_type,
                related_id=related_id,
                created_at__gte=today_start(),
            ).aggregate(total=Coalesce(Sum("points"), 0))["total"]
            points = min(points, max(cap - earned, 0))
        cap = advocacy_settings.DAILY_POINTS_CAP
        if action in CAPPED_ACTIONS and cap is not None:
            earned = mine.filter(
                action__in=CAPPED_ACTIONS, created_at__gte=today_start()
            ).aggregate(total=Coalesce(Sum("points"), 0))["total"]
            points = min(points, max(cap - earned, 0))
        if points <= 0:
            return None
        try:
            with transaction.atomic():
                entry = _write_entry(user.pk, action, points, related_type, related_id, note)
        except IntegrityError:  # the same once-only award made at the same moment
            return None
    transaction.on_commit(partial(points_awarded.send, sender=PointsEntry, entry=entry, user=user))
    return entry


NOTICE_SUBJECTS = {
    NoticeKind.BADGE: lambda s: _("You earned the badge “%(subject)s”") % {"subject": s},
    NoticeKind.KUDOS: lambda s: _("%(subject)s sent you kudos") % {"subject": s},
    NoticeKind.CHALLENGE: lambda s: (
        _("You completed the challenge “%(subject)s”") % {"subject": s}
    ),
    NoticeKind.REDEMPTION: lambda s: (
        _("Your request for “%(subject)s” was answered") % {"subject": s}
    ),
}


def notify(user, kind, subject):
    """An in-app notice, and an e-mail when the employee asked for them."""
    RecognitionNotice.objects.create(user_id=user.pk, kind=kind, subject=subject[:255])
    if not advocacy_settings.RECOGNITION_EMAILS or not user.email:
        return
    profile = AmbassadorProfile.objects.filter(user_id=user.pk).first()
    if profile is None or not profile.notify_recognition:
        return
    # No preference: the intranet's language (``override(None)`` would write untranslated).
    with translation.override(profile.preferred_language or django_settings.LANGUAGE_CODE):
        shown = badge_text(subject) if kind == NoticeKind.BADGE else subject
        title = NOTICE_SUBJECTS[NoticeKind(kind)](shown)
        body = _("See it on your “My impact” page on the intranet.")
    transaction.on_commit(
        partial(
            send_mail,
            title,
            body,
            getattr(django_settings, "DEFAULT_FROM_EMAIL", None),
            [user.email],
            fail_silently=True,
        )
    )


def award_badge(user, badge):
    """Award ``badge`` once; concurrent evaluations meet the unique constraint."""
    award, created = BadgeAward.objects.get_or_create(user_id=user.pk, badge=badge)
    if created:
        notify(user, NoticeKind.BADGE, badge.name)
        return award
    return None


def evaluate_badges(user) -> list:
    """Award every badge whose rule ``user`` now meets; returns the new awards."""
    if not has_active_profile(user):
        return []
    candidates = list(
        Badge.objects.filter(is_active=True)
        .exclude(kind=BadgeKind.CHALLENGE)
        .exclude(awards__user_id=user.pk)
    )
    if not candidates:
        return []
    metrics = badge_metrics(user)
    awarded = []
    for badge in candidates:
        if metrics.get(badge.kind, 0) >= max(badge.threshold, 1):
            award = award_badge(user, badge)
            if award is not None:
                awarded.append(award)
    return awarded


def send_kudos(sender, recipient, message, page=None):
    """Thank an ambassador: a message, points for them, and a limit per sender per day."""
    message = (message or "").strip()
    if not message:
        raise RecognitionRefused(_("Write a short message to go with your kudos."))
    if len(message) > 280:
        raise RecognitionRefused(_("Keep your kudos under 280 characters."))
    if recipient.pk == sender.pk:
        raise RecognitionRefused(_("Kudos are for colleagues: you cannot send them to yourself."))
    if not kudos_recipients(sender).filter(user_id=recipient.pk).exists():
        raise RecognitionRefused(_("This colleague is not an ambassador you can thank."))
    limit = advocacy_settings.KUDOS_DAILY_LIMIT
    with transaction.atomic():
        # Lock the sender's row so two kudos sent at once cannot both pass the limit.
        get_user_model().objects.select_for_update().filter(pk=sender.pk).first()
        sent_today = Kudos.objects.filter(
            sender_id=sender.pk, created_at__gte=today_start()
        ).count()
        if limit is not None and sent_today >= limit:
            raise RecognitionRefused(
                _(
                    "You have already sent %(limit)d kudos today, the daily limit. "
                    "You can send more tomorrow."
                )
                % {"limit": limit}
            )
        kudos = Kudos.objects.create(
            sender=sender, recipient=recipient, message=message, page=page
        )
        sender_profile = AmbassadorProfile.objects.filter(user_id=sender.pk).first()
        sender_name = (
            sender_profile.public_name
            if sender_profile
            else (sender.get_full_name() or sender.get_username())
        )
        award_points(recipient, PointsAction.KUDOS_RECEIVED, kudos, note=sender_name)
        notify(recipient, NoticeKind.KUDOS, sender_name)
    return kudos


def redeem(user, reward_id):
    """Spend points on a reward: one transaction that never lets a balance or stock go
    below zero, even when two requests arrive at once."""
    with transaction.atomic():
        reward = Reward.objects.select_for_update().filter(pk=reward_id, is_active=True).first()
        if reward is None:
            raise RecognitionRefused(_("This reward is not offered any more."))
        balance = _locked_balance(user.pk)
        refusal = redemption_refusal(
            reward, is_member=has_active_profile(user), balance=balance.points
        )
        if refusal is not None:
            raise refusal
        cost = reward.points_cost
        redemption = Redemption.objects.create(user=user, reward=reward, points=cost)
        related_type, related_id = _related_key(redemption)
        PointsEntry.objects.create(
            user_id=user.pk,
            action=PointsAction.REDEMPTION,
            points=-cost,
            related_type=related_type,
            related_id=related_id,
            note=reward.title[:255],
        )
        # Conditional updates: the database re-checks both rules at write time.
        if not PointsBalance.objects.filter(pk=user.pk, points__gte=cost).update(
            points=F("points") - cost
        ):
            raise RecognitionRefused(_("Your balance changed meanwhile: please try again."))
        if reward.stock is not None and not Reward.objects.filter(
            pk=reward.pk, stock__gte=1
        ).update(stock=F("stock") - 1):
            raise RecognitionRefused(_("This reward is out of stock."))
    return redemption


def decide_redemption(redemption_id, manager, *, fulfil: bool, note=""):
    """Fulfil or decline a pending request; declining refunds the points and the stock.

    The decision is logged in Wagtail's audit log on the request, by ``manager``, with
    the reward's title: not the note, which may say something about the employee, nor
    the employee's name (the entry outlives the request when the employee is erased).
    """
    from wagtail_advocacy.core import audit

    with transaction.atomic():
        redemption = (
            Redemption.objects.select_for_update()
            .select_related("reward", "user")
            .filter(pk=redemption_id)
            .first()
        )
        if redemption is None:
            raise RecognitionRefused(_("This request does not exist."))
        if redemption.status != RedemptionStatus.PENDING:
            raise RecognitionRefused(_("This request was already answered."))
        redemption.status = RedemptionStatus.FULFILLED if fulfil else RedemptionStatus.DECLINED
        redemption.decided_at = timezone.now()
        redemption.decided_by = manager
        redemption.manager_note = (note or "")[:255]
        redemption.save()
        if not fulfil:
            _locked_balance(redemption.user_id)
            related_type, related_id = _related_key(redemption)
            _write_entry(
                redemption.user_id,
                PointsAction.REDEMPTION_REFUND,
                redemption.points,
                related_type,
                related_id,
                redemption.reward.title,
            )
            if redemption.reward.stock is not None:
                Reward.objects.filter(pk=redemption.reward_id).update(stock=F("stock") + 1)
        audit.record(
            redemption,
            "wagtail_advocacy.reward.fulfil" if fulfil else "wagtail_advocacy.reward.decline",
            user=manager,
            data={"reward": redemption.reward.title},
            title=redemption.reward.title,
        )
        notify(redemption.user, NoticeKind.REDEMPTION, redemption.reward.title)
    return redemption


def complete_challenge(user, challenge):
    """Record the completion once, then points, badge and a notice."""
    completion, created = ChallengeCompletion.objects.get_or_create(
        challenge=challenge, user_id=user.pk
    )
    if not created:
        return None
    award_points(
        user,
        PointsAction.CHALLENGE_COMPLETED,
        challenge,
        points=challenge.points,
        note=challenge.title,
    )
    if challenge.badge_id:
        award_badge(user, challenge.badge)
    notify(user, NoticeKind.CHALLENGE, challenge.title)
    return completion


def evaluate_challenges(user) -> list:
    """Complete the running challenges ``user`` (or their department) reached."""
    if not has_active_profile(user):
        return []
    completed = []
    for status in challenge_statuses(user):
        if status.completed or status.value < status.challenge.target:
            continue
        if not status.challenge.team_mode:
            if complete_challenge(user, status.challenge):
                completed.append(status.challenge)
            continue
        # The department reached the target: everyone in it who contributed completes it.
        contributors = department_contributors(status.challenge, status.department)
        for member in get_user_model().objects.filter(pk__in=contributors):
            if complete_challenge(member, status.challenge) and member.pk == user.pk:
                completed.append(status.challenge)
    return completed


def take_notices(user, limit=10) -> list:
    """Notices to show now; unread ones are marked seen after being listed."""
    notices = list(RecognitionNotice.objects.filter(user_id=user.pk)[:limit])
    unread = [n.pk for n in notices if not n.is_read]
    if unread:
        RecognitionNotice.objects.filter(pk__in=unread).update(is_read=True)
    return notices


def _names_of(user, profile) -> set[str]:
    """Every name kudos notices may have used for ``user``."""
    names = {user.get_full_name(), user.get_username()}
    if profile is not None:
        names.add(profile.display_name)
    return {name for name in names if name}


def erase_recognition(user):
    """Remove every trace of ``user``'s recognition, given and received (their part of
    the personal-data registry, run before the profile itself is deleted)."""
    profile = AmbassadorProfile.objects.filter(user_id=user.pk).first()
    with transaction.atomic():
        PointsEntry.objects.filter(user_id=user.pk).delete()
        PointsBalance.objects.filter(pk=user.pk).delete()
        BadgeAward.objects.filter(user_id=user.pk).delete()
        # Colleagues keep the points of kudos this person sent, without their name.
        sent = Kudos.objects.filter(sender_id=user.pk)
        kudos_type = ContentType.objects.get_for_model(Kudos)
        PointsEntry.objects.filter(
            related_type=kudos_type,
            related_id__in=[str(pk) for pk in sent.values_list("pk", flat=True)],
        ).update(note="")
        names = _names_of(user, profile)
        RecognitionNotice.objects.filter(
            kind=NoticeKind.KUDOS,
            subject__in=names,
            user_id__in=sent.values("recipient_id"),
        ).update(subject=_("A colleague"))
        Kudos.objects.filter(Q(sender_id=user.pk) | Q(recipient_id=user.pk)).delete()
        # Rewards still waiting for a manager go back in stock.
        pending = (
            Redemption.objects.filter(
                user_id=user.pk,
                status=RedemptionStatus.PENDING,
                reward__stock__isnull=False,
            )
            .values("reward_id")
            .annotate(n=Count("pk"))
        )
        for row in pending:
            Reward.objects.filter(pk=row["reward_id"]).update(stock=F("stock") + row["n"])
        Redemption.objects.filter(user_id=user.pk).delete()
        RecognitionNotice.objects.filter(user_id=user.pk).delete()
        ChallengeCompletion.objects.filter(user_id=user.pk).delete()


PROGRAM_KUDOS_PERMISSION = "wagtail_advocacy.send_program_kudos"


def send_program_kudos(editor, recipient, message):
    """Kudos from the program team, sent by ``editor`` from the admin.

    The rules of :func:`send_kudos` that make sense for the program: a message of 280
    characters at most, never to oneself, and only to an active ambassador (whether or
    not they show on the leaderboards or the directory). No daily limit: the permission
    "Can send kudos on behalf of the program" is the limit. The recipient gets the points
    and a notice from the program, and the site history records who sent them.
    """
    from wagtail_advocacy.core import audit

    if not (editor.is_active and editor.has_perm(PROGRAM_KUDOS_PERMISSION)):
        raise RecognitionRefused(
            _("You need the permission to send kudos on behalf of the program."), 403
        )
    message = (message or "").strip()
    if not message:
        raise RecognitionRefused(_("Write a short message to go with your kudos."))
    if len(message) > 280:
        raise RecognitionRefused(_("Keep your kudos under 280 characters."))
    if recipient.pk == editor.pk:
        raise RecognitionRefused(_("Kudos are for colleagues: you cannot send them to yourself."))
    profile = AmbassadorProfile.objects.active().filter(user_id=recipient.pk).first()
    if profile is None:
        raise RecognitionRefused(_("This colleague is not an ambassador you can thank."))
    with transaction.atomic():
        kudos = Kudos.objects.create(sender=editor, recipient=recipient, message=message)
        # The notice is from the program, in the recipient's language.
        with translation.override(profile.preferred_language or django_settings.LANGUAGE_CODE):
            program = _("The advocacy program")
        award_points(recipient, PointsAction.KUDOS_RECEIVED, kudos, note=program)
        notify(recipient, NoticeKind.KUDOS, program)
        # No names in the entry's title: the kudos go with an erasure, the history stays.
        audit.record(
            kudos,
            "wagtail_advocacy.kudos.program",
            user=editor,
            title=_("Program kudos #%(id)s") % {"id": kudos.pk},
        )
    return kudos
