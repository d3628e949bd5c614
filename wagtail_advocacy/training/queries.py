"""Training KPIs and the per-module statistics editors read: each one aggregate query.

``completion_rate`` and ``average_quiz_score`` are re-exported by ``kpis.py``.
Periods are half-open: ``start <= time < end``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, FloatField, OuterRef, Q
from django.db.models.functions import Cast

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.core.pages import in_reader_language
from wagtail_advocacy.training.forms import QuizForm, questions_of
from wagtail_advocacy.training.models import QuizAnswer, QuizAttempt, TrainingCompletion
from wagtail_advocacy.training.pages import TrainingModulePage
from wagtail_advocacy.training.rules import quiz_seed


def _ambassadors(department=None):

    profiles = AmbassadorProfile.objects.active()
    if department:
        profiles = profiles.filter(department=department)
    return profiles


def completion_rate(start, end, *, department=None, module=None) -> float:
    """Share (0..1) of active ambassadors whose first pass of a module (any module, or the
    given one) falls in the period; 0 when there are no ambassadors."""

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


NOT_STARTED, IN_PROGRESS, PASSED = "not_started", "in_progress", "passed"


@dataclass
class Lesson:
    id: str
    number: int
    title: str
    block: object
    read: bool = False


def lessons_of(module, read=()) -> list[Lesson]:
    read = set(read)
    lessons = (block for block in module.lessons if block.block_type == "lesson")
    return [
        Lesson(
            id=block.id,
            number=number,
            title=block.value["title"],
            block=block,
            read=block.id in read,
        )
        for number, block in enumerate(lessons, start=1)
    ]


def lesson_count(module) -> int:
    """Lessons of a module without building its blocks (cheap on list pages)."""
    return len(module.lessons.raw_data)


@dataclass
class ModuleStatus:
    module: object
    completion: object | None
    lessons: int

    @property
    def status(self):
        if self.completion is None:
            return NOT_STARTED
        return PASSED if self.completion.passed else IN_PROGRESS

    @property
    def lessons_read(self):
        if self.completion is None:
            return 0
        return len(self.completion.lessons_read)


def modules_with_status(user, modules) -> list[ModuleStatus]:
    """Each module with the employee's completion: two queries whatever the number."""

    modules = list(modules)
    completions = {
        c.module_id: c
        for c in TrainingCompletion.objects.filter(
            user=user, module_id__in=[m.pk for m in modules]
        )
    }
    return [ModuleStatus(m, completions.get(m.pk), lesson_count(m)) for m in modules]


def next_module(statuses: list[ModuleStatus]):
    """What to take next: a module already started, else a required one, else the first."""
    open_ones = [s for s in statuses if s.status != PASSED]
    for wanted in (
        lambda s: s.status == IN_PROGRESS,
        lambda s: s.module.required_before_sharing,
        lambda s: True,
    ):
        found = next((s for s in open_ones if wanted(s)), None)
        if found:
            return found
    return None


def my_training_context(user) -> dict:
    """ "My training": the modules in the employee's language (a site with a training in
    English and another in French counts three of six, not six), their status, what next."""

    modules = in_reader_language(TrainingModulePage.objects.live().order_by("path"))
    statuses = modules_with_status(user, modules)
    return {
        "statuses": statuses,
        "next": next_module(statuses),
        "passed_count": sum(1 for s in statuses if s.status == PASSED),
    }


def module_page_context(module, user, *, lesson_id=None, show_quiz=False, quiz_data=None) -> dict:
    """The module page: lessons and progress, the lesson to show, or the quiz form (its
    answers shuffled for the employee's next attempt; ``quiz_data``: a refused submission,
    shown again with its ticks)."""

    completion = TrainingCompletion.objects.filter(user=user, module=module).first()
    read = completion.lessons_read if completion else []
    lessons = lessons_of(module, read)
    current = next((lesson for lesson in lessons if lesson.id == lesson_id), None)
    if current is None and not show_quiz:
        # Resumable: open at the first lesson not read yet.
        current = next((lesson for lesson in lessons if not lesson.read), None)
    return {
        "completion": completion,
        "lessons": lessons,
        "current_lesson": current,
        "next_lesson": next((x for x in lessons if x.number > current.number), None)
        if current
        else None,
        "all_read": all(lesson.read for lesson in lessons),
        "read_count": sum(1 for lesson in lessons if lesson.read),
        "show_quiz": current is None,
        "quiz_form": QuizForm(module, data=quiz_data, seed=quiz_seed(user, module, completion))
        if questions_of(module)
        else None,
    }
