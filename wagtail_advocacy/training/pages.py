"""Training pages: an index of modules and the modules themselves, with lessons and a quiz."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from wagtail_advocacy.core.pages import (
    AdvocacyPageMixin,
    BasePage,
    LoginRequiredPageMixin,
    page_tabs,
    parent_link,
)
from wagtail_advocacy.networks import network_choices
from wagtail_advocacy.training.blocks import LessonsBlock, QuizBlock
from wagtail_advocacy.training.forms import TrainingModuleForm
from wagtail_advocacy.training.models import TrainingLevel


class TrainingIndexPage(LoginRequiredPageMixin, AdvocacyPageMixin, BasePage):
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
        from wagtail_advocacy.training.queries import modules_with_status

        context = super().get_context(request, *args, **kwargs)
        modules = TrainingModulePage.objects.live().child_of(self).order_by("path")
        context["modules"] = modules_with_status(request.user, modules)
        return context


class TrainingModuleTag(TaggedItemBase):
    content_object = ParentalKey(
        "wagtail_advocacy.TrainingModulePage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )


class TrainingModulePage(LoginRequiredPageMixin, AdvocacyPageMixin, BasePage):
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
    edit_handler = page_tabs(content_panels, ObjectList(quiz_panels, heading=_("Quiz")))
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
        from wagtail_advocacy.training.queries import module_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            module_page_context(
                self,
                request.user,
                lesson_id=request.GET.get("lesson"),
                show_quiz="quiz" in request.GET,
            )
        )
        return context

    @property
    def network_labels(self):
        labels = dict(network_choices())
        return [labels.get(key, key) for key in self.networks or []]
