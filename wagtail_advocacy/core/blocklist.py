"""How a text is matched against the blocked words of the Compliance site setting: in the
kernel, so the share endpoint's post rule (``compliance.rules``) and the page editor's
live check (``sharing``) find exactly the same words."""

from __future__ import annotations

import re
import unicodedata

SPACES = re.compile(r"\s+")


def folded(text: str) -> str:
    """``text`` as compared with the blocked words: compatibility forms (ＦＡＬＣＯＮ,
    ligatures) made plain, invisible characters and accents taken out, capitals folded,
    every run of spaces, tabs or line breaks made one space. Letters of other scripts
    that look alike (a Cyrillic "а") stay different letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf"))
    return SPACES.sub(" ", kept).casefold()


def blocked_words_in(text: str, blocked: str) -> list[str]:
    """The blocked words (as the editors wrote them, one per line) that ``text`` holds as
    whole words."""
    plain = folded(text)
    found = []
    for word in (line.strip() for line in blocked.splitlines()):
        if word and re.search(rf"(?<!\w){re.escape(folded(word))}(?!\w)", plain):
            found.append(word)
    return found
