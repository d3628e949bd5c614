"""Signals other apps (and the host project) listen to.

``share_recorded``: sent after an employee opened a share intent.
    Arguments: ``event`` (ShareEvent), ``user``, ``page``.
``link_clicked``: sent after a person (never a crawler) followed a tracked link.
    Arguments: ``click`` (LinkClick), ``link`` (TrackedLink).
"""

from django.dispatch import Signal

share_recorded = Signal()
link_clicked = Signal()
