"""Rules of recognition: who earns points for what, badges, leaderboards, kudos,
challenges and rewards. ``award_points`` is the only writer of earned points."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce, Rank, TruncWeek
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail_advocacy.ambassadors.models import AmbassadorProfile, NetworkAudience
from wagtail_advocacy.conf import DEFAULTS, advocacy_settings
from wagtail_advocacy.core.refusals import Refusal
from wagtail_advocacy.recognition.models import (
    ONCE_PER_OBJECT_ACTIONS,
    SPENDING_ACTIONS,
    Badge,
    BadgeAward,
    BadgeKind,
    Challenge,
    ChallengeCompletion,
    ChallengeMetric,
    Kudos,
    NoticeKind,
    PointsAction,
    PointsBalance,
    PointsEntry,
    RecognitionNotice,
    Redemption,
    RedemptionStatus,
    Reward,
)
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent

# Actions one could repeat to climb a leaderboard: the daily cap applies to them.
CAPPED_ACTIONS = (PointsAction.SHARE, PointsAction.FIRST_SHARE_OF_PAGE, PointsAction.CLICK)
EARNING_ACTIONS = tuple(a for a in PointsAction if a not in SPENDING_ACTIONS)
PERIODS = ("month", "quarter", "all")
BOARD_EVERYONE = "everyone"
BOARD_EXECUTIVES = "executives"


class RecognitionRefused(Refusal):
    """A recognition request (kudos, reward) that must change nothing."""


# --- small helpers -----------------------------------------------------------------------


def points_for(key: str) -> int:
    configured = advocacy_settings.POINTS or {}
    return int(configured.get(key, DEFAULTS["POINTS"].get(key, 0)) or 0)


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def today_start(now=None) -> datetime.datetime:
    return start_of_day(timezone.localdate(now or timezone.now()))


def is_ambassador(user) -> bool:
    """Only employees who opted in (and did not leave) earn points and badges."""
    if user is None or not getattr(user, "pk", None):
        return False
    return AmbassadorProfile.objects.active().filter(user_id=user.pk).exists()


def _related_key(related):
    if related is None:
        return None, ""
    from django.contrib.contenttypes.models import ContentType

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


# --- the ledger --------------------------------------------------------------------------


def award_points(user, action, related=None, *, points=None, note=""):
    """Record earned points for ``user`` and return the entry, or None when nothing is due.

    Nothing is due when the employee has no active ambassador profile, when the action
    is earned once per object and already was, or when a cap is reached. Spending goes
    through ``redeem``, never through here.
    """
    action = PointsAction(action)
    if action in SPENDING_ACTIONS:
        raise ValueError("Redemptions and refunds are written by redeem/decide_redemption.")
    if not is_ambassador(user):
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
    if action in (PointsAction.SUGGESTION_ACCEPTED, PointsAction.KUDOS_RECEIVED):
        schedule_evaluation(user.pk)
    return entry


def balance_of(user) -> int:
    return PointsBalance.objects.filter(pk=user.pk).values_list("points", flat=True).first() or 0


def schedule_evaluation(user_id):
    """Evaluate badges and challenges once the current transaction is committed."""
    from wagtail_advocacy.recognition.tasks import evaluate_recognition

    transaction.on_commit(partial(evaluate_recognition.enqueue, user_id))


# --- receivers ---------------------------------------------------------------------------


def on_share_recorded(sender, event, user, page, **kwargs):
    """10 points a share, 5 more the first time a page is shared; repeats earn nothing."""
    if not is_ambassador(user):
        return
    repeat = (
        ShareEvent.objects.filter(
            user_id=user.pk,
            page_id=page.pk,
            network=event.network,
            created_at__gte=event.created_at - datetime.timedelta(hours=24),
        )
        .exclude(pk=event.pk)
        .exists()
    )
    if not repeat:
        award_points(user, PointsAction.SHARE, event, note=page.title)
        award_points(user, PointsAction.FIRST_SHARE_OF_PAGE, page, note=page.title)
    schedule_evaluation(user.pk)


def on_link_clicked(sender, click, link, **kwargs):
    """Points for a click go through a task: the public redirect must stay fast.

    Most clicks are on links of employees outside the program (or erased ones): one
    indexed lookup settles those without the cost of queuing a task.
    """
    if not click.is_unique or link.user_id is None:
        return
    if not AmbassadorProfile.objects.active().filter(user_id=link.user_id).exists():
        return
    from wagtail_advocacy.recognition.tasks import award_click_points

    transaction.on_commit(partial(award_click_points.enqueue, click.pk))


def award_for_click(click_id):
    click = LinkClick.objects.filter(pk=click_id).select_related("link__user").first()
    if click is None or not click.is_unique or not is_ambassador(click.link.user):
        return None
    entry = award_points(click.link.user, PointsAction.CLICK, click.link)
    schedule_evaluation(click.link.user_id)
    return entry


def on_training_completed(sender, completion, user, module, **kwargs):
    award_points(user, PointsAction.TRAINING_PASSED, module, note=module.title)
    if is_ambassador(user):
        schedule_evaluation(user.pk)


def _names_of(user, profile) -> set[str]:
    """Every name kudos notices may have used for ``user`` (the profile may be deleted;
    the signal still hands over its last state)."""
    names = {user.get_full_name(), user.get_username()}
    if profile is not None:
        names.add(profile.display_name)
    return {name for name in names if name}


def on_ambassador_left(sender, profile, user, erase=False, **kwargs):
    """Erasing one's data removes every trace of recognition, given and received."""
    if not erase:
        return
    with transaction.atomic():
        PointsEntry.objects.filter(user_id=user.pk).delete()
        PointsBalance.objects.filter(pk=user.pk).delete()
        BadgeAward.objects.filter(user_id=user.pk).delete()
        # Colleagues keep the points of kudos this person sent, without their name.
        from django.contrib.contenttypes.models import ContentType

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


# --- notices -----------------------------------------------------------------------------

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
    with translation.override(profile.preferred_language or None):
        title = NOTICE_SUBJECTS[NoticeKind(kind)](subject)
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


def unread_notice_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return RecognitionNotice.objects.filter(user_id=user.pk, is_read=False).count()


# --- badges ------------------------------------------------------------------------------


def _as_date(value):
    """A truncated week as a local date (databases return dates or datetimes)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def weeks_streak(weeks, today: datetime.date) -> int:
    """Weeks in a row with activity, ending this week (or last week, if none yet)."""
    mondays = {w - datetime.timedelta(days=w.weekday()) for w in weeks}
    week = today - datetime.timedelta(days=today.weekday())
    if week not in mondays:
        week -= datetime.timedelta(weeks=1)
    streak = 0
    while week in mondays:
        streak += 1
        week -= datetime.timedelta(weeks=1)
    return streak


def badge_metrics(user) -> dict:
    """Every badge rule's current value for ``user``, in four aggregate queries."""
    shares = ShareEvent.objects.filter(user_id=user.pk).aggregate(
        pages=Count("page", distinct=True), networks=Count("network", distinct=True)
    )
    clicks = LinkClick.objects.filter(link__user_id=user.pk, is_unique=True).count()
    ledger = PointsEntry.objects.filter(user_id=user.pk).aggregate(
        trainings=Count("pk", filter=Q(action=PointsAction.TRAINING_PASSED)),
        suggestions=Count("pk", filter=Q(action=PointsAction.SUGGESTION_ACCEPTED)),
    )
    since = timezone.now() - datetime.timedelta(weeks=104)
    weeks = (
        ShareEvent.objects.filter(user_id=user.pk, created_at__gte=since)
        .annotate(week=TruncWeek("created_at"))
        .values_list("week", flat=True)
        .distinct()
        .order_by()
    )
    week_days = {_as_date(w) for w in weeks}
    return {
        BadgeKind.SHARES: shares["pages"],
        BadgeKind.FIRST_SHARE: shares["pages"],
        BadgeKind.NETWORKS: shares["networks"],
        BadgeKind.CLICKS: clicks,
        BadgeKind.TRAININGS: ledger["trainings"],
        BadgeKind.SUGGESTIONS: ledger["suggestions"],
        BadgeKind.STREAK: weeks_streak(week_days, timezone.localdate()),
    }


def award_badge(user, badge):
    """Award ``badge`` once; concurrent evaluations meet the unique constraint."""
    award, created = BadgeAward.objects.get_or_create(user_id=user.pk, badge=badge)
    if created:
        notify(user, NoticeKind.BADGE, badge.name)
        return award
    return None


def evaluate_badges(user) -> list:
    """Award every badge whose rule ``user`` now meets; returns the new awards."""
    if not is_ambassador(user):
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


@dataclass
class BadgeProgress:
    badge: Badge
    value: int

    @property
    def percent(self):
        return min(100, int(self.value * 100 / max(self.badge.threshold, 1)))


def next_badges(user, metrics=None, limit=4) -> list[BadgeProgress]:
    """The closest unearned badge of each rule, most advanced first."""
    metrics = metrics if metrics is not None else badge_metrics(user)
    unearned = (
        Badge.objects.filter(is_active=True)
        .exclude(kind=BadgeKind.CHALLENGE)
        .exclude(awards__user_id=user.pk)
        .order_by("kind", "threshold")
    )
    closest = {}
    for badge in unearned:
        closest.setdefault(badge.kind, BadgeProgress(badge, metrics.get(badge.kind, 0)))
    return sorted(closest.values(), key=lambda p: -p.percent)[:limit]


# --- leaderboards ------------------------------------------------------------------------


def period_start(period: str, now=None):
    today = timezone.localdate(now or timezone.now())
    if period == "month":
        return start_of_day(today.replace(day=1))
    if period == "quarter":
        return start_of_day(today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1))
    return None


def executive_group():
    return advocacy_settings.EXECUTIVE_GROUP or None


def _earned(period, department="", board=BOARD_EVERYONE, *, visible_only=True):
    """Points earned per employee over the period, for one board: one GROUP BY query."""
    profiles = (
        AmbassadorProfile.objects.on_leaderboards()
        if visible_only
        else (AmbassadorProfile.objects.active())
    )
    entries = PointsEntry.objects.filter(
        action__in=EARNING_ACTIONS, user__advocacy_profile__in=profiles
    )
    start = period_start(period)
    if start is not None:
        entries = entries.filter(created_at__gte=start)
    if department:
        entries = entries.filter(user__advocacy_profile__department=department)
    group = executive_group()
    if group:
        if board == BOARD_EXECUTIVES:
            entries = entries.filter(user__groups__name=group)
        else:
            entries = entries.exclude(user__groups__name=group)
    return entries.values("user_id").annotate(total=Sum("points")).order_by()


@dataclass
class Standing:
    user_id: int
    name: str
    department: str
    total: int
    rank: int
    only_you: bool = False


@dataclass
class Leaderboard:
    period: str
    department: str
    board: str
    rows: list = field(default_factory=list)
    me: Standing | None = None
    viewer_in_rows: bool = False


def _name(display_name, first, last, username):
    return display_name or f"{first} {last}".strip() or username


def leaderboard(viewer, period="month", department="", board=BOARD_EVERYONE, size=None):
    """The top of a board, ranked in the database (ties share a rank), and the viewer.

    Only opted-in profiles that chose to appear are listed; a viewer who did not choose
    it still sees where they would stand, marked as visible to them only.
    """
    size = size or advocacy_settings.LEADERBOARD_SIZE
    ranked = (
        _earned(period, department, board)
        .annotate(
            rank=Window(Rank(), order_by=F("total").desc()),
            display_name=F("user__advocacy_profile__display_name"),
            department=F("user__advocacy_profile__department"),
            first_name=F("user__first_name"),
            last_name=F("user__last_name"),
            username=F("user__username"),
        )
        .order_by("rank", "username")
    )
    rows = [
        Standing(
            user_id=r["user_id"],
            name=_name(r["display_name"], r["first_name"], r["last_name"], r["username"]),
            department=r["department"],
            total=r["total"],
            rank=r["rank"],
        )
        for r in ranked[:size]
    ]
    result = Leaderboard(period=period, department=department, board=board, rows=rows)
    mine = next((row for row in rows if row.user_id == viewer.pk), None)
    if mine is not None:
        result.me, result.viewer_in_rows = mine, True
        return result
    result.me = viewer_standing(viewer, period, department, board)
    return result


def _belongs_to_board(profile, user, department, board):
    if department and profile.department != department:
        return False
    group = executive_group()
    if group:
        is_exec = user.groups.filter(name=group).exists()
        return is_exec == (board == BOARD_EXECUTIVES)
    return True


def viewer_standing(viewer, period="month", department="", board=BOARD_EVERYONE):
    """Where the viewer stands on a board: 1 + the visible people with more points."""
    profile = (
        AmbassadorProfile.objects.active().filter(user_id=viewer.pk).select_related("user").first()
    )
    if profile is None or not _belongs_to_board(profile, viewer, department, board):
        return None
    start = period_start(period)
    mine = PointsEntry.objects.filter(user_id=viewer.pk, action__in=EARNING_ACTIONS)
    if start is not None:
        mine = mine.filter(created_at__gte=start)
    total = mine.aggregate(total=Coalesce(Sum("points"), 0))["total"]
    ahead = _earned(period, department, board).filter(total__gt=total).exclude(user_id=viewer.pk)
    return Standing(
        user_id=viewer.pk,
        name=profile.public_name,
        department=profile.department,
        total=total,
        rank=ahead.count() + 1,
        only_you=not profile.show_on_leaderboards,
    )


def leaderboard_departments():
    return AmbassadorProfile.objects.on_leaderboards().departments()


# --- kudos -------------------------------------------------------------------------------


def kudos_recipients(sender):
    """Ambassadors a sender may thank: visible ones, or any active one for editors."""
    profiles = AmbassadorProfile.objects.active().exclude(user_id=sender.pk)
    if not sender.has_perm("wagtail_advocacy.add_kudos"):
        profiles = profiles.filter(Q(show_on_leaderboards=True) | Q(show_in_directory=True))
    return profiles.select_related("user").order_by("display_name", "user__first_name")


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


# --- rewards -----------------------------------------------------------------------------


def redeem(user, reward_id):
    """Spend points on a reward: one transaction that never lets a balance or stock go
    below zero, even when two requests arrive at once."""
    with transaction.atomic():
        reward = Reward.objects.select_for_update().filter(pk=reward_id, is_active=True).first()
        if reward is None:
            raise RecognitionRefused(_("This reward is not offered any more."))
        if not is_ambassador(user):
            raise RecognitionRefused(_("Join the ambassador program to redeem rewards."))
        if not reward.in_stock:
            raise RecognitionRefused(_("This reward is out of stock."))
        balance = _locked_balance(user.pk)
        cost = reward.points_cost
        if balance.points < cost:
            raise RecognitionRefused(
                _("This reward costs %(cost)d points and you have %(balance)d.")
                % {"cost": cost, "balance": balance.points}
            )
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
    """Fulfil or decline a pending request; declining refunds the points and the stock."""
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
        notify(redemption.user, NoticeKind.REDEMPTION, redemption.reward.title)
    return redemption


# --- challenges --------------------------------------------------------------------------


def _window(challenge):
    return start_of_day(challenge.starts_on), start_of_day(
        challenge.ends_on + datetime.timedelta(days=1)
    )


def _source(metric):
    """The events a metric counts, and the path from them to the employee."""
    return {
        ChallengeMetric.SHARES: (ShareEvent, "user", "created_at"),
        ChallengeMetric.CLICKS: (LinkClick, "link__user", "clicked_at"),
        ChallengeMetric.TRAININGS: (PointsEntry, "user", "created_at"),
        ChallengeMetric.KUDOS: (Kudos, "recipient", "created_at"),
        ChallengeMetric.POINTS: (PointsEntry, "user", "created_at"),
    }[metric]


def _measure(challenge):
    _model, _user, time_field = _source(challenge.metric)
    start, end = _window(challenge)
    within = Q(**{f"{time_field}__gte": start, f"{time_field}__lt": end})
    if challenge.metric == ChallengeMetric.SHARES:
        if challenge.content_format:
            within &= Q(page__content_format=challenge.content_format)
        return Count("page", distinct=True, filter=within)
    if challenge.metric == ChallengeMetric.CLICKS:
        return Count("pk", filter=within & Q(is_unique=True))
    if challenge.metric == ChallengeMetric.TRAININGS:
        within &= Q(action=PointsAction.TRAINING_PASSED)
        if challenge.module_id:
            within &= Q(related_id=str(challenge.module_id))
        return Count("pk", filter=within)
    if challenge.metric == ChallengeMetric.KUDOS:
        return Count("pk", filter=within)
    return Coalesce(Sum("points", filter=within & Q(action__in=EARNING_ACTIONS)), 0)


def challenge_progress(challenges, *, user=None, department=None) -> dict:
    """Progress of each challenge for one employee or one department.

    One aggregate query per kind of event, whatever the number of challenges.
    """
    by_source = {}
    for challenge in challenges:
        by_source.setdefault(_source(challenge.metric)[:2], []).append(challenge)
    progress = {}
    for (model, user_path), group in by_source.items():
        rows = model.objects.all()
        if user is not None:
            rows = rows.filter(**{f"{user_path}_id": user.pk})
        else:
            rows = rows.filter(
                **{
                    f"{user_path}__advocacy_profile__department": department,
                    f"{user_path}__advocacy_profile__is_active": True,
                }
            )
        values = rows.aggregate(**{f"c{c.pk}": _measure(c) for c in group})
        progress.update({c.pk: values[f"c{c.pk}"] or 0 for c in group})
    return progress


def challenges_for(user, today=None):
    """Running challenges whose audience includes ``user``."""
    today = today or timezone.localdate()
    return (
        Challenge.objects.filter(is_active=True, starts_on__lte=today, ends_on__gte=today)
        .filter(Q(audience_groups__isnull=True) | Q(audience_groups__user=user))
        .distinct()
        .select_related("badge")
        .order_by("ends_on", "title")
    )


@dataclass
class ChallengeStatus:
    challenge: Challenge
    value: int
    completed: bool
    department: str = ""

    @property
    def percent(self):
        return min(100, int(self.value * 100 / max(self.challenge.target, 1)))


def challenge_statuses(user) -> list[ChallengeStatus]:
    challenges = list(challenges_for(user))
    if not challenges:
        return []
    profile = AmbassadorProfile.objects.active().filter(user_id=user.pk).first()
    department = profile.department if profile else ""
    mine = challenge_progress(challenges, user=user)
    team = (
        challenge_progress([c for c in challenges if c.team_mode], department=department)
        if department
        else {}
    )
    done = set(
        ChallengeCompletion.objects.filter(user_id=user.pk, challenge__in=challenges).values_list(
            "challenge_id", flat=True
        )
    )
    return [
        ChallengeStatus(
            challenge=c,
            value=team.get(c.pk, 0) if c.team_mode else mine.get(c.pk, 0),
            completed=c.pk in done,
            department=department if c.team_mode else "",
        )
        for c in challenges
    ]


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
    if not is_ambassador(user):
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
        model, user_path = _source(status.challenge.metric)[:2]
        contributors = (
            model.objects.filter(
                **{
                    f"{user_path}__advocacy_profile__department": status.department,
                    f"{user_path}__advocacy_profile__is_active": True,
                }
            )
            .values(f"{user_path}_id")
            .annotate(n=_measure(status.challenge))
            .filter(n__gt=0)
            .values_list(f"{user_path}_id", flat=True)
        )
        for member in get_user_model().objects.filter(pk__in=list(contributors)):
            if complete_challenge(member, status.challenge) and member.pk == user.pk:
                completed.append(status.challenge)
    return completed


def department_standings(challenge):
    """Departments ranked by their progress on a team challenge (one query)."""
    model, user_path, _time = _source(challenge.metric)
    dept = f"{user_path}__advocacy_profile__department"
    return list(
        model.objects.filter(**{f"{user_path}__advocacy_profile__is_active": True})
        .exclude(**{dept: ""})
        .values(department=F(dept))
        .annotate(value=_measure(challenge))
        .filter(value__gt=0)
        .order_by("-value", "department")
    )


# --- My impact ---------------------------------------------------------------------------


def activity_by_week(user, weeks=None):
    """Shares and unique clicks per week over the last weeks, oldest first (two queries)."""
    weeks = weeks or advocacy_settings.IMPACT_CHART_WEEKS
    today = timezone.localdate()
    this_monday = today - datetime.timedelta(days=today.weekday())
    mondays = [this_monday - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    since = start_of_day(mondays[0])

    def per_week(qs, time_field):
        rows = (
            qs.filter(**{f"{time_field}__gte": since})
            .annotate(week=TruncWeek(time_field))
            .values("week")
            .annotate(n=Count("pk"))
            .order_by()
        )
        out = {}
        for row in rows:
            week = _as_date(row["week"])
            out[week] = out.get(week, 0) + row["n"]
        return out

    shares = per_week(ShareEvent.objects.filter(user_id=user.pk), "created_at")
    clicks = per_week(
        LinkClick.objects.filter(link__user_id=user.pk, is_unique=True), "clicked_at"
    )
    peak = max([1, *shares.values(), *clicks.values()])
    return [
        {
            "week": monday,
            "shares": shares.get(monday, 0),
            "clicks": clicks.get(monday, 0),
            "shares_pct": shares.get(monday, 0) * 100 // peak,
            "clicks_pct": clicks.get(monday, 0) * 100 // peak,
        }
        for monday in mondays
    ]


def impact_summary(user) -> dict:
    """Everything "My impact" shows, in a constant number of queries."""
    profile = AmbassadorProfile.objects.filter(user_id=user.pk).first()
    shares = ShareEvent.objects.filter(user_id=user.pk)
    audience = NetworkAudience.objects.filter(
        profile__user_id=user.pk, network=OuterRef("network")
    ).values("audience_size")[:1]
    share_totals = shares.annotate(audience=Coalesce(Subquery(audience), Value(0))).aggregate(
        shares=Count("pk"), reach=Coalesce(Sum("audience"), 0)
    )
    ledger = PointsEntry.objects.filter(user_id=user.pk).aggregate(
        earned=Coalesce(Sum("points", filter=Q(action__in=EARNING_ACTIONS)), 0),
    )
    metrics = badge_metrics(user)
    trainings = list(
        PointsEntry.objects.filter(user_id=user.pk, action=PointsAction.TRAINING_PASSED)
        .order_by("-created_at")
        .values("note", "created_at")[:10]
    )
    return {
        "profile": profile,
        "is_ambassador": bool(profile and profile.is_active),
        "shares": share_totals["shares"],
        "reach": share_totals["reach"],
        "clicks": metrics[BadgeKind.CLICKS],
        "pages_shared": metrics[BadgeKind.SHARES],
        "earned": ledger["earned"],
        "balance": balance_of(user),
        "badges": list(BadgeAward.objects.filter(user_id=user.pk).select_related("badge")[:50]),
        "next_badges": next_badges(user, metrics),
        "standing": viewer_standing(user, "month"),
        "kudos": list(
            Kudos.objects.filter(recipient_id=user.pk)
            .select_related("sender", "sender__advocacy_profile", "page")
            .order_by("-created_at")[:10]
        ),
        "trainings_passed": metrics[BadgeKind.TRAININGS],
        "trainings": trainings,
        "recent_points": list(PointsEntry.objects.filter(user_id=user.pk)[:10]),
        "activity": activity_by_week(user),
        "challenges": challenge_statuses(user),
        "redemptions": list(
            Redemption.objects.filter(user_id=user.pk).select_related("reward")[:10]
        ),
    }


def take_notices(user, limit=10) -> list:
    """Notices to show now; unread ones are marked seen after being listed."""
    notices = list(RecognitionNotice.objects.filter(user_id=user.pk)[:limit])
    unread = [n.pk for n in notices if not n.is_read]
    if unread:
        RecognitionNotice.objects.filter(pk__in=unread).update(is_read=True)
    return notices
