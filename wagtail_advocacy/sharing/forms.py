"""Forms of the Wagtail admin's page editor."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from wagtail_advocacy.core.forms import filter_helper
from wagtail_advocacy.networks import NETWORKS, with_disclosure
from wagtail_advocacy.sharing.models import ContentFormat, sample_link


class ShareablePageForm(WagtailAdminPageForm):
    """Checks every suggested post against its network's limit.

    Done here rather than on the suggested post model because whether a link is counted
    depends on the page's public share URL as typed in this same form.
    """

    def clean(self):
        cleaned_data = super().clean()
        has_link = bool(cleaned_data.get("share_url"))
        formset = self.formsets.get("suggested_posts")
        if formset is None or not formset.is_valid():
            return cleaned_data
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            error = suggested_post_error(
                data.get("network"), data.get("text", ""), has_link=has_link
            )
            if error:
                form.add_error("text", error)
        return cleaned_data


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
        self.helper = filter_helper(_("Filter"))


class ShareForm(forms.Form):
    """What the share panel posts; the service holds the rules, this only types the input."""

    network = forms.CharField(max_length=32)
    text = forms.CharField(required=False, max_length=70000)
    instance = forms.CharField(required=False, max_length=255)


def suggested_post_error(network_key: str, text: str, *, has_link: bool) -> str | None:
    """Why an editor's suggested post does not fit its network, or None."""
    network = NETWORKS.get(network_key)
    if network is None or not text:
        return None
    composed = with_disclosure(text)
    overflow = network.overflow(composed, sample_link() if has_link else "")
    if overflow:
        return _(
            "Too long for %(network)s: the limit is %(limit)d characters, counting the "
            "tracked link and the disclosure, and this post is %(over)d over."
        ) % {"network": network.label, "limit": network.limit, "over": overflow}
    return None
