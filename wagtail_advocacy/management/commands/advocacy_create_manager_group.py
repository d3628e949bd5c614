"""Create (or complete) the group of the advocacy program's managers.

``manage.py advocacy_create_manager_group [--name NAME]``: the group gets every permission
of wagtail-advocacy's models, the dashboard permission, Wagtail admin access, and
add/change/publish on the share hub, training and ambassador pages. Safe to run again:
it only adds what is missing, and never removes a permission. Add the managers to the
group in Settings → Users. See docs/installation.md, "Permissions".
"""

from django.core.management.base import BaseCommand, CommandError

from wagtail_advocacy.dashboard.services import MANAGER_GROUP, create_manager_group


class Command(BaseCommand):
    help = (
        "Create or complete a group with every wagtail-advocacy permission, the dashboard, "
        "Wagtail admin access and page permissions on the share hub, training and "
        "ambassador pages. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", default=MANAGER_GROUP, help=f'The group\'s name (default "{MANAGER_GROUP}").'
        )

    def handle(self, *args, name, **options):
        name = name.strip()
        if not name:
            raise CommandError("Give the group a name.")
        group, created = create_manager_group(name)
        verb = "Created" if created else "Updated"
        count = group.permissions.count()
        pages = group.page_permissions.values("page").distinct().count()
        self.stdout.write(
            self.style.SUCCESS(
                f'{verb} the group "{group.name}": {count} permissions, page permissions on '
                f"{pages} page(s) and everything under them."
            )
        )
