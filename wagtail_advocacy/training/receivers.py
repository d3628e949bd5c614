"""What training plugs into the shared flows: its part of a person's erasure."""

from wagtail_advocacy.core.registries import PersonalData, personal_data
from wagtail_advocacy.training.services import erase_training_history

personal_data.register(
    PersonalData(
        name="training",
        erase=erase_training_history,
        models=("wagtail_advocacy.TrainingCompletion", "wagtail_advocacy.QuizAttempt"),
    ),
    order=30,
)
