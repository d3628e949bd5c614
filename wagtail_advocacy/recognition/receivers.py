"""Recognition listens to what employees do elsewhere and turns it into points, badges and
challenge progress. Importing this module (when the app is ready) connects the receivers."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail_advocacy.core.registries import PersonalData, personal_data
from wagtail_advocacy.recognition.exports import export_recognition
from wagtail_advocacy.recognition.models import PointsAction
from wagtail_advocacy.recognition.queries import has_active_profile
from wagtail_advocacy.recognition.services import award_points, erase_recognition
from wagtail_advocacy.recognition.tasks import (
    recognise_share,
    request_click_points,
    schedule_evaluation,
)
from wagtail_advocacy.signals import (
    link_clicked,
    points_awarded,
    share_recorded,
    training_completed,
)

# Awards made by other flows (a moderator, a colleague) evaluate badges and challenges
# once written. Shares, clicks and trainings evaluate in their own receivers, even when a
# cap left no points to award: what they count is the event, not the points.
EVALUATED_AFTER_AWARD = (PointsAction.SUGGESTION_ACCEPTED, PointsAction.KUDOS_RECEIVED)


@receiver(share_recorded, dispatch_uid="advocacy_recognition_share")
def on_share_recorded(sender, event, user, page, **kwargs):
    """The share's points, badges and challenges come from a task, once it is committed:
    the share request writes the share and nothing of recognition."""
    transaction.on_commit(partial(recognise_share.enqueue, event.pk))


@receiver(link_clicked, dispatch_uid="advocacy_recognition_click")
def on_link_clicked(sender, click, link, **kwargs):
    """Points for clicks are awarded in batches by a task: with a queue, the public
    redirect does no more than write the click (see ``request_click_points``)."""
    if click.is_unique and link.user_id is not None:
        request_click_points(link.user_id)


@receiver(training_completed, dispatch_uid="advocacy_recognition_training")
def on_training_completed(sender, completion, user, module, **kwargs):
    award_points(user, PointsAction.TRAINING_PASSED, module, note=module.title)
    if has_active_profile(user):
        schedule_evaluation(user.pk)


@receiver(points_awarded, dispatch_uid="advocacy_recognition_points")
def on_points_awarded(sender, entry, user, **kwargs):
    """Kudos received and accepted suggestions can unlock badges and challenges."""
    if entry.action in EVALUATED_AFTER_AWARD:
        schedule_evaluation(user.pk)


personal_data.register(
    PersonalData(
        name="recognition",
        erase=erase_recognition,
        export=export_recognition,
        models=(
            "wagtail_advocacy.PointsEntry",
            "wagtail_advocacy.PointsBalance",
            "wagtail_advocacy.BadgeAward",
            "wagtail_advocacy.Kudos",
            "wagtail_advocacy.RecognitionNotice",
            "wagtail_advocacy.Redemption",
            "wagtail_advocacy.ChallengeCompletion",
        ),
        label=_("Points, badges and kudos"),
        description=_(
            "Your points, what earned or spent each of them and your balance; your badges, "
            "the kudos you sent and received, the news shown on My impact, your reward "
            "requests and the challenges you completed. They recognise your contribution "
            "and let you spend your points."
        ),
    ),
    order=50,
)
