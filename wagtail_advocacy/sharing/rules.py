"""Editorial tone check: warn editors when a suggested post reads like an advert.

Readers and feeds punish corporate copy shared verbatim, so editors get advice, never a
blocking error. Pure functions; the word lists come from settings.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
