"""Load a believable demo program: a share hub, campaigns, shareable pages with suggested
posts, and demo accounts. Safe to run again: it updates what it created before."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Site

from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.sharing.pages import ShareablePage, ShareHubPage, SuggestedPost

DEMO_PASSWORD = "advocacy-demo"

ACCOUNTS = [
    # username, first name, last name, groups, is editor
    ("editor", "Emma", "Durand", ["Editors", "Communication"], True),
    ("alice", "Alice", "Martin", ["Engineering"], False),
    ("bob", "Bob", "Nguyen", ["Sales"], False),
]

CAMPAIGNS = [
    {
        "slug": "we-are-hiring-engineers",
        "name": "We are hiring engineers",
        "objective": "recruiting",
        "description": "Fill twelve engineering roles through employees' networks.",
        "days": (-20, 70),
        "targets": {
            "target_shares": 300,
            "target_clicks": 2500,
            "target_participation": 25,
            "target_conversions": 12,
        },
    },
    {
        "slug": "life-at-northwind",
        "name": "Life at Northwind",
        "objective": "employer_brand",
        "description": "Show what working here is really like, told by the people who do it.",
        "days": (-40, 140),
        "targets": {
            "target_shares": 800,
            "target_clicks": 6000,
            "target_participation": 35,
            "target_conversions": 0,
        },
    },
]

PAGES = [
    {
        "slug": "senior-backend-engineer",
        "title": "We're hiring a senior backend engineer in Lyon",
        "summary": "Join the payments team: Python, PostgreSQL, and a product used by 2 million "
        "shoppers every day. Remote-friendly, four days a week possible.",
        "format": "job_offer",
        "campaign": "we-are-hiring-engineers",
        "share_url": "https://careers.example.com/jobs/senior-backend-engineer",
        "tags": ["engineering", "jobs"],
        "audience": [],
        "body": "<p>The payments team is looking for a senior backend engineer. You will design "
        "services that move money safely, mentor two juniors and choose your tools.</p>",
        "posts": [
            (
                "linkedin",
                "My team is hiring a senior backend engineer in Lyon. We work on "
                "payments with Python and PostgreSQL, and we ship every day. If you "
                "know someone who loves clean, careful code, send them my way.",
            ),
            (
                "linkedin",
                "Two years ago I joined Northwind's payments team. Now we're growing "
                "and looking for a senior backend engineer. Happy to answer any "
                "question about the job or the team.",
            ),
            (
                "x",
                "My team is hiring a senior backend engineer in Lyon (Python, PostgreSQL, "
                "payments). Questions welcome!",
            ),
            (
                "bluesky",
                "We're hiring a senior backend engineer in Lyon: Python, PostgreSQL "
                "and payments that have to be right. Ask me anything about the team.",
            ),
        ],
    },
    {
        "slug": "a-day-in-the-warehouse",
        "title": "Behind the scenes: a day in our Lille warehouse",
        "summary": "From the 5 a.m. truck to the last parcel at 9 p.m.: Karim and his team "
        "show how 40,000 orders leave Lille every day.",
        "format": "behind_the_scenes",
        "campaign": "life-at-northwind",
        "share_url": "https://www.example.com/stories/a-day-in-lille",
        "tags": ["logistics", "people"],
        "audience": [],
        "body": "<p>Karim has run the night shift for six years. He walked us through a day "
        "in the warehouse, from the first truck to the last parcel.</p>",
        "posts": [
            (
                "linkedin",
                "Ever wondered how 40,000 parcels leave one warehouse every day? "
                "Karim and the Lille team opened their doors. Worth the read.",
            ),
            ("x", "How do 40,000 parcels leave one warehouse every day? Karim shows us."),
            (
                "facebook",
                "Proud of our Lille team: here is what a day in the warehouse really looks like.",
            ),
        ],
    },
    {
        "slug": "our-new-recycled-packaging",
        "title": "Our parcels now ship in 100 % recycled packaging",
        "summary": "After eighteen months of trials, every parcel we send uses recycled "
        "cardboard and paper tape. Here is what we learned on the way.",
        "format": "news",
        "campaign": "life-at-northwind",
        "share_url": "https://www.example.com/news/recycled-packaging",
        "tags": ["sustainability"],
        "audience": [],
        "body": "<p>Eighteen months, four suppliers and a lot of crushed boxes later: every "
        "parcel now ships in recycled packaging.</p>",
        "posts": [
            (
                "linkedin",
                "Eighteen months of trials and a lot of crushed boxes: every parcel "
                "we ship is now in recycled packaging. I worked on the tests and "
                "learned a lot about cardboard.",
            ),
            (
                "bluesky",
                "Every Northwind parcel now ships in recycled packaging. Here's what it took.",
            ),
        ],
    },
    {
        "slug": "sales-kick-off-recap",
        "title": "Sales kick-off 2026: the three things we will do differently",
        "summary": "Our sales teams met in Paris. Here are the three commitments they made "
        "to customers for next year.",
        "format": "event",
        "campaign": None,
        "share_url": "",
        "tags": ["sales", "events"],
        "audience": ["Sales"],
        "body": "<p>Three commitments came out of the kick-off: faster answers, fewer "
        "hand-overs, and honest delivery dates.</p>",
        "posts": [
            (
                "linkedin",
                "Back from our sales kick-off in Paris. My takeaway: customers "
                "remember honest delivery dates far more than fast promises.",
            ),
        ],
    },
]


class Command(BaseCommand):
    help = "Create or update the wagtail-advocacy demo: hub, campaigns, pages and accounts."

    def add_arguments(self, parser):
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
        from django.conf import settings

        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "advocacy_demo creates accounts with a known password; it only runs with "
                "DEBUG on, or with --force."
            )
        with transaction.atomic():
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site is None:
                raise CommandError("No default Wagtail site: create one first.")
            groups = self._groups()
            users = {} if options["no_users"] else self._users(groups)
            campaigns = self._campaigns(users.get("editor"))
            hub = self._hub(site.root_page)
            self._grant_editor_permissions(groups["Editors"], hub)
            for spec in PAGES:
                self._page(hub, spec, campaigns, groups)
            # Each domain adds its demo content from ``wagtail_advocacy/demo/``.
            # --- training ---
            from wagtail_advocacy.training import demo as training_demo

            training_demo.load(site, editors=groups["Editors"])
            # --- end of training ---
            #
            # --- ambassadors ---
            from wagtail_advocacy.ambassadors import demo as ambassadors_demo

            ambassadors_demo.load(users, site.root_page, groups["Editors"])
            # --- end of ambassadors ---
            #
            # --- recognition ---
            from wagtail_advocacy.recognition.demo import load_recognition_demo

            load_recognition_demo()
            # --- end of recognition ---
            #
            # --- kpis ---
            from wagtail_advocacy.dashboard import demo as kpis_demo

            kpis_demo.load(self.stdout, people=bool(users))
            # --- end of kpis ---

        self.stdout.write(self.style.SUCCESS(f"Demo ready: the share hub is at {hub.url}"))
        if users:
            self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
            for username, first, last, _groups, is_editor in ACCOUNTS:
                role = "editor, can use /admin/" if is_editor else "employee"
                self.stdout.write(f"  {username:<8} {first} {last} ({role})")

    def _groups(self):
        names = {name for account in ACCOUNTS for name in account[3]} | {"Editors"}
        return {name: Group.objects.get_or_create(name=name)[0] for name in sorted(names)}

    def _users(self, groups):
        User = get_user_model()
        users = {}
        for username, first, last, group_names, is_editor in ACCOUNTS:
            user, _created = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@example.com"
            user.is_staff = is_editor
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([groups[name] for name in group_names])
            users[username] = user
        return users

    def _grant_editor_permissions(self, editors, hub):
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in (
            "add_campaign",
            "change_campaign",
            "delete_campaign",
            "view_shareevent",
            "view_trackedlink",
            "view_linkclick",
        ):
            editors.permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtail_advocacy", codename=codename
                )
            )
        for permission_type in ("add", "change", "publish"):
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=hub,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
                ),
            )

    def _campaigns(self, owner):
        today = timezone.localdate()
        campaigns = {}
        for spec in CAMPAIGNS:
            start, end = spec["days"]
            campaign, _created = Campaign.objects.update_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "objective": spec["objective"],
                    "description": spec["description"],
                    "starts_on": today + datetime.timedelta(days=start),
                    "ends_on": today + datetime.timedelta(days=end),
                    "owner": owner,
                    **spec["targets"],
                },
            )
            campaigns[spec["slug"]] = campaign
        return campaigns

    def _hub(self, root):
        hub = ShareHubPage.objects.filter(slug="share").first()
        if hub is None:
            hub = root.add_child(
                instance=ShareHubPage(
                    title="Share hub",
                    slug="share",
                    intro="<p>Content picked by the communication team for you to share, "
                    "in your own words, with your own network.</p>",
                )
            )
        return hub

    def _page(self, hub, spec, campaigns, groups):
        page = ShareablePage.objects.filter(slug=spec["slug"]).first()
        created = page is None
        if created:
            page = ShareablePage(slug=spec["slug"])
        page.title = spec["title"]
        page.summary = spec["summary"]
        page.content_format = spec["format"]
        page.share_url = spec["share_url"]
        page.campaign = campaigns.get(spec["campaign"]) if spec["campaign"] else None
        page.body = [("rich_text", spec["body"])]
        page.suggested_posts = [
            SuggestedPost(network=network, text=text, sort_order=index)
            for index, (network, text) in enumerate(spec["posts"])
        ]
        if created:
            hub.add_child(instance=page)
        page.tags.set(spec["tags"])
        page.audience_groups.set([groups[name] for name in spec["audience"]])
        page.save_revision().publish()
        return page
