"""What conversions plug into the shared flows: their part of a person's data."""

from django.utils.translation import gettext_lazy as _

from wagtail_advocacy.conversions.exports import export_conversions
from wagtail_advocacy.conversions.models import Conversion
from wagtail_advocacy.conversions.services import detach_referrer
from wagtail_advocacy.core.registries import PersonalData, personal_data

personal_data.register(
    PersonalData(
        name="conversions",
        erase=detach_referrer,
        export=export_conversions,
        holds=lambda user: Conversion.objects.filter(referrer=user).exists(),
        models=("wagtail_advocacy.Conversion",),
        label=_("Results credited to you"),
        description=_(
            "The applications, hires and other results that came through your tracked "
            "links or that HR credited to you: what it was, when, its value, on which page "
            "and network, and the note recorded with it. They show what your shares "
            "brought to the program's campaigns."
        ),
    ),
    order=40,
)
