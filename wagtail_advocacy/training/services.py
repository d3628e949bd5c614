"""Rules of training: lesson progress, quiz scoring, completions, required training before
sharing, and post templates filled in for an employee.

Scoring happens here, on the server, from the module as it is stored: the browser only
says which answers were ticked, never whether they were right.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_advocacy.signals import training_completed
from wagtail_advocacy.training.models import QuizAnswer, QuizAttempt, TrainingCompletion
from wagtail_advocacy.training.queries import lessons_of
from wagtail_advocacy.training.rules import TrainingError, score_quiz


def _locked_completion(user, module):

    completion, _created = TrainingCompletion.objects.get_or_create(user=user, module=module)
    return TrainingCompletion.objects.select_for_update().get(pk=completion.pk)


def mark_lesson_read(user, module, lesson_id: str):
    """Record that the employee read a lesson; returns the next unread lesson or None."""
    lessons = lessons_of(module)
    if lesson_id not in {lesson.id for lesson in lessons}:
        raise TrainingError(_("This lesson is not part of the module any more."), 404)
    with transaction.atomic():
        completion = _locked_completion(user, module)
        if lesson_id not in completion.lessons_read:
            completion.lessons_read = [*completion.lessons_read, lesson_id]
            completion.save(update_fields=["lessons_read"])
    read = set(completion.lessons_read)
    return next((lesson for lesson in lessons if lesson.id not in read), None)


def submit_quiz(user, module, answers: dict[str, list[str]]):
    """Score and record an attempt, update the employee's completion, and send
    ``training_completed`` once, on the first pass, after the transaction commits.

    Returns ``(result, completion)``; raises ``TrainingError`` and writes nothing when the
    form is tampered with or incomplete.
    """

    result = score_quiz(module, answers)
    now = timezone.now()
    with transaction.atomic():
        completion = _locked_completion(user, module)
        attempt = QuizAttempt.objects.create(
            user=user, module=module, score=result.score, passed=result.passed
        )
        QuizAnswer.objects.bulk_create(
            QuizAnswer(attempt=attempt, question_id=q.id, chosen=q.chosen, correct=q.correct)
            for q in result.questions
        )
        first_pass = result.passed and not completion.passed
        completion.attempts += 1
        completion.best_score = max(completion.best_score, result.score)
        completion.last_attempt_at = now
        if first_pass:
            completion.passed = True
            completion.first_passed_at = now
        completion.save()
        if first_pass:
            transaction.on_commit(
                partial(
                    training_completed.send,
                    sender=TrainingCompletion,
                    completion=completion,
                    user=user,
                    module=module,
                )
            )
    return result, completion


def erase_training_history(user):

    with transaction.atomic():
        QuizAttempt.objects.filter(user=user).delete()
        TrainingCompletion.objects.filter(user=user).delete()
