"""Rules of the ambassador program: joining with consent, changing one's profile, leaving
(with or without erasing one's history), and what the directory may show.

These functions are the only writers of profiles. Views, the CSV import and the demo call
them; other domains react to the ``ambassador_joined`` and ``ambassador_left`` signals.
"""

from __future__ import annotations

from functools import partial

from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.refusals import Refusal
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


def get_profile(user):
    """The employee's profile (active or kept after leaving), or None."""
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile

    if not user.is_authenticated:
        return None
    return AmbassadorProfile.objects.filter(user=user).first()


def is_ambassador(user) -> bool:
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile

    return user.is_authenticated and AmbassadorProfile.objects.active().filter(user=user).exists()


def hr_initial(user) -> dict:
    """Department and job title from the imported HR record, to prefill the join form."""
    from wagtail_advocacy.ambassadors.models import EmployeeRecord

    record = EmployeeRecord.objects.filter(user=user).first()
    initial = {"display_name": user.get_full_name()}
    if record is not None:
        initial.update(department=record.department, job_title=record.job_title)
    return initial


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
    from wagtail_advocacy.ambassadors.models import NetworkAudience

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
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile

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
        transaction.on_commit(
            partial(ambassador_joined.send, sender=AmbassadorProfile, profile=profile, user=user)
        )
    return profile


def update_profile(user, *, fields: dict | None = None, expertise=None, networks=None, photo=None):
    """Change what an active ambassador shows and uses; consent fields never change here."""
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile

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
    and the spotlight stories, and anonymises their shares and tracked links: the shares
    and clicks still count in totals and the links already posted keep working, but
    nothing points at the employee any more. Other domains delete their own records on
    ``ambassador_left`` (sent after commit, with ``erase``).
    An employee who left and kept their history may come back to erase it.
    """
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile

    with transaction.atomic():
        profile = AmbassadorProfile.objects.select_for_update().filter(user=user).first()
        if profile is None or (not profile.is_active and not erase):
            raise AmbassadorError(_("You are not in the ambassador program."))
        profile.is_active = False
        profile.opted_out_at = profile.opted_out_at or timezone.now()
        for name in VISIBILITY_FIELDS:
            setattr(profile, name, False)
        profile.save()
        _withdraw_spotlights(profile, delete=erase)
        if erase:
            _anonymise_sharing(user)
            if profile.photo:
                _delete_file_on_commit(profile.photo.storage, profile.photo.name)
            # A queryset delete keeps ``profile`` intact in memory for the signal receivers.
            AmbassadorProfile.objects.filter(pk=profile.pk).delete()
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


def unpublish_unallowed_spotlight(sender, instance, **kwargs):
    """``page_published`` receiver: the spotlight rule also holds for publications that
    bypass the page form (workflow approvals, scheduled publishing, scripts)."""
    if not instance.is_visible():
        transaction.on_commit(partial(_unpublish_if_still_hidden, instance.pk))


def _unpublish_if_still_hidden(page_id):
    from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage

    page = AmbassadorSpotlightPage.objects.filter(pk=page_id, live=True).first()
    if page is not None and not page.is_visible():
        page.unpublish(log_action=True)


def _withdraw_spotlights(profile, *, delete: bool):
    from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage

    for page in AmbassadorSpotlightPage.objects.filter(profile=profile):
        if delete:
            page.delete()
        elif page.live:
            page.unpublish(log_action=True)


def _anonymise_sharing(user):
    """Detach the employee's shares, tracked links and conversions from them.

    Nothing else in a link points at the person: its ``utm_content`` is the link's random
    token, so already-posted links keep redirecting and counting, anonymously.
    """
    from wagtail_advocacy.conversions.models import Conversion
    from wagtail_advocacy.sharing.models import ShareEvent, TrackedLink

    ShareEvent.objects.filter(user=user).update(user=None)
    TrackedLink.objects.filter(user=user).update(user=None)
    Conversion.objects.filter(referrer=user).update(referrer=None)


# --- HR data -----------------------------------------------------------------------------


def record_hr_data(user, *, department: str, job_title: str) -> bool:
    """Store HR data for ``user``; update their profile if they joined. Never opts in.

    Returns True when the employee has a profile (active or kept) that was updated.
    """
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile, EmployeeRecord

    EmployeeRecord.objects.update_or_create(
        user=user, defaults={"department": department, "job_title": job_title}
    )
    updated = AmbassadorProfile.objects.filter(user=user).update(
        department=department, job_title=job_title, updated_at=timezone.now()
    )
    return bool(updated)


# --- the directory -----------------------------------------------------------------------


def directory_profiles(*, department: str = "", expertise: str = ""):
    """Ambassadors who chose to appear in the directory, ready to list in few queries."""
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile
    from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage

    profiles = AmbassadorProfile.objects.in_directory()
    if department:
        profiles = profiles.filter(department=department)
    if expertise:
        profiles = profiles.filter(expertise__slug=expertise)
    spotlights = AmbassadorSpotlightPage.objects.live().filter(
        profile__in=AmbassadorProfile.objects.spotlight_allowed()
    )
    latest_spotlight = spotlights.filter(profile=OuterRef("pk")).order_by("-first_published_at")
    return (
        profiles.select_related("user")
        .prefetch_related("expertise")
        .annotate(
            spotlight_id=Subquery(latest_spotlight.values("pk")[:1]),
            # Sorted as shown: the display name, else the account's name (``public_name``).
            sort_name=Lower(
                Coalesce(
                    NullIf("display_name", Value("")),
                    NullIf("user__first_name", Value("")),
                    "user__username",
                )
            ),
        )
        .order_by("sort_name", "pk")
    )


def directory_context(index_page, request) -> dict:
    from taggit.models import Tag

    from wagtail_advocacy.ambassadors.forms import DirectoryFilterForm
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile
    from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage

    visible = AmbassadorProfile.objects.in_directory()
    departments = visible.departments()
    tags = Tag.objects.filter(
        pk__in=AmbassadorProfile.expertise.through.objects.filter(
            content_object__in=visible
        ).values("tag_id")
    ).order_by("name")
    form = DirectoryFilterForm(request.GET or None, departments=departments, tags=tags)
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = directory_profiles(
        department=filters.get("department", ""), expertise=filters.get("expertise", "")
    )
    paginator = Paginator(profiles, 24)
    page_obj = paginator.get_page(request.GET.get("page"))
    ids = [p.spotlight_id for p in page_obj.object_list if p.spotlight_id]
    spotlight_urls = {
        page.pk: page.get_url(request)
        for page in AmbassadorSpotlightPage.objects.filter(pk__in=ids)
    }
    for profile in page_obj.object_list:
        profile.spotlight_url = spotlight_urls.get(profile.spotlight_id)
    query = request.GET.copy()
    query.pop("page", None)
    stories = (
        visible_spotlights()
        .child_of(index_page)
        .select_related("portrait", "profile__user")
        .order_by("-first_published_at")[:6]
    )
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "ambassadors": page_obj.object_list,
        "spotlights": stories,
        "filter_query": query.urlencode(),
    }


def visible_spotlights():
    """Live spotlight stories whose ambassador still allows being featured."""
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile
    from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage

    return AmbassadorSpotlightPage.objects.live().filter(
        profile__in=AmbassadorProfile.objects.spotlight_allowed()
    )


def ambassador_of_the_month():
    """The most recently published spotlight of a visible ambassador, or None."""
    return (
        visible_spotlights()
        .select_related("portrait", "profile__user")
        .order_by("-first_published_at", "-pk")
        .first()
    )
