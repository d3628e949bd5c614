"""Template tags for a host's intranet pages: ``{% ambassador_of_the_month %}``, and the
banner asking a member to accept changed terms, ``{% advocacy_consent_banner %}``."""

from django import template

from wagtail_advocacy.ambassadors.queries import ambassador_of_the_month as latest_spotlight
from wagtail_advocacy.ambassadors.rules import consent_is_outdated, consent_url, needs_new_consent

register = template.Library()


@register.inclusion_tag(
    "wagtail_advocacy/ambassadors/includes/ambassador_of_the_month.html", takes_context=True
)
def ambassador_of_the_month(context):
    """A small card for the latest live spotlight of an ambassador who allows it.

    Renders nothing when there is none, so a home page can always include it.
    """
    return {"spotlight": latest_spotlight(), "request": context.get("request")}


NOT_GIVEN = object()


@register.inclusion_tag(
    "wagtail_advocacy/ambassadors/includes/consent_banner.html", takes_context=True
)
def advocacy_consent_banner(context, profile=NOT_GIVEN):
    """A notice with a link to the current terms, for a member whose consent is for older
    ones; nothing for anyone else. With the viewer's ``profile`` (a page that has it), no
    query; without, one."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if profile is NOT_GIVEN:
        show = user is not None and needs_new_consent(user)
    else:
        show = consent_is_outdated(profile)
    here = request.get_full_path() if request is not None else ""
    return {"show": show, "url": consent_url(here) if show else ""}
