"""Everything wagtail-advocacy plugs into the Wagtail admin."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .conf import advocacy_settings
from .models import Campaign, LinkClick, ShareablePage, ShareEvent, TrackedLink
from .tone import check_tone


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


class ReadOnlyPermissionHelper(PermissionHelper):
    """Events are append-only records written by the services, never edited by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


def campaign_filter(path):
    """A campaign filter for events reached through ``path``.

    Django's related-field filter needs ``django.contrib.admin``'s site, which a Wagtail
    project does not install; this one only needs the campaign list.
    """

    class CampaignFilter(SimpleListFilter):
        title = gettext_lazy("campaign")
        parameter_name = "campaign"

        def lookups(self, request, model_admin):
            return [(str(c.pk), c.name) for c in Campaign.objects.order_by("-starts_on")]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{path: self.value()})
            return queryset

    return CampaignFilter


class EventAdmin(ModelAdmin):
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_per_page = 50


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
    items = (ShareEventAdmin, TrackedLinkAdmin, LinkClickAdmin)

    def get_submenu_items(self):
        return [campaign_viewset.get_menu_item(order=0)] + super().get_submenu_items()


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
