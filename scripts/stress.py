"""End-to-end stress run of the production topology (``make stress``, not part of make test).

``bash scripts/with_postgres.sh .venv/bin/python scripts/stress.py [--requests N] [--clients N]``
(defaults 20,000 and 50; ``--seed`` changes the visitors drawn).

On a fresh PostgreSQL database (settings: scripts/stress_settings.py) it makes 200
ambassadors and a few live shareable pages, then starts what docs/deployment.md describes:
two gunicorn app servers (4 sync workers each) and two long-running ``db_worker`` processes
of django-tasks-db, sharing a file-based cache. Then, over real HTTP:

- phase A: the 200 employees, logged in by a session cookie, open a page (its CSRF token)
  and share it as share.js does, 50 at a time: 200 tracked links;
- phase B: 20,000 requests to the public ``go`` route from 50 client threads, alternating
  the app servers: ~70% from new visitors (X-Forwarded-For), the rest from visitors coming
  back on the same link, ~5% from a link-preview crawler; link popularity falls with rank,
  so some links stay under the daily click-points cap and some pass it far.

Once the queue is drained and ``advocacy_process_events`` has run after the roll-up's
settle window, it proves that under this concurrency the bookkeeping is exact: no 5xx; one
raw click per redirect of a person, none for crawlers; unique clicks equal to the distinct
(link, visitor) pairs sent; the daily statistics equal to the raw events; each click read
once by the batches of click points (a watermark that skipped one would show here, even
where the cap hides it in the points); click points equal to the unique clicks capped per
link and day; share points once per share; badges once each, to exactly those who
qualify; no failed task. It prints the figures and a last
line ``RESULT {json}``, and exits with 1 if a check fails.
"""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "example_site"
BIN = Path(sys.executable).parent
EMPLOYEES, PAGES = 200, 4
NETWORKS = ("linkedin", "x", "facebook", "bluesky", "xing", "threads")
DEPARTMENTS = ("Sales", "Engineering", "Marketing", "Finance", "People")
BROWSERS = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
)
CRAWLER = "LinkedInBot/1.0"
NEW_VISITORS, CRAWLERS = 0.70, 0.05
WORKER = ["manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]
QUEUE_TIMEOUT = 900  # seconds


class Failure(Exception):
    """The run cannot go on (a server that does not start, a refused share...)."""


def free_ports(count):
    probes = [socket.create_server(("127.0.0.1", 0)) for _ in range(count)]
    ports = [probe.getsockname()[1] for probe in probes]
    for probe in probes:
        probe.close()
    return ports


class Fleet:
    """The app servers and workers, each logging to its own file; ``stop`` ends them."""

    def __init__(self, env, logs):
        self.env, self.logs, self.procs = env, logs, []

    def start(self, name, command):
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 (closed by stop)
        options = {"cwd": SITE, "env": self.env, "stdout": log, "stderr": subprocess.STDOUT}
        proc = subprocess.Popen([str(part) for part in command], **options)
        self.procs.append((proc, log))
        return proc

    def wait_http(self, proc, port, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise Failure(f"gunicorn on port {port} exited: see {self.logs}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/advocacy/go/not-a-token/")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.3)
        raise Failure(f"gunicorn on port {port} did not answer within {timeout} s")

    def stop(self):
        for proc, _log in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc, log in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
        self.procs = []

    def errors(self):
        """The first log lines of each process that tell of an error."""
        found = {}
        for path in sorted(self.logs.glob("*.log")):
            lines = path.read_text(errors="replace").splitlines()
            found[path.name] = [line for line in lines if "Traceback" in line or "ERROR" in line]
        return {name: lines[:5] for name, lines in found.items() if lines}


def run_threads(count, target):
    """``count`` threads running ``target()``; Ctrl-C still reaches the main thread."""
    threads = [threading.Thread(target=target, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(0.5)


def create_data():
    """The share hub, PAGES published pages (one in a campaign), EMPLOYEES ambassadors with
    a session each; returns ``[(user, page, network, text, session key)]``."""
    import datetime
    from importlib import import_module

    from django.conf import settings
    from django.contrib import auth
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Site

    from wagtail_advocacy.ambassadors.services import join_program
    from wagtail_advocacy.models import (
        AdvocacySiteSettings,
        Campaign,
        ShareablePage,
        ShareHubPage,
        SuggestedPost,
        TrainingModulePage,
    )

    site = Site.objects.get(is_default_site=True)
    # Required training would refuse the shares (a fresh database has none).
    if TrainingModulePage.objects.live().filter(required_before_sharing=True).exists():
        print("Training is required before sharing: the rule is switched off for the run")
        AdvocacySiteSettings.objects.update_or_create(
            site=site, defaults={"require_training_before_sharing": False}
        )
    today, day = timezone.localdate(), datetime.timedelta(days=1)
    campaign = Campaign.objects.create(
        name="We are hiring", objective="recruiting", starts_on=today - day, ends_on=today + day
    )
    hub = site.root_page.add_child(instance=ShareHubPage(title="Share hub", slug="share"))
    pages = []
    for n in range(PAGES):
        page = ShareablePage(title=f"Stress story {n}", slug=f"stress-{n}", summary="News.")
        page.share_url = f"https://www.example.com/stories/{n}?lang=en"
        page.campaign = campaign if n == 0 else None
        page.suggested_posts = [SuggestedPost(network="linkedin", text=f"Have a look at {n}")]
        hub.add_child(instance=page)
        page.save_revision().publish()
        pages.append(ShareablePage.objects.get(pk=page.pk))

    store = import_module(settings.SESSION_ENGINE).SessionStore
    employees = []
    for n in range(EMPLOYEES):
        name = f"stress{n:03d}"
        user = get_user_model().objects.create_user(name, f"{name}@example.com", None)
        network, page = NETWORKS[n % len(NETWORKS)], pages[n % PAGES]
        fields = {"department": DEPARTMENTS[n % len(DEPARTMENTS)]}
        join_program(user, fields=fields, networks={network: 100 + n})
        session = store()
        session[auth.SESSION_KEY] = str(user.pk)
        session[auth.BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[auth.HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        # Half share the suggestion as it is, half in their own words.
        text = f"Have a look at {n % PAGES}" if n % 2 else f"Proud of this one, from {name}"
        employees.append((user, page, network, text, session.session_key))
    return employees


def share_all(employees, ports, clients):
    """Phase A: each employee opens the page and posts its share form as share.js does
    (its fields and CSRF token, ``Accept: application/json``). Returns the tracked links
    ``{token: user id}``."""
    links, failures, jobs = {}, [], iter(enumerate(employees))

    def client():
        for n, (user, page, network, text, session) in jobs:
            conn = http.client.HTTPConnection("127.0.0.1", ports[n % 2], timeout=120)
            headers = {"Cookie": f"sessionid={session}", "User-Agent": BROWSERS[0]}
            try:
                conn.request("GET", page.url, headers=headers)
                response = conn.getresponse()
                html = response.read().decode()
                cookies = SimpleCookie()
                for value in response.msg.get_all("Set-Cookie") or []:
                    cookies.load(value)
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
                if response.status != 200 or token is None or "csrftoken" not in cookies:
                    raise Failure(f"GET {page.url}: {response.status}, no share form")
                headers["Cookie"] += f"; csrftoken={cookies['csrftoken'].value}"
                headers["Accept"] = "application/json"
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                form = urlencode(
                    {"csrfmiddlewaretoken": token[1], "network": network, "text": text}
                )
                conn.request("POST", f"/advocacy/share/{page.pk}/", form, headers)
                response = conn.getresponse()
                body = response.read().decode()
                if response.status != 200:
                    raise Failure(f"share of {user}: {response.status} {body[:200]}")
                url = urlsplit(json.loads(body)["tracked_url"])
                links[url.path.rstrip("/").rsplit("/", 1)[-1]] = user.pk
            except (Failure, OSError, http.client.HTTPException, ValueError) as error:
                failures.append(str(error))
            finally:
                conn.close()

    run_threads(min(clients, len(employees)), client)
    if failures or len(links) != len(employees):
        raise Failure(f"{len(failures)} share(s) failed, {len(links)} links: {failures[:3]}")
    return links


def plan_clicks(tokens, total, rng):
    """Phase B's requests ``(token, X-Forwarded-For, User-Agent, crawler)``: every link is
    clicked at least once, the rest by a popularity of 1/rank^1.5."""
    ranked = rng.sample(tokens, len(tokens))
    weights = [1 / (rank + 1) ** 1.5 for rank in range(len(ranked))]
    picks = ranked + rng.choices(ranked, weights, k=max(total - len(ranked), 0))
    rng.shuffle(picks)
    visitors, serial, plan = defaultdict(list), itertools.count(1), []
    for token in picks[:total]:
        n = next(serial)
        address = f"10.{n >> 16}.{(n >> 8) & 255}.{n & 255}"
        if rng.random() < CRAWLERS:
            plan.append((token, address, CRAWLER, True))
            continue
        if visitors[token] and rng.random() >= NEW_VISITORS:
            address, agent = rng.choice(visitors[token])  # back on the same link
        else:
            agent = rng.choice(BROWSERS)
            visitors[token].append((address, agent))
        # Some come through one more proxy: the first address of the header is theirs.
        forwarded = address if rng.random() < 0.8 else f"{address}, 172.16.{n & 255}.1"
        plan.append((token, forwarded, agent, False))
    return plan


def click_all(plan, ports, clients):
    """Phase B: ``clients`` threads, each with a keep-alive connection per app server
    (gunicorn's sync workers close it after each answer, and http.client reconnects).
    Returns ``[(status, seconds)]`` in the plan's order (status 0: a transport error)."""
    results, numbers = [None] * len(plan), itertools.count()

    def client():
        conns = {p: http.client.HTTPConnection("127.0.0.1", p, timeout=60) for p in ports}
        while (n := next(numbers)) < len(plan):
            token, forwarded, agent, _crawler = plan[n]
            conn = conns[ports[n % 2]]
            headers = {"User-Agent": agent, "X-Forwarded-For": forwarded, "Accept": "*/*"}
            started = time.perf_counter()
            try:
                conn.request("GET", f"/advocacy/go/{token}/", headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                status = 0
            results[n] = (status, time.perf_counter() - started)
        for conn in conns.values():
            conn.close()

    run_threads(clients, client)
    return results


def wait_for_queue():
    """Wait until no task is ready or running. Returns the seconds until nothing runnable
    was waiting (the backlog), and until the queue was empty: badge evaluations are
    deferred by ``recognition.tasks.EVALUATION_INTERVAL``."""
    from django_tasks_db.models import DBTaskResult

    started, backlog, tasks = time.monotonic(), None, DBTaskResult.objects
    while True:
        if backlog is None and not (tasks.ready().exists() or tasks.running().exists()):
            backlog = time.monotonic() - started
        if not tasks.filter(status__in=["READY", "RUNNING"]).exists():
            return backlog, time.monotonic() - started
        if time.monotonic() - started > QUEUE_TIMEOUT:
            raise Failure(f"the task queue was not drained within {QUEUE_TIMEOUT} s")
        time.sleep(0.5)


def differences(got, wanted):
    """What a check found: the figure, or how it differs (the first keys of a mapping)."""
    if not isinstance(got, dict):
        return f"{got!r:.300}" if got == wanted else f"{got!r:.300} (expected {wanted!r:.300})"
    got, wanted = Counter(got), Counter(wanted)
    keys = sorted((k for k in got.keys() | wanted.keys() if got[k] != wanted[k]), key=str)
    if not keys:
        return f"{dict(got)}" if len(got) <= 3 else f"{len(got)} equal, {got.total()} in all"
    shown = ", ".join(f"{k}: {got[k]!r:.60} != {wanted[k]!r:.60}" for k in keys[:5])
    return f"{len(keys)} differ (got != expected): {shown}"


def check(plan, results, links, command_read):
    """Every exactness check, against what was sent: ``[(what, ok, detail)]``.
    ``command_read``: the clicks that ``advocacy_process_events`` gave points for."""
    from django.db.models import Count, Max, Sum
    from django_tasks_db.models import DBTaskResult

    from wagtail_advocacy.conf import advocacy_settings
    from wagtail_advocacy.models import (
        Badge,
        BadgeAward,
        DailyStat,
        LinkClick,
        PointsAction,
        PointsBalance,
        PointsEntry,
        ShareEvent,
    )
    from wagtail_advocacy.recognition.rules import points_for

    statuses = Counter(status for status, _seconds in results)
    sent = [plan[n] for n, (status, _seconds) in enumerate(results) if status == 302]
    people = [(token, forwarded, agent) for token, forwarded, agent, bot in sent if not bot]
    # A visitor is an address (the header's first) and a browser, as in visitor_hash.
    pairs = {(token, forwarded.split(",")[0], agent) for token, forwarded, agent in people}
    unique_sent = Counter(token for token, _address, _agent in pairs)
    per_click, cap = points_for("click"), points_for("click_daily_cap_per_link")
    points_due, unique_of = Counter(), Counter()
    for token, user_id in links.items():
        points_due[user_id] += min(unique_sent[token] * per_click, cap)
        unique_of[user_id] += unique_sent[token]
    shared = points_for("share") + points_for("first_share_of_page")
    daily_cap = advocacy_settings.DAILY_POINTS_CAP
    if daily_cap is not None and shared + max(points_due.values()) > daily_cap:
        raise Failure("DAILY_POINTS_CAP would bind: the expected points would depend on order")

    def per_user(entries, total):
        return Counter(dict(entries.values_list("user_id").annotate(total).order_by()))

    ledger, clicks = PointsEntry.objects.all(), LinkClick.objects.all()
    unique = clicks.filter(is_unique=True)
    per_link = Counter(dict(unique.values_list("link__token").annotate(Count("pk")).order_by()))
    counters = ("clicks", "unique_clicks", "shares")
    rolled = DailyStat.objects.aggregate(**{name: Sum(name) for name in counters})
    raw = {"clicks": clicks.count(), "unique_clicks": unique.count()}
    raw["shares"] = ShareEvent.objects.count()
    sharers = Counter(ShareEvent.objects.values_list("user_id", flat=True))
    click_points = per_user(ledger.filter(action=PointsAction.CLICK), Sum("points"))
    shares = per_user(ledger.filter(action=PointsAction.SHARE), Count("pk"))
    firsts = per_user(ledger.filter(action=PointsAction.FIRST_SHARE_OF_PAGE), Count("pk"))
    balances = Counter(dict(PointsBalance.objects.values_list("user_id", "points")))
    awards = Counter(BadgeAward.objects.values_list("badge__slug", "user_id"))
    # Each badge rule's value for these employees: one share each, this week, no training.
    values = {"first_share": 1, "shares": 1, "networks": 1, "streak": 1}
    badges = Badge.objects.filter(is_active=True).exclude(kind="challenge")
    due = {
        (badge.slug, user_id): 1
        for badge in badges
        for user_id in links.values()
        if (unique_of[user_id] if badge.kind == "clicks" else values.get(badge.kind, 0))
        >= max(badge.threshold, 1)
    }
    # Each click is read by exactly one batch of click points (whether a cap leaves it
    # points or not): the batches' sizes add up to the clicks, or the watermark skipped some.
    runs = DBTaskResult.objects.filter(status="SUCCESSFUL", task_path__endswith="new_clicks")
    runs = list(runs.order_by("started_at").values_list("return_value", "started_at"))
    last = clicks.aggregate(Max("clicked_at"))["clicked_at__max"]
    shown = ", ".join(f"{n} at {(at - last).total_seconds():+.0f} s" for n, at in runs)
    print(f"Click-points batches (clicks read, start from the last click): {shown}")
    batches = [n for n, _at in runs]
    failed = Counter(
        DBTaskResult.objects.filter(status="FAILED").values_list("task_path", flat=True)
    )
    errors = sum(n for status, n in statuses.items() if status == 0 or status >= 500)
    checks = [
        ("no 5xx or transport error on the go route", errors, 0),
        ("every go request answered 302", dict(statuses), {302: len(plan)}),
        ("one share per employee", dict(sharers), Counter(links.values())),
        ("raw clicks == redirects of people (crawlers not counted)", clicks.count(), len(people)),
        ("unique clicks of each link == distinct (link, visitor) pairs", per_link, unique_sent),
        ("DailyStat sums == raw counts", rolled, raw),
        ("click-points batches read each click once", sum(batches) + command_read, raw["clicks"]),
        (f"CLICK points of each employee == unique clicks, {cap} a link a day", click_points,
         points_due),
        ("SHARE points: one entry per share", shares, sharers),
        ("FIRST_SHARE_OF_PAGE points: one entry per share", firsts, sharers),
        ("balances == ledger sums", balances, per_user(ledger, Sum("points"))),
        ("badges: once per (badge, user), to exactly those who qualify", awards, due),
        ("no FAILED task", dict(failed), {}),
    ]  # fmt: skip
    return [(what, got == wanted, differences(got, wanted)) for what, got, wanted in checks]


def settle_and_drain(figures, last_request, env):
    """Drain the queue, run the scheduled command once its events are settled, drain."""
    from wagtail_advocacy.stats.services import SETTLE

    figures["backlog_s"], figures["queue_drain_s"] = (round(s, 1) for s in wait_for_queue())
    print(
        f"Queue: nothing runnable after {figures['backlog_s']} s, empty after "
        f"{figures['queue_drain_s']} s (badge evaluations are deferred)"
    )
    time.sleep(max(0.0, last_request + SETTLE.total_seconds() + 1 - time.monotonic()))
    command = [sys.executable, "manage.py", "advocacy_process_events"]
    done = subprocess.run(command, cwd=SITE, env=env, capture_output=True, text=True)
    print(f"advocacy_process_events: {(done.stdout + done.stderr).strip()}")
    if done.returncode:
        raise Failure("advocacy_process_events failed")
    figures["final_drain_s"] = round(wait_for_queue()[1], 1)
    print(f"Queue empty again {figures['final_drain_s']} s after the command")
    return int(re.search(r"(\d+) click\(s\) processed", done.stdout)[1])


def percentile(values, fraction):
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Run it under scripts/with_postgres.sh (DATABASE_URL must be PostgreSQL).")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the fleet on kill, too
    if not (BIN / "gunicorn").exists():
        print("gunicorn is missing from the venv: pip install gunicorn", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "gunicorn"], check=True)
    gunicorn_help = subprocess.run([BIN / "gunicorn", "--help"], capture_output=True).stdout
    gunicorn_help = gunicorn_help.decode()
    tmp, ports = Path(tempfile.mkdtemp(prefix="advocacy-stress-")), free_ports(2)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="scripts.stress_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(SITE)]),
        STRESS_CACHE_DIR=str(tmp / "cache"),
        WAGTAIL_ADVOCACY_PUBLIC_BASE_URL=f"http://127.0.0.1:{ports[0]}",
    )
    sys.path[:0] = [str(ROOT), str(SITE)]
    import django
    from django.core.management import call_command
    from django.utils import timezone

    django.setup()
    print(f"Migrating, then {EMPLOYEES} ambassadors and {PAGES} pages (logs in {tmp})")
    call_command("migrate", interactive=False, verbosity=0)
    employees, day = create_data(), timezone.localdate()
    fleet, figures = Fleet(dict(os.environ), tmp), None
    try:
        for n, port in enumerate(ports):
            command = [BIN / "gunicorn", "intranet.wsgi", "-w", "4", "-b", f"127.0.0.1:{port}"]
            if "--control-socket" in gunicorn_help:  # gunicorn 25+: one socket per instance
                command += ["--control-socket", tmp / f"gunicorn{n}.ctl"]
            fleet.start(f"gunicorn{n}", command)
        for n in range(2):
            fleet.start(f"worker{n}", [sys.executable, *WORKER])
        for (proc, _log), port in zip(fleet.procs, ports, strict=False):
            fleet.wait_http(proc, port)
        print(f"gunicorn on ports {ports[0]} and {ports[1]} (4 workers each), 2 db_workers")

        started = time.monotonic()
        links = share_all(employees, ports, args.clients)
        figures = {"shares": len(links), "shares_s": round(time.monotonic() - started, 2)}
        print(f"Phase A: {len(links)} shares in {figures['shares_s']} s")
        plan = plan_clicks(sorted(links), args.requests, random.Random(args.seed))
        started = time.monotonic()
        results = click_all(plan, ports, args.clients)
        last_request = time.monotonic()
        latencies = [seconds * 1000 for _status, seconds in results]
        figures.update(
            requests=len(plan),
            clients=args.clients,
            go_s=round(last_request - started, 1),
            go_requests_per_s=round(len(plan) / (last_request - started), 1),
            go_p50_ms=percentile(latencies, 0.50),
            go_p99_ms=percentile(latencies, 0.99),
        )
        print(
            f"Phase B: {len(plan)} go requests in {figures['go_s']} s: "
            f"{figures['go_requests_per_s']} req/s, p50 {figures['go_p50_ms']} ms, "
            f"p99 {figures['go_p99_ms']} ms"
        )
        command_read = settle_and_drain(figures, last_request, fleet.env)
        if timezone.localdate() != day:
            raise Failure("the run crossed midnight (TIME_ZONE): the daily figures split")
        fleet.stop()

        outcome = check(plan, results, links, command_read)
        for what, ok, detail in outcome:
            print(f"{'ok  ' if ok else 'FAIL'} {what}: {detail}")
        figures["failed_checks"] = [what for what, ok, _detail in outcome if not ok]
    except Failure as failure:
        print(f"FAIL {failure}")
        figures = None
    except KeyboardInterrupt:
        print("Interrupted: stopping the app servers and workers")
        figures = None
    finally:
        fleet.stop()
    errors = fleet.errors()
    for name, lines in errors.items():
        print(f"Errors in {tmp / name}: {lines}")
    if figures is None or figures["failed_checks"] or errors:
        print(f"Logs kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    if figures is not None:
        print("RESULT " + json.dumps(figures))
    return 0 if figures is not None and not figures["failed_checks"] else 1


if __name__ == "__main__":
    sys.exit(main())
