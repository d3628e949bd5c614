import itertools

import pytest

from tests import factories

_numbers = itertools.count(1)


def join(user, *, department="Engineering", visible=True, **fields):
    """Opt ``user`` in through the ambassadors' join service; returns the profile."""
    return factories.ambassador(
        user, department=department, show_on_leaderboards=visible, **fields
    )


@pytest.fixture
def ambassador(employee):
    join(employee)
    return employee


@pytest.fixture
def make_user(db):
    def make(username=None, *, department="Engineering", visible=True, joined=True, **fields):
        user = factories.user(username or f"user{next(_numbers)}")
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
        fields.setdefault("share_url", f"https://www.example.com/stories/{number}")
        return factories.shareable_page(hub, revision=False, **fields)

    return make


@pytest.fixture
def share(django_capture_on_commit_callbacks):
    """Share through the real service, running what waits for the commit."""

    def do(user, page, network="linkedin", text=factories.DEFAULT_SHARE_TEXT):
        with django_capture_on_commit_callbacks(execute=True):
            return factories.share(user, page, network, text)

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
