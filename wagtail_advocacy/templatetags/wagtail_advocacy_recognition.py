"""Template tags of recognition: for a host's own templates (e.g. its navigation), and the
activity chart's geometry for its template."""

from django import template

from wagtail_advocacy.recognition.queries import activity_chart as activity_chart_geometry
from wagtail_advocacy.recognition.queries import unread_notice_count

register = template.Library()


@register.simple_tag(takes_context=True)
def recognition_unread_count(context):
    """New badges, kudos and answers the employee has not seen yet, e.g. for a menu badge:
    ``{% recognition_unread_count as unread %}``."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return unread_notice_count(user) if user is not None else 0


@register.simple_tag
def activity_chart(weeks):
    """Where the bars, ticks and labels of the activity chart of ``weeks`` (rows of
    ``activity_by_week``) go: ``{% activity_chart weeks as chart %}``."""
    return activity_chart_geometry(weeks)
