"""Campaigns in the Wagtail admin: the snippet viewset, and the campaign filter other
domains' event lists use. Nothing is registered here: ``wagtail_hooks`` does it."""

from django.contrib.admin import SimpleListFilter
from django.utils.translation import gettext_lazy

from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.core.admin import AdvocacySnippetViewSet, filter_by_id


class CampaignViewSet(AdvocacySnippetViewSet):
    model = Campaign
    icon = "flag"
    menu_label = gettext_lazy("Campaigns")
    list_display = ["name", "objective", "starts_on", "ends_on", "is_active"]
    list_filter = ["objective", "is_active"]
    search_fields = ["name", "description"]
    ordering = ["-starts_on"]


campaign_viewset = CampaignViewSet()


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
                return filter_by_id(queryset, path, self.value())
            return queryset

    return CampaignFilter
