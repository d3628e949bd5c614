"""The share hub's feed: live pages for this employee, in a constant number of queries."""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model

from wagtail_advocacy.ambassadors.services import is_ambassador
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.sharing.forms import HubFilterForm

# Must match the filter spec in includes/card.html so renditions come from the prefetch.
CARD_RENDITION = "fill-640x360"


def shareable_pages_for(user, *, today=None):
    """Live, unexpired shareable pages whose audience includes ``user``.

    Order: pages tagged with one of the employee's expertise tags first (only while they
    are an active ambassador), then newest first. The match is a subquery, so it costs no
    query per page and nothing at all for employees without a profile.
    """
    from wagtail_advocacy.ambassadors.models import AmbassadorExpertiseTag
    from wagtail_advocacy.sharing.models import ShareEvent
    from wagtail_advocacy.sharing.pages import ShareablePage, ShareablePageTag

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
    from wagtail_advocacy.campaigns.models import Campaign
    from wagtail_advocacy.sharing.pages import ShareablePage

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
    paginator = Paginator(pages, advocacy_settings.HUB_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "is_ambassador": is_ambassador(request.user),
        "filter_form": form,
        "page_obj": page_obj,
        "shareable_pages": page_obj.object_list,
        "filter_query": query.urlencode(),
    }
