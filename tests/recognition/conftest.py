import itertools

import pytest
from django.utils import timezone

from wagtail_advocacy.models import AmbassadorProfile, ShareablePage
from wagtail_advocacy.sharing.services import record_share

_numbers = itertools.count(1)


def join(user, *, department="Engineering", visible=True, **fields):
    """Opt ``user`` in, as the ambassadors' join flow would."""
    profile, _created = AmbassadorProfile.objects.update_or_create(
        user=user,
        defaults={
            "department": department,
            "show_on_leaderboards": visible,
            "opted_in_at": timezone.now(),
            "consent_version": "test",
            "is_active": True,
            **fields,
        },
    )
    return profile


@pytest.fixture
def ambassador(employee):
    join(employee)
    return employee


@pytest.fixture
def make_user(django_user_model):
    def make(username=None, *, department="Engineering", visible=True, joined=True, **fields):
        username = username or f"user{next(_numbers)}"
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", "pw", first_name=username.title()
        )
        if joined:
            join(user, department=department, visible=visible, **fields)
        return user

    return make


@pytest.fixture
def quick_page(hub):
    """A live shareable page without revisions: fast, enough for the ledger's rules."""

    def make(**fields):
        number = next(_numbers)
        fields.setdefault("title", f"Story {number}")
        fields.setdefault("slug", f"story-{number}")
        fields.setdefault("summary", "Something our colleagues did.")
        fields.setdefault("share_url", f"https://www.example.com/stories/{number}")
        return hub.add_child(instance=ShareablePage(live=True, **fields))

    return make


@pytest.fixture
def share(django_capture_on_commit_callbacks):
    """Share through the real service, running what waits for the commit."""

    def do(user, page, network="linkedin", text="Have a look at this"):
        with django_capture_on_commit_callbacks(execute=True):
            return record_share(user, page, network, text)

    return do


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a callable and then the callbacks its transaction left for after the commit."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


@pytest.fixture
def no_default_badges(db):
    """Remove the badges the data migration ships, so a test sets exactly its own."""
    from wagtail_advocacy.models import Badge

    Badge.objects.all().delete()
