"""The dashboard's and reports' admin URLs (namespace ``wagtail_advocacy_admin``), which
``wagtail_hooks`` mounts under ``/admin/advocacy/``; the dashboard has no public URL."""

from django.urls import path

from wagtail_advocacy.dashboard.views import REPORTS, DashboardView

app_name = "wagtail_advocacy_admin"

urlpatterns = [path("dashboard/", DashboardView.as_view(), name="dashboard")]
for name, view, _label, _icon in REPORTS:
    urlpatterns += [
        path(f"reports/{name}/", view.as_view(), name=f"{name}_report"),
        path(
            f"reports/{name}/results/",
            view.as_view(results_only=True),
            name=f"{name}_report_results",
        ),
    ]
