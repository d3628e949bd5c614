"""What sharing does when something happens elsewhere (imported when the app is ready)."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published

from wagtail_advocacy.core.registries import PersonalData, personal_data
from wagtail_advocacy.sharing.exports import export_shares
from wagtail_advocacy.sharing.models import ShareEvent
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.sharing.services import detach_person
from wagtail_advocacy.sharing.tasks import refresh_link_destinations


@receiver(page_published, sender=ShareablePage, dispatch_uid="advocacy_links")
def queue_link_refresh(sender, instance, **kwargs):
    """Tracked links follow the page's public URL and campaign, after the commit."""
    transaction.on_commit(partial(refresh_link_destinations.enqueue, instance.pk))


personal_data.register(
    PersonalData(
        name="sharing",
        erase=detach_person,
        export=export_shares,
        holds=lambda user: ShareEvent.objects.filter(user=user).exists(),
        models=("wagtail_advocacy.ShareEvent", "wagtail_advocacy.TrackedLink"),
        label=_("Shares and links"),
        description=_(
            "Each time you shared: when, which page, on which network, and whether you "
            "wrote your own words, with your department and the audience you declared "
            "then. Your tracked links and how many times each was clicked, which is how "
            "the program counts the reach of your shares."
        ),
    ),
    order=10,
)
