"""Template tags of recognition, for a host's own templates (e.g. its navigation)."""

from django import template

from wagtail_advocacy.recognition.queries import unread_notice_count

register = template.Library()


@register.simple_tag(takes_context=True)
def recognition_unread_count(context):
    """New badges, kudos and answers the employee has not seen yet, e.g. for a menu badge:
    ``{% recognition_unread_count as unread %}``."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return unread_notice_count(user) if user is not None else 0
