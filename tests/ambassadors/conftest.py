import itertools

import pytest

from tests import factories
from tests.factories import VISIBLE  # noqa: F401  (tests import it from here)
from wagtail_advocacy.models import AmbassadorIndexPage, AmbassadorSpotlightPage

_numbers = itertools.count(1)


@pytest.fixture
def make_ambassador(db):
    """Create an employee and opt them in; ``fields`` are their profile choices.

    ``make_ambassador(username=None, *, expertise=(), networks=None, **fields)`` returns
    the profile (``factories.ambassador``, through ``join_program``).
    """
    return factories.ambassador


@pytest.fixture
def visible_ambassador(make_ambassador, employee):
    return make_ambassador(
        employee.username,
        display_name="Alice Martin",
        department="Engineering",
        job_title="Backend engineer",
        expertise=["python"],
        networks={"linkedin": 500},
        **VISIBLE,
    )


@pytest.fixture
def ambassador_index(root_page):
    return root_page.add_child(
        instance=AmbassadorIndexPage(title="Our ambassadors", slug="ambassadors")
    )


@pytest.fixture
def make_spotlight(ambassador_index):
    def make(profile, *, live=True, **fields):
        number = next(_numbers)
        fields.setdefault("title", f"Meet ambassador {number}")
        fields.setdefault("slug", f"meet-{number}")
        fields.setdefault("headline", f"Headline {number}")
        page = AmbassadorSpotlightPage(profile=profile, **fields)
        ambassador_index.add_child(instance=page)
        if live:
            page.save_revision().publish()
        else:
            page.live = False
            page.save()
        return AmbassadorSpotlightPage.objects.get(pk=page.pk)

    return make
