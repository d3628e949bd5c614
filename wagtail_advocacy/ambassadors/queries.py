"""Reads of the ambassador program: who is in it, the directory, the spotlight stories."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Lower, NullIf

from wagtail_advocacy.ambassadors.forms import DirectoryFilterForm
from wagtail_advocacy.ambassadors.models import (
    AmbassadorProfile,
    EmployeeRecord,
    NetworkAudience,
)
from wagtail_advocacy.ambassadors.pages import AmbassadorSpotlightPage
from wagtail_advocacy.core.queries import requested_page


def get_profile(user):
    """The employee's profile (active or kept after leaving), or None."""

    if not user.is_authenticated:
        return None
    return AmbassadorProfile.objects.filter(user=user).first()


def department_and_audience(user, network_key: str) -> tuple[str, int]:
    """The employee's department and their declared audience on a network, in one query:
    what a share, a tracked link or a conversion keeps of them for the KPIs ("", 0 when
    they have no profile or declared nothing).

    The profile read is kept on ``user`` (as ``select_related`` would), so what reads
    ``user.advocacy_profile`` next in the same request (a post template's placeholders)
    asks nothing more."""
    profile = (
        AmbassadorProfile.objects.filter(user_id=user.pk)
        .annotate(
            audience=Subquery(
                NetworkAudience.objects.filter(profile=OuterRef("pk"), network=network_key).values(
                    "audience_size"
                )[:1]
            )
        )
        .first()
    )
    if user.pk is not None:
        # None too: a missing profile is remembered as missing (DoesNotExist on access).
        AmbassadorProfile.user.field.remote_field.set_cached_value(user, profile)
    if profile is None:
        return "", 0
    return profile.department, profile.audience or 0


def is_ambassador(user) -> bool:

    return user.is_authenticated and AmbassadorProfile.objects.active().filter(user=user).exists()


def hr_initial(user) -> dict:
    """Department and job title from the imported HR record, to prefill the join form."""

    record = EmployeeRecord.objects.filter(user=user).first()
    initial = {"display_name": user.get_full_name()}
    if record is not None:
        initial.update(department=record.department, job_title=record.job_title)
    return initial


def directory_profiles(*, department: str = "", expertise: str = ""):
    """Ambassadors who chose to appear in the directory, ready to list in few queries."""

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
    page_obj, filter_query = requested_page(request, profiles, 24)
    ids = [p.spotlight_id for p in page_obj.object_list if p.spotlight_id]
    spotlight_urls = {
        page.pk: page.get_url(request)
        for page in AmbassadorSpotlightPage.objects.filter(pk__in=ids)
    }
    for profile in page_obj.object_list:
        profile.spotlight_url = spotlight_urls.get(profile.spotlight_id)
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
        "filter_query": filter_query,
    }


def visible_spotlights():
    """Live spotlight stories whose ambassador still allows being featured."""

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
