"""Rules of recognition that need no database: points per action, days, periods, streaks,
and whether a reward can be redeemed."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_advocacy.conf import DEFAULTS, advocacy_settings
from wagtail_advocacy.core.refusals import Refusal

PERIODS = ("month", "quarter", "all")


def points_for(key: str) -> int:
    configured = advocacy_settings.POINTS or {}
    return int(configured.get(key, DEFAULTS["POINTS"].get(key, 0)) or 0)


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def today_start(now=None) -> datetime.datetime:
    return start_of_day(timezone.localdate(now or timezone.now()))


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


def executive_group():
    return advocacy_settings.EXECUTIVE_GROUP or None


class RecognitionRefused(Refusal):
    """A recognition request (kudos, reward) that must change nothing."""


def redemption_refusal(reward, *, is_member: bool, balance: int) -> RecognitionRefused | None:
    """Why this person cannot redeem this reward now, or None: the rewards page shows the
    same words next to the reward that ``services.redeem`` answers with."""
    if not is_member:
        return RecognitionRefused(_("Join the ambassador program to redeem rewards."))
    if not reward.in_stock:
        return RecognitionRefused(_("This reward is out of stock."))
    if balance < reward.points_cost:
        return RecognitionRefused(
            _("This reward costs %(cost)d points and you have %(balance)d.")
            % {"cost": reward.points_cost, "balance": balance}
        )
    return None
