"""The dashboard's places in the Wagtail admin: its permission, its menu items (in the
Advocacy menu and under Reports) and the summary panel on the admin home page.

Nothing is registered here: ``wagtail_hooks`` plugs each piece in. Every item is hidden
without the "Can view advocacy dashboard" permission (``dashboard.rules``).
"""

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from wagtail_advocacy import kpis
from wagtail_advocacy.core.periods import resolve_period
from wagtail_advocacy.dashboard.rules import can_view_dashboard


def dashboard_permissions():
    """The permission to offer in Settings → Groups (``register_permissions``)."""
    return Permission.objects.filter(
        content_type__app_label="wagtail_advocacy", codename="view_advocacy_dashboard"
    )


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_dashboard(request.user)


def dashboard_menu_item():
    return DashboardMenuItem(
        _("Dashboard"), reverse("wagtail_advocacy_admin:dashboard"), icon_name="order", order=1
    )


def report_menu_item(name, label, icon, order):
    """A builder of the Reports menu item of one report, for ``register_reports_menu_item``."""

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
        period = resolve_period("this_month")
        return {
            "summary": kpis.summary(period),
            "period": period,
            "dashboard_url": reverse("wagtail_advocacy_admin:dashboard") + "?period=this_month",
        }


def add_summary_panel(request, panels):
    """``construct_homepage_panels``: the summary, for those who may open the dashboard."""
    if can_view_dashboard(request.user):
        panels.append(AdvocacySummaryPanel(request))
