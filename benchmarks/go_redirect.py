"""How much the public ``go`` redirect costs next to a bare view doing one indexed lookup,
over HTTP: one gunicorn of the example intranet (4 sync workers) on PostgreSQL.

Run: ``bash scripts/with_postgres.sh .venv/bin/python benchmarks/go_redirect.py [requests]
[--queued] [--quick]`` (without a PostgreSQL DATABASE_URL the script runs itself under
scripts/with_postgres.sh; gunicorn is installed into the venv if missing). ``--queued``:
tasks go to django-tasks-db's queue, as in production (no worker runs: the queue just
fills), instead of running in the request; ``--quick``: fewer requests a case. Settings:
benchmarks/go_settings.py, scripts/stress_settings.py with the bare view's route
(benchmarks/go_urls.py, same middleware). The data (200 employees, half of them in the
program, a tracked link each) is written before gunicorn starts; CLIENTS threads then send
the requests, a new connection each, and every answer must be a 302 to the link's
destination. The targets (the scale issue) are ratios of µs per request
(wall time ÷ requests, at that concurrency) against the bare view measured in the same run,
interleaved: at most 1.1 for crawlers and 1.5 for people, ambassadors' links included. Not
part of the test suite: timings depend on the machine, which the client threads share.
"""

import http.client
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3  # each case is timed this many times, interleaved with the reference
CLIENTS = 8  # concurrent client threads
REQUESTS, QUICK_REQUESTS = 1000, 200  # a case, in a round
PEOPLE = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
CRAWLER = "LinkedInBot/1.0"
RETURNING = "192.168.0.1"  # the address of every repeat click (unique ones: 10.x.y.z)
GO, BARE = "advocacy/go", "bench/bare"  # the routes measured (benchmarks/go_urls.py)


def ensure_postgres():
    """Go on with a PostgreSQL DATABASE_URL, or run again under scripts/with_postgres.sh."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    if os.environ.get("GO_BENCH_UNDER_WITH_POSTGRES"):
        sys.exit("go_redirect needs PostgreSQL: scripts/with_postgres.sh set no DATABASE_URL")
    print("go_redirect measures PostgreSQL: running under scripts/with_postgres.sh", flush=True)
    os.environ["GO_BENCH_UNDER_WITH_POSTGRES"] = "1"
    command = [sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]]
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with_postgres.sh"), *command])


def create_links(run):
    """A hub and a page, 200 employees (the first 100 in the program), a tracked link each
    (to a destination of its own); returns (ambassadors' links, the others' links)."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from wagtail_advocacy.ambassadors.services import join_program
    from wagtail_advocacy.models import ShareablePage, ShareHubPage, TrackedLink

    root = Site.objects.get(is_default_site=True).root_page
    hub = root.add_child(instance=ShareHubPage(title="Hub", slug=f"go-bench-{run}"))
    page = hub.add_child(
        instance=ShareablePage(title="P", slug="p", summary="s", share_url="https://example.com/")
    )
    users = [get_user_model().objects.create(username=f"go-bench-{run}-{i}") for i in range(200)]
    # Half the links belong to ambassadors: their unique clicks earn points, which is
    # the costly path (without a task queue, the points are awarded in the request).
    for user in users[:100]:
        join_program(user, consent_version="bench")
    links = [
        TrackedLink.objects.create(
            token=f"go{run}{i:04d}",
            user=user,
            page=page,
            network="linkedin",
            destination=f"https://example.com/?utm_source=linkedin&n={i}",
        )
        for i, user in enumerate(users)
    ]
    return links[:100], links[100:]


def send(plan, port):
    """Every request of ``plan`` ``[(path, headers, location)]`` from CLIENTS threads, a
    new connection each; returns µs per request (wall time ÷ requests). Every answer must
    be a 302 to ``location``, or :class:`Failure` is raised."""
    from scripts.stress import Failure, run_threads

    numbers, failures = itertools.count(), []

    def client():
        while not failures and (n := next(numbers)) < len(plan):
            path, headers, location = plan[n]
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 302 or response.getheader("Location") != location:
                    failures.append(f"{path}: {response.status} {response.getheader('Location')}")
            except (OSError, http.client.HTTPException) as error:
                failures.append(f"{path}: {error!r}")
            finally:
                conn.close()

    started = time.perf_counter()
    run_threads(CLIENTS, client)
    took = time.perf_counter() - started
    if failures:
        raise Failure(f"not a 302 to the link's destination: {failures[:3]}")
    return took / len(plan) * 1e6


def measure(port, requests, ambassadors, others):
    """The reference and each case, interleaved over ROUNDS rounds; returns (the best
    reference in µs, {case: best ratio}, the people's requests to go, their distinct
    (token, address) pairs)."""
    links = ambassadors + others
    visitors = itertools.count(1)  # a new address for every unique click
    sent = {"people": 0, "pairs": set()}

    def plan(agent, pool, *, route=GO, repeat=False):
        rows = []
        for number in range(requests):
            link = pool[number % len(pool)]
            visitor = next(visitors)
            address = (
                RETURNING if repeat else f"10.{visitor >> 16}.{visitor >> 8 & 255}.{visitor & 255}"
            )
            headers = {"User-Agent": agent, "X-Forwarded-For": address, "Accept": "*/*"}
            rows.append((f"/{route}/{link.token}/", headers, link.destination))
            if route == GO and agent == PEOPLE:
                sent["people"] += 1
                sent["pairs"].add((link.token, address))
        return rows

    def run(*args, **kwargs):
        return send(plan(*args, **kwargs), port)

    cases = {
        "crawler": lambda: run(CRAWLER, links, route=GO),
        "unique click, not in the program": lambda: run(PEOPLE, others, route=GO),
        "repeat click, not in the program": lambda: run(PEOPLE, others, route=GO, repeat=True),
        "unique click, ambassador's link": lambda: run(PEOPLE, ambassadors, route=GO),
        "repeat click, ambassador's link": lambda: run(PEOPLE, ambassadors, route=GO, repeat=True),
    }
    # Warm up: every worker imports its code and opens its connection (crawlers: no click).
    run(PEOPLE, links, route=BARE)
    run(CRAWLER, links, route=GO)
    results = {name: [] for name in cases}
    references = []
    for _round in range(ROUNDS):
        for name, case in cases.items():
            reference = run(PEOPLE, links, route=BARE)
            references.append(reference)
            results[name].append(case() / reference)
    return min(references), {name: min(ratios) for name, ratios in results.items()}, sent


def check_clicks(links, sent, queued):
    """The clicks the people's requests recorded, against what was sent."""
    from scripts.stress import Failure
    from wagtail_advocacy.models import LinkClick

    clicks = LinkClick.objects.filter(link__in=links)
    counted, unique = clicks.count(), clicks.filter(is_unique=True).count()
    print(
        f"clicks recorded: {counted} for {sent['people']} requests of people to go "
        f"(crawlers not counted), {unique} unique for {len(sent['pairs'])} distinct "
        "(link, visitor) pairs"
    )
    if queued:
        from django_tasks_db.models import DBTaskResult

        print(f"tasks left in the queue (no worker runs): {DBTaskResult.objects.count()}")
    if counted != sent["people"] or unique != len(sent["pairs"]):
        raise Failure("the clicks recorded differ from the requests sent")


def main(requests, queued):
    ensure_postgres()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop gunicorn on kill, too
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "gunicorn").exists():
        print("gunicorn is missing from the venv: pip install gunicorn", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "gunicorn"], check=True)
    gunicorn_help = subprocess.run(
        [bin_dir / "gunicorn", "--help"], capture_output=True, text=True
    ).stdout
    tmp = Path(tempfile.mkdtemp(prefix="advocacy-go-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.go_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
        STRESS_CACHE_DIR=str(tmp / "cache"),
        GO_BENCH_QUEUED="1" if queued else "0",
    )
    import _setup  # noqa: F401  (sets Django up, with the settings above)
    from django.core.management import call_command
    from django.db import connection

    from scripts.stress import Failure, Fleet, free_ports

    call_command("migrate", interactive=False, verbosity=0)
    ambassadors, others = create_links(uuid.uuid4().hex[:8])
    connection.close()  # gunicorn's workers open their own
    [port] = free_ports(1)
    fleet, ok = Fleet(dict(os.environ), tmp), False
    try:
        command = [bin_dir / "gunicorn", "intranet.wsgi", "-w", "4", "-b", f"127.0.0.1:{port}"]
        if "--control-socket" in gunicorn_help:  # gunicorn 25+: one socket per instance
            command += ["--control-socket", tmp / "gunicorn.ctl"]
        fleet.wait_http(fleet.start("gunicorn", command), port)
        reference, ratios, sent = measure(port, requests, ambassadors, others)
        fleet.stop()
        tasks = "queued (django-tasks-db, no worker)" if queued else "run in the request"
        print(
            f"{connection.vendor} over HTTP, gunicorn with 4 sync workers, {CLIENTS} clients "
            f"(a new connection a request), tasks {tasks}; {requests} requests a case, "
            f"best of {ROUNDS} rounds"
        )
        print(f"bare indexed lookup + redirect: {reference:8.1f} µs/request (reference)")
        for name, ratio in ratios.items():
            print(f"go, {name:33} {ratio:5.2f}× the reference")
        check_clicks(ambassadors + others, sent, queued)
        ok = True
    except Failure as failure:
        print(f"FAIL {failure}")
    except KeyboardInterrupt:
        print("Interrupted: stopping gunicorn")
    finally:
        fleet.stop()
    for name, lines in fleet.errors().items():
        print(f"Errors in {tmp / name}: {lines}")
    if not ok:
        print(f"Logs kept in {tmp}")
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print(
        "RESULT "
        + json.dumps(
            {
                "benchmark": "go_redirect",
                "database": connection.vendor,
                "queued": queued,
                "reference_us": reference,
                "figures": [
                    {
                        "figure": f"go, {name} ÷ bare lookup + redirect",
                        "value": f"{ratio:.2f}",
                        "target": "≤ 1.1" if name == "crawler" else "≤ 1.5",
                        "met": ratio <= (1.1 if name == "crawler" else 1.5),
                    }
                    for name, ratio in ratios.items()
                ],
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    default = QUICK_REQUESTS if "--quick" in sys.argv else REQUESTS
    sys.exit(main(int(arguments[0]) if arguments else default, "--queued" in sys.argv))
