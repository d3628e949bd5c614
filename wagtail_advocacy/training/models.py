"""Training: modules with lessons and a quiz, post templates, and what each employee did.

``TrainingCompletion`` is one row per employee and module (progress, best score, first
pass); ``QuizAttempt`` and ``QuizAnswer`` keep every attempt so editors can see which
question is failed most. Only ``services.training`` writes them.
"""

import string

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from wagtail_advocacy.core.models import AppendOnlyEvent, employee_key, required_key
from wagtail_advocacy.networks import network_choices

# Placeholders a post template may use, and what fills each one.
PLACEHOLDERS = ("title", "url", "summary", "first_name", "job_title", "department")


class TrainingLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class TrainingCompletion(models.Model):
    """One employee's progress on one module: lessons read, attempts, best score, first pass."""

    # Out of Wagtail's reference index, as events are (see core.models.AppendOnlyEvent).
    wagtail_reference_index_ignore = True

    user = employee_key("advocacy_training_completions")
    module = required_key("wagtail_advocacy.TrainingModulePage", _("module"), "completions")
    lessons_read = models.JSONField(_("lessons read"), default=list, blank=True)
    best_score = models.PositiveSmallIntegerField(_("best score (%)"), default=0)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    passed = models.BooleanField(_("passed"), default=False)
    first_passed_at = models.DateTimeField(
        _("first passed at"), null=True, blank=True, db_index=True
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)

    class Meta:
        verbose_name = _("training completion")
        verbose_name_plural = _("training completions")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="advocacy_one_completion")
        ]
        indexes = [
            models.Index(fields=["module", "passed"], name="advocacy_completion_module"),
        ]

    def __str__(self):
        return f"{self.user} · {self.module}"


class QuizAttempt(AppendOnlyEvent):
    """One submitted quiz, scored on the server; kept so retakes and failures can be studied."""

    user = employee_key("advocacy_quiz_attempts")
    module = required_key("wagtail_advocacy.TrainingModulePage", _("module"), "quiz_attempts")
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["module", "user"], name="advocacy_attempt_module")]

    def __str__(self):
        return f"{self.user} · {self.module} · {self.score} %"


class QuizAnswer(AppendOnlyEvent):
    """The answer to one question of one attempt (``question_id`` is the block's id)."""

    attempt = models.ForeignKey(
        QuizAttempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(_("question"), max_length=64)
    chosen = models.JSONField(_("chosen answers"), default=list)
    correct = models.BooleanField(_("right"))

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        indexes = [
            models.Index(fields=["question_id", "correct"], name="advocacy_answer_question"),
        ]

    def __str__(self):
        return self.question_id


def placeholders_in(text: str) -> list[str]:
    """The ``{name}`` placeholders of a text; ValueError when braces do not pair up."""
    return [name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name]


def placeholder_error(text: str):
    """A message for an editor when the text uses an unknown or malformed placeholder."""
    allowed = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    try:
        names = placeholders_in(text)
    except ValueError:
        return _(
            "A brace is not closed. Placeholders look like {first_name}; the allowed ones "
            "are: %(allowed)s."
        ) % {"allowed": allowed}
    unknown = sorted({name for name in names if name not in PLACEHOLDERS})
    if unknown:
        return _("Unknown placeholder(s): %(unknown)s. The allowed ones are: %(allowed)s.") % {
            "unknown": ", ".join(f"{{{name}}}" for name in unknown),
            "allowed": allowed,
        }
    return None


class PostTemplateTag(TaggedItemBase):
    content_object = ParentalKey(
        "wagtail_advocacy.PostTemplate", related_name="tagged_items", on_delete=models.CASCADE
    )


class PostTemplate(ClusterableModel):
    """A reusable post with placeholders, offered in the share panel of matching pages."""

    title = models.CharField(_("title"), max_length=150)
    network = models.CharField(_("network"), max_length=32, choices=network_choices)
    text = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders filled in for each employee and page: {title}, {url}, {summary}, "
            "{first_name}, {job_title}, {department}."
        ),
    )
    tags = ClusterTaggableManager(
        through=PostTemplateTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Offered on pages with one of these tags; no tag: on every page."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("Offered on pages in this language; empty: in every language."),
    )

    class Meta:
        verbose_name = _("post template")
        verbose_name_plural = _("post templates")
        ordering = ["title"]
        indexes = [models.Index(fields=["network", "language"], name="advocacy_template_match")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        error = placeholder_error(self.text or "")
        if error:
            raise ValidationError({"text": error})
