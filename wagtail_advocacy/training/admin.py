"""Admin screens for training: post templates, per-module statistics, completions.

Nothing is registered here: ``wagtail_hooks`` registers the post-template viewset, mounts
:data:`statistics_urls` and adds :func:`statistics_menu_item` to the Reports menu.
"""

from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from wagtail_advocacy.ambassadors.admin import department_filter
from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.core.admin import AdvocacySnippetViewSet, EventAdmin, filter_by_id
from wagtail_advocacy.core.exports import Rounded, SafeCsvExportMixin
from wagtail_advocacy.training.forms import PostTemplateForm
from wagtail_advocacy.training.models import PostTemplate, TrainingCompletion
from wagtail_advocacy.training.pages import TrainingModulePage
from wagtail_advocacy.training.queries import module_statistics, most_failed_questions, pass_rate

STATS_PERMISSION = "wagtail_advocacy.view_trainingcompletion"


class PostTemplateViewSet(AdvocacySnippetViewSet):
    model = PostTemplate
    icon = "doc-full"
    menu_label = _("Post templates")
    list_display = ["title", "network", "language"]
    list_filter = ["network", "language"]
    search_fields = ["title", "text"]
    # Declared here rather than on the model: its form offers the host's languages.
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("network"),
            FieldPanel("text"),
            FieldPanel("tags"),
            FieldPanel("language"),
        ],
        base_form_class=PostTemplateForm,
    )


post_template_viewset = PostTemplateViewSet()


class ModuleFilter(SimpleListFilter):
    title = _("module")
    parameter_name = "module"

    def lookups(self, request, model_admin):
        modules = TrainingModulePage.objects.order_by("path").values_list("pk", "title")
        return [(str(pk), title) for pk, title in modules]

    def queryset(self, request, queryset):
        if self.value():
            return filter_by_id(queryset, "module_id", self.value())
        return queryset


COMPLETION_FIELDS = (
    "user",
    "module",
    "department",
    "best_score",
    "attempts",
    "passed",
    "started_at",
    "first_passed_at",
    "last_attempt_at",
)


class TrainingCompletionAdmin(EventAdmin):
    model = TrainingCompletion
    menu_label = _("Training completions")
    menu_icon = "success"
    # The list, its export and the detail show the same columns; the list leaves out the
    # start date, the detail the department (it shows the employee's profile).
    list_display = tuple(name for name in COMPLETION_FIELDS if name != "started_at")
    list_filter = (
        ModuleFilter,
        department_filter("user__advocacy_profile__department"),
        "passed",
        "first_passed_at",
        "started_at",
    )
    search_fields = ("user__username", "user__first_name", "user__last_name", "module__title")
    list_select_related = ("user", "module", "user__advocacy_profile")
    list_export = COMPLETION_FIELDS
    export_filename = "training-completions"
    inspect_view_fields = tuple(name for name in COMPLETION_FIELDS if name != "department")

    @staticmethod
    def department(obj):
        try:
            return obj.user.advocacy_profile.department
        except AmbassadorProfile.DoesNotExist:
            return ""

    department.short_description = _("department")


# How the report's figures are rounded, on screen and in both exports alike.
PERCENT = Rounded(scale=100, places=0)
ONE_DECIMAL = Rounded(places=1)


class PercentColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return "" if value is None else f"{PERCENT.display(value)} %"


class DecimalColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return "" if value is None else ONE_DECIMAL.display(value)


class TrainingStatisticsView(SafeCsvExportMixin, ReportView):
    """Per module: who started, who passed, scores, attempts and the question most failed,
    so editors know which module to improve."""

    page_title = _("Training statistics")
    header_icon = "success"
    index_url_name = "wagtail_advocacy_training:statistics"
    index_results_url_name = "wagtail_advocacy_training:statistics_results"
    permission_policy = ModelPermissionPolicy(TrainingCompletion)
    permission_required = "view"
    paginate_by = 50
    columns = [
        Column("title", label=_("Module")),
        NumberColumn("learners_started", label=_("Started")),
        NumberColumn("learners_passed", label=_("Passed")),
        PercentColumn("pass_rate", label=_("Pass rate")),
        DecimalColumn("average_score", label=_("Average score (%)")),
        DecimalColumn("average_attempts", label=_("Average attempts")),
        Column("most_failed", label=_("Question most often failed")),
    ]
    list_export = [
        "title",
        "learners_started",
        "learners_passed",
        "pass_rate",
        "average_score",
        "average_attempts",
        "most_failed",
    ]
    export_headings = {
        "title": _("Module"),
        "learners_started": _("Started"),
        "learners_passed": _("Passed"),
        "pass_rate": _("Pass rate (%)"),
        "average_score": _("Average score (%)"),
        "average_attempts": _("Average attempts"),
        "most_failed": _("Question most often failed"),
    }
    # Numbers in XLSX, rounded (not truncated) as the figures in CSV: 2 of 3 is 67.
    export_numbers = {
        "pass_rate": PERCENT,
        "average_score": ONE_DECIMAL,
        "average_attempts": ONE_DECIMAL,
    }

    def get_base_queryset(self):
        return module_statistics(TrainingModulePage.objects.order_by("path"))

    def decorate_paginated_queryset(self, object_list):
        modules = list(object_list)
        worst = most_failed_questions(modules)
        for module in modules:
            module.pass_rate = pass_rate(module)
            module.most_failed = ""
            if module.pk in worst:
                question_id, failures = worst[module.pk]
                module.most_failed = _describe_question(module, question_id, failures)
        return modules


def _describe_question(module, question_id, failures):
    questions = [block for block in module.quiz if block.block_type == "question"]
    for number, block in enumerate(questions, start=1):
        if block.id == question_id:
            text = Truncator(block.value["question"]).chars(80)
            return _("Q%(number)d “%(text)s” (%(failures)d wrong)") % {
                "number": number,
                "text": text,
                "failures": failures,
            }
    return _("A question since removed (%(failures)d wrong)") % {"failures": failures}


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(STATS_PERMISSION)


# Mounted by wagtail_hooks under /admin/advocacy/training/statistics/, namespace
# "wagtail_advocacy_training".
statistics_urls = [
    path("", TrainingStatisticsView.as_view(), name="statistics"),
    path(
        "results/",
        TrainingStatisticsView.as_view(results_only=True),
        name="statistics_results",
    ),
]


def statistics_menu_item():
    return StatisticsMenuItem(
        _("Training statistics"),
        reverse("wagtail_advocacy_training:statistics"),
        name="advocacy-training-statistics",
        icon_name="success",
        order=1200,
    )
