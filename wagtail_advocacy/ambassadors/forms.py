"""Front-end forms of the ambassador program, rendered with django-crispy-forms.

They only type and validate input; ``services.ambassadors`` writes.
"""

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.core.forms import filter_helper, form_helper
from wagtail_advocacy.networks import enabled_networks, normalise_instance

# The longest expertise topic: taggit's tag name and slug are 100 characters.
TOPIC_LENGTH = 100

# Not a network people have an audience on: always offered in the share panel.
NOT_AUDIENCE_NETWORKS = {"copy"}


def audience_networks():
    """Networks an employee can say they use, in the site's order."""
    return [n for n in enabled_networks() if n.key not in NOT_AUDIENCE_NETWORKS]


# The profile form's fields, in the order and groups the employee sees them.
ABOUT_YOU = (
    "display_name",
    "job_title",
    "department",
    "bio",
    "photo",
    "expertise",
    "preferred_language",
    "mastodon_instance",
)
VISIBILITY = ("show_in_directory", "show_on_leaderboards", "allow_spotlight")
NOTIFICATIONS = ("notify_new_content", "notify_recognition")


class AmbassadorProfileForm(forms.ModelForm):
    """What an ambassador tells about themselves and what they choose to show."""

    class Meta:
        model = AmbassadorProfile
        fields = [*ABOUT_YOU, *VISIBILITY, *NOTIFICATIONS]
        help_texts = {
            "display_name": _("The name colleagues see. Empty: your account's full name."),
            "expertise": _("Topics you know well, separated by commas, e.g. python, hiring."),
            "mastodon_instance": _("For example mastodon.social; used when you share there."),
            "show_in_directory": _("Colleagues can find you in the ambassador directory."),
            "show_on_leaderboards": _("Your name and points can appear on leaderboards."),
            "allow_spotlight": _(
                "The communication team may publish a story about you on the intranet."
            ),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}

    preferred_language = forms.ChoiceField(label=_("Preferred language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = [("", _("Same as the intranet"))] + [
            (code, name) for code, name in settings.LANGUAGES
        ]
        self.helper = form_helper()
        self.helper.field_template = "wagtail_advocacy/crispy/field.html"  # |as_crispy_field
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(_("About you"), *ABOUT_YOU),
            Fieldset(_("What colleagues can see"), *VISIBILITY),
            Fieldset(_("Notifications"), *NOTIFICATIONS),
        )

    def clean_expertise(self):
        """Each topic fits a tag: 100 characters for its name, and for its slug too (a
        ligature such as "ﬀ" grows when slugified)."""
        topics = self.cleaned_data.get("expertise") or []
        for topic in topics:
            if max(len(topic), len(slugify(topic, allow_unicode=True))) > TOPIC_LENGTH:
                raise forms.ValidationError(
                    _("Each topic can have at most %(length)d characters: “%(topic)s…” is longer.")
                    % {"length": TOPIC_LENGTH, "topic": topic[:30]}
                )
        return topics

    def clean_mastodon_instance(self):
        value = self.cleaned_data.get("mastodon_instance", "").strip()
        if not value:
            return ""
        host = normalise_instance(value)
        if not host:
            raise forms.ValidationError(
                _("Enter the address of your Mastodon server, for example mastodon.social.")
            )
        return host

    def profile_fields(self) -> dict:
        """The cleaned values the service writes (photo and expertise go apart)."""
        data = dict(self.cleaned_data)
        data.pop("photo", None)
        data.pop("expertise", None)
        data.pop("consent", None)
        return data


class JoinForm(AmbassadorProfileForm):
    consent = forms.BooleanField(
        label=_("I have read what is recorded and why, and I want to join the program."),
        required=True,
        error_messages={"required": _("Tick the box to confirm you want to join.")},
    )

    # Rendered by join.html after the networks table, at the end of the page.


class NetworkUseForm(forms.Form):
    """One row of the networks table: do I use it, and how many people see my posts."""

    network = forms.CharField(widget=forms.HiddenInput)
    uses = forms.BooleanField(label=_("I use it"), required=False)
    audience_size = forms.IntegerField(
        label=_("Connections or followers"), required=False, min_value=0, max_value=10**9
    )

    def clean_network(self):
        key = self.cleaned_data["network"]
        if key not in {n.key for n in audience_networks()}:
            raise forms.ValidationError(_("Unknown network."))
        return key


class BaseNetworkFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {n.key: n.label for n in audience_networks()}
        for form in self.forms:
            key = form.initial.get("network") or form.data.get(form.add_prefix("network"))
            form.network_label = labels.get(key, key)

    def used_networks(self) -> dict[str, int]:
        return {
            form.cleaned_data["network"]: form.cleaned_data.get("audience_size") or 0
            for form in self.forms
            if form.cleaned_data.get("uses")
        }


NetworkFormSet = forms.formset_factory(
    NetworkUseForm, formset=BaseNetworkFormSet, extra=0, max_num=50, validate_max=True
)


def network_formset(data=None, profile=None):
    """One row per network the site offers, ticked for the networks ``profile`` uses."""
    used = {}
    if profile is not None and profile.pk:
        used = dict(profile.networks.values_list("network", "audience_size"))
    initial = [
        {"network": n.key, "uses": n.key in used, "audience_size": used.get(n.key)}
        for n in audience_networks()
    ]
    return NetworkFormSet(data, initial=initial, prefix="networks")


class LeaveForm(forms.Form):
    KEEP, ERASE = "keep", "erase"
    history = forms.ChoiceField(
        label=_("Your history"),
        widget=forms.RadioSelect,
        choices=[
            (
                KEEP,
                _(
                    "Keep my history: my past shares and points stay with my account, "
                    "hidden from everyone, in case I come back."
                ),
            ),
            (
                ERASE,
                _(
                    "Erase my history: delete my profile, points and badges, and detach my "
                    "past shares from me. Totals stay correct, anonymously. This cannot be "
                    "undone."
                ),
            ),
        ],
    )

    def __init__(self, *args, erase_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if erase_only:
            self.fields["history"].choices = [
                c for c in self.fields["history"].choices if c[0] == self.ERASE
            ]
        self.helper = form_helper(
            _("Erase my history") if erase_only else _("Leave the program"),
            button="advocacy-button advocacy-button--danger",
        )


class DirectoryFilterForm(forms.Form):
    department = forms.ChoiceField(label=_("Department"), required=False)
    expertise = forms.ChoiceField(label=_("Expertise"), required=False)

    def __init__(self, *args, departments, tags, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        self.fields["department"].choices = everyone + [(d, d) for d in departments]
        self.fields["expertise"].choices = everyone + [(t.slug, t.name) for t in tags]
        self.helper = filter_helper(_("Filter"))


def spotlight_refusal(profile) -> str | None:
    """Why a spotlight story about ``profile`` cannot be published, or None."""
    if profile is None:
        return _("Choose the ambassador this story is about.")
    if not profile.is_active:
        return _("%(name)s has left the ambassador program: their story cannot be published.") % {
            "name": profile.public_name
        }
    if not profile.allow_spotlight:
        return _(
            "%(name)s has not agreed to be featured in a spotlight story. Ask them to tick "
            "“May be featured in a spotlight story” on their ambassador profile, then "
            "publish. You can save a draft meanwhile."
        ) % {"name": profile.public_name}
    return None


class AmbassadorSpotlightPageForm(WagtailAdminPageForm):
    """Refuses to publish a story about an ambassador who did not agree to be featured.

    Drafts are always allowed so an editor can write the story while the employee decides.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("profile")
        if field is not None:
            # Former ambassadors stay listed so a draft about them can still be saved.
            field.queryset = field.queryset.select_related("user").order_by(
                "-is_active", "display_name", "user__last_name"
            )

    def clean(self):
        cleaned_data = super().clean()
        publishing = bool(self.data.get("action-publish"))
        if publishing and "profile" in cleaned_data:
            error = spotlight_refusal(cleaned_data.get("profile"))
            if error:
                self.add_error("profile", error)
        return cleaned_data
