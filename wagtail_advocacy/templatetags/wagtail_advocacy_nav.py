"""The employee navigation for a host's base template: ``{% advocacy_employee_nav %}``."""

from django import template
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q

from wagtail_advocacy.ambassadors.models import AmbassadorProfile

register = template.Library()


@register.inclusion_tag("wagtail_advocacy/includes/employee_nav.html", takes_context=True)
def advocacy_employee_nav(context):
    """Links to the employee's own pages: My impact (with the unread notices), the
    leaderboard, rewards, challenges, My training and the ambassador profile or join page.

    One query whatever the page; renders nothing for an anonymous visitor.

    It marks the request (``request.advocacy_employee_nav``) when it renders: the
    recognition pages then leave out their own links to each other, which would repeat it.
    A base template that renders it before ``{% block content %}`` (in its header, as the
    example intranet does) gets one navigation; one that renders it after (in a footer)
    gets both, never none.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    request.advocacy_employee_nav = True
    # Whether they are an active ambassador and their unread notices, in one query.
    state = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            advocacy_ambassador=Exists(
                AmbassadorProfile.objects.active().filter(user_id=OuterRef("pk"))
            ),
            advocacy_unread=Count("advocacy_notices", filter=Q(advocacy_notices__is_read=False)),
        )
        .values("advocacy_ambassador", "advocacy_unread")
        .first()
    ) or {"advocacy_ambassador": False, "advocacy_unread": 0}
    match = getattr(request, "resolver_match", None)
    return {
        "show": True,
        "current": match.view_name if match else "",
        "is_ambassador": state["advocacy_ambassador"],
        "unread": state["advocacy_unread"],
    }
