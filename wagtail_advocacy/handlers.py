"""Receivers connected when the app is ready."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published

from .tasks import refresh_link_destinations


def queue_link_refresh(sender, instance, **kwargs):
    transaction.on_commit(partial(refresh_link_destinations.enqueue, instance.pk))


def connect():
    from .models import ShareablePage

    page_published.connect(queue_link_refresh, sender=ShareablePage, dispatch_uid="advocacy_links")

    # Each domain connects its own receivers, kept beside its services.
    # --- training ---
    from .services.training import erase_on_leave
    from .signals import ambassador_left

    ambassador_left.connect(erase_on_leave, dispatch_uid="advocacy_training_erase")
    # --- end of training ---
    #
    # --- ambassadors ---
    # --- end of ambassadors ---
    #
    # --- recognition ---
    # --- end of recognition ---
    #
    # --- kpis ---
    # --- end of kpis ---
