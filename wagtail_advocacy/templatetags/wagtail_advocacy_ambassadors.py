"""Template tags for a host's intranet pages: ``{% ambassador_of_the_month %}``."""

from django import template

from wagtail_advocacy.ambassadors.queries import ambassador_of_the_month as latest_spotlight

register = template.Library()


@register.inclusion_tag(
    "wagtail_advocacy/ambassadors/includes/ambassador_of_the_month.html", takes_context=True
)
def ambassador_of_the_month(context):
    """A small card for the latest live spotlight of an ambassador who allows it.

    Renders nothing when there is none, so a home page can always include it.
    """
    return {"spotlight": latest_spotlight(), "request": context.get("request")}
