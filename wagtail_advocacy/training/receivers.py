"""What training plugs into the shared flows: its part of a person's data."""

from django.utils.translation import gettext_lazy as _

from wagtail_advocacy.core.registries import PersonalData, personal_data
from wagtail_advocacy.training.exports import export_training
from wagtail_advocacy.training.models import TrainingCompletion
from wagtail_advocacy.training.services import erase_training_history

personal_data.register(
    PersonalData(
        name="training",
        erase=erase_training_history,
        export=export_training,
        # A colleague who took a training without joining may erase it too.
        holds=lambda user: TrainingCompletion.objects.filter(user=user).exists(),
        models=("wagtail_advocacy.TrainingCompletion", "wagtail_advocacy.QuizAttempt"),
        label=_("Training"),
        description=_(
            "The training modules you started: lessons read, attempts, best score and when "
            "you first passed. Every quiz you submitted, with its score and your answers, "
            "so you can pick up where you left off and editors can see which questions "
            "are often missed."
        ),
    ),
    order=30,
)
