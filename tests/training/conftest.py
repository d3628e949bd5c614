import itertools

import pytest
from django.utils import timezone

from wagtail_advocacy.models import AmbassadorProfile, TrainingIndexPage, TrainingModulePage

_numbers = itertools.count(1)

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


@pytest.fixture
def training_index(root_page):
    return root_page.add_child(instance=TrainingIndexPage(title="Training", slug="training"))


@pytest.fixture
def make_module(training_index):
    """A live module under the training index (no revision: fast); stream ids are stable."""

    def make(*, lessons=LESSONS, quiz=QUIZ, parent=None, **fields):
        number = next(_numbers)
        fields.setdefault("title", f"Module {number}")
        fields.setdefault("slug", f"module-{number}")
        fields.setdefault("summary", "How to share well.")
        module = TrainingModulePage(lessons=list(lessons), quiz=list(quiz), **fields)
        (parent or training_index).add_child(instance=module)
        return TrainingModulePage.objects.get(pk=module.pk)

    return make


@pytest.fixture
def module(make_module):
    return make_module(title="Share as yourself", pass_mark=80)


def ids(module):
    return [block.id for block in module.quiz]


def all_right(module):
    """The right answers of ``module``'s quiz, as the form posts them."""
    answers = {}
    for block in module.quiz:
        answers[block.id] = [
            str(i) for i, choice in enumerate(block.value["choices"]) if choice["correct"]
        ]
    return answers


def as_post(answers):
    return {f"q_{qid}": values for qid, values in answers.items()}


@pytest.fixture
def make_ambassador(django_user_model):
    def make(username, department="", active=True, **fields):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
        AmbassadorProfile.objects.create(
            user=user,
            department=department,
            is_active=active,
            opted_in_at=timezone.now(),
            consent_version="test",
            **fields,
        )
        return user

    return make
