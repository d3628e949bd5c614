"""The form editors record a conversion with, in the Wagtail admin.

What the form can check alone lives here: which fields, a tracked link given as its
token or as the whole URL, and one of the link or the employee. Whether the link or the
employee exists, and the recording itself, belong to ``conversions.services``; the
admin's form (``conversions.admin.RecordConversionForm``) adds them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from wagtail_advocacy.conversions.models import Conversion


class ConversionForm(WagtailAdminModelForm):
    """Record a conversion against a tracked link (its token or URL) or an employee."""

    link_token = forms.CharField(
        label=_("Tracked link"),
        required=False,
        help_text=_(
            "The token (the utm_content the visitor arrived with) or the whole tracked link."
        ),
    )
    referrer_username = forms.CharField(
        label=_("Referring employee (username)"),
        required=False,
        help_text=_("When there is no tracked link, for example a referral by e-mail."),
    )

    class Meta:
        model = Conversion
        fields = ["kind", "value", "occurred_at", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # who is credited is fixed once recorded
            del self.fields["link_token"]
            del self.fields["referrer_username"]

    def clean_link_token(self):
        value = self.cleaned_data.get("link_token", "").strip().rstrip("/")
        return value.rsplit("/", 1)[-1]

    def clean_referrer_username(self):
        return self.cleaned_data.get("referrer_username", "").strip()

    def clean(self):
        data = super().clean()
        if self.instance.pk or self.errors:
            return data
        if not data.get("link_token") and not data.get("referrer_username"):
            raise forms.ValidationError(_("Give a tracked-link token or a referring employee."))
        return data
