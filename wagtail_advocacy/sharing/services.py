"""Rules of sharing: what may be shared, how the text and link are composed, and the
records a share leaves behind."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.refusals import ShareRefused
from wagtail_advocacy.networks import (
    NETWORKS,
    Network,
    ShareContent,
    count_graphemes,
    count_mastodon,
    count_x,
    get_network,
    normalise_instance,
)
from wagtail_advocacy.signals import link_clicked, share_recorded

WHITESPACE = re.compile(r"\s+")
MASTODON_COOKIE = "advocacy_mastodon"
# How share.js should count each network's text (it mirrors the Python counters).
COUNTER_NAMES = {count_x: "x", count_graphemes: "graphemes", count_mastodon: "links23"}


@dataclass
class ShareResult:
    event: object
    link: object | None
    network: Network
    intent_url: str | None
    clipboard_text: str
    tracked_url: str


# --- networks and composition ------------------------------------------------------------


def enabled_networks() -> list[Network]:
    keys = advocacy_settings.ENABLED_NETWORKS or list(NETWORKS)
    mode = advocacy_settings.LINKEDIN_MODE
    return [network for key in keys if (network := get_network(key, linkedin_mode=mode))]


def find_enabled_network(key: str) -> Network | None:
    return next((network for network in enabled_networks() if network.key == key), None)


def disclosure_text() -> str:
    """The program's disclosure (e.g. "#employee"), or "" when the site sets none."""
    return (advocacy_settings.DISCLOSURE or "").strip()


def with_disclosure(text: str) -> str:
    """The employee's text with the program's disclosure, unless they already wrote it."""
    text = text.strip()
    disclosure = disclosure_text()
    if not disclosure or disclosure.lower() in text.lower():
        return text
    return f"{text} {disclosure}" if text else disclosure


def tracked_link_url(token: str, request=None) -> str:
    path = reverse("wagtail_advocacy:go", args=[token])
    base = (advocacy_settings.PUBLIC_BASE_URL or "").rstrip("/")
    if base:
        return base + path
    if request is not None:
        return request.build_absolute_uri(path)
    return "https://intranet.invalid" + path


def sample_link(request=None) -> str:
    """A link as long as a real tracked link, to count limits before a token exists."""
    return tracked_link_url("x" * advocacy_settings.TOKEN_LENGTH, request)


def suggested_post_error(network_key: str, text: str, *, has_link: bool) -> str | None:
    """Why an editor's suggested post does not fit its network, or None."""
    network = NETWORKS.get(network_key)
    if network is None or not text:
        return None
    composed = with_disclosure(text)
    overflow = network.overflow(composed, sample_link() if has_link else "")
    if overflow:
        return _(
            "Too long for %(network)s: the limit is %(limit)d characters, counting the "
            "tracked link and the disclosure, and this post is %(over)d over."
        ) % {"network": network.label, "limit": network.limit, "over": overflow}
    return None


def build_destination(share_url: str, *, network_key: str, campaign, token: str) -> str:
    """The page's public URL with UTM parameters; its own query parameters are kept.

    ``utm_content`` is the tracked link's random token: it names no one, and a careers
    site that receives the visitor can hand it back to credit a conversion to the link.
    """
    parts = urlsplit(share_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    utm = {
        "utm_source": network_key,
        "utm_medium": advocacy_settings.UTM_MEDIUM,
        "utm_campaign": campaign.slug if campaign else advocacy_settings.UTM_DEFAULT_CAMPAIGN,
        "utm_content": token,
    }
    query = [(k, v) for k, v in query if k not in utm] + list(utm.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def _normalised(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip().casefold()


def is_personalised(text: str, suggestions) -> bool:
    """True when the employee's text differs from every suggestion (spacing and case aside)."""
    disclosure = _normalised(disclosure_text())
    mine = _normalised(text)
    if disclosure and mine.endswith(disclosure):
        mine = mine[: -len(disclosure)].strip()
    return all(_normalised(s) != mine for s in suggestions)


# --- the share itself --------------------------------------------------------------------


def _new_token() -> str:
    length = advocacy_settings.TOKEN_LENGTH
    return secrets.token_urlsafe(length)[:length]


def get_or_create_link(user, page, network_key: str):
    from wagtail_advocacy.sharing.models import TrackedLink

    link = TrackedLink.objects.filter(user=user, page=page, network=network_key).first()
    if link is not None:
        destination = build_destination(
            page.share_url, network_key=network_key, campaign=page.campaign, token=link.token
        )
        if link.destination != destination:  # not yet refreshed after the page changed
            link.destination = destination
            link.save(update_fields=["destination"])
        return link
    for _attempt in range(5):
        try:
            token = _new_token()
            destination = build_destination(
                page.share_url, network_key=network_key, campaign=page.campaign, token=token
            )
            with transaction.atomic():
                return TrackedLink.objects.create(
                    token=token,
                    user=user,
                    page=page,
                    network=network_key,
                    destination=destination,
                )
        except IntegrityError:
            # Either a token collision (retry) or the same share made twice at once.
            existing = TrackedLink.objects.filter(user=user, page=page, network=network_key)
            link = existing.first()
            if link is not None:
                return link
    raise ShareRefused(_("The tracked link could not be created. Please try again."), 503)


def check_can_share(user, page):
    if not page.live:
        raise ShareRefused(_("This page is not published."), 404)
    if page.is_expired():
        raise ShareRefused(
            _("This page can no longer be shared: its sharing period has ended."), 410
        )
    if not page.is_in_audience(user):
        raise ShareRefused(
            _("This page is meant for other teams, so it cannot be shared from your account."), 403
        )
    # --- training: required training before sharing ---
    from wagtail_advocacy.training.services import modules_required_before_sharing

    required = modules_required_before_sharing(user, page)
    if required:
        raise ShareRefused(
            _("Pass the training module “%(module)s” before you share.")
            % {"module": required[0].title},
            403,
        )
    # --- end of training ---


def record_share(user, page, network_key: str, text: str, *, instance: str = "", request=None):
    """Validate a share, record it with its tracked link, and return the intent to open.

    Raises ``ShareRefused`` with a message for the employee; nothing is written then.
    """
    from wagtail_advocacy.sharing.models import ShareEvent

    check_can_share(user, page)
    network = find_enabled_network(network_key)
    if network is None:
        raise ShareRefused(_("Unknown network: choose one of those offered."))
    text = (text or "").strip()
    if not text:
        raise ShareRefused(_("Write a few words to go with your share."))
    if network.requires_url and not page.share_url:
        raise ShareRefused(
            _("%(network)s can only share a link, and this page has none.")
            % {"network": network.label}
        )
    if network.needs_instance:
        instance = normalise_instance(instance)
        if not instance:
            raise ShareRefused(
                _("Enter the address of your Mastodon server, for example mastodon.social.")
            )
    composed = with_disclosure(text)
    overflow = network.overflow(composed, sample_link(request) if page.share_url else "")
    if overflow:
        raise ShareRefused(
            _("Too long for %(network)s: shorten your text by %(over)d characters.")
            % {"network": network.label, "over": overflow}
        )

    suggestions = list(page.suggested_posts.values_list("text", flat=True))
    # --- training: a filled post template is a suggestion, not the employee's own words ---
    from wagtail_advocacy.training.services import filled_template_texts

    suggestions += filled_template_texts(user, page)
    # --- end of training ---
    with transaction.atomic():
        link = get_or_create_link(user, page, network.key) if page.share_url else None
        event = ShareEvent.objects.create(
            user=user,
            page=page,
            campaign_id=page.campaign_id,
            network=network.key,
            link=link,
            personalised=is_personalised(text, suggestions),
        )
    url = tracked_link_url(link.token, request) if link else ""
    content = ShareContent(text=composed, url=url, title=page.title, instance=instance or "")
    share_recorded.send(sender=ShareEvent, event=event, user=user, page=page)
    return ShareResult(
        event=event,
        link=link,
        network=network,
        intent_url=network.intent_url(content),
        clipboard_text=network.clipboard_text(composed, url),
        tracked_url=url,
    )


# --- what the share panel needs ----------------------------------------------------------


def _networks_for(user, networks):
    """The employee's own networks first, the others apart (collapsed in the panel).

    Only for an active ambassador who listed networks; otherwise every network is shown.
    Returns (primary, other, the profile's Mastodon server).
    """
    from wagtail_advocacy.ambassadors.models import AmbassadorProfile

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
    networks = [n for n in enabled_networks() if page.share_url or not n.requires_url]
    primary_networks, other_networks, profile_instance = _networks_for(user, networks)
    suggestions = list(page.suggested_posts.all())
    has_link = bool(page.share_url)
    in_audience = page.is_in_audience(user)
    # --- training: required modules and post templates ---
    from wagtail_advocacy.training.services import (
        filled_post_templates,
        modules_required_before_sharing,
    )

    required_training = modules_required_before_sharing(user, page) if in_audience else []
    templates = filled_post_templates(
        user, page, networks, sample_link=sample_link(request) if has_link else ""
    )
    for index, template in enumerate(templates, start=len(suggestions)):
        template.index = index
    # --- end of training ---
    return {
        "can_share": page.is_shareable_now() and in_audience and not required_training,
        "required_training": required_training,
        "post_templates": templates,
        "is_expired": page.is_expired(),
        "in_audience": in_audience,
        "networks": networks,
        "primary_networks": primary_networks,
        "other_networks": other_networks,
        "suggestions": suggestions,
        "disclosure": disclosure_text(),
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
                {"network": s.network, "text": s.text} for s in [*suggestions, *templates]
            ],
            "disclosure": disclosure_text(),
            "sampleLink": sample_link(request) if has_link else "",
        },
    }


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
    from wagtail_advocacy.sharing.models import LinkClick

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
