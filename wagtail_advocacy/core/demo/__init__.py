"""What every domain's demo loader shares, and the demo accounts.

Each domain's ``demo/__init__.py`` registers a
:class:`~wagtail_advocacy.core.registries.DemoLoader` in ``demo_loaders``; its content
lives beside it in TOML files (one per language where the content is per language), read
by the loader when it runs, never at import. ``manage.py advocacy_demo`` creates the demo
groups and accounts listed in ``accounts.toml``, then runs every loader in order with one
:class:`DemoRun`. A loader may return a short sentence for the command's closing line.

The demo never changes a user or a group it did not create. Everything it creates, its
accounts and its groups, carries the permission "Created by the wagtail-advocacy demo"
(:func:`marker`); a user or group of one of the demo's names that does not carry it
belongs to the site, and the demo refuses to run (:class:`DemoConflict`) rather than take
it over. The demo's groups have names of their own ("Demo editors", ...), never Wagtail's
"Editors" or "Moderators". Running the demo again finds what it created by the marker.

Pages are found again by their slug and updated (:func:`demo_page`); the pictures they
show are drawn when the demo runs and kept in the "Demo images" collection
(:mod:`wagtail_advocacy.core.demo.images`).
"""

from __future__ import annotations

import calendar
import datetime
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale

from wagtail_advocacy.core.pages import BasePage

MARKER_CODENAME = "advocacy_demo"
MARKER_NAME = "Created by the wagtail-advocacy demo"


def marker() -> Permission:
    """The permission that marks the users and groups the demo created. It grants nothing:
    nothing asks for it; it only says "the demo made this, it may change it"."""
    return Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Group),
        codename=MARKER_CODENAME,
        defaults={"name": MARKER_NAME},
    )[0]


def demo_users():
    """The users the demo created."""
    return get_user_model().objects.filter(
        user_permissions__codename=MARKER_CODENAME,
        user_permissions__content_type__app_label="auth",
    )


def demo_groups():
    """The groups the demo created."""
    return Group.objects.filter(
        permissions__codename=MARKER_CODENAME, permissions__content_type__app_label="auth"
    )


class DemoConflict(CommandError):
    """Users or groups of the demo's names exist and the demo did not create them."""

    def __init__(self, usernames=(), group_names=()):
        self.usernames, self.group_names = sorted(usernames), sorted(group_names)
        parts = []
        if self.usernames:
            parts.append(
                ngettext(
                    "the user %(names)s exists and was not created by the demo",
                    "the users %(names)s exist and were not created by the demo",
                    len(self.usernames),
                )
                % {"names": ", ".join(f'"{name}"' for name in self.usernames)}
            )
        if self.group_names:
            parts.append(
                ngettext(
                    "the group %(names)s exists and was not created by the demo",
                    "the groups %(names)s exist and were not created by the demo",
                    len(self.group_names),
                )
                % {"names": ", ".join(f'"{name}"' for name in self.group_names)}
            )
        super().__init__(
            gettext(
                "advocacy_demo changed nothing: %(conflicts)s. The demo never changes users "
                "or groups it did not create. Run it on a fresh database, or rename them "
                "(or use --no-users if only users are in the way)."
            )
            % {"conflicts": "; ".join(parts)}
        )


def check_free(usernames=(), group_names=()) -> None:
    """Raise :class:`DemoConflict` listing every one of these users and groups that exists
    and was not created by the demo."""
    User = get_user_model()
    field = User.USERNAME_FIELD
    taken_users = set(
        User.objects.filter(**{f"{field}__in": list(usernames)})
        .exclude(pk__in=demo_users().values("pk"))
        .values_list(field, flat=True)
    )
    taken_groups = set(
        Group.objects.filter(name__in=list(group_names))
        .exclude(pk__in=demo_groups().values("pk"))
        .values_list("name", flat=True)
    )
    if taken_users or taken_groups:
        raise DemoConflict(taken_users, taken_groups)


def demo_user(username: str, **defaults):
    """The demo's user ``username``: created (and marked) if there is none, found again
    if the demo created it; :class:`DemoConflict` if the site has its own."""
    check_free(usernames=[username])
    User = get_user_model()
    user, created = User.objects.get_or_create(
        **{User.USERNAME_FIELD: username}, defaults=defaults
    )
    if created:
        user.user_permissions.add(marker())
    return user, created


def demo_group(name: str) -> Group:
    """The demo's group ``name``, on the same terms as :func:`demo_user`."""
    check_free(group_names=[name])
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(marker())
    return group


@dataclass
class DemoRun:
    """One run of the demo: the default site, the demo groups and accounts, the output."""

    site: Any
    editors_group: str = "Demo editors"
    groups: dict[str, Group] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)  # empty with ``--no-users``
    stdout: Any = None

    @property
    def root(self):
        return self.site.root_page

    @property
    def editors(self) -> Group:
        """The demo's editors, who may use the Wagtail admin (not Wagtail's "Editors")."""
        return self.group(self.editors_group)

    @property
    def people(self) -> bool:
        """False with ``--no-users``: no accounts, so no personal content either."""
        return bool(self.users)

    def group(self, name: str) -> Group:
        """The demo's group ``name`` (see :func:`demo_group`)."""
        if name not in self.groups:
            self.groups[name] = demo_group(name)
        return self.groups[name]

    def write(self, line: str) -> None:
        if self.stdout is not None:
            self.stdout.write(line)


def read(package: str, name: str) -> dict:
    """The TOML data file ``name`` of ``package`` (a domain's ``demo`` package)."""
    return tomllib.loads(files(package).joinpath(name).read_text(encoding="utf-8"))


def accounts() -> dict:
    """The demo accounts: ``{"password": ..., "editors_group": ..., "accounts": [...]}``."""
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


def demo_page(parent, model, slug: str, fields: dict, *, relations=None, among=None):
    """The demo's page of type ``model`` with ``slug``, made or updated from its data file.

    It is looked for among ``among`` (a queryset of ``model``; all of them by default) and
    made a child of ``parent`` when there is none; then ``fields`` are set on it, the page's
    many-to-many ``relations`` (``{"tags": [...]}``) set once it is saved, and it is
    published as a new revision. Returns the page."""
    queryset = model.objects.all() if among is None else among
    page = queryset.filter(slug=slug).first()
    created = page is None
    if created:
        page = model(slug=slug)
    for name, value in fields.items():
        setattr(page, name, value)
    if created:
        parent.add_child(instance=page)
    for name, values in (relations or {}).items():
        getattr(page, name).set(values)
    page.save_revision().publish()
    return page


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


def set_language(page, language: str) -> None:
    """Say that ``page`` and the pages below it are written in ``language``: their Wagtail
    locale (the site has no Wagtail i18n: a page's locale is still how the package knows
    its language, see ``core.pages.page_language``). Pages added below it later take it
    from their parent. Nothing changes when the site's LANGUAGES lack it."""
    try:
        code = translation.get_supported_language_variant(language)
    except LookupError:
        return
    locale, _created = Locale.objects.get_or_create(language_code=code)
    BasePage.objects.filter(path__startswith=page.path).update(locale=locale)
    page.locale = locale


def grant_collections(group: Group, codenames=("add_image", "choose_image", "add_document")):
    """Let ``group`` use the images and documents of the root collection (the demo's
    editors are not in Wagtail's "Editors" group, which has this by default)."""
    root = Collection.get_first_root_node()
    if root is None:
        return
    for permission in Permission.objects.filter(codename__in=codenames):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
