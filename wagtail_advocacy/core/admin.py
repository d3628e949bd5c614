"""The base of every read-only event list in the Wagtail admin.

wagtail-modeladmin is kept for these lists only (an inspect view and filters without
``django.contrib.admin``); each domain declares its lists in its ``admin.py`` on
:class:`EventAdmin`, and ``wagtail_hooks`` groups them in the Advocacy menu.
"""

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin


class ReadOnlyPermissionHelper(PermissionHelper):
    """Events are append-only records written by the services, never edited by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class EventAdmin(ModelAdmin):
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_per_page = 50
