"""Sharing in the Wagtail admin: the read-only lists of shares, tracked links and clicks,
the page editor's live check of a suggested post, and the tone warnings shown after an
editor saves a shareable page.

Nothing is registered here: ``wagtail_hooks`` lists the event admins in the Advocacy menu,
mounts :data:`check_urls` under ``/admin/advocacy/sharing/`` and registers
:func:`warn_about_tone` for ``after_create_page`` and ``after_edit_page``.
"""

from django.contrib import messages
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache

from wagtail_advocacy.campaigns.admin import campaign_filter
from wagtail_advocacy.core.admin import EventAdmin
from wagtail_advocacy.sharing.forms import SuggestedPostCheckForm
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent, TrackedLink
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.sharing.rules import (
    PostCheck,
    blocked_word_warnings,
    can_check_suggested_posts,
    check_suggested_post,
    tone_advice,
)


class ShareEventAdmin(EventAdmin):
    model = ShareEvent
    menu_label = gettext_lazy("Shares")
    menu_icon = "upload"
    list_display = ("created_at", "user", "page", "network", "campaign", "personalised")
    list_filter = ("network", campaign_filter("campaign_id"), "personalised", "created_at")
    search_fields = ("page__title", "user__username", "user__last_name")
    list_select_related = ("user", "page", "campaign")


class TrackedLinkAdmin(EventAdmin):
    model = TrackedLink
    menu_label = gettext_lazy("Tracked links")
    menu_icon = "link"
    list_display = ("token", "user", "page", "network", "created_at")
    list_filter = ("network", campaign_filter("page__campaign_id"), "created_at")
    search_fields = ("token", "page__title", "user__username")
    list_select_related = ("user", "page")
    inspect_view_fields = ("token", "user", "page", "network", "destination", "created_at")


class LinkClickAdmin(EventAdmin):
    model = LinkClick
    menu_label = gettext_lazy("Clicks")
    menu_icon = "pick"
    list_display = ("clicked_at", "link", "is_unique", "referrer_host")
    list_filter = (
        "link__network",
        campaign_filter("link__page__campaign_id"),
        "is_unique",
        "clicked_at",
    )
    search_fields = ("link__token", "referrer_host")
    list_select_related = ("link",)
    inspect_view_fields = ("link", "clicked_at", "is_unique", "referrer_host")


def count_label(check: PostCheck) -> str:
    """The count shown under a suggested post: "123 / 280", and in words when it is over."""
    if check.count is None:
        return ""
    if check.limit is None:
        return ngettext("%(count)d character", "%(count)d characters", check.count) % {
            "count": check.count
        }
    if check.over:
        return ngettext(
            "%(count)d / %(limit)d: %(over)d character over the limit",
            "%(count)d / %(limit)d: %(over)d characters over the limit",
            check.overflow,
        ) % {"count": check.count, "limit": check.limit, "over": check.overflow}
    # Translators: a suggested post's length and its network's limit, e.g. "123 / 280".
    return _("%(count)d / %(limit)d") % {"count": check.count, "limit": check.limit}


@never_cache
def check_suggested_post_view(request):
    """The page editor's live check of one suggested post (``js/post-check.js``).

    POST ``network``, ``text``, ``has_link`` (the page has a public share URL), ``page``
    (the page edited) or ``parent`` (a new page's), and ``campaign`` (as chosen); answers
    ``{count, limit, over, label, advice, warnings}``, counted and advised as the save is,
    ``warnings`` naming the blocked words of the page's site it holds (a warning: the
    editor may still save). Only for people who can edit or review pages (403), and bad
    input is a 400 with its reason.
    """
    if not can_check_suggested_posts(request.user):
        return JsonResponse(
            {"error": _("Only people who can edit or review pages can check suggested posts.")},
            status=403,
        )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SuggestedPostCheckForm(request.POST)
    if not form.is_valid():
        reasons = [str(message) for errors in form.errors.values() for message in errors]
        return JsonResponse({"error": " ".join(reasons)}, status=400)
    data = form.cleaned_data
    check = check_suggested_post(
        data["network"],
        data["text"],
        has_link=data["has_link"],
        page=data["page"] or data["parent"],
        campaign=data["campaign"],
    )
    return JsonResponse(
        {
            "count": check.count,
            "limit": check.limit,
            "over": check.over,
            "label": count_label(check),
            "advice": list(check.advice),
            "warnings": list(check.warnings),
        }
    )


# Mounted by wagtail_hooks under /admin/advocacy/sharing/, namespace
# "wagtail_advocacy_sharing".
check_urls = [
    path("check-post/", check_suggested_post_view, name="check_suggested_post"),
]


def warn_about_tone(request, page):
    """Warn, without blocking the save, about suggested posts that read like an advert
    or hold a blocked word of the page's site.

    After every save from the editor: a draft, a publication, a submission to a workflow
    or a reviewer's action. Not after Wagtail's autosave (a JSON request): the editor's
    live check already shows the advice, and the warnings would pile up for the next page.
    """
    if not request.accepts("text/html"):
        return
    page = page.specific
    if not isinstance(page, ShareablePage):
        return
    problems = []
    for post in page.suggested_posts.all():
        advice = [*blocked_word_warnings(page, post.text), *tone_advice(post.text)]
        problems.extend((post.get_network_display(), item) for item in advice)
    if problems:
        messages.warning(
            request,
            format_html_join(
                "",
                "{}<br>",
                [
                    (
                        _("Suggested post for %(network)s: %(advice)s")
                        % {"network": n, "advice": a},
                    )
                    for n, a in problems
                ],
            ),
        )
