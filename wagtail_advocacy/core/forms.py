"""What every domain's front-end forms share: crispy helpers that render with the
package's own template pack (no Bootstrap), whatever the host's ``CRISPY_TEMPLATE_PACK``."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit

TEMPLATE_PACK = "wagtail_advocacy/crispy"
BUTTON = "advocacy-button"


def form_helper(submit_label=None, *, button=BUTTON, **attributes) -> FormHelper:
    """A helper on the package's pack; ``attributes`` are FormHelper's (``form_tag``…)."""
    helper = FormHelper()
    helper.template_pack = TEMPLATE_PACK
    helper.form_class = "advocacy-form"
    for name, value in attributes.items():
        setattr(helper, name, value)
    if submit_label is not None:
        helper.add_input(Submit("", submit_label))
        helper.inputs[-1].field_classes = button
    return helper


def filter_helper(submit_label) -> FormHelper:
    """A filter form: sent by GET (so filters can be bookmarked), no CSRF token."""
    return form_helper(
        submit_label,
        button=f"{BUTTON} {BUTTON}--secondary",
        form_method="get",
        form_class="advocacy-form advocacy-filters",
        disable_csrf=True,
    )
