from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

# The domains, in the order imports flow (each may use those before it, never after).
DOMAINS = (
    "campaigns",
    "ambassadors",
    "sharing",
    "training",
    "compliance",
    "recognition",
    "conversions",
    "stats",
    "dashboard",
)
# What a domain plugs in at start-up: registry entries (``rules``) and signal receivers.
PLUG_MODULES = ("rules", "receivers", "demo")  # demo: each domain's demo loader


class WagtailAdvocacyConfig(AppConfig):
    name = "wagtail_advocacy"
    label = "wagtail_advocacy"
    verbose_name = _("Employee advocacy")
    # Pinned so a host's DEFAULT_AUTO_FIELD never produces migrations for this app.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import_module(f"{self.name}.checks")  # registers the system checks
        for domain in DOMAINS:
            package = import_module(f"{self.name}.{domain}")
            for plug in PLUG_MODULES:
                if module_has_submodule(package, plug):
                    import_module(f"{package.__name__}.{plug}")
