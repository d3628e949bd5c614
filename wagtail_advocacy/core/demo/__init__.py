"""What every domain's demo loader shares, and the demo accounts.

Each domain's ``demo/__init__.py`` registers a
:class:`~wagtail_advocacy.core.registries.DemoLoader` in ``demo_loaders``; its content
lives beside it in TOML files (one per language where the content is per language), read
by the loader when it runs, never at import. ``manage.py advocacy_demo`` creates the demo
groups and accounts listed in ``accounts.toml``, then runs every loader in order with one
:class:`DemoRun`. A loader may return a short sentence for the command's closing line.
"""

from __future__ import annotations

import calendar
import datetime
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission


@dataclass
class DemoRun:
    """One run of the demo: the default site, the demo groups and accounts, the output."""

    site: Any
    groups: dict[str, Group] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)  # empty with ``--no-users``
    stdout: Any = None

    @property
    def root(self):
        return self.site.root_page

    @property
    def editors(self) -> Group:
        return self.group("Editors")

    @property
    def people(self) -> bool:
        """False with ``--no-users``: no accounts, so no personal content either."""
        return bool(self.users)

    def group(self, name: str) -> Group:
        if name not in self.groups:
            self.groups[name] = Group.objects.get_or_create(name=name)[0]
        return self.groups[name]

    def write(self, line: str) -> None:
        if self.stdout is not None:
            self.stdout.write(line)


def read(package: str, name: str) -> dict:
    """The TOML data file ``name`` of ``package`` (a domain's ``demo`` package)."""
    return tomllib.loads(files(package).joinpath(name).read_text(encoding="utf-8"))


def accounts() -> dict:
    """The demo accounts: ``{"password": ..., "accounts": [...]}``."""
    return read(__name__, "accounts.toml")


def day(value: int | str, today: datetime.date) -> datetime.date:
    """A date given in a data file: a number of days from ``today``, "month_start" or
    "month_end" (the first or last day of ``today``'s month)."""
    if value == "month_start":
        return today.replace(day=1)
    if value == "month_end":
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if isinstance(value, int):
        return today + datetime.timedelta(days=value)
    raise ValueError(f"Not a demo date: {value!r}")


def grant(group: Group, *codenames: str) -> None:
    """Give ``group`` these permissions of the advocacy app."""
    for codename in codenames:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtail_advocacy", codename=codename)
        )


def grant_pages(group: Group, page, kinds=("add", "change", "publish")) -> None:
    """Let ``group`` add, change and publish pages under ``page``."""
    for kind in kinds:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{kind}_page"
            ),
        )
