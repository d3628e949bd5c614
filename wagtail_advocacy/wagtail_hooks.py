"""Everything wagtail-advocacy plugs into the Wagtail admin."""

from django.contrib import messages
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from wagtail_advocacy.ambassadors import admin as ambassadors_admin
from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.admin import EventAdmin, campaign_filter
from wagtail_advocacy.dashboard import admin as kpis_admin
from wagtail_advocacy.recognition import admin as recognition_admin
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent, TrackedLink
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.sharing.rules import check_tone
from wagtail_advocacy.training import admin as training_admin


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "flag"
    menu_label = gettext_lazy("Campaigns")
    add_to_admin_menu = False
    list_display = ["name", "objective", "starts_on", "ends_on", "is_active"]
    list_filter = ["objective", "is_active"]
    search_fields = ["name", "description"]
    ordering = ["-starts_on"]


campaign_viewset = CampaignViewSet()
register_snippet(campaign_viewset)


class ShareEventAdmin(EventAdmin):
    model = ShareEvent
    menu_label = gettext_lazy("Shares")
    menu_icon = "upload"
    list_display = ("created_at", "user", "page", "network", "campaign", "personalised")
    list_filter = ("network", campaign_filter("campaign_id"), "personalised", "created_at")
    search_fields = ("page__title", "user__username", "user__last_name")
    list_select_related = ("user", "page", "campaign")


class TrackedLinkAdmin(EventAdmin):
    model = TrackedLink
    menu_label = gettext_lazy("Tracked links")
    menu_icon = "link"
    list_display = ("token", "user", "page", "network", "created_at")
    list_filter = ("network", campaign_filter("page__campaign_id"), "created_at")
    search_fields = ("token", "page__title", "user__username")
    list_select_related = ("user", "page")
    inspect_view_fields = ("token", "user", "page", "network", "destination", "created_at")


class LinkClickAdmin(EventAdmin):
    model = LinkClick
    menu_label = gettext_lazy("Clicks")
    menu_icon = "pick"
    list_display = ("clicked_at", "link", "is_unique", "referrer_host")
    list_filter = (
        "link__network",
        campaign_filter("link__page__campaign_id"),
        "is_unique",
        "clicked_at",
    )
    search_fields = ("link__token", "referrer_host")
    list_select_related = ("link",)
    inspect_view_fields = ("link", "clicked_at", "is_unique", "referrer_host")


class AdvocacyAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Advocacy")
    menu_icon = "group"
    menu_order = 250
    # Each domain adds its own modeladmin screens from its module in ``admin_ui``.
    items = (
        ShareEventAdmin,
        TrackedLinkAdmin,
        LinkClickAdmin,
        *training_admin.MODELADMIN_ITEMS,
        *ambassadors_admin.MODELADMIN_ITEMS,
        *recognition_admin.MODELADMIN_ITEMS,
        *kpis_admin.MODELADMIN_ITEMS,
    )

    def get_submenu_items(self):
        return [
            kpis_admin.dashboard_menu_item(),
            campaign_viewset.get_menu_item(order=0),
            kpis_admin.conversion_viewset.get_menu_item(order=900),
            *[
                viewset.get_menu_item(order=number)
                for number, viewset in enumerate(recognition_admin.MENU_VIEWSETS, start=1)
            ],
        ] + super().get_submenu_items()


modeladmin_register(AdvocacyAdminGroup)


def _warn_about_tone(request, page):
    page = page.specific
    if not isinstance(page, ShareablePage):
        return
    problems = []
    for post in page.suggested_posts.all():
        advice = check_tone(
            post.text,
            buzzwords=advocacy_settings.BUZZWORDS,
            max_hashtags=advocacy_settings.MAX_HASHTAGS,
        )
        problems.extend((post.get_network_display(), item) for item in advice)
    if problems:
        messages.warning(
            request,
            format_html_join(
                "",
                "{}<br>",
                [
                    (
                        _("Suggested post for %(network)s: %(advice)s")
                        % {"network": n, "advice": a},
                    )
                    for n, a in problems
                ],
            ),
        )


@hooks.register("after_create_page")
def warn_about_tone_after_create(request, page):
    _warn_about_tone(request, page)


@hooks.register("after_edit_page")
def warn_about_tone_after_edit(request, page):
    _warn_about_tone(request, page)
