"""Program-wide settings that every domain reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="group")
class AdvocacySiteSettings(BaseSiteSetting):
    """Per-site switches of the advocacy program, edited under Settings in the admin."""

    require_training_before_sharing = models.BooleanField(
        _("require training before sharing"),
        default=True,
        help_text=_(
            "When on, employees must pass every training module marked “required "
            "before sharing” before the share panel lets them share."
        ),
    )

    class Meta:
        verbose_name = _("advocacy settings")
        verbose_name_plural = _("advocacy settings")
