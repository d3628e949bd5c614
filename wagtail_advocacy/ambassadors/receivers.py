"""What the ambassador program does when something happens elsewhere."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published

from wagtail_advocacy.ambassadors.exports import export_profile
from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage
from wagtail_advocacy.ambassadors.services import (
    erase_consent_history,
    unpublish_unallowed_spotlight,
)
from wagtail_advocacy.core.registries import PersonalData, personal_data

receiver(page_published, sender=AmbassadorSpotlightPage, dispatch_uid="advocacy_spotlight_rule")(
    unpublish_unallowed_spotlight
)

# First on "My data". The eraser deletes the consent history; ``leave_program`` deletes the
# profile itself, after every domain's eraser ran; the HR record is HR's and stays, but the
# person may see it.
personal_data.register(
    PersonalData(
        name="profile",
        erase=erase_consent_history,
        export=export_profile,
        models=(
            "wagtail_advocacy.AmbassadorProfile",
            "wagtail_advocacy.ConsentRecord",
            "wagtail_advocacy.EmployeeRecord",
        ),
        label=_("Your ambassador profile"),
        description=_(
            "What you wrote and chose on your profile: your name, job, department, bio, "
            "photo, expertise and the networks you use with their audience, where you "
            "agreed to appear, and when you joined or left, with every consent you gave "
            "or withdrew and the version of the terms it was for. Also the HR record "
            "that prefills your profile, kept by HR, and the spotlight stories written "
            "about you."
        ),
    ),
    order=1,
)
