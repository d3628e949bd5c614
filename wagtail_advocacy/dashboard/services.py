"""The program managers' group: who runs the advocacy program in the Wagtail admin.

:func:`grant_program_manager` gives a group every permission of the package's models
(campaigns, badges, rewards, challenges, conversions, points, kudos, profiles, events…),
the dashboard permission, Wagtail admin access, and add/change/publish on the package's
own index pages (the share hub, the training index, the ambassador directory) and so on
every page under them. ``manage.py advocacy_create_manager_group`` and the demo use it.
Running it again adds only what is missing.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from wagtail_advocacy.ambassadors.pages import AmbassadorIndexPage
from wagtail_advocacy.sharing.pages import ShareHubPage
from wagtail_advocacy.training.pages import TrainingIndexPage

MANAGER_GROUP = "Advocacy program managers"
PAGE_PERMISSIONS = ("add", "change", "publish")
INDEX_PAGES = (ShareHubPage, TrainingIndexPage, AmbassadorIndexPage)


def manager_permissions():
    """Every permission of the package's models (the dashboard's included), and admin
    access."""
    return Permission.objects.filter(
        content_type__app_label="wagtail_advocacy"
    ) | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")


def grant_program_manager(group: Group) -> None:
    """Give ``group`` everything a program manager needs (see the module)."""
    with transaction.atomic():
        group.permissions.add(*manager_permissions())
        kinds = Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=[f"{kind}_page" for kind in PAGE_PERMISSIONS],
        )
        for page_type in INDEX_PAGES:
            for page in page_type.objects.all():
                for permission in kinds:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=page, permission=permission
                    )


def create_manager_group(name: str = MANAGER_GROUP) -> tuple[Group, bool]:
    """The group ``name``, created if needed, with the program manager's permissions."""
    with transaction.atomic():
        group, created = Group.objects.get_or_create(name=name)
        grant_program_manager(group)
    return group, created
