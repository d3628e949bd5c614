"""What conversions plug into the shared flows: their part of a person's erasure."""

from wagtail_advocacy.conversions.services import detach_referrer
from wagtail_advocacy.core.registries import PersonalData, personal_data

personal_data.register(
    PersonalData(
        name="conversions", erase=detach_referrer, models=("wagtail_advocacy.Conversion",)
    ),
    order=40,
)
