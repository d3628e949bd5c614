"""What training hands over for an employee's "My data" (``core.registries.personal_data``)."""

from __future__ import annotations

from wagtail_advocacy.core.exports import named_rows
from wagtail_advocacy.training.forms import questions_of
from wagtail_advocacy.training.models import QuizAnswer, QuizAttempt, TrainingCompletion
from wagtail_advocacy.training.pages import TrainingModulePage


def _answered(value, chosen) -> str | None:
    """The choices ticked (their indexes in ``chosen``), in the question's current words."""
    choices = list(value["choices"])
    if not all(isinstance(i, int) and 0 <= i < len(choices) for i in chosen):
        return None
    return "; ".join(choices[i]["text"] for i in sorted(chosen))


def export_training(user) -> dict[str, list[dict]]:
    """The person's training for "My data": their progress per module, every quiz attempt
    and its answers (four queries). The answers are shown in the words the quiz has
    today; a question since removed from the module keeps only whether it was right."""
    modules = named_rows(
        TrainingCompletion.objects.filter(user_id=user.pk).order_by("started_at", "pk"),
        module="module__title",
        started_at="started_at",
        lessons_read="lessons_read",
        attempts="attempts",
        best_score="best_score",
        passed="passed",
        first_passed_at="first_passed_at",
        last_attempt_at="last_attempt_at",
    )
    for row in modules:
        row["lessons_read"] = len(row["lessons_read"] or [])
    attempts = named_rows(
        QuizAttempt.objects.filter(user_id=user.pk).order_by("created_at", "pk"),
        submitted_at="created_at",
        module="module__title",
        score="score",
        passed="passed",
    )
    answers = named_rows(
        QuizAnswer.objects.filter(attempt__user_id=user.pk).order_by(
            "attempt__created_at", "attempt_id", "pk"
        ),
        submitted_at="attempt__created_at",
        module="attempt__module__title",
        module_id="attempt__module_id",
        question="question_id",
        answers="chosen",
        correct="correct",
    )
    questions = {
        (module.pk, block.id): block.value
        for module in TrainingModulePage.objects.filter(
            pk__in={row["module_id"] for row in answers}
        )
        for block in questions_of(module)
    }
    for row in answers:
        value = questions.get((row.pop("module_id"), row["question"]))
        row["question"] = value["question"] if value else None
        row["answers"] = _answered(value, row["answers"] or []) if value else None
    return {"training_modules": modules, "quiz_attempts": attempts, "quiz_answers": answers}
