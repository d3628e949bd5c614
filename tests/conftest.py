import datetime
import itertools

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from wagtail_advocacy.models import Campaign, ShareablePage, ShareHubPage, SuggestedPost

_slugs = itertools.count(1)


@pytest.fixture
def root_page(db):
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def hub(root_page):
    return root_page.add_child(instance=ShareHubPage(title="Share hub", slug="share"))


@pytest.fixture
def campaign(db):
    today = timezone.localdate()
    return Campaign.objects.create(
        name="We are hiring",
        objective="recruiting",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=50),
        target_shares=100,
    )


@pytest.fixture
def make_page(hub):
    """Publish a shareable page under the hub; keyword arguments set its fields."""

    def make(
        *,
        posts=(("linkedin", "A suggestion worth sharing"),),
        tags=(),
        audience=(),
        live=True,
        **fields,
    ):
        number = next(_slugs)
        fields.setdefault("title", f"Shareable page {number}")
        fields.setdefault("slug", f"shareable-{number}")
        fields.setdefault("summary", "Something our colleagues did.")
        fields.setdefault("share_url", "https://www.example.com/stories/one?lang=en")
        page = ShareablePage(**fields)
        page.suggested_posts = [
            SuggestedPost(network=network, text=text) for network, text in posts
        ]
        hub.add_child(instance=page)
        if tags:
            page.tags.set(list(tags))
        if audience:
            page.audience_groups.set(list(audience))
        if tags or audience:
            page.save()
        if live:
            page.save_revision().publish()
        else:
            page.live = False
            page.save()
        return ShareablePage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def page(make_page, campaign):
    return make_page(
        campaign=campaign,
        posts=[
            ("linkedin", "My team is hiring, have a look"),
            ("x", "We're hiring in Lyon"),
        ],
    )


@pytest.fixture
def engineering(db):
    return Group.objects.create(name="Engineering")


@pytest.fixture
def employee(django_user_model, engineering):
    user = django_user_model.objects.create_user(
        "alice", "alice@example.com", "pw", first_name="Alice", last_name="Martin"
    )
    user.groups.add(engineering)
    return user


@pytest.fixture
def other_employee(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", "pw")


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client
