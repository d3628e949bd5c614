"""Rules of sharing: what may be shared, how the text and link are composed, and the
records a share leaves behind."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import IntegrityError, connections, router, transaction
from django.db.models.constants import OnConflict
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from wagtail_advocacy.ambassadors.queries import department_and_audience
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.refusals import ShareRefused
from wagtail_advocacy.core.registries import (
    extra_suggestions,
    first_post_refusal,
    first_refusal,
)
from wagtail_advocacy.networks import (
    Network,
    ShareContent,
    find_enabled_network,
    normalise_instance,
    with_disclosure,
)
from wagtail_advocacy.sharing.models import (
    ClickUniqueness,
    LinkClick,
    ShareEvent,
    TrackedLink,
    build_destination,
    disclosure_for,
    sample_link,
    tracked_link_url,
)
from wagtail_advocacy.sharing.rules import is_bot, is_personalised
from wagtail_advocacy.signals import link_clicked, share_recorded


@dataclass
class ShareResult:
    event: object
    link: object | None
    network: Network
    intent_url: str | None
    clipboard_text: str
    tracked_url: str


def _new_token() -> str:
    length = advocacy_settings.TOKEN_LENGTH
    return secrets.token_urlsafe(length)[:length]


def get_or_create_link(user, page, network_key: str, *, department: str | None = None):
    """The employee's link for the page and network, made on their first share of it.

    ``department`` is theirs now (looked up when not given), so the link's next clicks
    count for their team."""
    if department is None:
        department = department_and_audience(user, network_key)[0]
    link = TrackedLink.objects.filter(user=user, page=page, network=network_key).first()
    if link is not None:
        destination = build_destination(
            page.share_url, network_key=network_key, campaign=page.campaign, token=link.token
        )
        changed = []
        if link.destination != destination:  # not yet refreshed after the page changed
            link.destination = destination
            changed.append("destination")
        if link.department != department:
            link.department = department
            changed.append("department")
        if changed:
            link.save(update_fields=changed)
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
                    department=department,
                )
        except IntegrityError:
            # Either a token collision (retry) or the same share made twice at once.
            existing = TrackedLink.objects.filter(user=user, page=page, network=network_key)
            link = existing.first()
            if link is not None:
                return link
    raise ShareRefused(_("The tracked link could not be created. Please try again."), 503)


def check_can_share(user, page):
    """Raise the first refusal of the registered share rules (the share panel asks the same
    rules, so the two always agree)."""
    refusal = first_refusal(user, page)
    if refusal is not None:
        raise refusal


def record_share(user, page, network_key: str, text: str, *, instance: str = "", request=None):
    """Validate a share, record it with its tracked link, and return the intent to open.

    Raises ``ShareRefused`` with a message for the employee; nothing is written then.
    """

    check_can_share(user, page)
    network = find_enabled_network(network_key)
    if network is None:
        raise ShareRefused(_("Unknown network: choose one of those offered."))
    text = (text or "").strip()
    if not text:
        raise ShareRefused(_("Write a few words to go with your share."))
    refusal = first_post_refusal(user, page, network.key, text)
    if refusal is not None:
        raise refusal
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
    # The page's disclosure, appended here whatever the browser sent: an employee who
    # took it out of their text still shares it.
    disclosure = disclosure_for(page)
    composed = with_disclosure(text, disclosure)
    overflow = network.overflow(composed, sample_link(request) if page.share_url else "")
    if overflow:
        raise ShareRefused(
            _("Too long for %(network)s: shorten your text by %(over)d characters.")
            % {"network": network.label, "over": overflow}
        )

    # First: it keeps the profile on the user, which the post templates' placeholders read.
    department, audience = department_and_audience(user, network.key)
    suggestions = list(page.suggested_posts.values_list("text", flat=True))
    personalised = is_personalised(text, suggestions, disclosure)
    if personalised:
        # A ready text from elsewhere (a filled post template) is not the employee's own
        # words either; a copied suggested post needs no second look.
        extras = [extra.text for extra in extra_suggestions(user, page)]
        personalised = is_personalised(text, extras, disclosure)
    # No transaction around the two writes: a link made for a share whose insert then
    # failed is the link the next share of the page uses, so nothing is left half done.
    link = (
        get_or_create_link(user, page, network.key, department=department)
        if page.share_url
        else None
    )
    event = ShareEvent.objects.create(
        user=user,
        page=page,
        campaign_id=page.campaign_id,
        network=network.key,
        link=link,
        personalised=personalised,
        department=department,
        audience=audience,
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
    """The referring site's host name; empty when the header holds no usable one (a NUL
    or other control character, which the database may refuse, is not a host name)."""
    referrer = request.META.get("HTTP_REFERER", "")
    try:
        host = (urlsplit(referrer).hostname or "")[:255]
    except ValueError:
        return ""
    return host if host.isprintable() and " " not in host else ""


def first_visit_today(link, digest, day) -> bool:
    """Whether this is the visitor's first click on ``link`` on ``day``, decided by the
    database: one insert of (link, visitor, day) that does nothing when the row exists
    (``INSERT ... ON CONFLICT DO NOTHING``, ``INSERT OR IGNORE`` on SQLite), and the
    number of rows it inserted is the answer. Concurrent clicks wait on the unique index,
    so exactly one of them is first; no read before the write.
    """
    connection = connections[router.db_for_write(ClickUniqueness)]
    if not connection.features.supports_ignore_conflicts:
        try:
            with transaction.atomic(using=connection.alias):
                ClickUniqueness.objects.create(link_id=link.pk, visitor_hash=digest, day=day)
        except IntegrityError:
            return False
        return True
    ops, meta = connection.ops, ClickUniqueness._meta
    columns = ", ".join(
        ops.quote_name(meta.get_field(name).column) for name in ("link", "visitor_hash", "day")
    )
    sql = (
        f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {ops.quote_name(meta.db_table)}"
        f" ({columns}) VALUES (%s, %s, %s) "
        f"{ops.on_conflict_suffix_sql([], OnConflict.IGNORE, None, None)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [link.pk, digest, ops.adapt_datefield_value(day)])
        return cursor.rowcount == 1


def record_click(link, request):
    """Count a click on ``link`` unless a crawler made it; returns the click or None.

    The click, and whether it is the visitor's first of the day (:class:`ClickUniqueness`),
    are one statement on PostgreSQL: the public redirect makes one lookup and one write.
    Points and badges are not computed here but by a task (the ``link_clicked`` receivers).
    """

    if is_bot(request.META.get("HTTP_USER_AGENT", ""), request.method):
        return None
    # The visitor hash changes every day, so "first time today" is "first time this hash".
    day = timezone.localdate()
    digest = visitor_hash(request, day)
    referrer = referrer_host(request)
    connection = connections[router.db_for_write(LinkClick)]
    if connection.vendor == "postgresql":
        click = _insert_click_and_uniqueness(connection, link, digest, day, referrer)
    else:
        click = LinkClick.objects.create(
            link=link,
            visitor_hash=digest,
            is_unique=first_visit_today(link, digest, day),
            referrer_host=referrer,
        )
    link_clicked.send(sender=LinkClick, click=click, link=link)
    return click


def _insert_click_and_uniqueness(connection, link, digest, day, referrer):
    """``first_visit_today`` and the click's insert in one round trip: a data-modifying
    ``WITH`` inserts the (link, visitor, day) row unless it exists (``ON CONFLICT DO
    NOTHING``, which waits on a concurrent insert of the same row, so exactly one click
    is first) and the click reads ``is_unique`` from what that insert returned."""
    ops = connection.ops
    uniqueness, click = ClickUniqueness._meta, LinkClick._meta

    def columns(meta, *names):
        return ", ".join(ops.quote_name(meta.get_field(name).column) for name in names)

    now = timezone.now()
    sql = (
        f"WITH first AS (INSERT INTO {ops.quote_name(uniqueness.db_table)} "
        f"({columns(uniqueness, 'link', 'visitor_hash', 'day')}) VALUES (%s, %s, %s) "
        "ON CONFLICT DO NOTHING RETURNING 1) "
        f"INSERT INTO {ops.quote_name(click.db_table)} "
        f"({columns(click, 'link', 'visitor_hash', 'is_unique', 'referrer_host', 'clicked_at')})"
        " SELECT %s, %s, EXISTS (SELECT 1 FROM first), %s, %s "
        f"RETURNING {ops.quote_name(click.pk.column)}, "
        f"{ops.quote_name(click.get_field('is_unique').column)}"
    )
    params = [link.pk, digest, ops.adapt_datefield_value(day)]
    params += [link.pk, digest, referrer, ops.adapt_datetimefield_value(now)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pk, is_unique = cursor.fetchone()
    instance = LinkClick(
        pk=pk,
        link=link,
        visitor_hash=digest,
        is_unique=is_unique,
        referrer_host=referrer,
        clicked_at=now,
    )
    instance._state.adding = False
    instance._state.db = connection.alias
    return instance


def detach_person(user):
    """Erasure: the person's shares and tracked links stop naming them.

    Nothing else in a link points at the person: its ``utm_content`` is the link's random
    token, so already-posted links keep redirecting and counting, anonymously.
    """
    ShareEvent.objects.filter(user=user).update(user=None)
    TrackedLink.objects.filter(user=user).update(user=None)
