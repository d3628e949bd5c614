"""Rules of training: lesson progress, quiz scoring, completions, required training before
sharing, and post templates filled in for an employee.

Scoring happens here, on the server, from the module as it is stored: the browser only
says which answers were ticked, never whether they were right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_advocacy.core.refusals import Refusal
from wagtail_advocacy.signals import training_completed

FIELD_PREFIX = "q_"
SPACES = re.compile(r"[ \t]{2,}")


class TrainingError(Refusal):
    """Quiz or lesson input that must not be recorded."""


# --- lessons -------------------------------------------------------------------------------


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


def _locked_completion(user, module):
    from wagtail_advocacy.training.models import TrainingCompletion

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


# --- the quiz ------------------------------------------------------------------------------


@dataclass
class ChoiceResult:
    index: int
    text: str
    correct: bool
    chosen: bool


@dataclass
class QuestionResult:
    id: str
    number: int
    question: str
    multiple: bool
    choices: list[ChoiceResult]
    explanation: str
    correct: bool

    @property
    def chosen(self):
        return [choice.index for choice in self.choices if choice.chosen]


@dataclass
class QuizResult:
    score: int
    passed: bool
    pass_mark: int
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def right(self):
        return sum(1 for question in self.questions if question.correct)


def questions_of(module):
    return [block for block in module.quiz if block.block_type == "question"]


def answers_from_post(data) -> dict[str, list[str]]:
    """``{question id: [ticked answer positions]}`` from a submitted quiz form."""
    return {
        key[len(FIELD_PREFIX) :]: list(data.getlist(key))
        for key in data
        if key.startswith(FIELD_PREFIX)
    }


def _percent(right: int, total: int) -> int:
    """Rounded half up, so 2 of 3 is 67 % as an employee would expect."""
    return (200 * right + total) // (2 * total)


def score_quiz(module, answers: dict[str, list[str]]) -> QuizResult:
    """Score submitted answers against the stored module. Raises ``TrainingError`` for a
    tampered or incomplete form. A multiple-choice question counts only when exactly the
    right answers are ticked: a partial answer is a wrong one."""
    questions = questions_of(module)
    if not questions:
        raise TrainingError(_("This module has no quiz yet."), 404)
    known = {question.id for question in questions}
    if set(answers) - known:
        raise TrainingError(
            _(
                "This quiz has changed since you opened it, or the form was altered. "
                "Reload the page and answer again."
            )
        )
    missing = [n for n, q in enumerate(questions, start=1) if not answers.get(q.id)]
    if missing:
        raise TrainingError(
            _("Answer every question before submitting (missing: %(numbers)s).")
            % {"numbers": ", ".join(str(n) for n in missing)}
        )
    results = []
    for number, question in enumerate(questions, start=1):
        value = question.value
        choices = list(value["choices"])
        multiple = value["kind"] == "multiple"
        raw = answers[question.id]
        try:
            chosen = {int(item) for item in raw}
        except (TypeError, ValueError):
            chosen = None
        if (
            chosen is None
            or len(chosen) != len(raw)
            or not chosen <= set(range(len(choices)))
            or (not multiple and len(chosen) != 1)
        ):
            raise TrainingError(
                _("Question %(number)d has an answer that is not one of its choices.")
                % {"number": number}
            )
        right = {index for index, choice in enumerate(choices) if choice["correct"]}
        results.append(
            QuestionResult(
                id=question.id,
                number=number,
                question=value["question"],
                multiple=multiple,
                choices=[
                    ChoiceResult(i, c["text"], i in right, i in chosen)
                    for i, c in enumerate(choices)
                ],
                explanation=value["explanation"],
                correct=chosen == right,
            )
        )
    score = _percent(sum(1 for r in results if r.correct), len(results))
    return QuizResult(
        score=score,
        passed=score >= module.pass_mark,
        pass_mark=module.pass_mark,
        questions=results,
    )


def submit_quiz(user, module, answers: dict[str, list[str]]):
    """Score and record an attempt, update the employee's completion, and send
    ``training_completed`` once, on the first pass, after the transaction commits.

    Returns ``(result, completion)``; raises ``TrainingError`` and writes nothing when the
    form is tampered with or incomplete.
    """
    from wagtail_advocacy.training.models import QuizAnswer, QuizAttempt, TrainingCompletion

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


# --- what employees see --------------------------------------------------------------------


NOT_STARTED, IN_PROGRESS, PASSED = "not_started", "in_progress", "passed"


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
    from wagtail_advocacy.training.models import TrainingCompletion

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
    from wagtail_advocacy.training.pages import TrainingModulePage

    modules = TrainingModulePage.objects.live().order_by("path")
    statuses = modules_with_status(user, modules)
    return {
        "statuses": statuses,
        "next": next_module(statuses),
        "passed_count": sum(1 for s in statuses if s.status == PASSED),
    }


def module_page_context(module, user, *, lesson_id=None, show_quiz=False) -> dict:
    from wagtail_advocacy.training.forms import QuizForm
    from wagtail_advocacy.training.models import TrainingCompletion

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
        "quiz_form": QuizForm(module) if questions_of(module) else None,
    }


# --- required training before sharing -----------------------------------------------------


def modules_required_before_sharing(user, page) -> list:
    """Live modules marked "required before sharing" the employee has not passed, on the
    page's site, when that site enforces the rule. One query when nothing is required."""
    from wagtail_advocacy.core.models import AdvocacySiteSettings
    from wagtail_advocacy.training.models import TrainingCompletion
    from wagtail_advocacy.training.pages import TrainingModulePage

    if not user.is_authenticated:
        return []
    passed = TrainingCompletion.objects.filter(user=user, module=OuterRef("pk"), passed=True)
    modules = list(
        TrainingModulePage.objects.live()
        .filter(required_before_sharing=True)
        .filter(~Exists(passed))
        .order_by("path")
    )
    if not modules:
        return []
    site = page.get_site()
    if site is None:
        return modules
    if not AdvocacySiteSettings.for_site(site).require_training_before_sharing:
        return []
    root_path = type(page).objects.filter(pk=site.root_page_id).values_list("path", flat=True)
    root_path = root_path.first() or ""
    return [module for module in modules if module.path.startswith(root_path)]


# --- post templates -----------------------------------------------------------------------


@dataclass
class FilledTemplate:
    template: object
    network: str
    text: str
    index: int = 0

    def get_network_display(self):
        return self.template.get_network_display()

    @property
    def title(self):
        return self.template.title


def placeholder_values(user, page) -> dict:
    try:
        profile = user.advocacy_profile if user.is_authenticated else None
    except ObjectDoesNotExist:  # no profile: the placeholders fall back to empty text
        profile = None
    return {
        "title": page.title,
        # The employee's personal tracked link is always added at the end of the post:
        # {url} only marks where the link belongs and must not add a second, untracked one.
        "url": "",
        "summary": getattr(page, "summary", "") or "",
        "first_name": getattr(user, "first_name", "") or "",
        "job_title": profile.job_title if profile else "",
        "department": profile.department if profile else "",
    }


def fill_template(text: str, values: dict) -> str | None:
    try:
        filled = text.format_map(values)
    except (KeyError, ValueError, IndexError, AttributeError):
        return None
    lines = [SPACES.sub(" ", line).strip() for line in filled.splitlines()]
    return "\n".join(lines).strip()


def matching_post_templates(page, network_keys=None):
    """Templates for the page: same network, its language or none, an overlapping tag or
    none at all."""
    from wagtail_advocacy.training.models import PostTemplate

    language = page.locale.language_code if page.locale_id else ""
    tag_ids = list(page.tags.values_list("pk", flat=True)) if hasattr(page, "tags") else []
    base = language.split("-")[0]
    templates = PostTemplate.objects.filter(Q(language="") | Q(language__in={language, base}))
    if network_keys is not None:
        templates = templates.filter(network__in=list(network_keys))
    has_tags = Exists(PostTemplate.tags.through.objects.filter(content_object=OuterRef("pk")))
    shares_tag = Exists(
        PostTemplate.tags.through.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
    )
    return templates.filter(~has_tags | shares_tag).order_by("title", "pk")


def filled_post_templates(user, page, networks, *, sample_link="") -> list[FilledTemplate]:
    """Matching templates filled in for this employee and page; those the network's limit
    would refuse are left out."""
    from wagtail_advocacy.sharing.services import with_disclosure

    by_key = {network.key: network for network in networks}
    values = placeholder_values(user, page)
    filled = []
    for template in matching_post_templates(page, by_key):
        text = fill_template(template.text, values)
        if not text:
            continue
        network = by_key[template.network]
        if network.overflow(with_disclosure(text), sample_link):
            continue
        filled.append(FilledTemplate(template=template, network=template.network, text=text))
    return filled


def filled_template_texts(user, page) -> list[str]:
    """Every filled template text of the page, to tell a reused template from an employee's
    own words."""
    values = placeholder_values(user, page)
    texts = (fill_template(t.text, values) for t in matching_post_templates(page))
    return [text for text in texts if text]


# --- the right to be forgotten --------------------------------------------------------------


def erase_training_history(user):
    from wagtail_advocacy.training.models import QuizAttempt, TrainingCompletion

    with transaction.atomic():
        QuizAttempt.objects.filter(user=user).delete()
        TrainingCompletion.objects.filter(user=user).delete()


def erase_on_leave(sender, profile, user, erase, **kwargs):
    if erase:
        erase_training_history(user)
