"""Reads of recognition: leaderboards and standings, badge metrics and progress, challenge
progress and standings, My impact (and its chart, drawn with ``core.charts``), unread
notices and whom one may thank."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import Coalesce, Rank, TruncWeek
from django.utils import timezone
from django.utils.formats import date_format

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.charts import BarChart, bar_chart_geometry
from wagtail_advocacy.core.periods import as_date, board_period_start
from wagtail_advocacy.recognition.models import (
    BOARD_EVERYONE,
    BOARD_EXECUTIVES,
    EARNING_ACTIONS,
    Badge,
    BadgeAward,
    BadgeKind,
    Challenge,
    ChallengeCompletion,
    ChallengeMetric,
    Kudos,
    PointsAction,
    PointsBalance,
    PointsEntry,
    RecognitionNotice,
    Redemption,
    Reward,
)
from wagtail_advocacy.recognition.rules import (
    executive_group,
    redemption_refusal,
    start_of_day,
    weeks_streak,
)
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent


def has_active_profile(user) -> bool:
    """Whether ``user`` (or None) has an active ambassador profile: opted in and did not
    leave. Only they earn points and badges."""
    if user is None or not getattr(user, "pk", None):
        return False
    return AmbassadorProfile.objects.active().filter(user_id=user.pk).exists()


def balance_of(user) -> int:
    return PointsBalance.objects.filter(pk=user.pk).values_list("points", flat=True).first() or 0


def unread_notice_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return RecognitionNotice.objects.filter(user_id=user.pk, is_read=False).count()


def is_repeat_share(event, user, page) -> bool:
    """Whether ``user`` shared ``page`` on the network of ``event`` in the 24 hours before
    it: repeats earn nothing. Only earlier shares count (a task may run after later ones)."""
    return ShareEvent.objects.filter(
        user_id=user.pk,
        page_id=page.pk,
        network=event.network,
        created_at__gte=event.created_at - datetime.timedelta(hours=24),
        pk__lt=event.pk,
    ).exists()


def rewarded_owners(user_ids) -> dict:
    """``{user id: user}`` of those of ``user_ids`` whose links' unique clicks earn points:
    the employees with an active ambassador profile. One query."""
    users = get_user_model().objects.filter(
        pk__in=[pk for pk in user_ids if pk is not None],
        advocacy_profile__in=AmbassadorProfile.objects.active(),
    )
    return {user.pk: user for user in users}


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
    week_days = {as_date(w) for w in weeks}
    return {
        BadgeKind.SHARES: shares["pages"],
        BadgeKind.FIRST_SHARE: shares["pages"],
        BadgeKind.NETWORKS: shares["networks"],
        BadgeKind.CLICKS: clicks,
        BadgeKind.TRAININGS: ledger["trainings"],
        BadgeKind.SUGGESTIONS: ledger["suggestions"],
        BadgeKind.STREAK: weeks_streak(week_days, timezone.localdate()),
    }


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
    start = board_period_start(period)
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
    start = board_period_start(period)
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


def kudos_recipients(sender):
    """Ambassadors a sender may thank: visible ones, or any active one for editors."""
    profiles = AmbassadorProfile.objects.active().exclude(user_id=sender.pk)
    if not sender.has_perm("wagtail_advocacy.add_kudos"):
        profiles = profiles.filter(Q(show_on_leaderboards=True) | Q(show_in_directory=True))
    return profiles.select_related("user").order_by("display_name", "user__first_name")


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


def department_contributors(challenge, department) -> list:
    """Ids of the department's active ambassadors who counted towards a team challenge."""
    model, user_path = _source(challenge.metric)[:2]
    return list(
        model.objects.filter(
            **{
                f"{user_path}__advocacy_profile__department": department,
                f"{user_path}__advocacy_profile__is_active": True,
            }
        )
        .values(f"{user_path}_id")
        .annotate(n=_measure(challenge))
        .filter(n__gt=0)
        .values_list(f"{user_path}_id", flat=True)
    )


def department_standings(challenge):
    """Departments ranked by their progress on a team challenge (one query)."""
    model, user_path, _time = _source(challenge.metric)
    dept = f"{user_path}__advocacy_profile__department"
    rows = (
        model.objects.filter(**{f"{user_path}__advocacy_profile__is_active": True})
        .exclude(**{dept: ""})
        .values(team=F(dept))  # not "department": shares have a field of that name
        .annotate(value=_measure(challenge))
        .filter(value__gt=0)
        .order_by("-value", "team")
    )
    return [{"department": row["team"], "value": row["value"]} for row in rows]


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
            week = as_date(row["week"])
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


def activity_chart(weeks) -> BarChart:
    """The geometry of "My impact"'s chart of :func:`activity_by_week`: shares and unique
    clicks per week, each week labelled by its Monday ("3 Mar.", "3 mars", in the active
    language). ``N`` rather than ``M``, as the dashboard's timeline: French readers write
    "29 juin", "6 juil.", not "29 Jui", "6 Jul"."""
    return bar_chart_geometry(
        [(week["shares"], week["clicks"]) for week in weeks],
        [date_format(week["week"], "j N") for week in weeks],
    )


def impact_summary(user) -> dict:
    """Everything "My impact" shows, in a constant number of queries."""
    profile = AmbassadorProfile.objects.filter(user_id=user.pk).first()
    # Reach as the KPIs count it: the audience declared on the network when sharing.
    share_totals = ShareEvent.objects.filter(user_id=user.pk).aggregate(
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


@dataclass
class RewardOffer:
    """A reward as one employee sees it: redeemable, or the reason it is not."""

    reward: object
    refusal: object = None

    @property
    def can_redeem(self) -> bool:
        return self.refusal is None


def reward_offers(user) -> list[RewardOffer]:
    """The active rewards with, for each, whether ``user`` may redeem it (two queries)."""
    is_member = has_active_profile(user)
    balance = balance_of(user)
    rewards = Reward.objects.filter(is_active=True).select_related("image")
    return [
        RewardOffer(reward, redemption_refusal(reward, is_member=is_member, balance=balance))
        for reward in rewards
    ]


def redemption_preview(user, reward_id) -> dict | None:
    """What the confirmation step shows before ``services.redeem`` spends anything: the
    active reward with its refusal (or None), the balance and the balance after; None when
    the reward is not offered."""
    reward = Reward.objects.filter(pk=reward_id, is_active=True).select_related("image").first()
    if reward is None:
        return None
    balance = balance_of(user)
    refusal = redemption_refusal(reward, is_member=has_active_profile(user), balance=balance)
    return {
        "offer": RewardOffer(reward, refusal),
        "balance": balance,
        "balance_after": balance - reward.points_cost,
    }
