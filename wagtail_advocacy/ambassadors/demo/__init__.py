"""Demo ambassadors (``content.toml``): profiles for the demo accounts, a directory and a
spotlight story with a drawn portrait. Safe to run again: it updates what it created before.

The story's favourite shareable pages are picked by the sharing demo, which runs after.
"""

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.ambassadors.pages import AmbassadorIndexPage, AmbassadorSpotlightPage
from wagtail_advocacy.ambassadors.services import join_program, update_profile
from wagtail_advocacy.core.demo import demo_page, grant, grant_pages, read
from wagtail_advocacy.core.demo.images import demo_image, portrait
from wagtail_advocacy.core.registries import DemoLoader, demo_loaders


def load(run):
    """Profiles for the demo accounts there are, the directory and the spotlight stories."""
    data = read(__name__, "content.toml")
    profiles = {}
    for username, spec in data["profiles"].items():
        user = run.users.get(username)
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

    index = _index(run.root, data["index"])
    # Editors see the profile list and write spotlight stories under the directory.
    grant(run.editors, "view_ambassadorprofile", "view_employeerecord")
    grant_pages(run.editors, index)
    for spec in data["spotlights"]:
        if spec["ambassador"] in profiles:
            _spotlight(index, profiles[spec["ambassador"]], spec)


def _index(root, spec):
    index = AmbassadorIndexPage.objects.filter(slug=spec["slug"]).first()
    if index is None:
        index = root.add_child(
            instance=AmbassadorIndexPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"]
            )
        )
    return index


def _story(blocks):
    """A story block of the data file: its ``type``, then its fields (rich text: ``html``);
    a field left out is empty (None: TOML has no null)."""
    stream = AmbassadorSpotlightPage._meta.get_field("story").stream_block
    story = []
    for block in blocks:
        kind = block["type"]
        if kind == "rich_text":
            story.append((kind, block["html"]))
            continue
        fields = stream.child_blocks[kind].child_blocks
        story.append((kind, {name: block.get(name) for name in fields}))
    return story


def _spotlight(index, profile, spec):
    return demo_page(
        index,
        AmbassadorSpotlightPage,
        spec["slug"],
        {
            "title": spec["title"],
            "headline": spec["headline"],
            "profile": profile,
            "portrait": _portrait(spec, profile),
            "quote": spec["quote"],
            "story": _story(spec["story"]),
        },
    )


def _portrait(spec, profile):
    """The story's portrait (``[spotlights.portrait]``): the ambassador's initials in the
    ``colours`` given, a drawing rather than anyone's photo."""
    picture = spec.get("portrait")
    if picture is None:
        return None
    name = profile.public_name
    initials = picture.get("initials") or "".join(word[0] for word in name.split()[:2])
    return demo_image(
        picture.get("title", name),
        lambda: portrait(initials.upper(), picture.get("colours")),
        f"demo-{spec['slug']}-portrait",
    )


demo_loaders.register(
    DemoLoader("ambassadors", load, "profiles, the ambassador directory and a spotlight story"),
    order=40,
)
