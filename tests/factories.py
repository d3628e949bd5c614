"""Test data shared by every domain, made through the package's public services.

Ambassadors join through ``join_program``, shares go through ``record_share``, clicks
through ``record_click``, quiz passes through ``submit_quiz``, points through
``award_points`` and conversions through ``record_conversion``: a factory builds what a
real employee or integration would, rules included. Where a test needs history (a share
in March, an ambassador who joined in January), the factory records it now and then moves
its timestamp, the only write that goes around a service.

Pages are Wagtail pages added under a parent (the site root, the share hub, the training
index), as an editor would place them.
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from wagtail_advocacy.ambassadors.services import join_program, leave_program
from wagtail_advocacy.conversions.services import record_conversion
from wagtail_advocacy.models import (
    Campaign,
    LinkClick,
    ShareablePage,
    ShareEvent,
    ShareHubPage,
    SuggestedPost,
    TrainingIndexPage,
    TrainingModulePage,
)
from wagtail_advocacy.recognition.services import award_points
from wagtail_advocacy.sharing.services import get_or_create_link, record_click, record_share
from wagtail_advocacy.training.services import submit_quiz

_numbers = itertools.count(1)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
DEFAULT_SHARE_TEXT = "Have a look at this"
VISIBLE = {"show_in_directory": True, "show_on_leaderboards": True, "allow_spotlight": True}


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    """An aware datetime on ``day`` in the current time zone."""
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


# People.


def user(username=None, *, email=None, password="pw", groups=(), **fields):
    """An employee account (``fields`` are the user's, e.g. ``first_name``)."""
    username = username or f"employee{next(_numbers)}"
    email = f"{username}@example.com" if email is None else email
    fields.setdefault("first_name", username.title())
    account = get_user_model().objects.create_user(username, email, password, **fields)
    if groups:
        account.groups.add(*groups)
    return account


def ambassador(
    who=None,
    *,
    expertise=(),
    networks=None,
    joined_at=None,
    active=True,
    **fields,
):
    """Opt an employee in with ``join_program`` and return the profile.

    ``who`` is a user, a username (the account is created when it does not exist yet) or
    None for a new employee; ``fields`` are the profile choices (department, visibility…).
    ``joined_at`` moves the recorded opt-in time; ``active=False`` then leaves the program
    (``leave_program``, history kept).
    """
    if who is None or isinstance(who, str):
        existing = get_user_model().objects.filter(username=who).first() if who else None
        who = existing or user(who)
    profile = join_program(who, fields=fields, expertise=list(expertise), networks=networks or {})
    if joined_at is not None:
        type(profile).objects.filter(pk=profile.pk).update(opted_in_at=joined_at)
        profile.opted_in_at = joined_at
    if not active:
        leave_program(who)
        profile.refresh_from_db()
    return profile


# Pages and campaigns.


def site_root():
    return Site.objects.get(is_default_site=True).root_page


def hub(parent=None, *, title="Share hub", slug="share"):
    return (parent or site_root()).add_child(instance=ShareHubPage(title=title, slug=slug))


def campaign(**fields):
    today = timezone.localdate()
    fields.setdefault("name", "We are hiring")
    fields.setdefault("objective", "recruiting")
    fields.setdefault("starts_on", today - datetime.timedelta(days=10))
    fields.setdefault("ends_on", today + datetime.timedelta(days=50))
    fields.setdefault("target_shares", 100)
    return Campaign.objects.create(**fields)


def shareable_page(
    parent,
    *,
    posts=(("linkedin", "A suggestion worth sharing"),),
    tags=(),
    audience=(),
    live=True,
    revision=True,
    **fields,
):
    """A shareable page under ``parent`` (the share hub); ``fields`` set the page's fields.

    With ``revision`` (the default) the page is published as an editor publishes it;
    without, it is saved live with no revision: faster, enough for the services' rules.
    """
    number = next(_numbers)
    fields.setdefault("title", f"Shareable page {number}")
    fields.setdefault("slug", f"shareable-{number}")
    fields.setdefault("summary", "Something our colleagues did.")
    fields.setdefault("share_url", "https://www.example.com/stories/one?lang=en")
    if not revision:
        page = parent.add_child(instance=ShareablePage(live=live, **fields))
    else:
        page = ShareablePage(**fields)
        page.suggested_posts = [
            SuggestedPost(network=network, text=text) for network, text in posts
        ]
        parent.add_child(instance=page)
    if tags:
        page.tags.set(list(tags))
    if audience:
        page.audience_groups.set(list(audience))
    if tags or audience:
        page.save()
    if revision:
        if live:
            page.save_revision().publish()
        else:
            page.live = False
            page.save()
    return ShareablePage.objects.get(pk=page.pk)


# Training.


LESSONS = [
    (
        "lesson",
        {
            "title": "Be yourself",
            "body": [
                ("rich_text", "<p>Write as you speak.</p>"),
                (
                    "do_dont",
                    {"do": "Say why it matters to you", "dont": "Paste the press release"},
                ),
            ],
        },
    ),
    (
        "lesson",
        {
            "title": "Good and bad posts",
            "body": [
                (
                    "example_post",
                    {
                        "network": "linkedin",
                        "good": "My team shipped this, here is what I learned.",
                        "bad": "REVOLUTIONARY product!!!",
                        "why": "A person, a detail, no shouting.",
                    },
                ),
                (
                    "checklist",
                    {"title": "Before posting", "items": ["Read it aloud", "No secrets"]},
                ),
                ("callout", {"kind": "warning", "title": "Careful", "text": "<p>Disclose.</p>"}),
            ],
        },
    ),
    ("lesson", {"title": "Answering comments", "body": [("rich_text", "<p>Reply kindly.</p>")]}),
]


def question(text, kind, choices, right, explanation):
    return (
        "question",
        {
            "question": text,
            "kind": kind,
            "choices": [{"text": c, "correct": i in right} for i, c in enumerate(choices)],
            "explanation": explanation,
        },
    )


QUIZ = [
    question("Whose voice?", "single", ["Yours", "The brand's"], {0}, "People trust people."),
    question(
        "What must never be shared?",
        "multiple",
        ["Client names under NDA", "Unreleased figures", "A published article"],
        {0, 1},
        "Confidential information stays inside.",
    ),
    question("Disclose you work here?", "single", ["Yes", "No"], {0}, "It is the law."),
]


def training_index(parent=None, *, title="Training", slug="training"):
    return (parent or site_root()).add_child(instance=TrainingIndexPage(title=title, slug=slug))


def training_module(parent, *, lessons=LESSONS, quiz=QUIZ, **fields):
    """A live module under ``parent`` (no revision: fast); stream ids are stable."""
    number = next(_numbers)
    fields.setdefault("title", f"Module {number}")
    fields.setdefault("slug", f"module-{number}")
    fields.setdefault("summary", "How to share well.")
    module = TrainingModulePage(lessons=list(lessons), quiz=list(quiz), **fields)
    parent.add_child(instance=module)
    return TrainingModulePage.objects.get(pk=module.pk)


def all_right(module):
    """The right answers of ``module``'s quiz, as the form posts them."""
    answers = {}
    for block in module.quiz:
        answers[block.id] = [
            str(i) for i, choice in enumerate(block.value["choices"]) if choice["correct"]
        ]
    return answers


def pass_quiz(employee, module):
    """Pass ``module``'s quiz with every answer right, through ``submit_quiz``."""
    return submit_quiz(employee, module, all_right(module))


# Shares, clicks, conversions, points.


def share(employee, page, network="linkedin", text=None, *, when=None, personalised=None):
    """Share ``page`` through ``record_share`` and return its ``ShareResult``.

    Without ``text``, the page's first suggested post is shared unchanged (or a plain
    sentence when it has none); ``personalised=True`` writes the employee's own words.
    ``when`` moves the recorded share to that moment.
    """
    if text is None:
        suggestion = page.suggested_posts.values_list("text", flat=True).first()
        if personalised:
            text = f"In my own words: {suggestion or page.title}"
        else:
            text = suggestion or DEFAULT_SHARE_TEXT
    result = record_share(employee, page, network, text)
    if when is not None:
        ShareEvent.objects.filter(pk=result.event.pk).update(created_at=when)
    return result


def tracked_link(employee, page, network="linkedin"):
    return get_or_create_link(employee, page, network)


_visitor_numbers = itertools.count(1)


def click(link, when=None, *, unique=True, count=1, agent=BROWSER):
    """``count`` people click ``link`` through ``record_click``; returns the clicks.

    Unique clicks come from new visitors; ``unique=False`` clicks come back from a visitor
    who already clicked ``link`` through this factory. ``when`` moves the clicks there.
    """
    visitors = getattr(link, "_factory_visitors", None)
    if visitors is None:
        visitors = link._factory_visitors = []
    clicks = []
    for _ in range(count):
        if unique:
            # A new address for every unique click of the run: a random one could repeat
            # an address that clicked the same link today through another instance of it.
            number = next(_visitor_numbers)
            address = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
            visitors.append(address)
        elif visitors:
            address = visitors[-1]
        else:
            raise ValueError("A repeat click needs an earlier unique click on the same link.")
        request = RequestFactory().get("/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
        made = record_click(link, request)
        assert made is not None and made.is_unique is unique
        clicks.append(made)
    if when is not None:
        LinkClick.objects.filter(pk__in=[c.pk for c in clicks]).update(clicked_at=when)
    return clicks


def conversion(*, kind="application", source="admin", link=None, **fields):
    """Record a conversion through ``record_conversion`` (credited to ``link`` if given)."""
    return record_conversion(
        kind=kind, source=source, token=link.token if link else None, **fields
    ).conversion


def points(employee, amount, *, action="suggestion_accepted", related=None, note=""):
    """Award ``amount`` points through ``award_points``; returns the entry or None.

    ``related`` is what the points are for; by default a new group, since an accepted
    suggestion is earned once per object (any object will do).
    """
    if related is None:
        related = Group.objects.create(name=f"points-{next(_numbers)}")
    return award_points(employee, action, related, points=amount, note=note)
