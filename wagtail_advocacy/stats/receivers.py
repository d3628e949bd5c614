"""What the statistics do when something happens elsewhere (imported when the app is ready)."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django_tasks.backends.immediate import ImmediateBackend

from wagtail_advocacy.core.registries import PersonalData, personal_data, purges
from wagtail_advocacy.signals import share_recorded
from wagtail_advocacy.stats.exports import export_daily_figures
from wagtail_advocacy.stats.services import (
    forget_sharer,
    purge_old_clicks,
    purge_visitor_hashes,
)
from wagtail_advocacy.stats.tasks import request_roll_up, roll_up_stats


@receiver(share_recorded, dispatch_uid="advocacy_stats_share")
def ask_for_roll_up(sender, **kwargs):
    """With a task queue, shares ask for a roll-up (at most once a minute, no query).
    Clicks do not: the public redirect does nothing but its lookup and its write, and the
    scheduled ``advocacy_process_events`` rolls them up every few minutes. Without a queue
    nothing runs in the request. Either way the figures add the raw events after the last
    roll-up, so they are exact meanwhile."""
    if not isinstance(roll_up_stats.get_backend(), ImmediateBackend):
        request_roll_up()


# Before sharing detaches the person's shares (order 10): their shares not yet rolled up
# are still theirs to count once under a stand-in.
personal_data.register(
    PersonalData(
        name="statistics",
        erase=forget_sharer,
        export=export_daily_figures,
        models=("wagtail_advocacy.DailySharer", "wagtail_advocacy.DailyPersonStat"),
        label=_("Daily figures"),
        description=_(
            "Your shares, the clicks on your links and the results credited to you, added "
            "up per day, page and network, and the days on which you shared. The "
            "rankings, reports and participation figures read these sums rather than "
            "every single click."
        ),
    ),
    order=5,
)

purges.register(purge_old_clicks)
purges.register(purge_visitor_hashes)
