"""Forms of the Wagtail admin's page editor (and the widget of a suggested post's text)."""

from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminAutoHeightTextInput
from wagtail.models import Page

from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.core.forms import filter_helper
from wagtail_advocacy.networks import (
    NETWORKS,
    Network,
    disclosure_text,
    network_choices,
    with_disclosure,
)
from wagtail_advocacy.sharing.models import ContentFormat, disclosure_for, sample_link

# The longest text the editor's live check accepts (Facebook's limit is 63,206).
CHECK_TEXT_LENGTH = 70000
# The admin URL of the live check, mounted by ``wagtail_hooks``.
CHECK_URL_NAME = "wagtail_advocacy_sharing:check_suggested_post"


class ShareablePageForm(WagtailAdminPageForm):
    """Checks every suggested post against its network's limit.

    Done here rather than on the suggested post model because whether a link is counted
    depends on the page's public share URL, and the disclosure on its campaign, as typed
    in this same form.
    """

    def disclosure(self, campaign) -> str:
        """The disclosure the page's shares will carry with ``campaign`` (as chosen)."""
        page = self.instance if self.instance.pk else self.parent_page
        if page is None:
            return disclosure_text()
        return disclosure_for(page, campaign=campaign)

    def clean(self):
        cleaned_data = super().clean()
        has_link = bool(cleaned_data.get("share_url"))
        formset = self.formsets.get("suggested_posts")
        if formset is None or not formset.is_valid():
            return cleaned_data
        disclosure = self.disclosure(cleaned_data.get("campaign"))
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            error = suggested_post_error(
                data.get("network"), data.get("text", ""), has_link=has_link, disclosure=disclosure
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


class SuggestedPostCheckForm(forms.Form):
    """What the editor's live check receives: one suggested post as it is being typed.

    No network yet (a new row) is allowed: the tone is checked, nothing is counted.
    """

    network = forms.ChoiceField(
        required=False,
        choices=lambda: [("", ""), *network_choices()],
        error_messages={
            "invalid_choice": _("Unknown network: choose one of the networks in the list.")
        },
    )
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=CHECK_TEXT_LENGTH,
        error_messages={
            "max_length": _(
                "This text is too long to check: at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )
    # Whether the page has a public share URL, so a tracked link is counted.
    has_link = forms.BooleanField(required=False)
    # The page being edited, or a new page's parent: whose site's compliance settings
    # (disclosure, blocked words) apply; and the campaign chosen in the editor.
    page = forms.ModelChoiceField(queryset=Page.objects.all(), required=False)
    parent = forms.ModelChoiceField(queryset=Page.objects.all(), required=False)
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.all(), required=False)


class SuggestedPostTextarea(AdminAutoHeightTextInput):
    """A suggested post's text, with its live count and tone advice under it.

    ``js/post-check.js`` (the ``advocacy-post-check`` Stimulus controller) asks the admin's
    live check as the editor types, when the row's network changes, and as soon as the
    editor opens, so an editor reopening a draft and a reviewer opening a page from a
    workflow task see the advice without typing. Without JavaScript it is a plain text
    box: the page's save still checks the limit, and the tone warning follows the save.
    """

    template_name = "wagtail_advocacy/admin/widgets/suggested_post_text.html"

    class Media:
        js = ["wagtail_advocacy/js/post-check.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            check_url = reverse(CHECK_URL_NAME)
        except NoReverseMatch:  # the admin URLs are not mounted: no live check
            check_url = ""
        widget_attrs = context["widget"]["attrs"]
        base_id = widget_attrs.get("id") or f"id_{name}"
        context.update(
            check_url=check_url,
            count_id=f"{base_id}-count",
            advice_id=f"{base_id}-advice",
        )
        if check_url:
            widget_attrs["data-advocacy-post-check-target"] = "text"
            described_by = widget_attrs.get("aria-describedby", "").split()
            widget_attrs["aria-describedby"] = " ".join(
                [*described_by, context["count_id"], context["advice_id"]]
            )
        return context


def suggested_post_length(network: Network, text: str, *, has_link: bool, disclosure: str) -> int:
    """A suggested post's length on its network, as the save counts it (with the network's
    own counter, the share panel's): the page's disclosure included and, on a page with a
    public share URL, a tracked link as long as a real one."""
    return network.length(with_disclosure(text, disclosure), sample_link() if has_link else "")


def suggested_post_error(
    network_key: str, text: str, *, has_link: bool, disclosure: str | None = None
) -> str | None:
    """Why an editor's suggested post does not fit its network, or None. ``disclosure``:
    the page's (``sharing.models.disclosure_for``); by default the project's setting."""
    network = NETWORKS.get(network_key)
    if network is None or not text or network.limit is None:
        return None
    if disclosure is None:
        disclosure = disclosure_text()
    length = suggested_post_length(network, text, has_link=has_link, disclosure=disclosure)
    overflow = max(0, length - network.limit)
    if overflow:
        return _(
            "Too long for %(network)s: the limit is %(limit)d characters, counting the "
            "tracked link and the disclosure, and this post is %(over)d over."
        ) % {"network": network.label, "limit": network.limit, "over": overflow}
    return None
