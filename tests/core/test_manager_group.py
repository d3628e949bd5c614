"""`manage.py advocacy_create_manager_group`: a group that can run the program, and the
"Communication review" workflow its members review on every share hub."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from tests import factories
from wagtail_advocacy.dashboard.services import PROGRAM_PERMISSIONS

pytestmark = pytest.mark.django_db


def create(*args):
    out = io.StringIO()
    call_command("advocacy_create_manager_group", *args, stdout=out)
    return out.getvalue()


def test_the_group_gets_every_advocacy_permission_and_the_admin(hub):
    output = create()
    group = Group.objects.get(name="Advocacy program managers")
    assert "Created" in output
    codenames = set(group.permissions.values_list("codename", flat=True))
    every = set(
        Permission.objects.filter(content_type__app_label="wagtail_advocacy").values_list(
            "codename", flat=True
        )
    )
    assert every <= codenames
    assert {"view_advocacy_dashboard", "access_admin", "add_conversion"} <= codenames
    assert "advocacy_demo" not in codenames  # a real group, not the demo's
    kinds = set(
        GroupPagePermission.objects.filter(group=group, page=hub).values_list(
            "permission__codename", flat=True
        )
    )
    assert kinds == {"add_page", "change_page", "publish_page"}


def test_it_is_idempotent_and_takes_a_name(hub):
    create("--name", "Comms managers")
    group = Group.objects.get(name="Comms managers")
    counts = (group.permissions.count(), GroupPagePermission.objects.filter(group=group).count())
    assert "Updated" in create("--name", "Comms managers")
    assert (
        group.permissions.count(),
        GroupPagePermission.objects.filter(group=group).count(),
    ) == counts
    assert Group.objects.filter(name="Comms managers").count() == 1
    assert not Group.objects.filter(name="Advocacy program managers").exists()


def test_an_existing_group_keeps_what_it_had(db):
    group = Group.objects.create(name="Advocacy program managers")
    own = Permission.objects.get(codename="add_image")
    group.permissions.add(own)
    create()
    assert group.permissions.filter(pk=own.pk).exists()


# The "Communication review" workflow.


def review_objects():
    return (
        GroupApprovalTask.objects.filter(name="Communication review"),
        Workflow.objects.filter(name="Communication review"),
    )


def test_the_group_reviews_the_communication_review_workflow_on_every_hub(root_page):
    first = factories.hub(root_page)
    second = factories.hub(root_page, title="Team news", slug="team-news")
    output = create()
    group = Group.objects.get(name="Advocacy program managers")
    tasks, workflows = review_objects()
    (task,) = tasks
    (workflow,) = workflows
    assert list(task.groups.all()) == [group]
    assert [t.specific for t in workflow.tasks] == [task]
    assert {wp.page_id for wp in WorkflowPage.objects.filter(workflow=workflow)} == {
        first.pk,
        second.pk,
    }
    assert first.get_workflow() == workflow
    assert "Communication review" in output


def test_the_workflow_is_idempotent_and_keeps_a_hub_s_own_workflow(root_page):
    hub, legal_hub = factories.hub(root_page), factories.hub(root_page, slug="legal")
    legal = Workflow.objects.create(name="Legal")
    WorkflowPage.objects.create(page=legal_hub, workflow=legal)
    create()
    create()
    create("--name", "Comms team")  # a second group joins the same reviewers
    tasks, workflows = review_objects()
    assert tasks.count() == 1 and workflows.count() == 1
    assert WorkflowTask.objects.filter(workflow=workflows.get()).count() == 1
    assert set(tasks.get().groups.values_list("name", flat=True)) == {
        "Advocacy program managers",
        "Comms team",
    }
    assert WorkflowPage.objects.get(page=hub).workflow == workflows.get()
    assert WorkflowPage.objects.get(page=legal_hub).workflow == legal


def test_no_workflow_skips_it(hub):
    output = create("--no-workflow")
    tasks, workflows = review_objects()
    assert not tasks.exists() and not workflows.exists()
    assert not WorkflowPage.objects.filter(page=hub).exists()
    assert "Communication review" not in output
    assert Group.objects.filter(name="Advocacy program managers").exists()


def test_the_program_permissions_are_granted_and_a_missing_one_is_reported(hub):
    output = create()
    group = Group.objects.get(name="Advocacy program managers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    present = set(Permission.objects.values_list("codename", flat=True))
    for right, needed in PROGRAM_PERMISSIONS.items():
        for codename in needed:
            if codename in present:
                assert codename in codenames, right
            else:
                # Named before its model exists (compliance settings): reported, not fatal.
                assert codename in output, right
    assert "send_program_kudos" in codenames
