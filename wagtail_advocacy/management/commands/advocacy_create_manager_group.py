"""Create (or complete) the group of the advocacy program's managers.

``manage.py advocacy_create_manager_group [--name NAME] [--no-workflow]``: the group gets
every permission of wagtail-advocacy's models (the program's own included: dashboard,
program kudos), Wagtail admin access, and add/change/publish on the share hub, training
and ambassador pages; and, unless ``--no-workflow``, the "Communication review" workflow
on every share hub, with the group as its reviewers. Safe to run again: it only adds what
is missing, and never removes a permission. Add the managers to the group in Settings →
Users. See docs/installation.md, "Permissions", and docs/security.md.
"""

from django.core.management.base import BaseCommand, CommandError

from wagtail_advocacy.dashboard.services import (
    MANAGER_GROUP,
    REVIEW_NAME,
    create_manager_group,
    missing_program_permissions,
)


class Command(BaseCommand):
    help = (
        "Create or complete a group with every wagtail-advocacy permission, the dashboard, "
        "Wagtail admin access and page permissions on the share hub, training and "
        "ambassador pages, and the Communication review workflow on every share hub with "
        "the group as reviewers. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", default=MANAGER_GROUP, help=f'The group\'s name (default "{MANAGER_GROUP}").'
        )
        parser.add_argument(
            "--no-workflow",
            action="store_false",
            dest="workflow",
            help=f'Do not create nor assign the "{REVIEW_NAME}" workflow.',
        )

    def handle(self, *args, name, workflow, **options):
        name = name.strip()
        if not name:
            raise CommandError("Give the group a name.")
        group, created = create_manager_group(name, workflow=workflow)
        verb = "Created" if created else "Updated"
        count = group.permissions.count()
        pages = group.page_permissions.values("page").distinct().count()
        self.stdout.write(
            self.style.SUCCESS(
                f'{verb} the group "{group.name}": {count} permissions, page permissions on '
                f"{pages} page(s) and everything under them."
            )
        )
        if workflow:
            self.stdout.write(
                f'The "{REVIEW_NAME}" workflow is on every share hub, with "{group.name}" as '
                "its reviewers (a hub that had a workflow of its own keeps it)."
            )
        missing = missing_program_permissions()
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    "Not in this database yet, so not granted: "
                    + ", ".join(missing)
                    + ". Run migrate, then this command again."
                )
            )
