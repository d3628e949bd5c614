"""Conversions in the Wagtail admin: a snippet list, and a form that records through
``record_conversion`` so a conversion entered by hand is credited like one from the API.

Recording needs the usual add permission on conversions. Nothing is registered here:
``wagtail_hooks`` registers the viewset and lists it in the Advocacy menu.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from wagtail_advocacy.conversions.forms import ConversionForm
from wagtail_advocacy.conversions.models import Conversion, ConversionSource
from wagtail_advocacy.conversions.services import (
    ConversionRefused,
    find_link,
    find_referrer,
    record_conversion,
)
from wagtail_advocacy.core.admin import AdvocacySnippetViewSet


class RecordConversionForm(ConversionForm):
    """:class:`ConversionForm` that checks the link and the employee exist, each error on
    its own field, and saves a new conversion through the service."""

    def clean_link_token(self):
        token = super().clean_link_token()
        if token:
            try:
                find_link(token)
            except ConversionRefused as refused:
                raise forms.ValidationError(refused.message) from None
        return token

    def clean_referrer_username(self):
        username = super().clean_referrer_username()
        if username:
            try:
                self.referrer = find_referrer(username)
            except ConversionRefused as refused:
                raise forms.ValidationError(refused.message) from None
        return username

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        try:
            result = record_conversion(
                kind=self.cleaned_data["kind"],
                source=ConversionSource.ADMIN,
                token=self.cleaned_data.get("link_token") or None,
                referrer=getattr(self, "referrer", None),
                value=self.cleaned_data.get("value"),
                occurred_at=self.cleaned_data.get("occurred_at"),
                recorded_by=self.for_user,
                note=self.cleaned_data.get("note", ""),
            )
        except ConversionRefused as refused:  # checked in clean(); a race is still possible
            raise forms.ValidationError(refused.message) from None
        self.instance = result.conversion
        return self.instance


class ConversionViewSet(AdvocacySnippetViewSet):
    model = Conversion
    icon = "success"
    menu_label = _("Conversions")
    base_form_class = RecordConversionForm
    list_display = ["occurred_at", "kind", "referrer", "campaign", "network", "value", "source"]
    list_filter = ["kind", "source", "network"]
    ordering = ["-occurred_at"]
    panels = [
        FieldPanel("link_token"),
        FieldPanel("referrer_username"),
        FieldPanel("kind"),
        FieldPanel("value"),
        FieldPanel("occurred_at"),
        FieldPanel("note"),
    ]

    def get_form_class(self, for_update=False):
        return RecordConversionForm

    def get_queryset(self, request):
        # The list shows each row's referrer and campaign: fetch them with the rows.
        return Conversion.objects.select_related("referrer", "campaign")


conversion_viewset = ConversionViewSet()
