"""The program managers' group: who runs the advocacy program in the Wagtail admin.

:func:`grant_program_manager` gives a group every permission of the package's models
(campaigns, badges, rewards, challenges, conversions, points, kudos, profiles, events…),
the dashboard permission, Wagtail admin access, and add/change/publish on the package's
own index pages (the share hub, the training index, the ambassador directory) and so on
every page under them. ``manage.py advocacy_create_manager_group`` and the demo use it.
Running it again adds only what is missing.

:func:`create_manager_group` also sets up the "Communication review" workflow
(:func:`create_review_workflow`): one Wagtail group approval task whose reviewers are the
managers, assigned to every share hub, so a shareable page submitted for review goes live
only once a manager approves it. The program's permissions by name are
:data:`PROGRAM_PERMISSIONS` (docs/security.md).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from wagtail_advocacy.ambassadors.pages import AmbassadorIndexPage
from wagtail_advocacy.sharing.pages import ShareHubPage
from wagtail_advocacy.training.pages import TrainingIndexPage

MANAGER_GROUP = "Advocacy program managers"
PAGE_PERMISSIONS = ("add", "change", "publish")
INDEX_PAGES = (ShareHubPage, TrainingIndexPage, AmbassadorIndexPage)
REVIEW_NAME = "Communication review"

# What each of the program's rights is, as codenames of ``wagtail_advocacy`` permissions
# (docs/security.md has the table). Referenced by name: a permission whose model is not
# installed yet (compliance settings on an older database) is reported missing, and the
# group gets the others.
PROGRAM_PERMISSIONS = {
    "manage campaigns": ("add_campaign", "change_campaign", "delete_campaign"),
    "view the dashboard": ("view_advocacy_dashboard",),
    "record conversions": ("add_conversion",),
    "send program kudos": ("send_program_kudos",),
    "manage compliance": ("change_compliancesettings",),
}


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


def missing_program_permissions() -> list[str]:
    """The codenames of :data:`PROGRAM_PERMISSIONS` this database does not have (yet)."""
    wanted = {codename for codenames in PROGRAM_PERMISSIONS.values() for codename in codenames}
    present = set(
        Permission.objects.filter(
            content_type__app_label="wagtail_advocacy", codename__in=wanted
        ).values_list("codename", flat=True)
    )
    return sorted(wanted - present)


def create_review_workflow(group: Group) -> Workflow:
    """The "Communication review" workflow, reviewed by ``group``, on every share hub.

    Creates what is missing and changes nothing else: the task (a group approval task)
    gets ``group`` among its reviewers, the workflow gets the task, and each share hub
    without a workflow of its own gets this one (a hub that already has one keeps it).
    Pages under a hub follow its workflow, as everywhere in Wagtail.
    """
    with transaction.atomic():
        task = GroupApprovalTask.objects.filter(name=REVIEW_NAME).order_by("pk").first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=REVIEW_NAME)
        task.groups.add(group)
        workflow = Workflow.objects.filter(name=REVIEW_NAME).order_by("pk").first()
        if workflow is None:
            workflow = Workflow.objects.create(name=REVIEW_NAME)
        if not workflow.workflow_tasks.filter(task=task).exists():
            WorkflowTask.objects.create(
                workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
            )
        for hub in ShareHubPage.objects.all():
            WorkflowPage.objects.get_or_create(page=hub, defaults={"workflow": workflow})
    return workflow


def create_manager_group(
    name: str = MANAGER_GROUP, *, workflow: bool = True
) -> tuple[Group, bool]:
    """The group ``name``, created if needed, with the program manager's permissions and,
    unless ``workflow`` is false, the "Communication review" workflow they review."""
    with transaction.atomic():
        group, created = Group.objects.get_or_create(name=name)
        grant_program_manager(group)
        if workflow:
            create_review_workflow(group)
    return group, created
