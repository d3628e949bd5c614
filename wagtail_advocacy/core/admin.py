"""Building blocks shared by the admin screens of every domain."""

from django.contrib.admin import SimpleListFilter
from django.utils.translation import gettext_lazy
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.campaigns.models import Campaign


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


def department_filter(path):
    """A filter by the ambassador profile's department, reached through ``path``."""

    class DepartmentFilter(SimpleListFilter):
        title = gettext_lazy("department")
        parameter_name = "department"

        def lookups(self, request, model_admin):
            return [(name, name) for name in AmbassadorProfile.objects.departments()]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{path: self.value()})
            return queryset

    return DepartmentFilter


class EventAdmin(ModelAdmin):
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_per_page = 50
