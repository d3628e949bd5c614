"""The base of every read-only event list in the Wagtail admin.

wagtail-modeladmin is kept for these lists only (an inspect view and filters without
``django.contrib.admin``); each domain declares its lists in its ``admin.py`` on
:class:`EventAdmin`, and ``wagtail_hooks`` groups them in the Advocacy menu. Snippet
viewsets derive from :class:`AdvocacySnippetViewSet`: every list, history and chooser of
the package asks the model's permission, never admin access alone.
"""

import contextlib

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import (
    EmptyResultSet,
    FieldDoesNotExist,
    FieldError,
    PermissionDenied,
    ValidationError,
)
from django.db import models
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView

from wagtail_advocacy.core.compat import permission_policy_for
from wagtail_advocacy.core.exports import SafeCsvExportMixin


class InvalidFilter(Exception):
    pass


def filter_by_id(queryset, path: str, value: str):
    """A list filter's choice of one related row by id: not a number is a ``ValueError``
    (the listing answers 400); a number no row can have (0, negative, past 64 bits, which
    the database cannot even compare) lists nothing, as an id no row has."""
    row_id = int(value)
    if not 0 < row_id < 2**63:
        return queryset.none()
    return queryset.filter(**{path: row_id})


class RobustIndexView(SafeCsvExportMixin, IndexView):
    """A modeladmin listing that answers 400, not 500, to a query string it cannot apply.

    Django's ChangeList raises ``IncorrectLookupParameters`` for an unknown parameter
    (``?foo=1``) and a filter raises ``ValueError``/``ValidationError`` for a value of the
    wrong type (``?campaign=abc``); ``django.contrib.admin`` catches them, modeladmin does
    not. A NUL character is refused before any query (PostgreSQL cannot take one). A value
    that only fails when the database adapts it (a date whose midnight here is before year 1
    in UTC, an ``OverflowError``) is caught by compiling the query here, before the
    template evaluates it. Its CSV export neutralises formulas (``core.exports``).
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
            queryset = super().get_queryset(request)
            _compile(queryset)
        except (
            IncorrectLookupParameters,
            FieldError,
            ValidationError,
            ValueError,
            OverflowError,
        ) as error:
            raise InvalidFilter from error
        return queryset


def _compile(queryset) -> None:
    """Build the listing's SQL without running it, so that bad values fail now."""
    with contextlib.suppress(EmptyResultSet):
        queryset.query.get_compiler(using=queryset.db).as_sql()


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


def boolean_icon(value) -> str:
    """A yes/no cell drawn with Wagtail's own icons, with "Yes"/"No" for screen readers.

    wagtail-modeladmin draws booleans with ``django.contrib.admin``'s images
    (``/static/admin/img/icon-yes.svg``), which are not there without that app.
    """
    if value is None:
        name, classname, title = "help", "default", gettext("Unknown")
    elif value:
        name, classname, title = "success", "default w-text-positive-100", gettext("Yes")
    else:
        name, classname, title = "cross", "default w-text-text-error", gettext("No")
    return render_to_string(
        "wagtailadmin/shared/icon.html", {"name": name, "classname": classname, "title": title}
    )


def _boolean_column(field):
    def column(obj):
        return boolean_icon(getattr(obj, field.name))

    column.short_description = capfirst(field.verbose_name)
    column.admin_order_field = field.name
    column.allow_tags = True
    return column


class BooleanIconsMixin:
    """For a wagtail-modeladmin ``ModelAdmin``: every boolean field of ``list_display`` is
    shown with Wagtail's icons (:func:`boolean_icon`), in a column named ``<field>_icon``
    (sortable and headed like the field). :class:`EventAdmin` has it."""

    def get_list_display(self, request):
        columns = []
        for name in super().get_list_display(request):
            try:
                field = self.model._meta.get_field(name) if isinstance(name, str) else None
            except FieldDoesNotExist:
                field = None
            if isinstance(field, models.BooleanField):
                column_name = f"{name}_icon"
                if not hasattr(self, column_name):
                    setattr(self, column_name, _boolean_column(field))
                name = column_name
            columns.append(name)
        return columns


class EventAdmin(BooleanIconsMixin, ModelAdmin):
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
        policy = permission_policy_for(self.model_class)
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
    permissions like its list does, and it is never a top-level menu item (``wagtail_hooks``
    lists it in the Advocacy menu, or leaves it under Snippets)."""

    chooser_viewset_class = PermissionCheckedChooserViewSet
    add_to_admin_menu = False


def forbidden(request, reason):
    """A 403 page that says which permission is missing, rather than Wagtail's redirect
    to the admin home: a bookmarked or shared address then says why it does not open."""
    return TemplateResponse(
        request, "wagtail_advocacy/admin/forbidden.html", {"reason": reason}, status=403
    )
