"""Front-end forms of recognition, rendered with django-crispy-forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail_advocacy.core.forms import filter_helper, form_helper
from wagtail_advocacy.recognition.models import BOARD_EVERYONE, BOARD_EXECUTIVES

PERIOD_CHOICES = [
    ("month", _("This month")),
    ("quarter", _("This quarter")),
    ("all", _("All time")),
]


class LeaderboardFilterForm(forms.Form):
    """Filters of the leaderboard; the view passes the departments to offer, and whether
    there is an executives' board."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)
    board = forms.ChoiceField(label=_("Board"), required=False)

    def __init__(self, *args, departments, executive_board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("All departments"))] + [
            (d, d) for d in departments
        ]
        if executive_board:
            self.fields["board"].choices = [
                (BOARD_EVERYONE, _("Employees")),
                (BOARD_EXECUTIVES, _("Executives")),
            ]
        else:
            del self.fields["board"]
        self.helper = filter_helper(_("Show"))

    def filters(self):
        """The chosen filters, or the defaults when the query string made no sense."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "period": data.get("period") or "month",
            "department": data.get("department") or "",
            "board": data.get("board") or BOARD_EVERYONE,
        }


class RecipientChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        # A number too large for the database (SQLite: OverflowError) names no colleague.
        try:
            return super().to_python(value)
        except OverflowError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None

    def label_from_instance(self, profile):
        if profile.department:
            return f"{profile.public_name} ({profile.department})"
        return profile.public_name


class KudosForm(forms.Form):
    """Kudos to one colleague among ``recipients`` (ambassador profiles, from the view)."""

    recipient = RecipientChoiceField(
        label=_("Who do you want to thank?"), queryset=None, to_field_name="user_id"
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=280,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        help_text=_("A sentence or two: what did they do that you liked?"),
    )
    page = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients
        self.helper = form_helper(_("Send kudos"))


class ProgramKudosForm(forms.Form):
    """Kudos from the program team (admin): one active ambassador and a message. The
    view passes ``recipients`` (every active ambassador but the sender)."""

    recipient = RecipientChoiceField(
        label=_("Ambassador"),
        queryset=None,
        to_field_name="user_id",
        empty_label=_("Choose an ambassador"),
        error_messages={
            "required": _("Choose the ambassador to thank."),
            "invalid_choice": _("Choose an active ambassador from the list."),
        },
    )
    message = forms.CharField(
        label=_("Message from the program"),
        max_length=280,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        help_text=_("Shown on their “My impact” page; they also get the kudos points."),
        error_messages={"required": _("Write a short message to go with your kudos.")},
    )

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients
