"""Share intents and text limits of every supported network, as pure functions.

No network API is used: each network offers a URL that opens its composer with the text
(and link) prefilled, or at least the link. Adding a network is one ``Network`` entry in
``NETWORKS``. Nothing here touches the database or settings, so it is unit-tested
against the documented URL formats.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import quote

import regex
from django.utils.translation import gettext_lazy as _

from wagtail_advocacy.conf import advocacy_settings

# X replaces every link by a t.co link of this length, whatever the original length.
X_LINK_LENGTH = 23
URL_IN_TEXT = re.compile(r"https?://\S+", re.IGNORECASE)
GRAPHEME = regex.compile(r"\X")
PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")
# Code points X counts as one character; everything else (CJK, most emoji) counts as two.
X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
HOSTNAME = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def q(value: str) -> str:
    """Percent-encode a whole query value, reserved characters included."""
    return quote(value, safe="")


@dataclass(frozen=True)
class ShareContent:
    """What the employee shares: their text (disclosure included) and the tracked link."""

    text: str
    url: str = ""
    title: str = ""
    instance: str = ""  # Mastodon: the employee's own server


# Counting.


def count_code_points(text: str) -> int:
    return len(text)


def count_graphemes(text: str) -> int:
    """User-perceived characters: an emoji with modifiers counts once (Bluesky's rule)."""
    return len(GRAPHEME.findall(text))


def count_mastodon(text: str) -> int:
    """Mastodon counts every link as 23 characters, like X, but everything else as one."""
    return len(URL_IN_TEXT.sub("x" * X_LINK_LENGTH, text))


def _x_weight(cluster: str) -> int:
    if PICTOGRAPHIC.search(cluster):
        return 2
    weight = 0
    for char in cluster:
        point = ord(char)
        weight += 1 if any(low <= point <= high for low, high in X_LIGHT_RANGES) else 2
    return weight


def count_x(text: str) -> int:
    """X's weighted count: links are 23, CJK and emoji count double."""
    total = 0
    position = 0
    for match in URL_IN_TEXT.finditer(text):
        total += sum(_x_weight(c) for c in GRAPHEME.findall(text[position : match.start()]))
        total += X_LINK_LENGTH
        position = match.end()
    total += sum(_x_weight(c) for c in GRAPHEME.findall(text[position:]))
    return total


# Intent builders.


def join_text_and_url(text: str, url: str) -> str:
    if not url:
        return text
    if not text:
        return url
    return f"{text}\n{url}" if "\n" in text else f"{text} {url}"


def q_post(content: ShareContent) -> str:
    """The text and the link as one post, encoded as a query value."""
    return q(join_text_and_url(content.text, content.url))


def linkedin_feed_intent(content: ShareContent) -> str:
    return f"https://www.linkedin.com/feed/?shareActive=true&text={q_post(content)}"


def linkedin_offsite_intent(content: ShareContent) -> str:
    if not content.url:
        # The official dialog needs a link; a text-only post can only use the composer.
        return linkedin_feed_intent(content)
    return f"https://www.linkedin.com/sharing/share-offsite/?url={q(content.url)}"


def x_intent(content: ShareContent) -> str:
    url = f"https://twitter.com/intent/tweet?text={q(content.text)}"
    if content.url:
        url += f"&url={q(content.url)}"
    return url


def facebook_intent(content: ShareContent) -> str:
    return f"https://www.facebook.com/sharer/sharer.php?u={q(content.url)}"


def bluesky_intent(content: ShareContent) -> str:
    return f"https://bsky.app/intent/compose?text={q_post(content)}"


def mastodon_intent(content: ShareContent) -> str:
    return f"https://{content.instance}/share?text={q_post(content)}"


def xing_intent(content: ShareContent) -> str:
    return f"https://www.xing.com/spi/shares/new?url={q(content.url)}"


def whatsapp_intent(content: ShareContent) -> str:
    return f"https://api.whatsapp.com/send?text={q_post(content)}"


def telegram_intent(content: ShareContent) -> str:
    if not content.url:
        return f"https://t.me/share/url?url={q(content.text)}"
    return f"https://t.me/share/url?url={q(content.url)}&text={q(content.text)}"


def email_intent(content: ShareContent) -> str:
    return f"mailto:?subject={q(content.title)}&body={q_post(content)}"


# The registry.


@dataclass(frozen=True)
class Network:
    key: str
    label: str
    limit: int | None = None
    # None: no web intent exists, the employee copies the text and posts it themselves.
    intent: Callable[[ShareContent], str] | None = None
    prefills_text: bool = True
    requires_url: bool = False
    needs_instance: bool = False
    counter: Callable[[str], int] = count_code_points
    icon: str = ""
    # False for a pseudo-network ("Copy text") whose label is not a place to paste into.
    names_a_place: bool = True

    @property
    def copy_first(self) -> bool:
        """The text must go to the clipboard because the intent cannot carry it."""
        return self.intent is None or not self.prefills_text

    def composed_text(self, text: str, url: str = "") -> str:
        """The text as it will appear in the post, link included where the network puts it."""
        if not self.prefills_text and self.intent is not None:
            return text  # the link travels in the intent; the copied text stands alone
        return join_text_and_url(text, url)

    def length(self, text: str, url: str = "") -> int:
        return self.counter(self.composed_text(text, url))

    def overflow(self, text: str, url: str = "") -> int:
        """How many characters the post is over the network's limit (0 when it fits)."""
        if self.limit is None:
            return 0
        return max(0, self.length(text, url) - self.limit)

    def intent_url(self, content: ShareContent) -> str | None:
        if self.intent is None:
            return None
        return self.intent(content)

    def clipboard_text(self, text: str, url: str = "") -> str:
        return self.composed_text(text, url)


LINKEDIN = Network(
    key="linkedin", label=_("LinkedIn"), limit=3000, intent=linkedin_feed_intent, icon="in"
)
# LINKEDIN_MODE = "offsite": the same network through the official share dialog.
LINKEDIN_OFFSITE = replace(LINKEDIN, intent=linkedin_offsite_intent, prefills_text=False)

NETWORKS: dict[str, Network] = {
    network.key: network
    for network in (
        LINKEDIN,
        Network(
            key="x",
            label=_("X"),
            limit=280,
            intent=x_intent,
            counter=count_x,
            icon="X",
        ),
        Network(
            key="facebook",
            label=_("Facebook"),
            limit=63206,
            intent=facebook_intent,
            prefills_text=False,
            requires_url=True,
            icon="f",
        ),
        Network(
            key="bluesky",
            label=_("Bluesky"),
            limit=300,
            intent=bluesky_intent,
            counter=count_graphemes,
            icon="bs",
        ),
        Network(
            key="mastodon",
            label=_("Mastodon"),
            limit=500,
            intent=mastodon_intent,
            needs_instance=True,
            counter=count_mastodon,
            icon="m",
        ),
        Network(
            key="xing",
            label=_("Xing"),
            intent=xing_intent,
            prefills_text=False,
            requires_url=True,
            icon="x",
        ),
        Network(key="whatsapp", label=_("WhatsApp"), intent=whatsapp_intent, icon="wa"),
        Network(
            key="telegram",
            label=_("Telegram"),
            intent=telegram_intent,
            icon="tg",
        ),
        Network(key="email", label=_("E-mail"), intent=email_intent, icon="@"),
        Network(key="threads", label=_("Threads"), limit=500, icon="th"),
        Network(key="instagram", label=_("Instagram"), limit=2200, icon="ig"),
        Network(key="copy", label=_("Copy text"), icon="⧉", names_a_place=False),
    )
}


def get_network(key: str, *, linkedin_mode: str = "feed") -> Network | None:
    if key == "linkedin" and linkedin_mode == "offsite":
        return LINKEDIN_OFFSITE
    return NETWORKS.get(key)


def network_choices() -> list[tuple[str, str]]:
    return [(network.key, network.label) for network in NETWORKS.values()]


def normalise_instance(value: str) -> str | None:
    """A Mastodon server's host name from what the employee typed, or None if invalid."""
    host = (value or "").strip().lower()
    host = re.sub(r"^https?://", "", host).split("/")[0].rstrip(".")
    if host.startswith("@"):
        host = host[1:]
    if "@" in host:  # "@me@example.social" -> example.social
        host = host.rsplit("@", 1)[1]
    return host if HOSTNAME.match(host) else None


def enabled_networks() -> list[Network]:
    keys = advocacy_settings.ENABLED_NETWORKS or list(NETWORKS)
    mode = advocacy_settings.LINKEDIN_MODE
    return [network for key in keys if (network := get_network(key, linkedin_mode=mode))]


def find_enabled_network(key: str) -> Network | None:
    return next((network for network in enabled_networks() if network.key == key), None)


def disclosure_text() -> str:
    """The project's default disclosure (``WAGTAIL_ADVOCACY_DISCLOSURE``, e.g.
    "#employee"), or "" when it sets none. A page's own disclosure (its campaign's, else
    its site's Compliance setting, else this one) is ``sharing.models.disclosure_for``."""
    return (advocacy_settings.DISCLOSURE or "").strip()


def with_disclosure(text: str, disclosure: str) -> str:
    """The employee's text with the page's ``disclosure`` appended once: not again when
    they already wrote it (in any case)."""
    text = text.strip()
    disclosure = (disclosure or "").strip()
    if not disclosure or disclosure.lower() in text.lower():
        return text
    return f"{text} {disclosure}" if text else disclosure
