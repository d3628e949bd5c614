"""Demo share hub and shareable pages with suggested posts and their illustrations
(``content.toml``; the pictures are drawn when the demo runs, see ``core.demo.images``).

Two loaders: the hub and its pages, early, since later domains share and train on them;
then, once the ambassadors demo has written its spotlight stories, the shareable pages
those stories show as the ambassador's favourites.
"""

from wagtail_advocacy.ambassadors.pages import (
    AmbassadorSpotlightFavourite,
    AmbassadorSpotlightPage,
)
from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.core.demo import demo_page, grant, grant_pages, read
from wagtail_advocacy.core.demo.images import banner, demo_image
from wagtail_advocacy.core.registries import DemoLoader, demo_loaders
from wagtail_advocacy.sharing.pages import ShareablePage, ShareHubPage, SuggestedPost


def content():
    return read(__name__, "content.toml")


def load(run):
    data = content()
    hub = _hub(run.root, data["hub"])
    grant(run.editors, "view_shareevent", "view_trackedlink", "view_linkclick")
    grant_pages(run.editors, hub)
    for spec in data["pages"]:
        _page(hub, spec, run)
    return f"the share hub is at {hub.url}"


def _hub(root, spec):
    hub = ShareHubPage.objects.filter(slug=spec["slug"]).first()
    if hub is None:
        hub = root.add_child(
            instance=ShareHubPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
        )
    return hub


def _page(hub, spec, run):
    campaign = spec.get("campaign")
    return demo_page(
        hub,
        ShareablePage,
        spec["slug"],
        {
            "title": spec["title"],
            "summary": spec["summary"],
            "image": _image(spec),
            "content_format": spec["format"],
            "share_url": spec["share_url"],
            "campaign": Campaign.objects.filter(slug=campaign).first() if campaign else None,
            "body": [("rich_text", spec["body"])],
            "suggested_posts": [
                SuggestedPost(network=post["network"], text=post["text"], sort_order=index)
                for index, post in enumerate(spec["posts"])
            ],
        },
        relations={
            "tags": spec["tags"],
            "audience_groups": [run.group(name) for name in spec["audience"]],
        },
    )


def _image(spec):
    """The page's illustration (``[pages.image]``: its ``text``, and its ``colours``)."""
    picture = spec.get("image")
    if picture is None:
        return None
    text = picture.get("text", spec["title"])
    return demo_image(text, lambda: banner(text, picture.get("colours")), f"demo-{spec['slug']}")


def load_favourites(run):
    """Pick the favourites of the ambassadors' spotlight stories; publish only a change."""
    for spec in content()["spotlight_favourites"]:
        story = AmbassadorSpotlightPage.objects.filter(slug=spec["spotlight"]).first()
        if story is None:
            continue
        pages = {page.slug: page for page in ShareablePage.objects.filter(slug__in=spec["pages"])}
        wanted = [pages[slug] for slug in spec["pages"] if slug in pages]
        if [favourite.page_id for favourite in story.favourites.all()] == [p.pk for p in wanted]:
            continue
        story.favourites = [
            AmbassadorSpotlightFavourite(page=page, sort_order=index)
            for index, page in enumerate(wanted)
        ]
        story.save_revision().publish()


demo_loaders.register(
    DemoLoader("share hub", load, "the share hub and shareable pages with suggested posts"),
    order=20,
)
demo_loaders.register(
    DemoLoader(
        "spotlight favourites",
        load_favourites,
        "the shareable pages the ambassadors' spotlight stories show as favourites",
    ),
    order=45,
)
