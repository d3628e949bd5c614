"""Demo campaigns (``content.toml``), owned by the demo editor; editors may manage them."""

from django.utils import timezone

from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.core.demo import day, grant, read
from wagtail_advocacy.core.registries import DemoLoader, demo_loaders


def load(run):
    today = timezone.localdate()
    owner = run.users.get("editor")
    for spec in read(__name__, "content.toml")["campaigns"]:
        Campaign.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "objective": spec["objective"],
                "description": spec["description"],
                "starts_on": day(spec["starts_on"], today),
                "ends_on": day(spec["ends_on"], today),
                "owner": owner,
                **spec["targets"],
            },
        )
    grant(run.editors, "add_campaign", "change_campaign", "delete_campaign")


demo_loaders.register(
    DemoLoader("campaigns", load, "two campaigns with objectives and KPI targets"), order=10
)
