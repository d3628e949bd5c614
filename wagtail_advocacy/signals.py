"""Signals other apps (and the host project) listen to.

``share_recorded``: sent after an employee opened a share intent.
    Arguments: ``event`` (ShareEvent), ``user``, ``page``.
``link_clicked``: sent after a person (never a crawler) followed a tracked link.
    Arguments: ``click`` (LinkClick), ``link`` (TrackedLink).
``training_completed``: sent once, when an employee passes a training module the first time.
    Arguments: ``completion`` (TrainingCompletion), ``user``, ``module`` (TrainingModulePage).
``ambassador_joined``: sent after an employee opted in to the program.
    Arguments: ``profile`` (AmbassadorProfile), ``user``.
``ambassador_left``: sent after an employee opted out, once the transaction committed.
    Arguments: ``profile``, ``user``, ``erase`` (bool). With ``erase`` the profile row is
    already deleted (the instance keeps its fields) and every domain has forgotten the
    person through ``core.registries.personal_data``; an app of the host that keeps
    personal data registers its own ``PersonalData`` eraser there, so that the erasure
    stays all or nothing.
``points_awarded``: sent after earned points were written to an employee's ledger, once the
    transaction committed (never for redemptions or refunds, nor when nothing was due).
    Arguments: ``entry`` (PointsEntry, with ``action`` and ``points``), ``user``.
"""

from django.dispatch import Signal

share_recorded = Signal()
link_clicked = Signal()
training_completed = Signal()
ambassador_joined = Signal()
ambassador_left = Signal()
points_awarded = Signal()
