"""Forms of the Wagtail admin's page editor."""

from wagtail.admin.forms import WagtailAdminPageForm

from .services.sharing import suggested_post_error


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
