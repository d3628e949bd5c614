"""Fixtures every domain uses: the site, the share hub, a campaign, a page, employees.

They are thin wrappers over ``tests/factories.py``; domain-only fixtures live in the
domain's own ``conftest.py``.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from tests import factories

# tests/worker/ needs a real queue and a database file its workers share: it runs with
# tests.settings_worker (make worker-test), not with the in-memory default.
collect_ignore = [] if "django_tasks_db" in settings.INSTALLED_APPS else ["worker"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test's rows (the site settings
    the share rules cache, a throttle) must not outlive it there."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def root_page(db):
    return factories.site_root()


@pytest.fixture
def hub(root_page):
    return factories.hub(root_page)


@pytest.fixture
def campaign(db):
    return factories.campaign()


@pytest.fixture
def make_page(hub):
    """Publish a shareable page under the hub; keyword arguments set its fields."""

    def make(**fields):
        return factories.shareable_page(hub, **fields)

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
def employee(db, engineering):
    return factories.user("alice", first_name="Alice", last_name="Martin", groups=[engineering])


@pytest.fixture
def other_employee(db):
    return factories.user("bob", first_name="")


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


@pytest.fixture
def queued(settings):
    """A task queue that keeps what is enqueued (a worker would run it) instead of running
    it in the request, as production's; the click batch's throttle starts afresh."""
    from django.core.cache import cache

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    cache.clear()
    yield
    cache.clear()
