"""How much the public ``go`` redirect costs next to a bare view doing one indexed lookup.

Run: ``.venv/bin/python benchmarks/go_redirect.py [requests]`` (SQLite by default; set
DATABASE_URL, or run it under scripts/with_postgres.sh, to measure on PostgreSQL). The
target in DESIGN.md is a ratio of at most 1.5 for crawler hits (redirect only) and a
measured, reported cost for counted clicks, which also insert a row. Not part of the test
suite: timings depend on the machine.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.http import HttpResponseRedirect  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402


def main(requests=2000):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from wagtail.models import Site

    from wagtail_advocacy.models import ShareablePage, ShareHubPage, TrackedLink
    from wagtail_advocacy.sharing.views import go

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        root = Site.objects.get(is_default_site=True).root_page
        hub = root.add_child(instance=ShareHubPage(title="Hub", slug="hub"))
        page = hub.add_child(
            instance=ShareablePage(
                title="P", slug="p", summary="s", share_url="https://example.com/"
            )
        )
        users = [get_user_model().objects.create(username=f"u{i}") for i in range(200)]
        links = [
            TrackedLink.objects.create(
                token=f"tok{i:09d}",
                user=user,
                page=page,
                network="linkedin",
                destination="https://example.com/?utm_source=linkedin",
            )
            for i, user in enumerate(users)
        ]

        def bare(request, token):
            link = TrackedLink.objects.only("destination").get(token=token)
            return HttpResponseRedirect(link.destination)

        factory = RequestFactory()
        people = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0"

        def run(view, agent):
            started = time.perf_counter()
            for number in range(requests):
                link = links[number % len(links)]
                request = factory.get(
                    f"/advocacy/go/{link.token}/",
                    HTTP_USER_AGENT=agent,
                    REMOTE_ADDR=f"10.0.{number % 250}.{number % 200}",
                )
                view(request, token=link.token)
            return (time.perf_counter() - started) / requests * 1e6

        run(bare, people)  # warm up
        bare_us = run(bare, people)
        crawler_us = run(go, "LinkedInBot/1.0")
        click_us = run(go, people)
        print(f"bare indexed lookup + redirect: {bare_us:8.1f} µs/request")
        print(
            f"go, crawler (redirect only):    {crawler_us:8.1f} µs/request "
            f"({crawler_us / bare_us:.2f}×)"
        )
        print(
            f"go, counted click (+insert):    {click_us:8.1f} µs/request "
            f"({click_us / bare_us:.2f}×)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
