"""A click is unique once per visitor, link and day, decided by the database."""

import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from tests import factories
from wagtail_advocacy.models import LinkClick
from wagtail_advocacy.sharing.models import ClickUniqueness
from wagtail_advocacy.sharing.services import (
    first_visit_today,
    get_or_create_link,
    record_click,
    visitor_hash,
)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


@pytest.fixture
def link(employee, page):
    return get_or_create_link(employee, page, "linkedin")


def a_click(address="203.0.113.9", **extra):
    return RequestFactory().get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address, **extra)


def test_a_second_insert_of_the_same_key_is_not_first(link):
    today = timezone.localdate()
    assert first_visit_today(link, "a" * 32, today) is True
    assert first_visit_today(link, "a" * 32, today) is False
    assert first_visit_today(link, "b" * 32, today) is True
    assert first_visit_today(link, "a" * 32, today - timezone.timedelta(days=1)) is True
    assert ClickUniqueness.objects.count() == 3


def test_record_click_uses_the_uniqueness_row(link):
    digest = visitor_hash(a_click())
    ClickUniqueness.objects.create(link=link, visitor_hash=digest, day=timezone.localdate())

    assert record_click(link, a_click()).is_unique is False
    assert record_click(link, a_click("198.51.100.7")).is_unique is True
    assert ClickUniqueness.objects.count() == 2


def test_a_click_reads_no_click_to_decide_uniqueness(client, link):
    url = reverse("wagtail_advocacy:go", args=[link.token])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_USER_AGENT=BROWSER).status_code == 302
    sql = [query["sql"] for query in queries]
    # One lookup of the link; uniqueness is an insert, not a read of earlier clicks: on
    # PostgreSQL one statement writes both rows (a data-modifying WITH), elsewhere two.
    assert sum('FROM "wagtail_advocacy_trackedlink"' in q for q in sql) == 1
    assert not any(q.startswith("SELECT") and "linkclick" in q for q in sql)
    writes = [q for q in sql if q.split()[0] in ("INSERT", "WITH", "UPDATE")]
    if connection.vendor == "postgresql":
        assert len(writes) == 1 and writes[0].startswith("WITH")
        assert writes[0].count("INSERT INTO") == 2
    else:
        assert [q.split()[0] for q in writes] == ["INSERT", "INSERT"]


@pytest.mark.parametrize(
    "referer",
    ["https://ev\x00il.example/", "\x00", "https://\x00/", "https://a b.example/"],
)
def test_a_nul_in_the_referer_is_ignored(client, link, referer):
    url = reverse("wagtail_advocacy:go", args=[link.token])
    response = client.get(url, HTTP_USER_AGENT=BROWSER, HTTP_REFERER=referer)
    assert response.status_code == 302
    assert LinkClick.objects.get().referrer_host == ""


@pytest.fixture
def committed_link(transactional_db, employee):
    """A link in committed rows; the tree root too, which an earlier transactional test
    may have flushed (site, root page, locale) with the rest of the database."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.get_or_create(language_code=language)
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        site = Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    hub = factories.hub(site.root_page, slug="concurrent-share")
    page = factories.shareable_page(hub, revision=False)
    return get_or_create_link(employee, page, "linkedin")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_clicks_by_one_visitor_count_one_unique(committed_link):
    link = committed_link
    threads_count, clicks_each = 40, 10
    barrier = threading.Barrier(threads_count)
    errors = []

    def visitor():
        try:
            barrier.wait()
            for _ in range(clicks_each):
                record_click(link, a_click())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visitor) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert LinkClick.objects.filter(link=link).count() == threads_count * clicks_each
    assert LinkClick.objects.filter(link=link, is_unique=True).count() == 1
