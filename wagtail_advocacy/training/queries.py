"""Training KPIs and the per-module statistics editors read: each one aggregate query.

``completion_rate`` and ``average_quiz_score`` are re-exported by ``kpis.py``.
Periods are half-open: ``start <= time < end``.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Avg, Count, Exists, FloatField, OuterRef, Q
from django.db.models.functions import Cast


def _ambassadors(department=None):
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile

    profiles = AmbassadorProfile.objects.active()
    if department:
        profiles = profiles.filter(department=department)
    return profiles


def completion_rate(start, end, *, department=None, module=None) -> float:
    """Share (0..1) of active ambassadors whose first pass of a module (any module, or the
    given one) falls in the period; 0 when there are no ambassadors."""
    from wagtail_advocacy.training.models import TrainingCompletion

    passed = TrainingCompletion.objects.filter(
        user_id=OuterRef("user_id"),
        passed=True,
        first_passed_at__gte=start,
        first_passed_at__lt=end,
    )
    if module is not None:
        passed = passed.filter(module=module)
    counts = _ambassadors(department).aggregate(
        total=Count("pk"), passed=Count("pk", filter=Q(Exists(passed)))
    )
    return counts["passed"] / counts["total"] if counts["total"] else 0.0


def average_quiz_score(start, end, *, department=None, module=None) -> float | None:
    """Mean score (0..100) of the quiz attempts active ambassadors submitted in the period;
    None when nobody took a quiz then."""
    from wagtail_advocacy.training.models import QuizAttempt

    ambassadors = _ambassadors(department).filter(user_id=OuterRef("user_id"))
    attempts = QuizAttempt.objects.filter(created_at__gte=start, created_at__lt=end).filter(
        Exists(ambassadors)
    )
    if module is not None:
        attempts = attempts.filter(module=module)
    return attempts.aggregate(score=Avg(Cast("score", FloatField())))["score"]


def module_statistics(modules):
    """``modules`` annotated with learners started and passed, average best score and average
    attempts of those who took the quiz (one grouped query)."""
    attempted = Q(completions__attempts__gt=0)
    return modules.annotate(
        learners_started=Count("completions"),
        learners_passed=Count("completions", filter=Q(completions__passed=True)),
        average_score=Avg(Cast("completions__best_score", FloatField()), filter=attempted),
        average_attempts=Avg(Cast("completions__attempts", FloatField()), filter=attempted),
    )


def pass_rate(module) -> float | None:
    """Passed / started (0..1) of an annotated module; None before anyone started."""
    if not module.learners_started:
        return None
    return module.learners_passed / module.learners_started


def most_failed_questions(modules) -> dict:
    """``{module id: (question id, failures)}`` for the question answered wrong most often in
    each module (one grouped query); a tie goes to the question asked first."""
    from wagtail_advocacy.training.models import QuizAnswer

    modules = list(modules)
    rows = (
        QuizAnswer.objects.filter(correct=False, attempt__module_id__in=[m.pk for m in modules])
        .values("attempt__module_id", "question_id")
        .annotate(failures=Count("pk"))
    )
    counts = defaultdict(dict)
    for row in rows:
        counts[row["attempt__module_id"]][row["question_id"]] = row["failures"]
    worst = {}
    for module in modules:
        failed = counts.get(module.pk)
        if not failed:
            continue
        order = {block.id: position for position, block in enumerate(module.quiz)}
        question_id = min(failed, key=lambda q: (-failed[q], order.get(q, len(order))))
        worst[module.pk] = (question_id, failed[question_id])
    return worst
