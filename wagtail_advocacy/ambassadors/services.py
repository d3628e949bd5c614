"""Rules of the ambassador program: joining with consent, accepting changed terms,
changing one's profile, leaving (with or without erasing one's history), and what the
directory may show.

These functions are the only writers of profiles and of the consent history. Views, the
CSV import and the demo call them; other domains react to the ``ambassador_joined`` and
``ambassador_left`` signals. Joining, leaving, accepting the terms, erasing and the HR
import are logged in Wagtail's audit log (``core.audit``), which names nobody once the
person erased their data.
"""

from __future__ import annotations

from functools import partial

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from wagtail_advocacy.ambassadors.models import (
    AmbassadorProfile,
    ConsentRecord,
    EmployeeRecord,
    NetworkAudience,
)
from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core import audit
from wagtail_advocacy.core.refusals import Refusal
from wagtail_advocacy.core.registries import erase_personal_data, holds_personal_data
from wagtail_advocacy.networks import NETWORKS
from wagtail_advocacy.signals import ambassador_joined, ambassador_left

# What an employee may change on their own profile (never consent or activity fields).
PROFILE_FIELDS = (
    "display_name",
    "job_title",
    "department",
    "bio",
    "preferred_language",
    "mastodon_instance",
    "show_on_leaderboards",
    "show_in_directory",
    "allow_spotlight",
    "notify_new_content",
    "notify_recognition",
)
VISIBILITY_FIELDS = ("show_on_leaderboards", "show_in_directory", "allow_spotlight")


class AmbassadorError(Refusal):
    """A refused change to an ambassador's profile."""


def _clean_networks(networks) -> dict[str, int]:
    cleaned = {}
    for key, audience in (networks or {}).items():
        if key not in NETWORKS:
            raise AmbassadorError(_("Unknown network: %(network)s.") % {"network": key})
        audience = int(audience or 0)
        if audience < 0:
            raise AmbassadorError(_("An audience size cannot be negative."))
        cleaned[key] = audience
    return cleaned


def _apply(profile, fields: dict, expertise, networks, photo):
    """Write the employee's choices on ``profile`` (saved by the caller's transaction)."""

    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not an employee-editable profile field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(profile, name, value)
    old_photo = None
    if photo is False and profile.photo:  # the form's "clear" box
        old_photo, profile.photo = profile.photo.name, ""
    elif isinstance(photo, UploadedFile):  # a form returns the stored file when unchanged
        old_photo = profile.photo.name if profile.photo else None
        profile.photo = photo
    profile.save()
    if old_photo:
        _delete_file_on_commit(profile.photo.storage, old_photo)
    if expertise is not None:
        profile.expertise.set(list(expertise), clear=True)
    if networks is not None:
        networks = _clean_networks(networks)
        profile.networks.exclude(network__in=list(networks)).delete()
        for key, audience in networks.items():
            NetworkAudience.objects.update_or_create(
                profile=profile, network=key, defaults={"audience_size": audience}
            )
    return profile


def _delete_file_on_commit(storage, name):
    transaction.on_commit(partial(storage.delete, name))


def join_program(
    user,
    *,
    fields: dict | None = None,
    expertise=None,
    networks: dict | None = None,
    photo=None,
    consent_version: str | None = None,
):
    """Opt ``user`` in with a recorded consent, or bring a former ambassador back.

    ``networks`` maps network keys to audience sizes. The consent time is now and the
    version is the text shown on the join page (``WAGTAIL_ADVOCACY_CONSENT_VERSION``).
    """
    try:
        return _join(user, fields, expertise, networks, photo, consent_version)
    except IntegrityError:
        # The same employee joined twice at once (two tabs): the other request won.
        raise AmbassadorError(_("You are already in the ambassador program.")) from None


def _join(user, fields, expertise, networks, photo, consent_version):

    with transaction.atomic():
        profile = AmbassadorProfile.objects.select_for_update().filter(user=user).first()
        if profile is not None and profile.is_active:
            raise AmbassadorError(_("You are already in the ambassador program."))
        now = timezone.now()
        if profile is None:
            profile = AmbassadorProfile(user=user)
        profile.is_active = True
        profile.opted_in_at = now
        profile.opted_out_at = None
        profile.consent_version = consent_version or advocacy_settings.CONSENT_VERSION
        _apply(profile, fields or {}, expertise, networks, photo)
        _record_consent(user, profile.consent_version, given=True, at=now)
        audit.record(
            profile,
            "wagtail_advocacy.join",
            user=user,
            data={"consent_version": profile.consent_version},
        )
        transaction.on_commit(
            partial(ambassador_joined.send, sender=AmbassadorProfile, profile=profile, user=user)
        )
    return profile


def _record_consent(user, version: str, *, given: bool, at=None):
    return ConsentRecord.objects.create(
        user=user, version=version, given=given, at=at or timezone.now()
    )


class ConsentError(AmbassadorError):
    """Terms that cannot be accepted now (not a member, or the text changed meanwhile)."""


def accept_current_terms(user, *, version: str | None = None):
    """Record ``user``'s consent to the current terms (``WAGTAIL_ADVOCACY_CONSENT_VERSION``)
    and make it the profile's; the share panel and endpoint then let them share again.

    ``version`` is the one the person read (the consent page posts it): when the terms
    changed meanwhile, nothing is recorded and they are asked to read the new ones.
    Accepting the version already held records nothing (two tabs, a double click).
    """
    current = advocacy_settings.CONSENT_VERSION
    if version is not None and version != current:
        raise ConsentError(
            _("The terms changed while you were reading them: read this version and accept it.")
        )
    with transaction.atomic():
        profile = AmbassadorProfile.objects.select_for_update().filter(user=user).first()
        if profile is None or not profile.is_active:
            raise ConsentError(_("Join the ambassador program first."))
        if profile.consent_version == current:
            return profile
        profile.consent_version = current
        profile.save(update_fields=["consent_version", "updated_at"])
        _record_consent(user, current, given=True)
        audit.record(profile, "wagtail_advocacy.consent", user=user, data={"version": current})
    return profile


def erase_consent_history(user):
    """Eraser of the personal-data registry: the person's consent history goes."""
    ConsentRecord.objects.filter(user_id=user.pk).delete()


def update_profile(user, *, fields: dict | None = None, expertise=None, networks=None, photo=None):
    """Change what an active ambassador shows and uses; consent fields never change here."""

    with transaction.atomic():
        profile = AmbassadorProfile.objects.select_for_update().filter(user=user).first()
        if profile is None or not profile.is_active:
            raise AmbassadorError(_("Join the ambassador program first."))
        was_allowed = profile.allow_spotlight
        _apply(profile, fields or {}, expertise, networks, photo)
        if was_allowed and not profile.allow_spotlight:
            _withdraw_spotlights(profile, delete=False)
        return profile


def leave_program(user, erase: bool = False):
    """Opt ``user`` out at once; with ``erase``, delete their history too.

    Leaving hides the profile everywhere (every visibility choice is switched off) and
    unpublishes spotlight stories about them. Erasing also deletes the profile, its photo
    and the spotlight stories, and runs every domain's eraser from the personal-data
    registry in the same transaction (shares and links are detached, so they still count
    in totals and posted links keep working, but nothing points at the employee any more).
    ``ambassador_left`` is sent after the commit, for the host's own receivers.
    An employee who left and kept their history may come back to erase it, and one who
    shared without ever joining may erase what the program holds about them (then there
    is no profile, nothing to leave and no ``ambassador_left``: ``None`` is returned).
    """

    with transaction.atomic():
        profile = AmbassadorProfile.objects.select_for_update().filter(user=user).first()
        if profile is None and erase and holds_personal_data(user):
            erase_personal_data(user)
            _log_erasure(user, None)
            return None
        if profile is None or (not profile.is_active and not erase):
            raise AmbassadorError(_("You are not in the ambassador program."))
        if profile.is_active and not erase:
            _record_consent(user, profile.consent_version, given=False)
            audit.record(profile, "wagtail_advocacy.leave", user=user)
        profile.is_active = False
        profile.opted_out_at = profile.opted_out_at or timezone.now()
        for name in VISIBILITY_FIELDS:
            setattr(profile, name, False)
        profile.save()
        _withdraw_spotlights(profile, delete=erase)
        if erase:
            # Every domain forgets the person in this same transaction: all or nothing.
            erase_personal_data(user)
            _log_erasure(user, profile)
            if profile.photo:
                _delete_file_on_commit(profile.photo.storage, profile.photo.name)
            tag_ids = list(profile.expertise.values_list("pk", flat=True))
            # A queryset delete keeps ``profile`` intact in memory for the signal receivers.
            AmbassadorProfile.objects.filter(pk=profile.pk).delete()
            _delete_orphan_tags(tag_ids)
        transaction.on_commit(
            partial(
                ambassador_left.send,
                sender=AmbassadorProfile,
                profile=profile,
                user=user,
                erase=erase,
            )
        )
    return profile


def _log_erasure(user, profile):
    """Log an erasure in Wagtail's audit log without the person, and strip the entries
    that named them.

    A member's erasure is logged on their profile, just before it is deleted: its history
    is where the program's entries about them are (joining, leaving, terms accepted, an
    editor's corrections), and every one of them loses its label (the person's name) and
    data and no longer points at the person as its author. A colleague who never joined
    has no profile: their erasure is logged on the default site, the one object that
    stands for the whole program, names nobody and is not theirs. The HR record's import
    entries lose their label too (it names the person). The erasure's own entry has no
    user (the person is who it erases), a translated title that names nobody, no data,
    and is marked as being about a deleted object.
    """
    label = _("Erased ambassador")
    if profile is not None:
        audit.forget_entries_about(profile, label=label, user=user)
    record = EmployeeRecord.objects.filter(user_id=user.pk).first()
    if record is not None:
        audit.forget_entries_about(record, label=_("HR record"), user=user)
    target = profile or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if target is None:  # no site at all: nothing the entry could be shown on
        return
    entry = audit.record(
        target,
        "wagtail_advocacy.erase",
        user=None,
        title=_("Erased ambassador data") if profile is not None else _("Erased employee data"),
    )
    # The log context's user when there is one (an admin), never the person themselves.
    changes = {"deleted": profile is not None}
    if entry.user_id == user.pk:
        changes["user"] = None
    ModelLogEntry.objects.filter(pk=entry.pk).update(**changes)


def unpublish_unallowed_spotlight(sender, instance, **kwargs):
    """``page_published`` receiver: the spotlight rule also holds for publications that
    bypass the page form (workflow approvals, scheduled publishing, scripts)."""
    if not instance.is_visible():
        transaction.on_commit(partial(_unpublish_if_still_hidden, instance.pk))


def _unpublish_if_still_hidden(page_id):

    page = AmbassadorSpotlightPage.objects.filter(pk=page_id, live=True).first()
    if page is not None and not page.is_visible():
        page.unpublish(log_action=True)


def _withdraw_spotlights(profile, *, delete: bool):
    """Unpublish the stories about the person; on erasure delete them, and strip their
    titles (which name the person) from Wagtail's page history. The history entries stay,
    so the audit trail still says who published and deleted what, and when."""
    pages = list(AmbassadorSpotlightPage.objects.filter(profile=profile))
    for page in pages:
        if delete:
            page.delete()
        elif page.live:
            page.unpublish(log_action=True)
    if delete and pages:
        PageLogEntry.objects.filter(page_id__in=[page.pk for page in pages]).update(
            label=_("Erased spotlight story"), data={}
        )


def _delete_orphan_tags(tag_ids):
    """Expertise tags nobody else uses (no page, template, module or colleague) would keep
    a trace of the person's interests: they go with the profile."""
    if not tag_ids:
        return
    used = Q()
    for relation in Tag._meta.related_objects:
        used |= Q(**{f"{relation.name}__isnull": False})
    Tag.objects.filter(pk__in=tag_ids).exclude(used).delete()


def record_hr_data(user, *, department: str, job_title: str) -> bool:
    """Store HR data for ``user``; update their profile if they joined. Never opts in.

    Returns True when the employee has a profile (active or kept) that was updated.
    Each record written is logged in Wagtail's audit log, with the fields that changed,
    by the log context's user (an admin view's; ``advocacy_import_profiles --user``).
    """

    values = {"department": department, "job_title": job_title}
    with transaction.atomic():
        record = EmployeeRecord.objects.select_for_update().filter(user=user).first()
        if record is None:
            record = EmployeeRecord(user=user)
            changed = list(values)
        else:
            changed = [name for name, value in values.items() if getattr(record, name) != value]
        for name, value in values.items():
            setattr(record, name, value)
        record.save()  # also when unchanged: "imported at" is the last import
        audit.record(record, "wagtail_advocacy.hr_import", data={"fields": changed})
    updated = AmbassadorProfile.objects.filter(user=user).update(
        department=department, job_title=job_title, updated_at=timezone.now()
    )
    return bool(updated)
