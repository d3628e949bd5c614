"""Real-browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
``live_server``, which serves the example intranet (``tests.settings``) in a thread.

- Chromium is ``/usr/bin/chromium`` (``apt-get install chromium``); Playwright's own browser
  downloads are never used. Without it the browser tests are skipped locally, and fail in
  CI (``CI=true``), where ``.ci/run`` installs it.
- Every test runs in a real transaction (``live_server`` implies ``transactional_db``) with
  a serialized rollback: the rows the migrations create (the default site and its home
  page, Wagtail's groups, the default badges) are back before each test.
- People log in through the example site's real login form (``LOGIN_URL``).
- Requests that leave the live server (a network's composer opened by a share) never reach
  the internet: the browser context answers them with a blank page.
"""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread
from wagtail.models import GroupPagePermission

from tests import factories
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between two browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class OneRequestAtATime(WSGIServer):
    """The live server answers one request at a time. On SQLite in memory, every request
    thread of Django's threaded live server shares the test's one connection, and two
    requests at once (a page saving while its editor's live checks are asked) break it
    ("bad parameter or other API misuse"). Browsers queue behind it: Django closes each
    connection after its answer when the server is not threaded."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


if connection.vendor == "sqlite":
    LiveServerThread.server_class = OneRequestAtATime

PASSWORD = "browser-tests-pw"
TIMEOUT_MS = 15_000
LOCAL = re.compile(r"^https?://(localhost|127\.0\.0\.1)(:\d+)?/")
# pytest-django's database blocker, kept by restorable_db for the teardown hook below.
_blocker_key = pytest.StashKey()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    """Every browser test uses a committed database restored from the migrations' rows."""
    here = Path(__file__).parent
    marker = pytest.mark.django_db(transaction=True, serialized_rollback=True)
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(marker)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last browser test, put back the rows the migrations made.

    A serialized rollback restores them before each browser test, and so skips the
    post-migrate signal when the database is flushed after it: left as it is, the next
    transactional test of the suite would find no content type, site or page at all.
    """
    yield
    here = Path(__file__).parent
    if nextitem is not None and here in Path(str(nextitem.path)).parents:
        return
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    blocker = item.config.stash.get(_blocker_key, None)
    if blocker is None:
        return
    with blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            flushed = not ContentType.objects.using(connection.alias).exists()
            if contents is not None and flushed:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="session")
def restorable_db(request, django_db_setup, django_db_blocker):
    """Keep the serialized rollback working once Playwright runs.

    Playwright's sync API keeps an asyncio loop running in this thread, and Django's
    connection handler then stores connections per context rather than per thread: the
    tests' ORM calls get a connection object other than the one the test database was
    serialized on, and Django would find no ``_test_serialized_contents`` to restore before
    the next test. The serialized rows are the same for every connection to the database,
    so they are put on the connection class.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents is not None:
                type(connection)._test_serialized_contents = contents
    request.config.stash[_blocker_key] = django_db_blocker


@pytest.fixture(scope="session")
def playwright_session(restorable_db):
    if not CHROMIUM.exists():
        message = (
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(apt-get install chromium)."
        )
        if in_ci():
            pytest.fail(f"{message} In CI (CI=true) a missing browser is a failure.")
        pytest.skip(f"{message} Skipped locally; CI installs it and runs them.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the "test" extra installs it
        if in_ci():
            pytest.fail("playwright is not installed: pip install -e '.[test]'")
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    manager = sync_playwright().start()
    yield manager
    # Close the connections opened while Playwright ran (see restorable_db) now, while they
    # can still be reached: PostgreSQL does not drop a test database that has a client.
    from django.db import connections

    connections.close_all()
    manager.stop()


@pytest.fixture(scope="session")
def browser(playwright_session):
    chromium = playwright_session.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


@pytest.fixture
def public_links(live_server, settings):
    """Tracked links point at the live server itself, so a visitor can follow them."""
    settings.WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = live_server.url
    return live_server.url


def stub_outside_world(route):
    """A network's composer, or anything not on the live server: a blank local answer."""
    route.fulfill(status=200, content_type="text/html", body="<title>Elsewhere</title>")


def make_context(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.route(lambda url: not LOCAL.match(url), stub_outside_world)
    return context


@pytest.fixture
def new_context(browser, live_server, public_links):
    """Open more browser contexts (one per person); all are closed after the test."""
    opened = []

    def new(**options):
        context = make_context(browser, live_server, **options)
        opened.append(context)
        return context

    yield new
    for context in opened:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


def log_in(page, username, password=PASSWORD):
    """Log in through the example site's login form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


# People: an employee (Alice, Engineering, an ambassador) and an editor of the
# communication team with what the demo's editors get (admin, pages, snippets, dashboard).


@pytest.fixture
def engineering(transactional_db):
    return Group.objects.create(name="Engineering")


@pytest.fixture
def employee(engineering):
    user = factories.user(
        "alice",
        first_name="Alice",
        last_name="Martin",
        password=PASSWORD,
        groups=[engineering],
    )
    factories.ambassador(
        user, department="Engineering", networks={"linkedin": 800, "x": 150}, **factories.VISIBLE
    )
    return user


@pytest.fixture
def editor(transactional_db):
    group = Group.objects.create(name="Communication")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="wagtail_advocacy"),
    )
    root = factories.site_root()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    return factories.user(
        "editor",
        first_name="Emma",
        last_name="Durand",
        password=PASSWORD,
        groups=[group],
        is_staff=True,
    )


@pytest.fixture
def employee_page(page, employee):
    return log_in(page, "alice")


@pytest.fixture
def editor_page(page, editor):
    return log_in(page, "editor")


# Content.


@pytest.fixture
def hub(transactional_db):
    return factories.hub(factories.site_root())


@pytest.fixture
def campaign(transactional_db):
    return factories.campaign(name="We are hiring", slug="we-are-hiring")


@pytest.fixture
def shareable(hub, campaign, live_server):
    """A page to share whose public URL is a page of the live server itself."""
    return factories.shareable_page(
        hub,
        title="Our Lyon team is hiring",
        slug="lyon-hiring",
        summary="Three engineering jobs open in Lyon.",
        campaign=campaign,
        share_url=f"{live_server.url}/accounts/login/?from=share",
        posts=[
            ("linkedin", "My team in Lyon is hiring engineers: have a look and pass it on."),
            ("x", "We're hiring in Lyon"),
        ],
    )
