"""How much an employee's share costs next to a bare view that only inserts the share.

Run: ``.venv/bin/python benchmarks/share_post.py [requests] [--quick]`` (SQLite by default;
set DATABASE_URL, or run it under scripts/with_postgres.sh, to measure on PostgreSQL).
Tasks go to a queue that keeps them (django-tasks' DummyBackend), as in production.

Both go through Django's test client, logged in, with the example intranet's middleware:
the share endpoint (``wagtail_advocacy:share``, what the share panel posts) and a minimal
view that does only ``ShareEvent.objects.create(...)`` and redirects. Two cases: an
employee's first share of a page on a network (the tracked link is made), and a share
again (the link exists). Each is timed ``ROUNDS`` times, interleaved with the reference,
and the best ratio is kept, as in go_redirect.py. The target (the scale issue): at most
3 times the reference. The last line, ``RESULT {json}``, is for ``benchmarks/run_all.py``.
Not part of the test suite: timings depend on the machine.
"""

import json
import sys
import time
import types

import _setup  # noqa: F401  (sets Django up: before the Django imports)
from django.conf import settings  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

ROUNDS = 3
TARGET = 3.0
DUMMY = "django_tasks.backends.dummy.DummyBackend"
TEXT = "My team shipped this and I learned a lot: have a look"


def bare_share(request, page_id):
    """The reference: the share's one insert, and a redirect to the network."""
    from django.http import HttpResponseRedirect

    from wagtail_advocacy.models import ShareEvent

    ShareEvent.objects.create(
        user=request.user,
        page_id=page_id,
        network="linkedin",
        personalised=True,
        department="Sales",
        audience=500,
    )
    return HttpResponseRedirect("https://www.linkedin.com/feed/")


def urlconf():
    """The intranet's URLs and the reference view's."""
    from importlib import import_module

    from django.urls import path

    module = types.ModuleType("share_post_urls")
    module.urlpatterns = [
        path("bench/bare-share/<int:page_id>/", bare_share),
        *import_module(settings.ROOT_URLCONF).urlpatterns,
    ]
    sys.modules[module.__name__] = module
    return module.__name__


def main(requests=200):
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.urls import reverse
    from wagtail.models import Site

    from wagtail_advocacy.ambassadors.services import join_program
    from wagtail_advocacy.models import (
        ShareablePage,
        ShareEvent,
        ShareHubPage,
        SuggestedPost,
        TrackedLink,
    )

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, serialize=False)
    try:
        cache.clear()
        root = Site.objects.get(is_default_site=True).root_page
        hub = root.add_child(instance=ShareHubPage(title="Hub", slug="hub"))
        page = ShareablePage(
            title="P", slug="p", summary="s", share_url="https://www.example.com/story"
        )
        page.suggested_posts = [
            SuggestedPost(network="linkedin", text="Proud of this story"),
            SuggestedPost(network="x", text="Have a look"),
        ]
        hub.add_child(instance=page)
        users = [get_user_model().objects.create(username=f"u{i}") for i in range(requests)]
        clients = []
        for user in users:
            join_program(
                user,
                fields={"department": "Sales"},
                networks={"linkedin": 500},
                consent_version="bench",
            )
            client = Client()
            client.force_login(user)
            clients.append(client)
        share_url = reverse("wagtail_advocacy:share", args=[page.pk])
        bare_url = f"/bench/bare-share/{page.pk}/"
        data = {"network": "linkedin", "text": TEXT}

        def run(url, *, everyone=True):
            """Microseconds per POST, each employee once (or the first one every time)."""
            started = time.perf_counter()
            for number in range(requests):
                client = clients[number] if everyone else clients[0]
                response = client.post(url, data)
                assert response.status_code == 302, response.status_code
            return (time.perf_counter() - started) / requests * 1e6

        def first_shares():
            # Each employee's first share of the page: their tracked link is made. Their
            # links are deleted first (not timed), so every round makes them again.
            TrackedLink.objects.filter(user__in=users).delete()
            return run(share_url)

        def direct():
            started = time.perf_counter()
            for user in users:
                ShareEvent.objects.create(
                    user=user,
                    page_id=page.pk,
                    network="linkedin",
                    personalised=True,
                    department="Sales",
                    audience=500,
                )
            return (time.perf_counter() - started) / requests * 1e6

        cases = {
            "first share (the tracked link is made)": first_shares,
            "share again (the link exists)": lambda: run(share_url, everyone=False),
        }
        run(bare_url)  # warm up
        first_shares()
        queries = {}
        for name, url in (
            ("reference", bare_url),
            ("first share (the tracked link is made)", share_url),
            ("share again (the link exists)", share_url),
        ):
            if name.startswith("first"):
                TrackedLink.objects.filter(user=users[0]).delete()
            with CaptureQueriesContext(connection) as captured:
                clients[0].post(url, data)
            queries[name] = len(captured)
        results = {name: [] for name in cases}
        references, directs = [], []
        for _round in range(ROUNDS):
            for name, case in cases.items():
                reference = run(bare_url)
                references.append(reference)
                results[name].append(case() / reference)
            directs.append(direct())
        reference, insert = min(references), min(directs)
        print(
            f"{connection.vendor}, {requests} requests a case, best of {ROUNDS} rounds, "
            "tasks queued (DummyBackend)"
        )
        print(
            f"reference, ShareEvent insert in a minimal view: {reference:8.0f} µs/request, "
            f"{queries['reference']} queries"
        )
        print(f"ShareEvent.objects.create() alone:              {insert:8.0f} µs")
        figures = []
        for name, ratios in results.items():
            best = min(ratios)
            print(
                f"share POST, {name:38} {best:5.2f}× the reference "
                f"({best * reference:6.0f} µs, {queries[name]} queries, "
                f"{best * reference / insert:.0f}× the insert alone)"
            )
            figures.append(
                {
                    "figure": f"share POST, {name} ÷ minimal view with the insert",
                    "value": f"{best:.2f}",
                    "target": f"≤ {TARGET:g}",
                    "met": best <= TARGET,
                }
            )
            figures.append(
                {
                    "figure": f"share POST, {name}: queries (minimal view: "
                    f"{queries['reference']})",
                    "value": str(queries[name]),
                    "target": "",
                    "met": None,
                }
            )
        result = {
            "benchmark": "share_post",
            "database": connection.vendor,
            "queued": True,
            "reference_us": reference,
            "insert_us": insert,
            "ratios": {name: min(ratios) for name, ratios in results.items()},
            "queries": queries,
            "figures": figures,
        }
        print("RESULT " + json.dumps(result, ensure_ascii=False))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    requests = int(arguments[0]) if arguments else (50 if "--quick" in sys.argv else 200)
    # A queue that keeps the tasks (a worker would run them) rather than running them;
    # override_settings tells django-tasks to forget the backend it already built.
    override_settings(TASKS={"default": {"BACKEND": DUMMY}}, ROOT_URLCONF=urlconf()).enable()
    main(requests)
