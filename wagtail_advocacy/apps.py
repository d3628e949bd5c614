from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailAdvocacyConfig(AppConfig):
    name = "wagtail_advocacy"
    label = "wagtail_advocacy"
    verbose_name = _("Employee advocacy")
    # Pinned so a host's DEFAULT_AUTO_FIELD never produces migrations for this app.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail_advocacy import checks  # noqa: F401  (registers system checks)
        from wagtail_advocacy.sharing.receivers import connect

        connect()
