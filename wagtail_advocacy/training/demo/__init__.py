"""Demo training: an index and three modules per language (``en.toml``, ``fr.toml``), and
post templates (``content.toml``).

The example intranet has no Wagtail i18n, so the French modules live under their own
"Formation" index, in the French locale: shown in French, and counted for French readers.
Stream block ids are derived from the slugs so running the demo again updates the text
without invalidating the lessons employees already marked as read.
"""

import uuid

from django.contrib.auth.models import Permission

from wagtail_advocacy.core.demo import demo_page, grant_pages, read, set_language
from wagtail_advocacy.core.registries import DemoLoader, demo_loaders
from wagtail_advocacy.training.models import PostTemplate
from wagtail_advocacy.training.pages import TrainingIndexPage, TrainingModulePage

LANGUAGES = ("en", "fr")  # one data file each, ``<language>.toml``
NAMESPACE = uuid.UUID("6f1c2a4e-8f7b-4d0a-9a51-3b1f0c2d7e90")
PASS_MARK = 75


def _id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _block(block):
    """A lesson block of a data file: its ``type``, then its fields (rich text: ``html``)."""
    kind = block["type"]
    if kind == "rich_text":
        return kind, block["html"]
    return kind, {key: value for key, value in block.items() if key != "type"}


def _question(spec):
    """A question of a data file: its answers in order, the right ones marked
    ``right = true``."""
    choices = [
        {"text": answer["text"], "correct": bool(answer.get("right"))}
        for answer in spec["answers"]
    ]
    return {
        "question": spec["question"],
        "kind": "multiple" if spec.get("multiple") else "single",
        "choices": choices,
        "explanation": spec["explanation"],
        "lesson": spec.get("lesson"),  # the lesson to read again when it is failed
    }


def _lessons_raw(slug, lessons):
    raw = []
    for number, lesson in enumerate(lessons):
        body = [
            {"type": kind, "value": value, "id": _id(slug, "lesson", number, index)}
            for index, (kind, value) in enumerate(map(_block, lesson["blocks"]))
        ]
        raw.append(
            {
                "type": "lesson",
                "value": {"title": lesson["title"], "body": body},
                "id": _id(slug, "lesson", number),
            }
        )
    return raw


def _quiz_raw(slug, questions):
    return [
        {"type": "question", "value": _question(spec), "id": _id(slug, "question", number)}
        for number, spec in enumerate(questions)
    ]


def _index(root, spec):
    index = TrainingIndexPage.objects.filter(slug=spec["slug"]).first()
    if index is None:
        index = root.add_child(instance=TrainingIndexPage(slug=spec["slug"], title=spec["title"]))
    index.title = spec["title"]
    index.intro = spec["intro"]
    index.save_revision().publish()
    return index


def _module(index, spec):
    return demo_page(
        index,
        TrainingModulePage,
        spec["slug"],
        {
            "title": spec["title"],
            "summary": spec["summary"],
            "level": spec["level"],
            "estimated_minutes": spec["minutes"],
            "networks": spec["networks"],
            "lessons": _lessons_raw(spec["slug"], spec["lessons"]),
            "quiz": _quiz_raw(spec["slug"], spec["quiz"]),
            "pass_mark": PASS_MARK,
        },
        relations={"tags": spec["tags"]},
        among=TrainingModulePage.objects.child_of(index),
    )


def load(run):
    """Create or update the demo training: an index and its modules per language, the post
    templates; editors may write modules and templates and read the training statistics."""
    editors = run.editors
    modules = []
    for language in LANGUAGES:
        data = read(__name__, f"{language}.toml")
        index = _index(run.root, data["index"])
        set_language(index, language)  # so the French index and modules are shown in French
        grant_pages(editors, index)
        modules += [_module(index, module) for module in data["modules"]]
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtail_advocacy",
            codename__in=[
                "add_posttemplate",
                "change_posttemplate",
                "delete_posttemplate",
                "view_trainingcompletion",
            ],
        )
    )
    for spec in read(__name__, "content.toml")["post_templates"]:
        template, _created = PostTemplate.objects.update_or_create(
            title=spec["title"],
            defaults={key: spec[key] for key in ("network", "language", "text")},
        )
        template.tags.set(spec["tags"])
        template.save()


demo_loaders.register(
    DemoLoader("training", load, "trainings in English and French, and post templates"),
    order=30,
)
