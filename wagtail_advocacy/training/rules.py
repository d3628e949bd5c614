"""Training's rules: how a quiz is scored, which training a share waits for, and how post
templates fill in for a page. The last two plug into the kernel's share rules and
suggestion sources, so sharing never imports training."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from wagtail_advocacy.core.models import AdvocacySiteSettings
from wagtail_advocacy.core.pages import BasePage
from wagtail_advocacy.core.refusals import Refusal, ShareRefused
from wagtail_advocacy.core.registries import ExtraSuggestion, share_rules, suggestion_sources
from wagtail_advocacy.networks import with_disclosure
from wagtail_advocacy.sharing.models import disclosure_for
from wagtail_advocacy.training.forms import FIELD_PREFIX, answer_token, questions_of
from wagtail_advocacy.training.models import PostTemplate, TrainingCompletion
from wagtail_advocacy.training.pages import TrainingModulePage


class TrainingError(Refusal):
    """Quiz or lesson input that must not be recorded."""


SPACES = re.compile(r"[ \t]{2,}")


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
    # The lesson to read again when the question is failed (see QuestionBlock.lesson).
    lesson_id: str | None = None
    lesson_title: str = ""

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


def answers_from_post(data, module, seed) -> dict[str, list[str]]:
    """``{question id: [ticked answer positions]}`` from a submitted quiz form, whose
    values are the attempt's tokens (``forms.answer_token``). A value that is no token of
    this attempt (a quiz opened in another tab before a retry, an altered form) becomes
    :data:`STALE_ANSWER`, which :func:`score_quiz` refuses with "reload the page"."""
    positions = {}
    for question in questions_of(module):
        for position in range(len(question.value["choices"])):
            positions[question.id, answer_token(seed, question.id, position)] = str(position)
    answers = {}
    for key in data:
        if key.startswith(FIELD_PREFIX):
            question_id = key[len(FIELD_PREFIX) :]
            answers[question_id] = [
                positions.get((question_id, value), STALE_ANSWER) for value in data.getlist(key)
            ]
    return answers


# Stands for a value that is no answer of the attempt; never a number, so it is refused.
STALE_ANSWER = "?"


def quiz_seed(user, module, completion) -> str:
    """What shuffles the answers of the employee's next attempt: the employee, the module
    and the attempt's number, so the order holds while they answer and changes on a retry."""
    attempt = (completion.attempts if completion else 0) + 1
    return f"{user.pk}/{module.pk}/{attempt}"


def _percent(right: int, total: int) -> int:
    """Rounded half up, so 2 of 3 is 67 % as an employee would expect."""
    return (200 * right + total) // (2 * total)


def _lesson_to_read_again(lessons, number):
    """The lesson a question names by its number, or the first one when it names none or
    one the module no longer has (lessons removed since the question was written)."""
    if number and 0 < number <= len(lessons):
        return lessons[number - 1]
    return lessons[0] if lessons else None


def score_quiz(module, answers: dict[str, list[str]]) -> QuizResult:
    """Score submitted answers against the stored module. Raises ``TrainingError`` for a
    tampered or incomplete form. A multiple-choice question counts only when exactly the
    right answers are ticked: a partial answer is a wrong one."""
    questions = questions_of(module)
    if not questions:
        raise TrainingError(_("This module has no quiz yet."), 404)
    known = {question.id for question in questions}
    stale = any(STALE_ANSWER in ticked for ticked in answers.values())
    if set(answers) - known or stale:
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
    lessons = [block for block in module.lessons if block.block_type == "lesson"]
    results = []
    for number, question in enumerate(questions, start=1):
        value = question.value
        lesson = _lesson_to_read_again(lessons, value.get("lesson"))
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
                lesson_id=lesson.id if lesson else None,
                lesson_title=lesson.value["title"] if lesson else "",
            )
        )
    score = _percent(sum(1 for r in results if r.correct), len(results))
    return QuizResult(
        score=score,
        passed=score >= module.pass_mark,
        pass_mark=module.pass_mark,
        questions=results,
    )


def modules_required_before_sharing(user, page) -> list:
    """Live modules marked "required before sharing" the employee has not passed, on the
    page's site, when that site enforces the rule. One query when nothing is required."""
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
    # The root is any page type (a home page), so it is looked up on the base page model:
    # looking it up as the shareable page's type found nothing, and every site's modules
    # then applied to every site.
    root_path = BasePage.objects.filter(pk=site.root_page_id).values_list("path", flat=True)
    root_path = root_path.first()
    if root_path is None:
        return modules
    return [module for module in modules if module.path.startswith(root_path)]


@share_rules.register(order=50)
def required_training_passed(user, page):
    """Training flagged "required before sharing" comes first; the panel links to it."""
    required = modules_required_before_sharing(user, page)
    if not required:
        return None
    return ShareRefused(
        _("Pass the training module “%(module)s” before you share.")
        % {"module": required[0].title},
        403,
        links=[(module.title, module.url) for module in required],
    )


@dataclass
class FilledTemplate(ExtraSuggestion):
    """A post template filled in for one employee and page, offered in the share panel."""

    template: object = None

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


def _tag_ids(page):
    """The page's tags: those an editor's preview holds in memory, or else the saved ones
    as a subquery (one statement for the templates and the tags)."""
    if not hasattr(page, "tags"):
        return []
    if page.tags.get_tagged_item_manager().is_deferring:
        # A tag typed in the form for the first time has no id yet, so no template has it.
        return [tag.pk for tag in page.tags.all() if tag.pk is not None]
    return page.tags.through.objects.filter(content_object_id=page.pk).values("tag_id")


def matching_post_templates(page, network_keys=None):
    """Templates for the page: same network, its language or none, an overlapping tag or
    none at all."""

    language = page.locale.language_code if page.locale_id else ""
    tag_ids = _tag_ids(page)
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

    by_key = {network.key: network for network in networks}
    values = placeholder_values(user, page)
    disclosure = disclosure_for(page)
    filled = []
    for template in matching_post_templates(page, by_key):
        text = fill_template(template.text, values)
        if not text:
            continue
        network = by_key[template.network]
        if network.overflow(with_disclosure(text, disclosure), sample_link):
            continue
        filled.append(
            FilledTemplate(
                network=template.network,
                text=text,
                label=f"{template.get_network_display()} · {template.title}",
                group=_("Post templates"),
                template=template,
            )
        )
    return filled


def filled_template_texts(user, page) -> list[str]:
    """Every filled template text of the page, to tell a reused template from an employee's
    own words."""
    values = placeholder_values(user, page)
    texts = (fill_template(t.text, values) for t in matching_post_templates(page))
    return [text for text in texts if text]


@suggestion_sources.register(order=50)
def post_template_suggestions(user, page, networks, sample_link):
    """Filled post templates for the panel; every filled text when only texts are asked
    for (``networks`` is None), to judge whether a share was personalised."""
    if networks is None:
        return [
            ExtraSuggestion(network="", text=text) for text in filled_template_texts(user, page)
        ]
    return filled_post_templates(user, page, networks, sample_link=sample_link)
