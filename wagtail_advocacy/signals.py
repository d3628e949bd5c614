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
    already deleted (the instance keeps its fields) and shares and tracked links are
    anonymised; receivers that keep personal data about the employee delete it then.
"""

from django.dispatch import Signal

share_recorded = Signal()
link_clicked = Signal()
training_completed = Signal()
ambassador_joined = Signal()
ambassador_left = Signal()
