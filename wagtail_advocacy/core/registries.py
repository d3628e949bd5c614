"""The registries through which domains plug into the shared flows.

The kernel owns the flows' extension points and nothing else: a domain registers what it
contributes (from its ``rules.py`` or ``receivers.py``, imported when the app is ready),
and the flow asks the registry. So the share endpoint and the share panel ask the same
share rules and always agree, erasure reaches every domain that holds personal data, and
a new domain never edits another one's code.

A small registry rather than Wagtail's ``hooks``: entries are ordered, typed, and
registered at import time of the domain's own modules, not only from ``wagtail_hooks.py``
files, and a test can add one for its duration with ``registry.registered(entry)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from wagtail_advocacy.core.refusals import Refusal


class Registry:
    """An ordered list of entries; lower ``order`` first, then registration order."""

    def __init__(self, name: str):
        self.name = name
        self._entries: list[tuple[int, int, Any]] = []
        self._counter = 0

    def register(self, entry=None, *, order: int = 100):
        """Register ``entry``: ``@registry.register`` or ``@registry.register(order=10)``."""

        def add(item):
            if item not in self:
                self._counter += 1
                self._entries.append((order, self._counter, item))
                self._entries.sort(key=lambda row: row[:2])
            return item

        return add(entry) if entry is not None else add

    def unregister(self, entry) -> None:
        self._entries = [row for row in self._entries if row[2] is not entry]

    @contextmanager
    def registered(self, entry, *, order: int = 100):
        """Register ``entry`` for the duration of a ``with`` block (tests, one-off scripts)."""
        self.register(entry, order=order)
        try:
            yield entry
        finally:
            self.unregister(entry)

    def __iter__(self) -> Iterator[Any]:
        return iter([row[2] for row in self._entries])

    def __contains__(self, entry) -> bool:
        return any(row[2] is entry for row in self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self):
        return f"<Registry {self.name}: {len(self)} entries>"


# Share rules: ``rule(user, page) -> Refusal | None``. The share endpoint raises the first
# refusal; the share panel shows its words and links instead of the share buttons.
share_rules = Registry("share rules")


def first_refusal(user, page) -> Refusal | None:
    """The first registered share rule that refuses this share, or None."""
    for rule in share_rules:
        refusal = rule(user, page)
        if refusal is not None:
            return refusal
    return None


# Post rules: ``rule(user, page, network_key, text) -> Refusal | None``, on what a share
# would post (its network, its words: a blocked word): the share endpoint refuses with the
# first one's words, which the share panel then shows under the text.
post_rules = Registry("post rules")


def first_post_refusal(user, page, network_key: str, text: str) -> Refusal | None:
    """The first registered post rule that refuses this text, or None."""
    for rule in post_rules:
        refusal = rule(user, page, network_key, text)
        if refusal is not None:
            return refusal
    return None


@dataclass
class ExtraSuggestion:
    """A ready text for one network that is not a suggested post of the page (a filled post
    template, for example): offered in the share panel and, like a suggested post, not
    counted as the employee's own words."""

    network: str
    text: str
    label: str = ""
    group: str = ""
    index: int = 0


# Suggestion sources: ``source(user, page, networks, sample_link) -> list[ExtraSuggestion]``.
# ``networks`` is None when only the texts are needed (to judge personalisation).
suggestion_sources = Registry("suggestion sources")


def extra_suggestions(user, page, networks=None, sample_link="") -> list[ExtraSuggestion]:
    found = []
    for source in suggestion_sources:
        found.extend(source(user, page, networks, sample_link))
    return found


@dataclass
class PanelSection:
    """A block of the share panel contributed by a domain: its template is included with
    ``context(page, request)`` merged into the panel's context (nothing when it returns None).
    """

    name: str
    template: str
    context: Callable[[Any, Any], dict | None] = lambda page, request: {}


share_panel_sections = Registry("share panel sections")


@dataclass
class PersonalData:
    """What one domain holds about a person, how it hands it over, and how it forgets it.

    ``erase(user)`` runs inside the erasure's transaction, so an erasure is all or nothing;
    it must remove or detach every row that names the person, and keep anonymous
    aggregates (None: something else deletes it, as ``leave_program`` the profile).
    ``export(user)`` returns ``{table: rows}`` for the person's own download ("My data"):
    each row a dict of plain values (text, numbers, booleans, dates, None), in the words
    of the person's own pages: a colleague appears as those pages show them (a kudos
    sender's name), never by account, e-mail or id. ``label`` and
    ``description`` say on "My data", in plain words, what is kept and why. ``holds(user)``
    says whether there is anything to erase (so a colleague who shared without joining the
    program is offered the erasure too). ``models`` names the models it covers (a test
    checks that every model naming a person is exported and erased).
    """

    name: str
    erase: Callable[[Any], None] | None
    export: Callable[[Any], dict[str, list[dict]]] | None = None
    models: tuple[str, ...] = field(default_factory=tuple)
    holds: Callable[[Any], bool] | None = None
    label: str = ""
    description: str = ""


personal_data = Registry("personal data")


def erase_personal_data(user) -> list[str]:
    """Run every domain's eraser; returns the names of the parts erased, in order."""
    done = []
    for part in personal_data:
        if part.erase is not None:
            part.erase(user)
            done.append(part.name)
    return done


def export_personal_data(user) -> list[tuple[PersonalData, dict[str, list[dict]]]]:
    """Every domain's part of the person's data, in the registry's order."""
    return [(part, part.export(user)) for part in personal_data if part.export is not None]


def holds_personal_data(user) -> bool:
    """Whether any domain holds something about ``user`` (one cheap query per domain)."""
    return any(part.holds(user) for part in personal_data if part.holds is not None)


# Retention purges: ``purge(now) -> int`` (rows removed), run by the retention task.
purges = Registry("purges")


# KPI contributors: ``contributor(period, filters) -> dict`` merged into ``kpis.summary``.
kpi_contributors = Registry("KPI contributors")


@dataclass
class DemoLoader:
    """Demo or starter content of one domain, loaded by ``manage.py advocacy_demo``."""

    name: str
    load: Callable[..., Any]
    help: str = ""


demo_loaders = Registry("demo loaders")
