"""How much the public ``go`` redirect costs next to a bare view doing one indexed lookup.

Run: ``.venv/bin/python benchmarks/go_redirect.py [requests] [--queued]`` (``--queued``:
tasks go to a queue, as in production, instead of running in the request; SQLite by
default; set DATABASE_URL, or run it under scripts/with_postgres.sh, to measure on
PostgreSQL). The targets (DESIGN.md, and the scale issue) are ratios against a bare
view measured in the same run, interleaved: at most 1.1 for crawlers and 1.5 for people,
ambassadors' links included. Not part of the test suite: timings depend on the machine.
"""

import json
import sys
import time

import _setup  # noqa: E402, F401  (sets Django up: before the Django imports)
from django.http import HttpResponseRedirect  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

ROUNDS = 3  # each case is timed this many times, interleaved with the reference


def main(requests=2000):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from wagtail.models import Site

    from wagtail_advocacy.ambassadors.services import join_program
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
        # Half the links belong to ambassadors: their unique clicks earn points, which is
        # the costly path (without a task queue, the points are awarded in the request).
        for user in users[:100]:
            join_program(user, consent_version="bench")
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
        ambassadors, others = links[:100], links[100:]

        def bare(request, token):
            link = TrackedLink.objects.only("destination").get(token=token)
            return HttpResponseRedirect(link.destination)

        factory = RequestFactory()
        people = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0"
        crawler = "LinkedInBot/1.0"
        visitors = iter(range(10**9))  # a new address for every unique click

        def run(view, agent, pool, *, repeat=False):
            started = time.perf_counter()
            for number in range(requests):
                link = pool[number % len(pool)]
                visitor = 1 if repeat else next(visitors)
                address = f"10.{visitor // 65536 % 256}.{visitor // 256 % 256}.{visitor % 256}"
                request = factory.get(
                    f"/advocacy/go/{link.token}/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address
                )
                view(request, token=link.token)
            return (time.perf_counter() - started) / requests * 1e6

        cases = {
            "crawler": lambda: run(go, crawler, links),
            "unique click, not in the program": lambda: run(go, people, others),
            "repeat click, not in the program": lambda: run(go, people, others, repeat=True),
            "unique click, ambassador's link": lambda: run(go, people, ambassadors),
            "repeat click, ambassador's link": lambda: run(go, people, ambassadors, repeat=True),
        }
        run(bare, people, links)  # warm up
        results = {name: [] for name in cases}
        references = []
        for _round in range(ROUNDS):
            for name, case in cases.items():
                reference = run(bare, people, links)
                references.append(reference)
                results[name].append(case() / reference)
        reference = min(references)
        print(f"{connection.vendor}, {requests} requests a case, best of {ROUNDS} rounds")
        print(f"bare indexed lookup + redirect: {reference:8.1f} µs/request (reference)")
        for name, ratios in results.items():
            print(f"go, {name:33} {min(ratios):5.2f}× the reference")
        print(
            "RESULT "
            + json.dumps(
                {
                    "benchmark": "go_redirect",
                    "database": connection.vendor,
                    "queued": "--queued" in sys.argv,
                    "reference_us": reference,
                    "figures": [
                        {
                            "figure": f"go, {name} ÷ bare lookup + redirect",
                            "value": f"{min(ratios):.2f}",
                            "target": "≤ 1.1" if name == "crawler" else "≤ 1.5",
                            "met": min(ratios) <= (1.1 if name == "crawler" else 1.5),
                        }
                        for name, ratios in results.items()
                    ],
                },
                ensure_ascii=False,
            )
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--queued" in sys.argv:
        from django.test import override_settings

        # A queue that keeps the tasks (a worker would run them) rather than running them;
        # override_settings tells django-tasks to forget the backend it already built.
        dummy = "django_tasks.backends.dummy.DummyBackend"
        override_settings(TASKS={"default": {"BACKEND": dummy}}).enable()
    main(int(arguments[0]) if arguments else 2000)
