"""Counting clicks on tracked links: people only, no raw address kept."""

from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..conf import advocacy_settings
from ..signals import link_clicked


def is_bot(user_agent: str, method: str = "GET") -> bool:
    """Link-preview crawlers, empty user agents and HEAD requests are never counted."""
    if method.upper() == "HEAD":
        return True
    agent = (user_agent or "").strip().lower()
    if not agent:
        return True
    return any(marker.lower() in agent for marker in advocacy_settings.BOT_USER_AGENTS)


def client_address(request) -> str:
    header = advocacy_settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def visitor_hash(request, day=None) -> str:
    """A keyed hash of address and browser whose key changes every day.

    Same visitor, same day, same hash: enough for a unique count without storing an
    address, and useless for following a person from one day to the next.
    """
    day = day or timezone.localdate()
    value = f"{client_address(request)}|{request.META.get('HTTP_USER_AGENT', '')}"
    return salted_hmac(
        f"wagtail_advocacy.visitor.{day.isoformat()}", value, algorithm="sha256"
    ).hexdigest()[:32]


def referrer_host(request) -> str:
    referrer = request.META.get("HTTP_REFERER", "")
    try:
        return (urlsplit(referrer).hostname or "")[:255]
    except ValueError:
        return ""


def record_click(link, request):
    """Count a click on ``link`` unless a crawler made it; returns the click or None."""
    from ..models import LinkClick

    if is_bot(request.META.get("HTTP_USER_AGENT", ""), request.method):
        return None
    digest = visitor_hash(request)
    seen = LinkClick.objects.filter(link_id=link.pk, visitor_hash=digest).exists()
    click = LinkClick.objects.create(
        link=link,
        visitor_hash=digest,
        is_unique=not seen,
        referrer_host=referrer_host(request),
    )
    link_clicked.send(sender=LinkClick, click=click, link=link)
    return click
