"""The package's entries in Wagtail's audit log.

Wagtail already logs what its own views do (a campaign, badge, challenge, reward or
conversion created, edited or deleted through its snippet views, a page published).
Everything else the program does on an editor's or the system's behalf is logged here,
with Wagtail's ``log`` and registered actions, so it appears in the site history
(Reports → Site history) and in each object's history, and each viewer sees only the
entries of the models they hold a permission on.

Entries never carry personal data beyond what the object's own history would show, and
on erasure the person's entries are stripped of their label and data
(:func:`forget_entries_about`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

# (action, label in the history filters, message in the history list)
ACTIONS = (
    (
        "wagtail_advocacy.join",
        _("Join the ambassador program"),
        _("Joined the ambassador program"),
    ),
    (
        "wagtail_advocacy.leave",
        _("Leave the ambassador program"),
        _("Left the ambassador program"),
    ),
    ("wagtail_advocacy.erase", _("Erase an employee's data"), _("Erased an employee's data")),
    (
        "wagtail_advocacy.consent",
        _("Accept the program's terms"),
        _("Accepted the program's terms"),
    ),
    ("wagtail_advocacy.hr_import", _("Import HR data"), _("Imported HR data")),
    ("wagtail_advocacy.conversion", _("Record a conversion"), _("Recorded a conversion")),
    ("wagtail_advocacy.reward.fulfil", _("Fulfil a reward"), _("Fulfilled a reward request")),
    ("wagtail_advocacy.reward.decline", _("Decline a reward"), _("Declined a reward request")),
    (
        "wagtail_advocacy.kudos.program",
        _("Send kudos from the program"),
        _("Sent kudos from the program"),
    ),
    (
        "wagtail_advocacy.settings",
        _("Change advocacy settings"),
        _("Changed the advocacy settings"),
    ),
    (
        "wagtail_advocacy.compliance",
        _("Change compliance settings"),
        _("Changed the compliance settings"),
    ),
)


def register_log_actions(actions) -> None:
    """``register_log_actions`` hook: the labels and messages of :data:`ACTIONS`."""
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)


def record(instance, action: str, *, user=None, data: dict | None = None, title: str = ""):
    """Log ``action`` on ``instance``; ``user`` defaults to the admin request's user
    (Wagtail's log context), ``title`` to ``str(instance)``."""
    return log(instance, action, user=user, data=data or {}, title=title or None)


def forget_entries_about(instance, *, label: str, user=None) -> int:
    """Keep ``instance``'s history (who did what, when) but not what named a person:
    every entry's label becomes ``label``, its data is emptied, and entries made by
    ``user`` (the person themselves) no longer point at them."""
    entries = ModelLogEntry.objects.for_instance(instance)
    changed = entries.update(label=str(label), data={})
    if user is not None:
        entries.filter(user_id=user.pk).update(user=None)
    return changed
