"""The base of every read-only event list in the Wagtail admin.

wagtail-modeladmin is kept for these lists only (an inspect view and filters without
``django.contrib.admin``); each domain declares its lists in its ``admin.py`` on
:class:`EventAdmin`, and ``wagtail_hooks`` groups them in the Advocacy menu. Snippet
viewsets derive from :class:`AdvocacySnippetViewSet`: every list, history and chooser of
the package asks the model's permission, never admin access alone.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldError, PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView

from wagtail_advocacy.core.exports import SafeCsvExportMixin


class InvalidFilter(Exception):
    pass


class RobustIndexView(SafeCsvExportMixin, IndexView):
    """A modeladmin listing that answers 400, not 500, to a query string it cannot apply.

    Django's ChangeList raises ``IncorrectLookupParameters`` for an unknown parameter
    (``?foo=1``) and a filter raises ``ValueError``/``ValidationError`` for a value of the
    wrong type (``?campaign=abc``); ``django.contrib.admin`` catches them, modeladmin does
    not. A NUL character is refused before any query (PostgreSQL cannot take one). Its CSV
    export neutralises formulas (``core.exports``).
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except InvalidFilter:
            return TemplateResponse(
                request, "wagtail_advocacy/admin/invalid_filter.html", {}, status=400
            )

    def get_queryset(self, request=None):
        params = (request or self.request).GET
        if any("\x00" in key + "".join(values) for key, values in params.lists()):
            raise InvalidFilter
        try:
            return super().get_queryset(request)
        except (IncorrectLookupParameters, FieldError, ValidationError, ValueError) as error:
            raise InvalidFilter from error


class PermissionCheckedHistoryView(HistoryView):
    """wagtail-modeladmin's history view checks no permission (anyone with admin access
    reads it); this one asks what the list asks, a permission on the model."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_list(user)


class ReadOnlyPermissionHelper(PermissionHelper):
    """Events are append-only records written by the services, never edited by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class EventAdmin(ModelAdmin):
    index_view_class = RobustIndexView
    history_view_class = PermissionCheckedHistoryView
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_per_page = 50


# The actions any of which opens a model's list in Wagtail (``IndexView``).
LIST_ACTIONS = ("add", "change", "delete", "view")


class ModelPermissionRequiredMixin:
    """Wagtail's snippet chooser views list and return objects to anyone with admin
    access (only "create" asks for "add"): ask the model's permission policy first."""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_any_permission(request.user, LIST_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooseView(ModelPermissionRequiredMixin, snippet_chooser.ChooseView):
    pass


class ChooseResultsView(ModelPermissionRequiredMixin, snippet_chooser.ChooseResultsView):
    pass


class ChosenView(ModelPermissionRequiredMixin, snippet_chooser.SnippetChosenView):
    pass


class ChosenMultipleView(ModelPermissionRequiredMixin, snippet_chooser.SnippetChosenMultipleView):
    pass


class ChooserCreateView(ModelPermissionRequiredMixin, snippet_chooser.SnippetCreateView):
    pass


class PermissionCheckedChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = ChooserCreateView


class AdvocacySnippetViewSet(SnippetViewSet):
    """The base of the package's snippet viewsets: its chooser checks the model's
    permissions like its list does."""

    chooser_viewset_class = PermissionCheckedChooserViewSet
