"""Tracked links, shares and clicks: append-only events written only by ``services``;
and the disclosure a page's shares carry."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.models import (
    AppendOnlyEvent,
    ComplianceSettings,
    optional_key,
    required_key,
)
from wagtail_advocacy.networks import disclosure_text, network_choices


class TrackedLink(models.Model):
    """The public link one employee shares for one page on one network.

    The token is random and unguessable; the destination (with UTM parameters) is stored
    when the link is made, so the public redirect never reads anything from the request.
    """

    # Out of Wagtail's reference index, as events are (see core.models.AppendOnlyEvent).
    wagtail_reference_index_ignore = True

    token = models.CharField(_("token"), max_length=32, unique=True)
    # Emptied when the employee leaves the program and asks to erase their history: the
    # link keeps redirecting and its clicks keep counting, but nothing points at them.
    user = optional_key(settings.AUTH_USER_MODEL, _("employee"), related_name="advocacy_links")
    page = required_key("wagtail_advocacy.ShareablePage", _("page"), "tracked_links")
    network = models.CharField(_("network"), max_length=32, choices=network_choices)
    destination = models.URLField(_("destination"), max_length=2000)
    # The owner's department when the link was made: its clicks count for that department,
    # also after the owner moves team or erases their history.
    department = models.CharField(_("department"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tracked link")
        verbose_name_plural = _("tracked links")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "network"], name="advocacy_one_link_per_user_page_network"
            )
        ]

    def __str__(self):
        return self.token


class ShareEvent(AppendOnlyEvent):
    """An employee opened a network's composer with a post about a page.

    What is finally posted cannot be confirmed, so the share is counted when the intent
    is opened and impact is proven by clicks on the tracked link.
    """

    # Emptied on erasure (see TrackedLink.user): the share still counts, anonymously.
    user = optional_key(settings.AUTH_USER_MODEL, _("employee"), related_name="advocacy_shares")
    page = required_key("wagtail_advocacy.ShareablePage", _("page"), "share_events")
    # The page's campaign when shared, so results stay with the campaign they were made for.
    campaign = optional_key(
        "wagtail_advocacy.Campaign",
        _("campaign"),
        related_name="share_events",
    )
    network = models.CharField(_("network"), max_length=32, choices=network_choices)
    link = optional_key(TrackedLink, _("tracked link"), related_name="share_events")
    personalised = models.BooleanField(
        _("personalised"), default=False, help_text=_("The text differs from every suggestion.")
    )
    # Taken from the sharer's profile when they share, so a past share keeps its department
    # and its estimated reach when they move team, change their audience or erase their
    # history (reach is the audience they declared on this network, 0 when none).
    department = models.CharField(_("department"), max_length=100, blank=True)
    audience = models.PositiveIntegerField(_("audience"), default=0)
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "page"], name="advocacy_share_user_page"),
            models.Index(fields=["campaign", "created_at"], name="advocacy_share_campaign"),
            models.Index(fields=["network", "created_at"], name="advocacy_share_network"),
        ]

    def __str__(self):
        who = self.user if self.user_id else _("former ambassador")
        return f"{who} → {self.page} ({self.network})"


class LinkClick(AppendOnlyEvent):
    """A person (not a crawler) followed a tracked link.

    No IP address is stored: ``visitor_hash`` is a keyed hash of address and browser that
    changes every day, enough to tell a unique visitor from a repeat on the same day.
    """

    # No index of their own: the indexes below lead with them, and each index is one more
    # write for every click the public redirect records.
    link = required_key(TrackedLink, _("tracked link"), "clicks", db_index=False)
    clicked_at = models.DateTimeField(_("clicked at"), auto_now_add=True)
    is_unique = models.BooleanField(_("unique visitor"), default=True)
    visitor_hash = models.CharField(_("visitor hash"), max_length=32, editable=False)
    referrer_host = models.CharField(_("referrer"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("link click")
        verbose_name_plural = _("link clicks")
        ordering = ["-clicked_at"]
        indexes = [
            models.Index(fields=["link", "visitor_hash"], name="advocacy_click_visitor"),
            # So the KPIs count clicks per link, or over a period, from the index alone:
            # on PostgreSQL these are covering indexes, INCLUDE (is_unique) and INCLUDE
            # (link, is_unique), built by migrations 0008 and 0009. No `include=` here:
            # Django would warn (models.W040) on every database without covering indexes.
            models.Index(fields=["link", "clicked_at"], name="advocacy_click_link_time_u"),
            models.Index(fields=["clicked_at"], name="advocacy_click_time_cover"),
        ]

    def __str__(self):
        return f"{self.link} @ {self.clicked_at:%Y-%m-%d %H:%M}"


class ClickUniqueness(AppendOnlyEvent):
    """The first click of one visitor on one link on one day: what makes it unique.

    Its unique constraint decides ``LinkClick.is_unique`` in the database, so two clicks
    arriving at once cannot both be unique (a read-then-write could): ``record_click``
    inserts a row and, when the row is already there, the click is a repeat.

    It names no one and is not personal data: ``visitor_hash`` is the click's salted hash
    of address and browser, whose key changes every day; the sharing entry of the
    personal-data registry does not list it.
    """

    # Indexed by the unique constraint, which leads with it.
    link = models.ForeignKey(
        TrackedLink,
        verbose_name=_("tracked link"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    visitor_hash = models.CharField(_("visitor hash"), max_length=32)
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("unique click")
        verbose_name_plural = _("unique clicks")
        constraints = [
            models.UniqueConstraint(
                fields=["link", "visitor_hash", "day"], name="advocacy_click_uniqueness"
            )
        ]

    def __str__(self):
        return f"{self.link} {self.day}"


class ContentFormat(models.TextChoices):
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    TESTIMONIAL = "testimonial", _("Testimonial")
    BEHIND_THE_SCENES = "behind_the_scenes", _("Behind the scenes")
    JOB_OFFER = "job_offer", _("Job offer")
    EVENT = "event", _("Event")
    NEWS = "news", _("News")


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


_PAGE_CAMPAIGN = object()


def disclosure_for(page, *, campaign=_PAGE_CAMPAIGN) -> str:
    """The disclosure appended once to every share of ``page`` ("" for none): its
    campaign's, else its site's Compliance setting, else ``WAGTAIL_ADVOCACY_DISCLOSURE``.

    The one place that decides it: the share panel shows and counts it, the share endpoint
    appends it, the editor's checks count it. ``campaign`` is the one being chosen in the
    page editor instead of the saved one, and ``page`` may then be any page of the site (a
    new page's parent). No query once the page's campaign is loaded and the site's
    settings cached (``ComplianceSettings.for_page``)."""
    if campaign is _PAGE_CAMPAIGN:
        campaign = page.campaign if getattr(page, "campaign_id", None) else None
    own = (campaign.disclosure or "").strip() if campaign is not None else ""
    if own:
        return own
    compliance = ComplianceSettings.for_page(page)
    site = (compliance.disclosure or "").strip() if compliance is not None else ""
    return site or disclosure_text()
