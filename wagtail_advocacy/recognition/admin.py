"""Admin screens for recognition: badges, rewards and challenges (snippets), kudos and
the points ledger (read-only lists), reward requests a manager answers, and kudos the
program team sends (:func:`program_kudos_view`).

Nothing is registered here: ``wagtail_hooks`` registers the snippet viewsets and lists
them, with the ModelAdmin classes, in the Advocacy menu, mounts :data:`program_kudos_urls`
under ``/admin/advocacy/kudos/`` and offers :func:`program_permissions` in Settings →
Groups.
"""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import ButtonHelper

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.core.admin import AdvocacySnippetViewSet, EventAdmin, forbidden
from wagtail_advocacy.recognition.forms import ProgramKudosForm
from wagtail_advocacy.recognition.models import (
    Badge,
    Challenge,
    Kudos,
    PointsEntry,
    Redemption,
    RedemptionStatus,
    Reward,
)
from wagtail_advocacy.recognition.rules import RecognitionRefused
from wagtail_advocacy.recognition.services import (
    PROGRAM_KUDOS_PERMISSION,
    decide_redemption,
    send_program_kudos,
)


class BadgeViewSet(AdvocacySnippetViewSet):
    model = Badge
    icon = "pick"
    menu_label = gettext_lazy("Badges")
    list_display = ["name", "kind", "threshold", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "threshold"]


class RewardViewSet(AdvocacySnippetViewSet):
    model = Reward
    icon = "tag"
    menu_label = gettext_lazy("Rewards")
    list_display = ["title", "points_cost", "stock", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "description"]
    ordering = ["sort_order", "points_cost"]


class ChallengeViewSet(AdvocacySnippetViewSet):
    model = Challenge
    icon = "crosshairs"
    menu_label = gettext_lazy("Challenges")
    list_display = ["title", "metric", "target", "starts_on", "ends_on", "team_mode", "is_active"]
    list_filter = ["metric", "team_mode", "is_active"]
    search_fields = ["title", "description"]
    ordering = ["-ends_on"]


badge_viewset = BadgeViewSet()
reward_viewset = RewardViewSet()
challenge_viewset = ChallengeViewSet()


class PointsEntryAdmin(EventAdmin):
    model = PointsEntry
    menu_label = gettext_lazy("Points")
    menu_icon = "order"
    list_display = ("created_at", "user", "action", "points", "note")
    list_filter = ("action", "created_at")
    search_fields = ("user__username", "user__last_name", "note")
    list_select_related = ("user",)
    inspect_view_fields = ("user", "action", "points", "note", "created_at")


class KudosAdmin(EventAdmin):
    model = Kudos
    menu_label = gettext_lazy("Kudos")
    menu_icon = "openquote"
    list_display = ("created_at", "sender", "recipient", "message")
    list_filter = ("created_at",)
    search_fields = ("message", "sender__username", "recipient__username")
    list_select_related = ("sender", "recipient")
    inspect_view_fields = ("sender", "recipient", "message", "page", "created_at")


class RedemptionButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if obj.status == RedemptionStatus.PENDING and self.request.user.has_perm(
            "wagtail_advocacy.change_redemption"
        ):
            buttons.append(
                {
                    "url": self.url_helper.get_action_url("decide", obj.pk),
                    "label": _("Fulfil or decline"),
                    "classname": self.finalise_classname(["button-secondary"]),
                    "title": _("Answer this request"),
                }
            )
        return buttons


class RedemptionAdmin(EventAdmin):
    model = Redemption
    menu_label = gettext_lazy("Reward requests")
    menu_icon = "tasks"
    button_helper_class = RedemptionButtonHelper
    list_display = ("requested_at", "user", "reward", "points", "status", "decided_by")
    list_filter = ("status", "requested_at")
    search_fields = ("user__username", "user__last_name", "reward__title")
    list_select_related = ("user", "reward", "decided_by")
    inspect_view_fields = (
        "user",
        "reward",
        "points",
        "status",
        "requested_at",
        "decided_at",
        "decided_by",
        "manager_note",
    )

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            re_path(
                self.url_helper.get_action_url_pattern("decide"),
                require_http_methods(["GET", "POST"])(self.decide_view),
                name=self.url_helper.get_action_url_name("decide"),
            ),
        )

    def decide_view(self, request, instance_pk):
        """A manager fulfils or declines a pending request; declining refunds the points."""
        if not request.user.has_perm("wagtail_advocacy.change_redemption"):
            raise PermissionDenied
        redemption = get_object_or_404(
            Redemption.objects.select_related("user", "reward"), pk=instance_pk
        )
        index_url = self.url_helper.get_action_url("index")
        if request.method == "POST":
            decision = request.POST.get("decision")
            if decision not in ("fulfil", "decline"):
                messages.error(request, _("Choose to fulfil or to decline the request."))
                return redirect(self.url_helper.get_action_url("decide", redemption.pk))
            try:
                decide_redemption(
                    redemption.pk,
                    request.user,
                    fulfil=decision == "fulfil",
                    note=request.POST.get("note", ""),
                )
            except RecognitionRefused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    _("Request fulfilled.")
                    if decision == "fulfil"
                    else _("Request declined; the points were refunded."),
                )
            return redirect(index_url)
        return TemplateResponse(
            request,
            "wagtail_advocacy/recognition/admin/decide_redemption.html",
            {"redemption": redemption, "index_url": index_url},
        )


# Kudos from the program.


def program_permissions():
    """The program's custom permissions to offer in Settings → Groups
    (``register_permissions``): they show on the campaign row, under "Custom permissions"."""
    return Permission.objects.filter(
        content_type__app_label="wagtail_advocacy", codename="send_program_kudos"
    )


def can_send_program_kudos(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PROGRAM_KUDOS_PERMISSION))


@never_cache
@require_http_methods(["GET", "POST"])
def program_kudos_view(request):
    """Send kudos on behalf of the program to one active ambassador (403 without "Can
    send kudos on behalf of the program"); refused input shows the form again, with its
    reasons, and writes nothing."""
    if not can_send_program_kudos(request.user):
        return forbidden(
            request,
            _(
                "Sending kudos on behalf of the program needs the “Can send kudos on behalf "
                "of the program” permission. Ask an administrator to add it to one of your "
                "groups."
            ),
        )
    recipients = (
        AmbassadorProfile.objects.active()
        .exclude(user_id=request.user.pk)
        .select_related("user")
        .order_by("display_name", "user__first_name")
    )
    form = ProgramKudosForm(request.POST or None, recipients=recipients)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            recipient = form.cleaned_data["recipient"]
            try:
                send_program_kudos(request.user, recipient.user, form.cleaned_data["message"])
            except RecognitionRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request,
                    _("Kudos sent to %(name)s on behalf of the program.")
                    % {"name": recipient.public_name},
                )
                return redirect("wagtail_advocacy_kudos:send")
        status = 400
    return TemplateResponse(
        request,
        "wagtail_advocacy/recognition/admin/program_kudos.html",
        {"form": form},
        status=status,
    )


# Mounted by wagtail_hooks under /admin/advocacy/kudos/, namespace "wagtail_advocacy_kudos".
program_kudos_urls = [path("send/", program_kudos_view, name="send")]


class ProgramKudosMenuItem(MenuItem):
    def is_shown(self, request):
        return can_send_program_kudos(request.user)


def program_kudos_menu_item(order):
    return ProgramKudosMenuItem(
        gettext_lazy("Send program kudos"),
        reverse("wagtail_advocacy_kudos:send"),
        name="advocacy-program-kudos",
        icon_name="openquote",
        order=order,
    )
