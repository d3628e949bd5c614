"""Regenerate the screenshots of README.md and docs/ (``make screenshots``).

It builds the demo in a throwaway SQLite database and media folder (``migrate``, then
``advocacy_demo``), serves the example intranet with ``runserver --noreload`` on a free
local port, logs in through the site's real login form with the demo accounts it prints,
and captures each page (``SHOTS``) with Playwright driving Debian's Chromium
(``/usr/bin/chromium``, as the browser tests do) at a desktop width (1280x800) and a phone
width (390x844, device scale factor 2) into ``docs/img/``: ``<name>.png`` and
``<name>-phone.png``, PNGs of 256 colours. Each width starts from the database as the demo
left it. The server is stopped and the temporary folder removed at the end, whatever
happens (Ctrl-C and a plain ``kill`` included).

The images are as deterministic as the demo allows: fixed viewports, time zone and locale,
no animations (``prefers-reduced-motion: reduce``, which also turns off Chart.js's), no
caret, every page waited for until the network is idle, its images loaded and its charts
drawn; nothing is fetched from the internet (an avatar from Gravatar is Wagtail's default
one). The demo's activity is dated from the day it runs, so dates and a few figures change
from one day to the next.

    .venv/bin/python scripts/screenshots.py [--out DIR] [--only NAME ...] [--keep-server]

It takes a minute or two, most of it ``migrate``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = ROOT / "example_site"
OUT = ROOT / "docs" / "img"
sys.path.insert(0, str(ROOT))
from tests.browser.chromium import CHROMIUM  # noqa: E402
from tests.browser.chromium import CHROMIUM_ARGS as TEST_ARGS  # noqa: E402

# The browser tests' flags, and two for steadier images: no font hinting, no scrollbars.
CHROMIUM_ARGS = [*TEST_ARGS, "--font-render-hinting=none", "--hide-scrollbars"]
TIMEOUT_MS = 30_000
LOCAL = re.compile(r"^https?://(localhost|127\.0\.0\.1)(:\d+)?/")

# The two widths: name -> (file name suffix, browser context options).
SIZES = {
    "desktop": ("", {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1}),
    "phone": (
        "-phone",
        {
            "viewport": {"width": 390, "height": 844},
            "device_scale_factor": 2,
            "is_mobile": True,
            "has_touch": True,
        },
    ),
}


@dataclass
class Shot:
    """One screenshot, at each of its widths: who looks at which page, what to wait for,
    and what to scroll to the top of the viewport (a selector, or one per width:
    {"phone": ...}; without one, the top of the page)."""

    name: str
    user: str  # "employee" or "editor": the demo account that logs in
    path: str
    wait_for: str | None = None  # a selector that must be visible first
    scroll_to: str | dict[str, str] | None = None
    margin: int = 16  # CSS pixels left above the element scrolled to
    charts: bool = False  # wait until Chart.js has drawn every chart's canvas
    sizes: tuple[str, ...] = ("desktop", "phone")

    def scroll_target(self, size):
        if isinstance(self.scroll_to, dict):
            return self.scroll_to.get(size)
        return self.scroll_to


PANEL = "[data-advocacy-share]"
SHOTS = [
    Shot("share-hub", "employee", "/share/", wait_for=".advocacy-card"),
    # On a desktop the panel is beside the page, on a phone below it (with the end of the
    # page above it in view).
    Shot(
        "share-panel",
        "employee",
        "/share/senior-backend-engineer/",
        wait_for="#advocacy-counter:has-text('/')",
        scroll_to={"phone": PANEL},
        margin=80,
    ),
    # The end of the panel on a phone: the text box, its counter and nudge, Share. (On a
    # desktop the same view is mostly the empty column beside the panel.)
    Shot(
        "share-post",
        "employee",
        "/share/senior-backend-engineer/",
        wait_for="#advocacy-counter:has-text('/')",
        scroll_to=f"{PANEL} label[for='advocacy-text']",
        sizes=("phone",),
    ),
    Shot(
        "training-module",
        "employee",
        "/training/share-as-yourself/?quiz=1",
        wait_for="#quiz form",
        scroll_to={"phone": "#quiz"},
    ),
    Shot("my-impact", "employee", "/advocacy/impact/"),
    Shot("leaderboard", "employee", "/advocacy/leaderboard/"),
    Shot("kpi-dashboard", "editor", "/admin/advocacy/dashboard/", charts=True),
    Shot(
        "kpi-charts",
        "editor",
        "/admin/advocacy/dashboard/",
        charts=True,
        scroll_to="#advocacy-charts",
    ),
]

# Every chart shown has a canvas with a Chart.js chart on it, and that chart has drawn.
CHARTS_DRAWN = """() => {
  const holders = [...document.querySelectorAll('.advocacy-chart__canvas:not([hidden])')];
  return holders.length > 0 && typeof window.Chart !== 'undefined' && holders.every((h) => {
    const canvas = h.querySelector('canvas');
    const chart = canvas && window.Chart.getChart(canvas);
    return chart && canvas.width > 0 && canvas.height > 0 && chart.chartArea;
  });
}"""


# The element to the top of the viewport, `margin` pixels below it or below any sticky or
# fixed bar across the top (Wagtail's header), whichever element scrolls (the page on the
# intranet, the main column in Wagtail's admin). Scrolled by hand: scrollIntoView would
# also apply the admin's own scroll-padding.
SCROLL_TO_TOP = """(el, margin) => {
  const scrolls = (e) => e.scrollHeight > e.clientHeight + 1
    && /(auto|scroll)/.test(getComputedStyle(e).overflowY);
  let scroller = el.parentElement;
  while (scroller && !scrolls(scroller)) scroller = scroller.parentElement;
  const box = el.getBoundingClientRect();
  let cover = scroller ? Math.max(0, scroller.getBoundingClientRect().top) : 0;
  for (const bar of document.querySelectorAll('body *')) {
    const position = getComputedStyle(bar).position;
    if (position !== 'sticky' && position !== 'fixed') continue;
    const r = bar.getBoundingClientRect();
    const across = r.left < box.right && r.right > box.left;
    if (across && r.height > 0 && r.height < innerHeight / 2 && r.top <= cover + 1) {
      cover = Math.max(cover, r.bottom);
    }
  }
  (scroller || window).scrollBy({top: box.top - cover - margin, behavior: 'instant'});
}"""
IMAGES_IN_VIEW_LOADED = """() => [...document.images].every((img) => {
  const r = img.getBoundingClientRect();
  const seen = r.bottom > 0 && r.top < innerHeight && r.width > 0;
  return !seen || (img.complete && img.naturalWidth > 0);
})"""


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(tmp, base_url):
    """The environment ``make demo`` gives the example site, on a throwaway database and
    media folder in ``tmp`` (the demo's pictures too stay out of example_site/media)."""
    (tmp / "screenshot_settings.py").write_text(
        f"from intranet.settings import *  # noqa: F403\nMEDIA_ROOT = {str(tmp / 'media')!r}\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(tmp), os.environ.get("PYTHONPATH")])),
        DJANGO_SETTINGS_MODULE="screenshot_settings",
        DJANGO_DEBUG="1",
        ADVOCACY_SQLITE_PATH=str(tmp / "db.sqlite3"),
        WAGTAIL_ADVOCACY_PUBLIC_BASE_URL=base_url,
        WAGTAILADMIN_BASE_URL=base_url,
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    """Run ``manage.py`` in the example site; its output, or an error with it."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=EXAMPLE_SITE,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode})")
    return result.stdout


def demo_accounts(output):
    """The password and the usernames of an editor and an employee, from what
    ``advocacy_demo`` prints ("Demo accounts (password for all: ...)", then one line a
    person: "  alice    Alice Martin (employee)")."""
    password = re.search(r"password for all: (\S+?)\)", output)
    people = re.findall(r"^\s+(\S+)\s+.+\((editor|employee)\b[^)]*\)\s*$", output, re.M)
    roles = {}
    for username, role in people:
        roles.setdefault(role, username)
    if not password or set(roles) != {"editor", "employee"}:
        raise SystemExit(f"Could not read the demo accounts from advocacy_demo:\n{output}")
    return password.group(1), roles


@contextlib.contextmanager
def server(env, port, logfile):
    """``runserver --noreload`` on ``port`` until the block ends, stopped whatever happens."""
    with open(logfile, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=EXAMPLE_SITE,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/accounts/login/"
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(
                    f"runserver exited ({process.returncode}):\n" + logfile.read_text()
                )
            try:
                with urllib.request.urlopen(url, timeout=5):
                    pass
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise SystemExit(
                        "runserver did not answer within 60 s:\n" + logfile.read_text()
                    ) from None
                time.sleep(0.3)
                continue
            # An answer: from this server, unless it failed to bind and another one answered.
            time.sleep(0.5)
            if process.poll() is None:
                break
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def stub_outside_world(route):
    """Nothing leaves the machine. An image from elsewhere (the admin's Gravatar avatars)
    is Wagtail's default avatar; anything else (a network's composer) a blank page."""
    if route.request.resource_type == "image":
        avatar = files("wagtail.admin") / "static/wagtailadmin/images/default-user-avatar.png"
        route.fulfill(status=200, content_type="image/png", body=avatar.read_bytes())
    else:
        route.fulfill(status=200, content_type="text/html", body="")


def log_in(context, username, password):
    """A logged-in page: through the example site's login form, as a person would."""
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def settle(page):
    """Wait until the page has nothing left to load: network idle, web fonts ready, every
    image loaded (but those the browser loads lazily, when they come into view)."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_function(
        "[...document.images].every((img) => img.complete || img.loading === 'lazy')",
        timeout=TIMEOUT_MS,
    )


def capture(page, shot, size, path):
    page.goto(shot.path)
    settle(page)
    if shot.wait_for:
        page.locator(shot.wait_for).first.wait_for(state="visible")
    if shot.charts:
        page.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT_MS)
    target = shot.scroll_target(size)
    if target:
        page.locator(target).first.evaluate(SCROLL_TO_TOP, shot.margin)
    else:
        page.evaluate("window.scrollTo(0, 0)")
    # The images the scroll brought into view loaded, and two frames painted.
    page.wait_for_load_state("networkidle")
    page.wait_for_function(IMAGES_IN_VIEW_LOADED, timeout=TIMEOUT_MS)
    page.evaluate(
        "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    page.screenshot(path=path, animations="disabled", caret="hide", scale="device")


def shrink(path):
    """Re-save with a palette of 256 colours (Pillow ships with Wagtail): a third of the
    size, and no difference to see on flat colours, text and charts."""
    from PIL import Image

    with Image.open(path) as image:
        image = image.convert("RGB")
    palette = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(path, optimize=True)


def shown(path):
    """``path`` relative to the repository when it is inside it."""
    try:
        return path.resolve().relative_to(ROOT)
    except ValueError:
        return path


def take(browser, base_url, password, accounts, size, shots, out):
    """The screenshots of one width, each person logged in once in a context of their own."""
    suffix, device = SIZES[size]
    contexts, pages = [], {}
    try:
        for role in sorted({shot.user for shot in shots}):
            context = browser.new_context(
                base_url=base_url,
                reduced_motion="reduce",
                color_scheme="light",
                locale="en-GB",
                timezone_id="Europe/Paris",
                **device,
            )
            contexts.append(context)
            context.set_default_timeout(TIMEOUT_MS)
            context.route(lambda url: not LOCAL.match(url), stub_outside_world)
            pages[role] = log_in(context, accounts[role], password)
        for shot in shots:
            path = out / f"{shot.name}{suffix}.png"
            capture(pages[shot.user], shot, size, path)
            shrink(path)
            log(f"  {shown(path)} ({path.stat().st_size // 1024} KB)")
    finally:
        for context in contexts:
            context.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where the PNGs go (docs/img)")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        choices=[shot.name for shot in SHOTS],
        help="only these screenshots (at each of their widths)",
    )
    parser.add_argument(
        "--keep-server",
        action="store_true",
        help="after the screenshots, keep the demo served until Ctrl-C (to look around)",
    )
    options = parser.parse_args(argv)
    # A plain `kill` unwinds like Ctrl-C does, so the server is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    options.out.mkdir(parents=True, exist_ok=True)
    shots = [shot for shot in SHOTS if not options.only or shot.name in options.only]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="advocacy-screenshots-") as tmp:
        tmp = Path(tmp)
        database, pristine = tmp / "db.sqlite3", tmp / "demo.sqlite3"
        base_url = f"http://127.0.0.1:{free_port()}"
        env = site_env(tmp, base_url)
        log("Building the demo in a throwaway database ...")
        manage(env, "migrate", "--noinput", "-v0")
        password, accounts = demo_accounts(manage(env, "advocacy_demo"))
        # Looking changes things (news seen, notifications read): each width starts from
        # the demo as advocacy_demo left it.
        shutil.copyfile(database, pristine)
        log(f"Screenshots into {shown(options.out)}:")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                for size in SIZES:
                    size_shots = [shot for shot in shots if size in shot.sizes]
                    if not size_shots and not options.keep_server:
                        continue
                    shutil.copyfile(pristine, database)
                    # A port free now (the one found before the migrations may be taken).
                    port = free_port()
                    base_url = f"http://127.0.0.1:{port}"
                    env = site_env(tmp, base_url)
                    with server(env, port, tmp / "runserver.log"):
                        log(f" {size}, served on {base_url}:")
                        take(
                            browser,
                            base_url,
                            password,
                            accounts,
                            size,
                            size_shots,
                            options.out,
                        )
                        if options.keep_server and size == list(SIZES)[-1]:
                            log(f"Still serving on {base_url} (Ctrl-C to stop).")
                            with contextlib.suppress(KeyboardInterrupt):
                                while True:
                                    time.sleep(1)
            finally:
                browser.close()
    log(f"Done in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
