"""Training: modules with lessons and a quiz, post templates, and what each employee did.

``TrainingCompletion`` is one row per employee and module (progress, best score, first
pass); ``QuizAttempt`` and ``QuizAnswer`` keep every attempt so editors can see which
question is failed most. Only ``services.training`` writes them.
"""

import string

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks_training import LessonsBlock, QuizBlock
from ..compat import get_base_page_model
from ..conf import advocacy_settings
from ..networks import network_choices
from .pages import LoginRequiredPageMixin, parent_link

BasePage = get_base_page_model()

# Placeholders a post template may use, and what fills each one.
PLACEHOLDERS = ("title", "url", "summary", "first_name", "job_title", "department")


def _language_choices():
    return [("", _("Any language"))] + list(settings.LANGUAGES)


class TrainingLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class TrainingIndexPage(LoginRequiredPageMixin, BasePage):
    """Lists the modules below it with the employee's status on each."""

    page_ptr = parent_link()
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["wagtail_advocacy.TrainingModulePage"]
    template = "wagtail_advocacy/training/training_index_page.html"

    class Meta:
        verbose_name = _("training index")
        verbose_name_plural = _("training indexes")

    def get_context(self, request, *args, **kwargs):
        from ..services.training import modules_with_status

        context = super().get_context(request, *args, **kwargs)
        modules = TrainingModulePage.objects.live().child_of(self).order_by("path")
        context["modules"] = modules_with_status(request.user, modules)
        context["base_template"] = advocacy_settings.BASE_TEMPLATE
        return context


class TrainingModuleTag(TaggedItemBase):
    content_object = ParentalKey(
        "wagtail_advocacy.TrainingModulePage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )


class TrainingModuleForm(WagtailAdminPageForm):
    # Network keys are stored as a list; offered as tick boxes rather than raw JSON.
    networks = forms.MultipleChoiceField(
        label=_("networks covered"),
        choices=network_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class TrainingModulePage(LoginRequiredPageMixin, BasePage):
    """One training module: lessons to read, then a quiz to pass."""

    page_ptr = parent_link()
    summary = models.TextField(
        _("summary"), help_text=_("What the employee will know after this module.")
    )
    level = models.CharField(
        _("level"), max_length=16, choices=TrainingLevel.choices, default=TrainingLevel.BEGINNER
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=10, validators=[MinValueValidator(1)]
    )
    networks = models.JSONField(_("networks covered"), default=list, blank=True)
    tags = ClusterTaggableManager(through=TrainingModuleTag, blank=True, verbose_name=_("tags"))
    lessons = StreamField(LessonsBlock(), verbose_name=_("lessons"), blank=True)
    quiz = StreamField(QuizBlock(), verbose_name=_("quiz"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The score in percent an employee needs to pass the quiz."),
    )
    required_before_sharing = models.BooleanField(
        _("required before sharing"),
        default=False,
        help_text=_(
            "Employees must pass this module before they can share content, when the "
            "site's advocacy settings enforce required training."
        ),
    )

    base_form_class = TrainingModuleForm
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("estimated_minutes"),
                FieldPanel("networks"),
                FieldPanel("tags"),
            ],
            heading=_("About this module"),
        ),
        FieldPanel("lessons"),
    ]
    quiz_panels = [
        HelpPanel(
            content=_(
                "<p>Four to six questions are enough. Each one needs its right answer(s) "
                "ticked and an explanation: employees read it after submitting, so say "
                "why, not just what.</p>"
            )
        ),
        FieldPanel("quiz"),
        FieldPanel("pass_mark"),
        FieldPanel("required_before_sharing"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(quiz_panels, heading=_("Quiz")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("lessons"),
        index.FilterField("level"),
    ]
    parent_page_types = ["wagtail_advocacy.TrainingIndexPage"]
    subpage_types = []
    template = "wagtail_advocacy/training/training_module_page.html"

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")

    def get_context(self, request, *args, **kwargs):
        from ..services.training import module_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            module_page_context(
                self,
                request.user,
                lesson_id=request.GET.get("lesson"),
                show_quiz="quiz" in request.GET,
            )
        )
        context["base_template"] = advocacy_settings.BASE_TEMPLATE
        return context

    @property
    def network_labels(self):
        labels = dict(network_choices())
        return [labels.get(key, key) for key in self.networks or []]


class TrainingCompletion(models.Model):
    """One employee's progress on one module: lessons read, attempts, best score, first pass."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="advocacy_training_completions",
    )
    module = models.ForeignKey(
        TrainingModulePage,
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
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


class QuizAttempt(models.Model):
    """One submitted quiz, scored on the server; kept so retakes and failures can be studied."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="advocacy_quiz_attempts",
    )
    module = models.ForeignKey(
        TrainingModulePage,
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
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


class QuizAnswer(models.Model):
    """The answer to one question of one attempt (``question_id`` is the block's id)."""

    wagtail_reference_index_ignore = True

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


class PostTemplateForm(WagtailAdminModelForm):
    # settings.LANGUAGES belong to the host: offered here, never stored in field choices.
    language = forms.ChoiceField(label=_("language"), required=False, choices=_language_choices)


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

    base_form_class = PostTemplateForm
    panels = [
        FieldPanel("title"),
        FieldPanel("network"),
        FieldPanel("text"),
        FieldPanel("tags"),
        FieldPanel("language"),
    ]

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


@register_setting(icon="group")
class AdvocacySiteSettings(BaseSiteSetting):
    """Per-site switches of the advocacy program, edited under Settings in the admin."""

    require_training_before_sharing = models.BooleanField(
        _("require training before sharing"),
        default=True,
        help_text=_(
            "When on, employees must pass every training module marked “required "
            "before sharing” before the share panel lets them share."
        ),
    )

    class Meta:
        verbose_name = _("advocacy settings")
        verbose_name_plural = _("advocacy settings")
