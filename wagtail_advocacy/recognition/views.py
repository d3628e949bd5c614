"""Front-end views for recognition: My impact, leaderboards, kudos, challenges, rewards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from wagtail_advocacy.core.pages import render_in_base
from wagtail_advocacy.recognition import queries, services
from wagtail_advocacy.recognition.forms import KudosForm, LeaderboardFilterForm
from wagtail_advocacy.recognition.rules import executive_group


def render(request, template, context, status=200):
    return render_in_base(
        request, f"wagtail_advocacy/recognition/{template}", context, status=status
    )


@login_required
def my_impact(request):
    """The employee's own results; nobody else sees this page."""
    context = queries.impact_summary(request.user)
    context["notices"] = services.take_notices(request.user)
    return render(request, "my_impact.html", context)


@login_required
def leaderboard(request):
    form = LeaderboardFilterForm(
        request.GET or None,
        departments=queries.leaderboard_departments(),
        executive_board=executive_group() is not None,
    )
    board = queries.leaderboard(request.user, **form.filters())
    return render(
        request,
        "leaderboard.html",
        {"filter_form": form, "board": board, "has_executive_board": "board" in form.fields},
    )


@login_required
@require_http_methods(["GET", "POST"])
def send_kudos(request):
    sender = request.user
    initial = {}
    if request.method == "GET":
        initial = {"recipient": request.GET.get("to"), "page": request.GET.get("page")}
    form = KudosForm(
        request.POST or None, initial=initial, recipients=queries.kudos_recipients(sender)
    )
    error = None
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            page = Page.objects.live().filter(pk=data["page"]).first() if data["page"] else None
            try:
                services.send_kudos(sender, data["recipient"].user, data["message"], page)
            except services.RecognitionRefused as refusal:
                error = refusal.message
            else:
                messages.success(
                    request,
                    _("Your kudos are on their way to %(name)s.")
                    % {"name": data["recipient"].public_name},
                )
                return redirect("wagtail_advocacy:send_kudos")
        else:
            error = _("Choose a colleague and write a short message.")
    return render(
        request,
        "send_kudos.html",
        {"form": form, "error": error},
        status=400 if error else 200,
    )


def _rewards_context(request):
    return {
        "offers": queries.reward_offers(request.user),
        "balance": queries.balance_of(request.user),
        "is_ambassador": queries.has_active_profile(request.user),
        "redemptions": request.user.advocacy_redemptions.select_related("reward")[:10],
    }


@login_required
def rewards(request):
    return render(request, "rewards.html", _rewards_context(request))


@login_required
@require_http_methods(["GET", "POST"])
def redeem(request, reward_id):
    """GET: the confirmation step, which spends nothing. POST (its "Confirm"): spend."""
    if request.method == "GET":
        context = queries.redemption_preview(request.user, reward_id)
        if context is None:
            raise Http404
        return render(request, "redeem.html", context)
    try:
        redemption = services.redeem(request.user, reward_id)
    except services.RecognitionRefused as refusal:
        context = _rewards_context(request)
        context["error"] = refusal.message
        return render(request, "rewards.html", context, status=400)
    messages.success(
        request,
        _(
            "Your request for “%(reward)s” was sent. A manager will get back to you; "
            "if it is declined, your points come back."
        )
        % {"reward": redemption.reward.title},
    )
    return redirect("wagtail_advocacy:rewards")


@login_required
def challenges(request):
    statuses = queries.challenge_statuses(request.user)
    standings = [
        (s.challenge, queries.department_standings(s.challenge))
        for s in statuses
        if s.challenge.team_mode
    ]
    return render(request, "challenges.html", {"statuses": statuses, "standings": standings})
