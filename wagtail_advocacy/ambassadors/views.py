"""Front-end views for ambassadors: join the program, edit one's profile, accept changed
terms, leave it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail_advocacy.ambassadors.forms import (
    AmbassadorProfileForm,
    JoinForm,
    LeaveForm,
    network_formset,
)
from wagtail_advocacy.ambassadors.queries import get_profile, hr_initial
from wagtail_advocacy.ambassadors.rules import consent_is_outdated
from wagtail_advocacy.ambassadors.services import (
    AmbassadorError,
    accept_current_terms,
    join_program,
    leave_program,
    update_profile,
)
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.pages import render_in_base
from wagtail_advocacy.core.registries import holds_personal_data

TEMPLATES = "wagtail_advocacy/ambassadors/"


def _render(request, template, context, status=200):
    return render_in_base(request, TEMPLATES + template, context, status=status)


def _submitted(request):
    """The form data and files of a POST, or ``(None, None)`` for a blank form."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _save_profile(request, form, formset, service, saved_message):
    """Hand a valid profile form and its networks to ``service`` (``join_program`` or
    ``update_profile``): the redirect to the profile once saved, else ``None`` (the form
    is shown again, with the service's error as a message)."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    try:
        service(
            request.user,
            fields=form.profile_fields(),
            expertise=form.cleaned_data.get("expertise", []),
            networks=formset.used_networks(),
            photo=form.cleaned_data.get("photo"),
        )
    except AmbassadorError as error:
        messages.error(request, error.message)
        return None
    messages.success(request, saved_message)
    return redirect("wagtail_advocacy:ambassador_profile")


@login_required
@require_http_methods(["GET", "POST"])
def join(request):
    """The "Join the program" page: what is recorded and why, then the opt-in form."""
    profile = get_profile(request.user)
    if profile is not None and profile.is_active:
        return redirect("wagtail_advocacy:ambassador_profile")
    # A former ambassador who kept their history finds their choices again.
    initial = hr_initial(request.user) if profile is None else {}
    data, files = _submitted(request)
    form = JoinForm(data, files, instance=profile, initial=initial)
    formset = network_formset(data, profile)
    if request.method == "POST":
        saved = _save_profile(
            request, form, formset, join_program, _("Welcome to the ambassador program!")
        )
        if saved is not None:
            return saved
    return _render(
        request,
        "join.html",
        {
            "form": form,
            "network_formset": formset,
            "consent_version": advocacy_settings.CONSENT_VERSION,
            "returning": profile is not None,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_view(request):
    """An ambassador's own profile: what they show, use and want to hear about."""
    profile = get_profile(request.user)
    if profile is None or not profile.is_active:
        return redirect("wagtail_advocacy:ambassador_join")
    data, files = _submitted(request)
    form = AmbassadorProfileForm(data, files, instance=profile)
    formset = network_formset(data, profile)
    if request.method == "POST":
        saved = _save_profile(request, form, formset, update_profile, _("Your profile is saved."))
        if saved is not None:
            return saved
        # The form's instance was changed by validation: show the stored consent.
        profile.refresh_from_db()
    return _render(
        request,
        "profile.html",
        {"form": form, "network_formset": formset, "profile": profile},
        status=400 if request.method == "POST" else 200,
    )


def _safe_next(request) -> str:
    """Where to go back to once the terms are accepted: a page of this site only."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def consent(request):
    """The current terms of the program, for a member whose consent is for older ones (the
    share panel and the profile link here): accept them, or leave the program."""
    profile = get_profile(request.user)
    if profile is None or not profile.is_active:
        messages.info(request, _("You are not in the ambassador program."))
        return redirect("wagtail_advocacy:ambassador_join")
    next_url = _safe_next(request)
    status = 200
    if request.method == "POST":
        try:
            accept_current_terms(request.user, version=request.POST.get("version", ""))
        except AmbassadorError as error:
            messages.error(request, error.message)
            status = 400
        else:
            messages.success(request, _("Thank you: you accepted the program's current terms."))
            return redirect(next_url or reverse("wagtail_advocacy:ambassador_profile"))
    return _render(
        request,
        "consent.html",
        {
            "profile": profile,
            "consent_version": advocacy_settings.CONSENT_VERSION,
            "outdated": consent_is_outdated(profile),
            "next": next_url,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def leave(request):
    """Leave the program, keeping or erasing one's history (or erase it later)."""
    profile = get_profile(request.user)
    # A colleague who shared without joining may still erase what the program holds.
    if profile is None and not holds_personal_data(request.user):
        messages.info(request, _("You are not in the ambassador program."))
        return redirect("wagtail_advocacy:ambassador_join")
    erase_only = profile is None or not profile.is_active
    form = LeaveForm(request.POST or None, erase_only=erase_only)
    if request.method == "POST" and form.is_valid():
        erase = form.cleaned_data["history"] == LeaveForm.ERASE
        try:
            leave_program(request.user, erase=erase)
        except AmbassadorError as error:
            messages.error(request, error.message)
        else:
            if erase and profile is None:
                messages.success(request, _("Your history is erased."))
            elif erase:
                messages.success(
                    request, _("You left the ambassador program and your history is erased.")
                )
            else:
                messages.success(
                    request,
                    _(
                        "You left the ambassador program. Nothing about you is shown any "
                        "more; your history is kept in case you come back."
                    ),
                )
            return redirect("wagtail_advocacy:ambassador_join")
    return _render(
        request,
        "leave.html",
        {"form": form, "profile": profile, "erase_only": erase_only},
        status=400 if request.method == "POST" else 200,
    )
