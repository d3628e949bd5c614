"""The KPI dashboard and its four reports (content, ambassadors, networks, campaigns).

Every view here answers 403 without the "Can view advocacy dashboard" permission
(``dashboard.rules``); ``wagtail_hooks`` mounts them under ``/admin/advocacy/`` from
``dashboard/urls.py``.
"""

import django_filters
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from wagtail_advocacy import kpis
from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.core.admin import forbidden
from wagtail_advocacy.core.exports import Rounded, SafeCsvExportMixin
from wagtail_advocacy.core.periods import DEFAULT_PERIOD, PERIOD_CHOICES
from wagtail_advocacy.dashboard import queries as dashboard
from wagtail_advocacy.dashboard.forms import DashboardFilterForm
from wagtail_advocacy.dashboard.rules import can_view_dashboard
from wagtail_advocacy.networks import network_choices
from wagtail_advocacy.sharing.models import ContentFormat


class DashboardAccessMixin:
    """Answers 403 with an explanation to anyone without the dashboard permission.

    A 403 rather than Wagtail's usual redirect to the admin home: a bookmarked or shared
    dashboard address then says plainly why it does not open.
    """

    def dispatch(self, request, *args, **kwargs):
        if not can_view_dashboard(request.user):
            return forbidden(
                request,
                _(
                    "The advocacy dashboard and its reports need the “Can view advocacy "
                    "dashboard” permission. Ask an administrator to add it to one of your "
                    "groups."
                ),
            )
        return super().dispatch(request, *args, **kwargs)


class DashboardView(DashboardAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_advocacy/admin/dashboard.html"
    page_title = _("Advocacy dashboard")
    header_icon = "order"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = DashboardFilterForm(self.request.GET or None)
        period = form.selected_period()
        context.update(
            dashboard.dashboard_context(period, form.filters(), campaign=form.selected_campaign())
        )
        context["form"] = form
        context["query"] = self.request.GET.urlencode()
        context["chart_data"] = chart_data(context)
        return context


def axis_labels(days) -> list[str]:
    """The dates under a timeline chart, short and in the active language: "3 Nov." (or
    "3 nov.", "3 juin", "3 juil." in French: the "N" abbreviations, which tell June from
    July), with the year when the dates span more than one."""
    short = "j N" if len({day.year for day in days}) <= 1 else "j N Y"
    return [date_format(day, short) for day in days]


def chart_data(context) -> dict:
    """What the charts draw; the same numbers are in the tables under each chart.

    A timeline's ``labels`` are for its axis (:func:`axis_labels`), its ``titles`` the
    same dates in full for the tooltips.
    """
    formats = dict(ContentFormat.choices)
    networks = dict(network_choices())
    days = [row["date"] for row in context["timeline"]]
    return {
        "timeline": {
            "labels": axis_labels(days),
            "titles": [date_format(day, "DATE_FORMAT") for day in days],
            "shares": [row["shares"] for row in context["timeline"]],
            "clicks": [row["clicks"] for row in context["timeline"]],
            "participation": [row["participation"] for row in context["timeline"]],
        },
        "networks": {
            "labels": [str(networks.get(r["key"], r["key"])) for r in context["networks"]],
            "shares": [r["shares"] for r in context["networks"]],
            "clicks": [r["clicks"] for r in context["networks"]],
        },
        "formats": {
            "labels": [str(formats.get(r["key"], r["key"])) for r in context["formats"]],
            "shares": [r["shares"] for r in context["formats"]],
            "clicks": [r["clicks"] for r in context["formats"]],
        },
        "labels": {
            "shares": str(_("Shares")),
            "clicks": str(_("Clicks")),
            "participation": str(_("Participation (%)")),
        },
    }


class KpiReportFilterSet(WagtailFilterSet):
    # Each select says what an empty choice means; the period has none (see __init__).
    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIOD_CHOICES, empty_label=None
    )
    start = django_filters.DateFilter(label=_("From"), widget=AdminDateInput)
    end = django_filters.DateFilter(label=_("To"), widget=AdminDateInput)
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"),
        queryset=Campaign.objects.order_by("-starts_on"),
        empty_label=_("All campaigns"),
    )
    department = django_filters.ChoiceFilter(
        label=_("Department"),
        choices=lambda: [(d, d) for d in AmbassadorProfile.objects.departments()],
        empty_label=_("All departments"),
    )
    network = django_filters.ChoiceFilter(
        label=_("Network"), choices=network_choices, empty_label=_("All networks")
    )
    content_format = django_filters.ChoiceFilter(
        label=_("Format"), choices=ContentFormat.choices, empty_label=_("All formats")
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("period"):
            # Without a period in the address (the menu's link), show the one reported.
            data = data.copy()
            data["period"] = DEFAULT_PERIOD
        super().__init__(data, *args, **kwargs)

    class Meta:
        # Only to satisfy django-filter: KpiReportView never applies these filters to
        # rows, it reads the same parameters to shape the annotations.
        model = Campaign
        fields = []


class KpiReportView(DashboardAccessMixin, SafeCsvExportMixin, ReportView):
    """A report whose rows are annotated for the period and filters in the URL.

    Its CSV export neutralises formulas in names and titles (``core.exports``).
    """

    filterset_class = KpiReportFilterSet
    paginate_by = 50

    @property
    def list_export(self):
        # The export has the listing's columns, under the same headings.
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}

    @property
    def export_numbers(self):
        # Ratios: numbers in XLSX, the two decimals of the screen in CSV.
        return {c.name: c.rounded for c in self.columns if isinstance(c, RatioMixin)}

    def filter_queryset(self, queryset):
        # The filter form is shown for its fields; the selection acts in get_selection().
        return queryset

    def get_selection(self):
        form = DashboardFilterForm(self.request.GET)
        return form.selected_period(), form.filters()

    def get_filename(self):
        period, _filters = self.get_selection()
        return f"{self.export_filename}-{period.first_day}-{period.last_day}"


class RankingColumn(NumberColumn):
    """A number column users can sort by."""

    def __init__(self, name, label, **kwargs):
        super().__init__(name, label=label, sort_key=name, **kwargs)


class RatioMixin:
    """A ratio shown with two decimals; exports round it the same way (``Rounded``)."""

    rounded = Rounded(places=2)

    def get_value(self, instance):
        return self.rounded.text(super().get_value(instance))


class RatioColumn(RatioMixin, RankingColumn):
    pass


class UnsortedRatioColumn(RatioMixin, NumberColumn):
    pass


class ContentReportView(KpiReportView):
    page_title = _("Content performance")
    header_icon = "doc-full"
    index_url_name = "wagtail_advocacy_admin:content_report"
    index_results_url_name = "wagtail_advocacy_admin:content_report_results"
    export_filename = "advocacy-content"
    default_ordering = "-clicks"
    columns = [
        TitleColumn(
            "title",
            label=_("Page"),
            sort_key="title",
            url_name="wagtailadmin_pages:edit",
        ),
        Column("campaign", label=_("Campaign")),
        Column("get_content_format_display", label=_("Format")),
        RankingColumn("shares", _("Shares")),
        RankingColumn("clicks", _("Clicks")),
        RankingColumn("unique_clicks", _("Unique clicks")),
        RatioColumn("clicks_per_share", _("Clicks per share")),
        RankingColumn("conversion_count", _("Conversions")),
    ]

    def get_base_queryset(self):
        # Every live shareable page, with zeros for those nobody shared in the period.
        return dashboard.content_performance(*self.get_selection(), every_live_page=True)

    def order_queryset(self, queryset):
        # A stable order: equal figures keep the same row order from page to page.
        return queryset.order_by(self.ordering or "-clicks", "title", "pk")


class AmbassadorColumn(Column):
    def get_value(self, instance):
        return dashboard.display_name(instance.user)


class AmbassadorDepartmentColumn(Column):
    def get_value(self, instance):
        return dashboard.display_department(instance.user)


class AmbassadorReportView(KpiReportView):
    page_title = _("Ambassador performance")
    header_icon = "group"
    index_url_name = "wagtail_advocacy_admin:ambassador_report"
    index_results_url_name = "wagtail_advocacy_admin:ambassador_report_results"
    export_filename = "advocacy-ambassadors"
    default_ordering = "-clicks"
    columns = [
        AmbassadorColumn("ambassador", label=_("Ambassador")),
        AmbassadorDepartmentColumn("department", label=_("Department")),
        RankingColumn("shares", _("Shares")),
        RankingColumn("networks", _("Networks")),
        RankingColumn("clicks", _("Clicks")),
        RankingColumn("unique_clicks", _("Unique clicks")),
        RatioColumn("clicks_per_share", _("Clicks per share")),
        RankingColumn("conversion_count", _("Conversions")),
    ]

    def get_base_queryset(self):
        # A list of ranked rows (``dashboard.RankedPerson``), sorted and paginated here.
        return dashboard.ambassador_performance(*self.get_selection())

    def order_queryset(self, queryset):
        # A stable order: equal figures keep the oldest account first, either way.
        ordering = self.ordering or "-clicks"
        name, sign = ordering.lstrip("-"), -1 if ordering.startswith("-") else 1
        return sorted(queryset, key=lambda row: (sign * getattr(row, name), row.pk))

    def decorate_paginated_queryset(self, object_list):
        # Also called with every row before an export: one query for the people shown.
        rows = dashboard.with_users(list(object_list))
        for row in rows:
            row.ambassador = dashboard.display_name(row.user)
            row.department = dashboard.display_department(row.user)
        return rows


class NetworkReportView(KpiReportView):
    page_title = _("Network performance")
    header_icon = "globe"
    index_url_name = "wagtail_advocacy_admin:network_report"
    index_results_url_name = "wagtail_advocacy_admin:network_report_results"
    export_filename = "advocacy-networks"
    paginate_by = None
    columns = [
        Column("label", label=_("Network")),
        NumberColumn("shares", label=_("Shares")),
        NumberColumn("clicks", label=_("Clicks")),
        NumberColumn("unique_clicks", label=_("Unique clicks")),
        UnsortedRatioColumn("clicks_per_share", label=_("Clicks per share")),
    ]

    def get_queryset(self):
        # A handful of rows (one per network) from two grouped queries, best first.
        labels = dict(network_choices())
        rows = kpis.breakdown(*self.get_selection(), by="network")
        for row in rows:
            row["label"] = str(labels.get(row["key"], row["key"]))
        return rows


class CampaignReportView(KpiReportView):
    """Each campaign's results over its own dates, against its targets."""

    page_title = _("Campaign results")
    header_icon = "flag"
    index_url_name = "wagtail_advocacy_admin:campaign_report"
    index_results_url_name = "wagtail_advocacy_admin:campaign_report_results"
    export_filename = "advocacy-campaigns"
    filterset_class = None
    default_ordering = "-starts_on"
    columns = [
        Column("name", label=_("Campaign"), sort_key="name"),
        Column("get_objective_display", label=_("Objective")),
        Column("starts_on", label=_("Start"), sort_key="starts_on"),
        Column("ends_on", label=_("End")),
        RankingColumn("shares", _("Shares")),
        NumberColumn("target_shares", label=_("Target shares")),
        RankingColumn("clicks", _("Clicks")),
        RankingColumn("unique_clicks", _("Unique clicks")),
        NumberColumn("target_clicks", label=_("Target clicks")),
        RankingColumn("sharers", _("Ambassadors who shared")),
        RankingColumn("conversion_count", _("Conversions")),
        NumberColumn("target_conversions", label=_("Target conversions")),
    ]

    def get_base_queryset(self):
        return dashboard.campaign_results()

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "-starts_on", "pk")


REPORTS = [
    ("content", ContentReportView, _("Content performance"), "doc-full"),
    ("ambassador", AmbassadorReportView, _("Ambassador performance"), "group"),
    ("network", NetworkReportView, _("Network performance"), "globe"),
    ("campaign", CampaignReportView, _("Campaign results"), "flag"),
]
