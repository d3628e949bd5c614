"""The share endpoint (employees) and the public tracked-link redirect."""

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from wagtail_advocacy.core.pages import render_in_base
from wagtail_advocacy.core.refusals import ShareRefused
from wagtail_advocacy.sharing.forms import ShareForm
from wagtail_advocacy.sharing.models import TrackedLink
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.sharing.queries import MASTODON_COOKIE
from wagtail_advocacy.sharing.services import record_click, record_share

ONE_YEAR = 365 * 24 * 3600


class IntentRedirect(HttpResponseRedirect):
    """A redirect to a network's composer; e-mail shares open a ``mailto:`` address."""

    allowed_schemes = ["http", "https", "mailto"]


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _refused(request, page, refusal, form_data):
    if wants_json(request):
        return JsonResponse({"error": str(refusal.message)}, status=refusal.status)
    context = page.get_context(request)
    context["share_error"] = refusal.message
    context["share_submitted"] = form_data
    return TemplateResponse(request, page.get_template(request), context, status=refusal.status)


@login_required
@require_POST
def share(request, page_id):
    """Record a share and send the employee to the network's composer."""
    # The locale and campaign are read by the post templates and the link's destination.
    page = get_object_or_404(
        ShareablePage.objects.select_related("locale", "campaign"), pk=page_id
    )
    form = ShareForm(request.POST)
    if not form.is_valid():
        return _refused(
            request,
            page,
            ShareRefused(_("The share form was incomplete. Please try again.")),
            request.POST,
        )
    data = form.cleaned_data
    try:
        result = record_share(
            request.user,
            page,
            data["network"],
            data["text"],
            instance=data["instance"],
            request=request,
        )
    except ShareRefused as refusal:
        return _refused(request, page, refusal, data)

    if wants_json(request):
        response = JsonResponse(
            {
                "intent_url": result.intent_url,
                "clipboard_text": result.clipboard_text,
                "copy_first": result.network.copy_first,
                "tracked_url": result.tracked_url,
            }
        )
    elif result.network.copy_first:
        response = render_in_base(
            request, "wagtail_advocacy/share_ready.html", {"page": page, "result": result}
        )
    else:
        response = IntentRedirect(result.intent_url)
    if result.network.needs_instance:
        response.set_cookie(
            MASTODON_COOKIE,
            data["instance"].strip(),
            max_age=ONE_YEAR,
            samesite="Lax",
            httponly=True,
        )
    return response


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD"])
def go(request, token):
    """Public: count the click (people only) and redirect to the stored destination."""
    try:
        # A plain unique-index lookup: no ORDER BY, only the destination and the owner.
        link = TrackedLink.objects.only("destination", "user_id").get(token=token)
    except TrackedLink.DoesNotExist:
        raise Http404("Unknown link") from None
    record_click(link, request)
    response = HttpResponseRedirect(link.destination)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
