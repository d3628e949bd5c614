"""The KPI dashboard's filter form: every choice lives in the URL, so a view can be shared."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.core.periods import (
    DEFAULT_PERIOD,
    EARLIEST_DAY,
    LATEST_DAY,
    PERIOD_CHOICES,
    in_range,
    resolve_period,
)
from wagtail_advocacy.kpis import Filters
from wagtail_advocacy.networks import network_choices
from wagtail_advocacy.sharing.models import ContentFormat

MAX_DAYS = 3 * 366


class DashboardFilterForm(forms.Form):
    # The selector shows the period reported: DEFAULT_PERIOD when the address names none.
    period = forms.ChoiceField(
        label=_("Period"), choices=PERIOD_CHOICES, required=False, initial=DEFAULT_PERIOD
    )
    start = forms.DateField(label=_("From"), required=False, widget=AdminDateInput)
    end = forms.DateField(label=_("To"), required=False, widget=AdminDateInput)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.order_by("-starts_on", "name"),
        required=False,
        empty_label=_("All campaigns"),
    )
    department = forms.ChoiceField(label=_("Department"), required=False)
    network = forms.ChoiceField(label=_("Network"), required=False)
    content_format = forms.ChoiceField(label=_("Format"), required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("period"):
            # A bound form shows its data, not the field's initial: without a period in the
            # address (the menu's link, a filter by campaign alone), say which one is shown.
            data = data.copy()
            data["period"] = DEFAULT_PERIOD
        super().__init__(data, *args, **kwargs)
        self.fields["department"].choices = [("", _("All departments"))] + [
            (name, name) for name in AmbassadorProfile.objects.departments()
        ]
        self.fields["network"].choices = [("", _("All networks")), *network_choices()]
        self.fields["content_format"].choices = [
            ("", _("All formats")),
            *ContentFormat.choices,
        ]

    def _clean_day(self, name):
        day = self.cleaned_data.get(name)
        if day and not in_range(day):
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s.")
                % {"first": EARLIEST_DAY, "last": LATEST_DAY}
            )
        return day

    def clean_start(self):
        return self._clean_day("start")

    def clean_end(self):
        return self._clean_day("end")

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(_("Give both dates of a custom period."))
            if end < start:
                raise forms.ValidationError(_("The end date must be on or after the start date."))
            if (end - start) > datetime.timedelta(days=MAX_DAYS):
                raise forms.ValidationError(_("A custom period can cover at most three years."))
        return data

    def selected_period(self):
        """The chosen period; the default one when the form is invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        return resolve_period(
            data.get("period") or DEFAULT_PERIOD, data.get("start"), data.get("end")
        )

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        campaign = data.get("campaign")
        return Filters(
            campaign=campaign.pk if campaign else None,
            department=data.get("department") or None,
            network=data.get("network") or None,
            content_format=data.get("content_format") or None,
        )

    def selected_campaign(self):
        return self.cleaned_data.get("campaign") if self.is_valid() else None
