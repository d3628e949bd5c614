"""Admin screens for KPIs: the dashboard, four reports, conversions and the home panel.

Every screen here needs the "Can view advocacy dashboard" permission (grantable to
groups in Settings → Groups); without it the menu items are hidden and the URLs answer
403. Recording a conversion needs the usual add permission on conversions.
"""

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_advocacy import kpis
from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.conversions.models import Conversion, ConversionSource
from wagtail_advocacy.conversions.services import (
    ConversionRefused,
    find_link,
    find_referrer,
    record_conversion,
)
from wagtail_advocacy.dashboard import queries as dashboard
from wagtail_advocacy.dashboard.forms import DashboardFilterForm
from wagtail_advocacy.networks import network_choices
from wagtail_advocacy.sharing.models import ContentFormat

MODELADMIN_ITEMS = ()
PERMISSION = "wagtail_advocacy.view_advocacy_dashboard"


class DashboardPermissionPolicy(BasePermissionPolicy):
    """One permission, "Can view advocacy dashboard", whatever the action asked for."""

    def __init__(self):
        super().__init__(Campaign)

    def user_has_permission(self, user, action):
        return bool(user and user.is_active and user.has_perm(PERMISSION))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)


dashboard_policy = DashboardPermissionPolicy()


def can_view_dashboard(user) -> bool:
    return dashboard_policy.user_has_permission(user, "view")


@hooks.register("register_permissions")
def register_dashboard_permission():
    return Permission.objects.filter(
        content_type__app_label="wagtail_advocacy", codename="view_advocacy_dashboard"
    )


class DashboardAccessMixin:
    """Answers 403 with an explanation to anyone without the dashboard permission.

    A 403 rather than Wagtail's usual redirect to the admin home: a bookmarked or shared
    dashboard address then says plainly why it does not open.
    """

    def dispatch(self, request, *args, **kwargs):
        if not can_view_dashboard(request.user):
            return TemplateResponse(
                request, "wagtail_advocacy/admin/forbidden.html", {}, status=403
            )
        return super().dispatch(request, *args, **kwargs)


# --- the dashboard -----------------------------------------------------------------------


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


def chart_data(context) -> dict:
    """What the charts draw; the same numbers are in the tables under each chart."""
    formats = dict(ContentFormat.choices)
    networks = dict(network_choices())
    return {
        "timeline": {
            "labels": [row["date"].isoformat() for row in context["timeline"]],
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


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_dashboard(request.user)


def dashboard_menu_item():
    return DashboardMenuItem(
        _("Dashboard"), reverse("wagtail_advocacy_admin:dashboard"), icon_name="order", order=1
    )


# --- reports -----------------------------------------------------------------------------


class KpiReportFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(label=_("Period"), choices=dashboard.PERIOD_CHOICES)
    start = django_filters.DateFilter(label=_("From"), widget=AdminDateInput)
    end = django_filters.DateFilter(label=_("To"), widget=AdminDateInput)
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=Campaign.objects.order_by("-starts_on")
    )
    department = django_filters.ChoiceFilter(
        label=_("Department"),
        choices=lambda: [(d, d) for d in dashboard.departments()],
    )
    network = django_filters.ChoiceFilter(label=_("Network"), choices=network_choices)
    content_format = django_filters.ChoiceFilter(label=_("Format"), choices=ContentFormat.choices)

    class Meta:
        # Only to satisfy django-filter: KpiReportView never applies these filters to
        # rows, it reads the same parameters to shape the annotations.
        model = Campaign
        fields = []


class KpiReportView(DashboardAccessMixin, ReportView):
    """A report whose rows are annotated for the period and filters in the URL."""

    filterset_class = KpiReportFilterSet
    paginate_by = 50

    @property
    def list_export(self):
        # The export has the listing's columns, under the same headings.
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}

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


class RatioColumn(RankingColumn):
    def get_value(self, instance):
        return f"{super().get_value(instance):.2f}"


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
        return dashboard.content_performance(*self.get_selection())

    def order_queryset(self, queryset):
        # A stable order: equal figures keep the same row order from page to page.
        return queryset.order_by(self.ordering or "-clicks", "title", "pk")


class AmbassadorColumn(Column):
    def get_value(self, instance):
        return dashboard.display_name(instance)


class AmbassadorDepartmentColumn(Column):
    def get_value(self, instance):
        return dashboard.display_department(instance)


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
        return dashboard.ambassador_performance(*self.get_selection())

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "-clicks", "pk")

    def decorate_paginated_queryset(self, object_list):
        # Also called with the whole queryset before an export.
        rows = list(object_list)
        for user in rows:
            user.ambassador = dashboard.display_name(user)
            user.department = dashboard.display_department(user)
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
        Column("clicks_per_share_display", label=_("Clicks per share")),
    ]

    def get_queryset(self):
        # A handful of rows (one per network) from two grouped queries, best first.
        labels = dict(network_choices())
        rows = kpis.breakdown(*self.get_selection(), by="network")
        for row in rows:
            row["label"] = str(labels.get(row["key"], row["key"]))
            row["clicks_per_share_display"] = f"{row['clicks_per_share']:.2f}"
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


@hooks.register("register_admin_urls")
def register_kpi_urls():
    urls = [path("dashboard/", DashboardView.as_view(), name="dashboard")]
    for name, view, _label, _icon in REPORTS:
        urls += [
            path(f"reports/{name}/", view.as_view(), name=f"{name}_report"),
            path(
                f"reports/{name}/results/",
                view.as_view(results_only=True),
                name=f"{name}_report_results",
            ),
        ]
    return [path("advocacy/", include((urls, "wagtail_advocacy_admin")))]


def _report_menu_hook(name, label, icon, order):
    def register():
        return DashboardMenuItem(
            label,
            reverse(f"wagtail_advocacy_admin:{name}_report"),
            name=f"advocacy-{name}",
            icon_name=icon,
            order=order,
        )

    register.__name__ = f"register_advocacy_{name}_report_menu_item"
    return register


for _order, (_name, _view, _label, _icon) in enumerate(REPORTS):
    hooks.register(
        "register_reports_menu_item", _report_menu_hook(_name, _label, _icon, 2000 + _order)
    )


# --- the admin home panel ----------------------------------------------------------------


class AdvocacySummaryPanel(Component):
    """This month's headline KPIs on the admin home page, with a link to the dashboard."""

    name = "advocacy_summary"
    order = 110
    template_name = "wagtail_advocacy/admin/home_panel.html"

    class Media:
        css = {"all": ["wagtail_advocacy/css/dashboard.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        period = dashboard.resolve_period("this_month")
        return {
            "summary": kpis.summary(period),
            "period": period,
            "dashboard_url": reverse("wagtail_advocacy_admin:dashboard") + "?period=this_month",
        }


@hooks.register("construct_homepage_panels")
def add_advocacy_summary_panel(request, panels):
    if can_view_dashboard(request.user):
        panels.append(AdvocacySummaryPanel(request))


# --- conversions -------------------------------------------------------------------------


class ConversionForm(WagtailAdminModelForm):
    """Record a conversion against a tracked link (its token or URL) or an employee."""

    link_token = forms.CharField(
        label=_("Tracked link"),
        required=False,
        help_text=_(
            "The token (the utm_content the visitor arrived with) or the whole tracked link."
        ),
    )
    referrer_username = forms.CharField(
        label=_("Referring employee (username)"),
        required=False,
        help_text=_("When there is no tracked link, for example a referral by e-mail."),
    )

    class Meta:
        model = Conversion
        fields = ["kind", "value", "occurred_at", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # who is credited is fixed once recorded
            del self.fields["link_token"]
            del self.fields["referrer_username"]

    def clean_link_token(self):
        value = self.cleaned_data.get("link_token", "").strip().rstrip("/")
        token = value.rsplit("/", 1)[-1]
        if token:
            try:
                find_link(token)
            except ConversionRefused as refused:
                raise forms.ValidationError(refused.message) from None
        return token

    def clean_referrer_username(self):
        username = self.cleaned_data.get("referrer_username", "").strip()
        if username:
            try:
                self.referrer = find_referrer(username)
            except ConversionRefused as refused:
                raise forms.ValidationError(refused.message) from None
        return username

    def clean(self):
        data = super().clean()
        if self.instance.pk or self.errors:
            return data
        if not data.get("link_token") and not data.get("referrer_username"):
            raise forms.ValidationError(_("Give a tracked-link token or a referring employee."))
        return data

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        try:
            result = record_conversion(
                kind=self.cleaned_data["kind"],
                source=ConversionSource.ADMIN,
                token=self.cleaned_data.get("link_token") or None,
                referrer=getattr(self, "referrer", None),
                value=self.cleaned_data.get("value"),
                occurred_at=self.cleaned_data.get("occurred_at"),
                recorded_by=self.for_user,
                note=self.cleaned_data.get("note", ""),
            )
        except ConversionRefused as refused:  # checked in clean(); a race is still possible
            raise forms.ValidationError(refused.message) from None
        self.instance = result.conversion
        return self.instance


class ConversionViewSet(SnippetViewSet):
    model = Conversion
    icon = "success"
    menu_label = _("Conversions")
    add_to_admin_menu = False
    base_form_class = ConversionForm
    list_display = ["occurred_at", "kind", "referrer", "campaign", "network", "value", "source"]
    list_filter = ["kind", "source", "network"]
    ordering = ["-occurred_at"]
    panels = [
        FieldPanel("link_token"),
        FieldPanel("referrer_username"),
        FieldPanel("kind"),
        FieldPanel("value"),
        FieldPanel("occurred_at"),
        FieldPanel("note"),
    ]

    def get_form_class(self, for_update=False):
        return ConversionForm

    def get_queryset(self, request):
        # The list shows each row's referrer and campaign: fetch them with the rows.
        return Conversion.objects.select_related("referrer", "campaign")


conversion_viewset = ConversionViewSet()
register_snippet(conversion_viewset)
