"""Load a believable demo program: the demo accounts, then each domain's demo content.
Safe to run again: it updates what it created before.

The command knows no domain: each one registers a loader in
``wagtail_advocacy.core.registries.demo_loaders`` from its ``demo/`` package (imported when
the app is ready), with its content in data files beside it, and the command runs them in
order, all in one transaction.

It never changes a user or group it did not create: what it creates carries a marker
permission, and when one of its usernames or group names is taken by the site it refuses
with a CommandError and changes nothing (see ``wagtail_advocacy.core.demo``).
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from wagtail_advocacy.core import demo
from wagtail_advocacy.core.registries import demo_loaders


class Command(BaseCommand):
    help = (
        "Create or update the wagtail-advocacy demo: accounts, then each domain's content. "
        "It never changes a user or group it did not create: its accounts (editor, alice, "
        'bob, colleague01-24) and groups ("Demo editors", ...) carry the permission '
        '"Created by the wagtail-advocacy demo"; when one of those names is already taken '
        "on the site, it stops with an error and changes nothing."
    )

    def add_arguments(self, parser):
        parser.epilog = "Content, in order: " + "; ".join(
            f"{loader.name} ({loader.help})" if loader.help else loader.name
            for loader in demo_loaders
        )
        parser.add_argument(
            "--no-users",
            action="store_true",
            help="Do not create the demo accounts (they have a known password).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off. Never do this on a production intranet.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "advocacy_demo creates accounts with a known password; it only runs with "
                "DEBUG on, or with --force."
            )
        accounts = demo.accounts()
        with transaction.atomic():
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site is None:
                raise CommandError("No default Wagtail site: create one first.")
            run = demo.DemoRun(
                site=site, editors_group=accounts["editors_group"], stdout=self.stdout
            )
            # Every name first, so a refusal lists them all before anything changes.
            demo.check_free(
                usernames=[]
                if options["no_users"]
                else [a["username"] for a in accounts["accounts"]],
                group_names=self._group_names(accounts),
            )
            self._groups(run, accounts)
            if not options["no_users"]:
                self._users(run, accounts)
            ready = [loader.load(run) for loader in demo_loaders]

        done = "; ".join(text for text in ready if text)
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {done}" if done else "Demo ready."))
        if run.users:
            self.stdout.write(f"Demo accounts (password for all: {accounts['password']})")
            for account in accounts["accounts"]:
                role = "editor, can use /admin/" if account["editor"] else "employee"
                name = f"{account['first_name']} {account['last_name']}"
                self.stdout.write(f"  {account['username']:<8} {name} ({role})")

    def _group_names(self, accounts):
        names = {name for account in accounts["accounts"] for name in account["groups"]}
        return sorted(names | {accounts["editors_group"]})

    def _groups(self, run, accounts):
        """The accounts' groups, and the demo's editors, who may use the Wagtail admin."""
        for name in self._group_names(accounts):
            run.group(name)
        run.editors.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        demo.grant_collections(run.editors)

    def _users(self, run, accounts):
        for account in accounts["accounts"]:
            user, created = demo.demo_user(account["username"])
            user.first_name, user.last_name = account["first_name"], account["last_name"]
            user.email = f"{account['username']}@example.com"
            user.is_staff = account["editor"]
            if created:
                # Only then: a new password changes the session hash and logs them out.
                user.set_password(accounts["password"])
            user.save()
            user.groups.set([run.group(name) for name in account["groups"]])
            run.users[account["username"]] = user
