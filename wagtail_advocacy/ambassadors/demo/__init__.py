"""Demo ambassadors: profiles for the demo accounts, a directory and one spotlight story.

Run by ``advocacy_demo``; safe to run again (it updates what it created before).
"""

from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.ambassadors.pages import (
    AmbassadorIndexPage,
    AmbassadorSpotlightFavourite,
    AmbassadorSpotlightPage,
)
from wagtail_advocacy.ambassadors.services import join_program, update_profile
from wagtail_advocacy.sharing.pages import ShareablePage

PROFILES = {
    "alice": {
        "fields": {
            "display_name": "Alice Martin",
            "job_title": "Backend engineer",
            "department": "Engineering",
            "bio": "Payments team. I like careful code, good coffee and helping juniors grow.",
            "preferred_language": "en",
            "mastodon_instance": "fosstodon.org",
            "show_in_directory": True,
            "show_on_leaderboards": True,
            "allow_spotlight": True,
        },
        "expertise": ["engineering", "jobs", "python"],
        "networks": {"linkedin": 840, "mastodon": 310},
    },
    "bob": {
        "fields": {
            "display_name": "Bob Nguyen",
            "job_title": "Account manager",
            "department": "Sales",
            "bio": "Ten years with our retail customers in the north of France.",
            "preferred_language": "fr",
            "show_in_directory": True,
            "show_on_leaderboards": False,
            "allow_spotlight": False,
        },
        "expertise": ["sales", "events"],
        "networks": {"linkedin": 1900, "x": 420},
    },
}


def load(users, site_root, editors_group=None):
    """Profiles for the demo accounts, the directory page and Alice's spotlight."""
    profiles = {}
    for username, spec in PROFILES.items():
        user = users.get(username)
        if user is None:
            continue
        kwargs = {
            "fields": spec["fields"],
            "expertise": spec["expertise"],
            "networks": spec["networks"],
        }
        if AmbassadorProfile.objects.active().filter(user=user).exists():
            profiles[username] = update_profile(user, **kwargs)
        else:
            profiles[username] = join_program(user, **kwargs)

    index = AmbassadorIndexPage.objects.filter(slug="ambassadors").first()
    if index is None:
        index = site_root.add_child(
            instance=AmbassadorIndexPage(
                title="Our ambassadors",
                slug="ambassadors",
                intro="<p>Colleagues who share our news with their networks. Ask them how "
                "they do it!</p>",
            )
        )
    if editors_group is not None:
        _grant_editors(editors_group, index)
    if "alice" in profiles:
        _spotlight(index, profiles["alice"])
    return index


def _grant_editors(editors_group, index):
    """Editors see the profile list and write spotlight stories under the directory."""
    for codename in ("view_ambassadorprofile", "view_employeerecord"):
        editors_group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtail_advocacy", codename=codename)
        )
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.get_or_create(
            group=editors_group,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
            ),
        )


def _spotlight(index, profile):
    page = AmbassadorSpotlightPage.objects.filter(slug="meet-alice").first()
    created = page is None
    if created:
        page = AmbassadorSpotlightPage(slug="meet-alice")
    page.title = "Meet Alice, backend engineer and recruiter at heart"
    page.headline = "“Half of my team came through my network”"
    page.profile = profile
    page.quote = (
        "I never post ads. I post what my team is proud of, and people ask me how to join."
    )
    page.story = [
        (
            "rich_text",
            "<p>Alice joined the payments team three years ago. Since then she has shared "
            "every engineering job we opened, always with a sentence of her own.</p>",
        ),
        (
            "testimonial",
            {
                "quote": "Alice's post is the reason I applied. She answered all my "
                "questions before the first interview.",
                "name": "Samir",
                "role": "Backend engineer since March",
                "portrait": None,
            },
        ),
    ]
    favourites = ShareablePage.objects.filter(slug="senior-backend-engineer").first()
    page.favourites = (
        [AmbassadorSpotlightFavourite(page=favourites, sort_order=0)] if favourites else []
    )
    if created:
        index.add_child(instance=page)
    page.save_revision().publish()
    return page
