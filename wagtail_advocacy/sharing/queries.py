"""The share hub's feed: live pages for this employee, in a constant number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model

from wagtail_advocacy.ambassadors.models import AmbassadorExpertiseTag, AmbassadorProfile
from wagtail_advocacy.ambassadors.queries import is_ambassador
from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.queries import requested_page
from wagtail_advocacy.core.registries import (
    extra_suggestions,
    first_refusal,
    share_panel_sections,
)
from wagtail_advocacy.networks import (
    count_graphemes,
    count_mastodon,
    count_x,
)
from wagtail_advocacy.sharing.forms import HubFilterForm
from wagtail_advocacy.sharing.models import ShareEvent, disclosure_for, sample_link
from wagtail_advocacy.sharing.pages import ShareablePage, ShareablePageTag
from wagtail_advocacy.sharing.rules import page_networks

# Must match the filter spec in includes/card.html so renditions come from the prefetch.
CARD_RENDITION = "fill-640x360"


def shareable_pages_for(user, *, today=None):
    """Live, unexpired shareable pages whose audience includes ``user``.

    Order: pages tagged with one of the employee's expertise tags first (only while they
    are an active ambassador), then newest first. The match is a subquery, so it costs no
    query per page and nothing at all for employees without a profile.
    """

    if not user.is_authenticated:
        # The hub and the pages need a login; a caller that forgets it gets nothing.
        return ShareablePage.objects.none()
    today = today or timezone.localdate()
    audience = ShareablePage.audience_groups.through
    pages = ShareablePage.objects.live().filter(
        Q(share_until__isnull=True) | Q(share_until__gte=today)
    )
    if not user.is_superuser:
        has_audience = Exists(audience.objects.filter(shareablepage_id=OuterRef("pk")))
        in_audience = Exists(
            audience.objects.filter(shareablepage_id=OuterRef("pk"), group__user=user)
        )
        pages = pages.filter(~has_audience | in_audience)
    expertise = AmbassadorExpertiseTag.objects.filter(
        content_object__user=user, content_object__is_active=True
    ).values("tag_id")
    return pages.annotate(
        already_shared=Exists(ShareEvent.objects.filter(user=user, page_id=OuterRef("pk"))),
        matches_expertise=Exists(
            ShareablePageTag.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=expertise)
        ),
    ).order_by("-matches_expertise", "-first_published_at", "-pk")


def hub_context(request) -> dict:

    pages = shareable_pages_for(request.user)
    tag_ids = ShareablePage.tags.through.objects.filter(content_object__in=pages.values("pk"))
    tags = Tag.objects.filter(pk__in=tag_ids.values("tag_id")).order_by("name")
    campaigns = Campaign.objects.filter(pk__in=pages.values("campaign_id")).order_by("name")
    form = HubFilterForm(request.GET or None, tags=tags, campaigns=campaigns)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("tag"):
            pages = pages.filter(tags__slug=data["tag"])
        if data.get("format"):
            pages = pages.filter(content_format=data["format"])
        if data.get("campaign"):
            pages = pages.filter(campaign__slug=data["campaign"])
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    pages = pages.select_related("campaign").prefetch_related(
        Prefetch("image", queryset=images), "tags"
    )
    page_obj, filter_query = requested_page(request, pages, advocacy_settings.HUB_PAGE_SIZE)
    ambassador = is_ambassador(request.user)
    return {
        "is_ambassador": ambassador,
        # Matching pages come first (see shareable_pages_for): the hub says so.
        "has_expertise": ambassador
        and AmbassadorExpertiseTag.objects.filter(content_object__user=request.user).exists(),
        "filter_form": form,
        "page_obj": page_obj,
        "shareable_pages": page_obj.object_list,
        "filter_query": filter_query,
    }


MASTODON_COOKIE = "advocacy_mastodon"


# How share.js should count each network's text (it mirrors the Python counters).
COUNTER_NAMES = {count_x: "x", count_graphemes: "graphemes", count_mastodon: "links23"}


def _networks_for(user, networks):
    """The employee's own networks first, the others apart (collapsed in the panel).

    Only for an active ambassador who listed networks; otherwise every network is shown.
    Returns (primary, other, the profile's Mastodon server).
    """

    profile = (
        AmbassadorProfile.objects.active()
        .filter(user=user)
        .prefetch_related("networks")
        .only("pk", "mastodon_instance")
        .first()
        if user.is_authenticated
        else None
    )
    if profile is None:
        return networks, [], ""
    used = [n.network for n in sorted(profile.networks.all(), key=lambda n: -n.audience_size)]
    if not used:
        return networks, [], profile.mastodon_instance
    rank = {key: index for index, key in enumerate(used)}
    primary = sorted(
        (n for n in networks if n.key in rank or n.key == "copy"),
        key=lambda n: rank.get(n.key, len(rank)),
    )
    if not primary:  # none of their networks is offered here any more
        return networks, [], profile.mastodon_instance
    other = [n for n in networks if n not in primary]
    return primary, other, profile.mastodon_instance


def share_panel_context(page, request) -> dict:
    user = request.user
    networks = page_networks(page)
    primary_networks, other_networks, profile_instance = _networks_for(user, networks)
    suggestions = list(page.suggested_posts.all())
    has_link = bool(page.share_url)
    # The same rules as the share endpoint: the panel shows the words it would answer with.
    refusal = first_refusal(user, page)
    link = sample_link(request) if has_link else ""
    extras = extra_suggestions(user, page, networks, link) if refusal is None else []
    for index, extra in enumerate(extras, start=len(suggestions)):
        extra.index = index
    sections = []
    for section in share_panel_sections:
        section_context = section.context(page, request)
        if section_context is not None:
            sections.append({"template": section.template, **section_context})
    # The text box starts with a suggestion for the network that is preselected.
    preselected = primary_networks[0].key if primary_networks else ""
    initial = next((s for s in suggestions if s.network == preselected), None)
    initial = initial or (suggestions[0] if suggestions else None)
    disclosure = disclosure_for(page)  # shown, and counted by share.js as the endpoint adds it
    return {
        "can_share": refusal is None,
        "initial_text": initial.text if initial else "",
        "refusal": refusal,
        "extra_suggestions": extras,
        "sections": sections,
        "networks": networks,
        "primary_networks": primary_networks,
        "other_networks": other_networks,
        "suggestions": suggestions,
        "disclosure": disclosure,
        "has_link": has_link,
        # The server last typed in the panel, else the one on the ambassador's profile.
        "mastodon_instance": request.COOKIES.get(MASTODON_COOKIE, "") or profile_instance,
        "config": {
            "networks": {
                n.key: {
                    "label": str(n.label),
                    "limit": n.limit,
                    "copyFirst": n.copy_first,
                    "hasIntent": n.intent is not None,
                    "countsLink": n.prefills_text or n.intent is None,
                    "counter": COUNTER_NAMES.get(n.counter, "chars"),
                    "needsInstance": n.needs_instance,
                }
                for n in networks
            },
            "suggestions": [
                {"network": s.network, "text": s.text} for s in [*suggestions, *extras]
            ],
            "disclosure": disclosure,
            "sampleLink": link,
        },
    }
