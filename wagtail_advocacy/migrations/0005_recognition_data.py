"""Default badges, created once by slug: editors may rename, retune or switch them off."""

from django.db import migrations

DEFAULT_BADGES = [
    # slug, name, kind, threshold, icon, description, order
    ("first-share", "First share", "first_share", 1, "upload", "Shared a page for the first time.", 10),
    ("storyteller", "Storyteller", "shares", 10, "openquote", "Shared ten different pages.", 20),
    ("multi-network", "On every network", "networks", 3, "globe", "Shared on three different networks.", 30),
    ("first-clicks", "People are listening", "clicks", 25, "link", "Your links brought 25 unique visitors.", 40),
    ("crowd-puller", "Crowd puller", "clicks", 250, "group", "Your links brought 250 unique visitors.", 50),
    ("regular", "Regular", "streak", 4, "calendar-check", "Shared something four weeks in a row.", 60),
    ("trained", "Trained", "trainings", 1, "tick", "Passed a training module.", 70),
    ("idea-maker", "Idea maker", "suggestions", 1, "comment", "A content idea of yours was accepted.", 80),
]


def create_badges(apps, schema_editor):
    Badge = apps.get_model("wagtail_advocacy", "Badge")
    for slug, name, kind, threshold, icon, description, order in DEFAULT_BADGES:
        Badge.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "threshold": threshold,
                "icon": icon,
                "description": description,
                "sort_order": order,
            },
        )


def remove_badges(apps, schema_editor):
    Badge = apps.get_model("wagtail_advocacy", "Badge")
    Badge.objects.filter(slug__in=[b[0] for b in DEFAULT_BADGES], awards__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("wagtail_advocacy", "0004_recognition")]

    operations = [migrations.RunPython(create_badges, remove_badges)]
