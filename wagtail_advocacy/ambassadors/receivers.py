"""What the ambassador program does when something happens elsewhere."""

from django.dispatch import receiver
from wagtail.signals import page_published

from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage
from wagtail_advocacy.ambassadors.services import unpublish_unallowed_spotlight

receiver(page_published, sender=AmbassadorSpotlightPage, dispatch_uid="advocacy_spotlight_rule")(
    unpublish_unallowed_spotlight
)
