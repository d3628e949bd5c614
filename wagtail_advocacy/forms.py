"""Front-end forms, rendered with django-crispy-forms."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models.pages import ContentFormat


class HubFilterForm(forms.Form):
    tag = forms.ChoiceField(label=_("Topic"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)

    def __init__(self, *args, tags, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["tag"].choices = everything + [(t.slug, t.name) for t in tags]
        self.fields["format"].choices = everything + list(ContentFormat.choices)
        self.fields["campaign"].choices = everything + [(c.slug, c.name) for c in campaigns]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "advocacy-filters"
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("", _("Filter"), css_class="btn btn-secondary"))


class ShareForm(forms.Form):
    """What the share panel posts; the service holds the rules, this only types the input."""

    network = forms.CharField(max_length=32)
    text = forms.CharField(required=False, max_length=70000)
    instance = forms.CharField(required=False, max_length=255)
