"""Admin screens for ambassadors: the list of profiles, HR records and spotlight pages.

Nothing is registered here: ``wagtail_hooks`` lists the ModelAdmin classes in the Advocacy
menu. :func:`department_filter` serves every domain's lists of people's records.
"""

from django.contrib.admin import SimpleListFilter
from django.contrib.admin import display as admin_display
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin

from wagtail_advocacy.ambassadors.models import AmbassadorProfile, EmployeeRecord
from wagtail_advocacy.core.admin import (
    BooleanIconsMixin,
    PermissionCheckedHistoryView,
    RobustIndexView,
)


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


class ProfilePermissionHelper(PermissionHelper):
    """Profiles are created and deleted only by the employee (opt-in, opt-out, erase)."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class AmbassadorProfileAdmin(BooleanIconsMixin, ModelAdmin):
    model = AmbassadorProfile
    menu_label = gettext_lazy("Ambassadors")
    menu_icon = "user"
    index_view_class = RobustIndexView  # a bad filter in the address: 400, not 500
    history_view_class = PermissionCheckedHistoryView
    permission_helper_class = ProfilePermissionHelper
    inspect_view_enabled = True
    list_per_page = 50
    list_display = (
        "name",
        "job_title",
        "department",
        "is_active",
        "show_in_directory",
        "show_on_leaderboards",
        "allow_spotlight",
        "opted_in_at",
    )
    list_filter = (
        department_filter("department"),
        "is_active",
        "show_in_directory",
        "allow_spotlight",
    )
    search_fields = (
        "display_name",
        "user__username",
        "user__first_name",
        "user__last_name",
        "department",
        "job_title",
    )
    list_select_related = ("user",)
    ordering = ("-is_active", "display_name", "user__last_name")
    inspect_view_fields = (
        "user",
        "display_name",
        "job_title",
        "department",
        "bio",
        "preferred_language",
        "is_active",
        "opted_in_at",
        "consent_version",
        "opted_out_at",
        "show_in_directory",
        "show_on_leaderboards",
        "allow_spotlight",
        "notify_new_content",
        "notify_recognition",
    )

    @admin_display(description=gettext_lazy("name"), ordering="display_name")
    def name(self, obj):
        return obj.public_name

    # Editors correct HR data only: consent, visibility and notification choices belong
    # to the employee.
    panels = [
        HelpPanel(
            content=gettext_lazy(
                "<p>Only the employee can change their consent, visibility and "
                "notification choices, or leave the program.</p>"
            )
        ),
        FieldPanel("job_title"),
        FieldPanel("department"),
    ]


class EmployeeRecordAdmin(ModelAdmin):
    model = EmployeeRecord
    menu_label = gettext_lazy("HR records")
    menu_icon = "doc-full"
    index_view_class = RobustIndexView
    history_view_class = PermissionCheckedHistoryView
    permission_helper_class = ProfilePermissionHelper
    list_per_page = 50
    list_display = ("user", "department", "job_title", "updated_at")
    list_filter = ("department",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "department")
    list_select_related = ("user",)
    panels = [FieldPanel("job_title"), FieldPanel("department")]
