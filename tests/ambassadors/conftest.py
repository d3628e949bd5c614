import itertools

import pytest

from wagtail_advocacy.ambassadors.services import join_program
from wagtail_advocacy.models import AmbassadorIndexPage, AmbassadorSpotlightPage

_numbers = itertools.count(1)

VISIBLE = {"show_in_directory": True, "show_on_leaderboards": True, "allow_spotlight": True}


@pytest.fixture
def make_ambassador(django_user_model):
    """Create an employee and opt them in; ``fields`` are their profile choices."""

    def make(username=None, *, expertise=(), networks=None, **fields):
        number = next(_numbers)
        username = username or f"employee{number}"
        user = django_user_model.objects.filter(username=username).first()
        if user is None:
            user = django_user_model.objects.create_user(
                username, f"{username}@example.com", "pw", first_name=username.title()
            )
        return join_program(
            user, fields=fields, expertise=list(expertise), networks=networks or {}
        )

    return make


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
