"""Page-editor forms of the ambassadors domain."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


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
