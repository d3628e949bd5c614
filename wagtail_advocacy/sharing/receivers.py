"""Receivers connected when the app is ready."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published

from wagtail_advocacy.sharing.tasks import refresh_link_destinations


def queue_link_refresh(sender, instance, **kwargs):
    transaction.on_commit(partial(refresh_link_destinations.enqueue, instance.pk))


def connect():
    from wagtail_advocacy.sharing.pages import ShareablePage

    page_published.connect(queue_link_refresh, sender=ShareablePage, dispatch_uid="advocacy_links")

    # Each domain connects its own receivers, kept beside its services.
    # --- training ---
    from wagtail_advocacy.signals import ambassador_left
    from wagtail_advocacy.training.services import erase_on_leave

    ambassador_left.connect(erase_on_leave, dispatch_uid="advocacy_training_erase")
    # --- end of training ---
    #
    # --- ambassadors ---
    from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage
    from wagtail_advocacy.ambassadors.services import unpublish_unallowed_spotlight

    page_published.connect(
        unpublish_unallowed_spotlight,
        sender=AmbassadorSpotlightPage,
        dispatch_uid="advocacy_spotlight_rule",
    )
    # --- end of ambassadors ---
    #
    # --- recognition ---
    from wagtail_advocacy.recognition import services as recognition_services
    from wagtail_advocacy.signals import (
        ambassador_left,
        link_clicked,
        share_recorded,
        training_completed,
    )

    share_recorded.connect(
        recognition_services.on_share_recorded, dispatch_uid="advocacy_recognition_share"
    )
    link_clicked.connect(
        recognition_services.on_link_clicked, dispatch_uid="advocacy_recognition_click"
    )
    training_completed.connect(
        recognition_services.on_training_completed, dispatch_uid="advocacy_recognition_training"
    )
    ambassador_left.connect(
        recognition_services.on_ambassador_left, dispatch_uid="advocacy_recognition_left"
    )
    # --- end of recognition ---
    #
    # --- kpis ---
    # --- end of kpis ---
