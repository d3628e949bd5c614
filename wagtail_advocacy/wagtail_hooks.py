"""Everything wagtail-advocacy plugs into the Wagtail admin, and the only place it does.

Each domain's ``admin.py`` defines its viewsets, read-only event lists, views and panels
and registers nothing; this module registers them: snippets, admin URLs, permissions,
the home panel, the Reports menu, the page hooks and the Advocacy menu.
"""

from django.urls import include, path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from wagtail_advocacy.ambassadors import admin as ambassadors_admin
from wagtail_advocacy.campaigns import admin as campaigns_admin
from wagtail_advocacy.conversions import admin as conversions_admin
from wagtail_advocacy.core import audit
from wagtail_advocacy.dashboard import admin as dashboard_admin
from wagtail_advocacy.dashboard import urls as dashboard_urls
from wagtail_advocacy.dashboard import views as dashboard_views
from wagtail_advocacy.recognition import admin as recognition_admin
from wagtail_advocacy.sharing import admin as sharing_admin
from wagtail_advocacy.training import admin as training_admin

SNIPPET_VIEWSETS = (
    conversions_admin.conversion_viewset,
    recognition_admin.badge_viewset,
    recognition_admin.reward_viewset,
    recognition_admin.challenge_viewset,
    training_admin.post_template_viewset,
    campaigns_admin.campaign_viewset,
)
for viewset in SNIPPET_VIEWSETS:
    register_snippet(viewset)

# The snippet viewsets the Advocacy menu lists, with their order in it (post templates
# stay under Snippets only).
MENU_VIEWSETS = (
    (campaigns_admin.campaign_viewset, 0),
    (conversions_admin.conversion_viewset, 900),
    (recognition_admin.badge_viewset, 1),
    (recognition_admin.challenge_viewset, 2),
    (recognition_admin.reward_viewset, 3),
)

# The read-only event lists (and the profile and HR record lists), in their menu order.
MODELADMIN_ITEMS = (
    sharing_admin.ShareEventAdmin,
    sharing_admin.TrackedLinkAdmin,
    sharing_admin.LinkClickAdmin,
    training_admin.TrainingCompletionAdmin,
    ambassadors_admin.AmbassadorProfileAdmin,
    ambassadors_admin.EmployeeRecordAdmin,
    recognition_admin.RedemptionAdmin,
    recognition_admin.KudosAdmin,
    recognition_admin.PointsEntryAdmin,
)


class AdvocacyAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Advocacy")
    menu_icon = "group"
    menu_order = 250
    items = MODELADMIN_ITEMS

    def get_submenu_items(self):
        return [
            dashboard_admin.dashboard_menu_item(),
            recognition_admin.program_kudos_menu_item(order=4),
            *[viewset.get_menu_item(order=order) for viewset, order in MENU_VIEWSETS],
        ] + super().get_submenu_items()


modeladmin_register(AdvocacyAdminGroup)


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [path("advocacy/", include(dashboard_urls))]


@hooks.register("register_admin_urls")
def register_training_statistics_urls():
    return [
        path(
            "advocacy/training/statistics/",
            include(
                (training_admin.statistics_urls, "wagtail_advocacy_training"),
                namespace="wagtail_advocacy_training",
            ),
        )
    ]


@hooks.register("register_admin_urls")
def register_suggested_post_check_urls():
    return [
        path(
            "advocacy/sharing/",
            include(
                (sharing_admin.check_urls, "wagtail_advocacy_sharing"),
                namespace="wagtail_advocacy_sharing",
            ),
        )
    ]


@hooks.register("register_admin_urls")
def register_program_kudos_urls():
    return [
        path(
            "advocacy/kudos/",
            include(
                (recognition_admin.program_kudos_urls, "wagtail_advocacy_kudos"),
                namespace="wagtail_advocacy_kudos",
            ),
        )
    ]


# The program's custom permissions (declared on Campaign.Meta): Settings → Groups shows
# them on the campaign row, under "Custom permissions". docs/security.md has the table.
hooks.register("register_permissions", dashboard_admin.dashboard_permissions)
hooks.register("register_permissions", recognition_admin.program_permissions)
hooks.register("register_log_actions", audit.register_log_actions)
hooks.register("construct_homepage_panels", dashboard_admin.add_summary_panel)

for order, (name, _view, label, icon) in enumerate(dashboard_views.REPORTS, start=2000):
    hooks.register(
        "register_reports_menu_item", dashboard_admin.report_menu_item(name, label, icon, order)
    )
hooks.register("register_reports_menu_item", training_admin.statistics_menu_item)

hooks.register("after_create_page", sharing_admin.warn_about_tone)
hooks.register("after_edit_page", sharing_admin.warn_about_tone)
