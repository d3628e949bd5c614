"""Sharing in the Wagtail admin: the read-only lists of shares, tracked links and clicks,
and the tone warnings shown after an editor saves a shareable page.

Nothing is registered here: ``wagtail_hooks`` lists the event admins in the Advocacy menu
and registers :func:`warn_about_tone` for ``after_create_page`` and ``after_edit_page``.
"""

from django.contrib import messages
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_advocacy.campaigns.admin import campaign_filter
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.admin import EventAdmin
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent, TrackedLink
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.sharing.rules import check_tone


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


def warn_about_tone(request, page):
    """Warn, without blocking the save, about suggested posts that read like an advert."""
    page = page.specific
    if not isinstance(page, ShareablePage):
        return
    problems = []
    for post in page.suggested_posts.all():
        advice = check_tone(
            post.text,
            buzzwords=advocacy_settings.BUZZWORDS,
            max_hashtags=advocacy_settings.MAX_HASHTAGS,
        )
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
