"""Editorial tone check: warn editors when a suggested post reads like an advert.

Readers and feeds punish corporate copy shared verbatim, so editors get advice, never a
blocking error. Pure functions; the word lists come from settings. Also here: what the
editor's live check of a suggested post answers, and who may ask it; the share rules.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.models import ComplianceSettings
from wagtail_advocacy.core.refusals import ShareRefused
from wagtail_advocacy.core.registries import post_rules, share_rules
from wagtail_advocacy.networks import NETWORKS, disclosure_text, enabled_networks
from wagtail_advocacy.sharing.forms import suggested_post_length
from wagtail_advocacy.sharing.models import disclosure_for

HASHTAG = re.compile(r"(?<![\w#])#\w+", re.UNICODE)
URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
STACKED_MARKS = re.compile(r"[!?]{2,}|!\s*!")
WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


def _shouting_words(text: str) -> list[str]:
    """Words of four letters or more written entirely in capitals (acronyms are shorter)."""
    return [word for word in WORD.findall(text) if len(word) >= 4 and word.isupper()]


def check_tone(text: str, *, buzzwords=(), max_hashtags: int = 3) -> list[str]:
    """Advice for the editor, one sentence per problem found; empty when the post reads well."""
    advice = []
    lowered = text.lower()
    found = sorted({word for word in buzzwords if word.lower() in lowered})
    if found:
        advice.append(
            _(
                "Marketing words (%(words)s) sound like an advert: "
                "say it the way a colleague would."
            )
            % {"words": ", ".join(found)}
        )
    hashtags = HASHTAG.findall(text)
    if len(hashtags) > max_hashtags:
        advice.append(
            ngettext(
                "%(count)d hashtags: keep %(max)d at most, the ones people really follow.",
                "%(count)d hashtags: keep %(max)d at most, the ones people really follow.",
                len(hashtags),
            )
            % {"count": len(hashtags), "max": max_hashtags}
        )
    shouting = _shouting_words(text)
    if len(shouting) >= 2 or (shouting and len(shouting) * 4 >= len(WORD.findall(text))):
        advice.append(
            _("Words in capitals (%(words)s) read as shouting: write them in lower case.")
            % {"words": ", ".join(shouting[:5])}
        )
    if STACKED_MARKS.search(text):
        advice.append(_("Stacked exclamation or question marks: one is enough."))
    without_links = URL.sub("", HASHTAG.sub("", text)).strip()
    if URL.search(text) and not WORD.search(without_links):
        advice.append(_("The post is only a link: add a sentence saying why it is worth reading."))
    return advice


def tone_advice(text: str) -> list[str]:
    """:func:`check_tone` with the site's word list and hashtag limit."""
    return check_tone(
        text,
        buzzwords=advocacy_settings.BUZZWORDS,
        max_hashtags=advocacy_settings.MAX_HASHTAGS,
    )


@dataclass(frozen=True)
class PostCheck:
    """What the page editor shows under a suggested post while it is written."""

    count: int | None  # None: no network chosen yet, so nothing to count against
    limit: int | None  # None: the network has no limit
    advice: tuple[str, ...] = ()
    # What employees could not share: the blocked words of the page's site it holds.
    warnings: tuple[str, ...] = ()

    @property
    def overflow(self) -> int:
        """How many characters over the network's limit (0 when the post fits)."""
        if self.count is None or self.limit is None:
            return 0
        return max(0, self.count - self.limit)

    @property
    def over(self) -> bool:
        return self.overflow > 0


def blocked_word_warnings(page, text: str) -> list[str]:
    """The editor's warning about the blocked words of ``page``'s site (Settings →
    Compliance) that a suggested post holds, matched as the share endpoint's post rule
    matches them (``core.blocklist``): employees could not share it as it is."""
    compliance = ComplianceSettings.for_page(page) if page is not None else None
    found = compliance.blocked_in(text) if compliance is not None else []
    if not found:
        return []
    return [
        ngettext(
            "Employees cannot share this post: it contains the blocked word %(words)s "
            "(Settings → Compliance).",
            "Employees cannot share this post: it contains the blocked words %(words)s "
            "(Settings → Compliance).",
            len(found),
        )
        % {"words": ", ".join(f"“{word}”" for word in found)}
    ]


def check_suggested_post(
    network_key: str, text: str, *, has_link: bool, page=None, campaign=None
) -> PostCheck:
    """The live check of one suggested post: its length counted as the save counts it
    (``forms.suggested_post_error``) with the disclosure of ``page`` (the page edited, or
    a new page's parent) and ``campaign`` (as chosen in the editor), the tone advice the
    save warns about, and a warning for the blocked words of the page's site."""
    network = NETWORKS.get(network_key)
    disclosure = disclosure_for(page, campaign=campaign) if page is not None else disclosure_text()
    count = (
        suggested_post_length(network, text, has_link=has_link, disclosure=disclosure)
        if network
        else None
    )
    written = bool(text.strip())
    return PostCheck(
        count=count,
        limit=network.limit if network else None,
        advice=tuple(tone_advice(text)) if written else (),
        warnings=tuple(blocked_word_warnings(page, text)) if written else (),
    )


def can_check_suggested_posts(user) -> bool:
    """Who may ask the live check: people with admin access who can open a page editor,
    editors (add, change or publish permission on some page) and workflow reviewers (a
    task in progress they can moderate, which opens the editor to them)."""
    if not user.is_active or not user.has_perm("wagtailadmin.access_admin"):
        return False
    if PagePermissionPolicy().user_has_any_permission(user, {"add", "change", "publish"}):
        return True
    return TaskState.objects.reviewable_by(user).exists()


WHITESPACE = re.compile(r"\s+")


def _normalised(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip().casefold()


def is_personalised(text: str, suggestions, disclosure: str = "") -> bool:
    """True when the employee's text differs from every suggestion (spacing, case and the
    page's ``disclosure`` at its end aside)."""
    disclosure = _normalised(disclosure)
    mine = _normalised(text)
    if disclosure and mine.endswith(disclosure):
        mine = mine[: -len(disclosure)].strip()
    return all(_normalised(s) != mine for s in suggestions)


def is_bot(user_agent: str, method: str = "GET") -> bool:
    """Link-preview crawlers, empty user agents and HEAD requests are never counted."""
    if method.upper() == "HEAD":
        return True
    agent = (user_agent or "").strip().lower()
    if not agent:
        return True
    return any(marker.lower() in agent for marker in advocacy_settings.BOT_USER_AGENTS)


@share_rules.register(order=10)
def page_is_published(user, page):
    if not page.live:
        return ShareRefused(_("This content is not published, so it cannot be shared."), 404)
    return None


@share_rules.register(order=20)
def sharing_period_is_open(user, page):
    if page.is_expired():
        return ShareRefused(_("The sharing period of this content has ended."), 410)
    return None


@share_rules.register(order=30)
def employee_is_in_audience(user, page):
    if not page.is_in_audience(user):
        return ShareRefused(
            _("This content is meant for other teams, so it cannot be shared from your account."),
            403,
        )
    return None


def page_networks(page) -> list:
    """The networks the page can be shared on: enabled, allowed by its campaign (all of
    them without a campaign or when it names none), and able to share it (a network that
    only shares a link needs a page with one). The panel offers these, and the rules below
    refuse the others, so both agree."""
    campaign = page.campaign if page.campaign_id else None
    return [
        network
        for network in enabled_networks()
        if (campaign is None or campaign.allows(network.key))
        and (page.share_url or not network.requires_url)
    ]


@share_rules.register(order=40)
def some_network_is_offered(user, page):
    if page_networks(page):
        return None
    return ShareRefused(
        _("None of the networks this content may be shared on is offered here."), 403
    )


@post_rules.register(order=5)
def network_allowed_by_the_campaign(user, page, network_key, text):
    campaign = page.campaign if page.campaign_id else None
    if campaign is None or campaign.allows(network_key):
        return None
    labels = [network.label for network in page_networks(page)]  # some: see above
    return ShareRefused(
        _("This campaign is shared only on %(networks)s.")
        % {"networks": ", ".join(str(label) for label in labels)},
        403,
    )
