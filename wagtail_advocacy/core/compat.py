"""The page model our pages extend.

Wagtail 8 lets a project swap in its own base page model (``WAGTAIL_PAGE_MODEL``); a
reusable app must build on that model rather than on ``wagtail.models.Page`` so its
pages share the project's common fields. Wagtail 7.4 has no swappable page, so there
the base is plain ``Page``.
"""

import swapper
import wagtail

WAGTAIL_HAS_SWAPPABLE_PAGE = wagtail.VERSION >= (8, 0)

# Wagtail names its setting WAGTAIL_PAGE_MODEL; make sure swapper agrees even when this
# module is imported (by a migration) before wagtail.models.
swapper.set_app_prefix("wagtailcore", "wagtail")

if WAGTAIL_HAS_SWAPPABLE_PAGE:
    BASE_PAGE_MODEL_NAME = swapper.get_model_name("wagtailcore", "Page")
else:  # pragma: no cover - Wagtail 7.4
    BASE_PAGE_MODEL_NAME = "wagtailcore.Page"


def get_base_page_model():
    """The concrete base page class; call only once the app registry is loading models."""
    if WAGTAIL_HAS_SWAPPABLE_PAGE:
        return swapper.load_model("wagtailcore", "Page", require_ready=False)
    from wagtail.models import Page  # pragma: no cover - Wagtail 7.4

    return Page  # pragma: no cover


try:  # Wagtail 8 keeps a registry of every model's permission policy.
    from wagtail.permissions import policy_registry

    def permission_policy_for(model):
        return policy_registry.get_by_type(model)

except ImportError:  # Wagtail 7.4: the model's Django permissions.
    from wagtail.permission_policies import ModelPermissionPolicy

    def permission_policy_for(model):
        return ModelPermissionPolicy(model)
