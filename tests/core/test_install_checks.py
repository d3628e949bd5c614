"""What a site meets while installing the package: the installation guide, the checks on
its base template and public links, and the example intranet's production settings."""

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail_advocacy.checks import (
    blocks_the_package_fills,
    check_base_template,
    check_settings,
)

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXAMPLE = ROOT / "example_site"
EXAMPLE_SETTINGS = EXAMPLE / "intranet" / "settings.py"


def read(name):
    return (DOCS / name).read_text(encoding="utf-8")


def section(text, title):
    """The text of a "## title" section of a Markdown page."""
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


# -- The installation guide ------------------------------------------------------------


def package_routes():
    """(name, path) of every route under the package's namespace, as the host mounts it."""
    (resolver,) = [
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "wagtail_advocacy"
    ]
    prefix = str(resolver.pattern)
    routes = []
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        path = str(pattern.pattern).lstrip("^").rstrip("$")
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", path)
        routes.append((pattern.name, prefix + path))
    return routes


def test_the_guide_lists_every_route_the_package_adds():
    text = section(read("installation.md"), "URLs")
    routes = package_routes()
    assert len(routes) >= 16
    for name, path in routes:
        rows = [line for line in text.splitlines() if f"`wagtail_advocacy:{name}`" in line]
        assert len(rows) == 1, f"wagtail_advocacy:{name} is not one row of the URLs table"
        # the path is given with its converters as Django declares them, e.g. <int:page_id>
        plain = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", path)
        row = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rows[0])
        assert f"`{plain}`" in row, f"{name}: {path} missing from {rows[0]}"
        assert re.search(r"\b(GET|POST|HEAD|any)\b", row), f"{name}: no method in {rows[0]}"


def test_the_guide_says_to_add_only_the_missing_apps():
    text = section(read("installation.md"), "INSTALLED_APPS")
    assert "Application labels aren't unique" in text
    assert "only the" in text


def test_the_guide_tells_what_to_do_when_the_base_template_names_its_blocks_differently():
    text = section(read("installation.md"), "The base template")
    for block in blocks_the_package_fills():
        assert f"`{block}`" in text
    assert "WAGTAIL_ADVOCACY_BASE_TEMPLATE" in text
    assert "names its blocks differently" in text
    assert "wagtail_advocacy.W002" in text and "wagtail_advocacy.W003" in text


def test_the_guide_explains_login_url_and_that_login_required_middleware_is_optional():
    text = section(read("installation.md"), "Login")
    assert 'LOGIN_URL = "wagtailadmin_login"' in text
    assert "`LoginRequiredMiddleware` is not needed" in text


@pytest.mark.django_db
def test_every_page_and_view_needs_a_login_without_login_required_middleware(
    settings, client, hub, page, employee
):
    """What the guide promises: LoginRequiredMiddleware is optional, LOGIN_URL is not."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.endswith("LoginRequiredMiddleware")
    ]
    settings.LOGIN_URL = "wagtailadmin_login"
    login = reverse("wagtailadmin_login")
    urls = [hub.url, page.url]
    for name, path in package_routes():
        if name not in ("go", "conversions"):
            args = dict.fromkeys(re.findall(r"<(?:\w+:)?(\w+)>", path), 1)
            urls.append(reverse(f"wagtail_advocacy:{name}", kwargs=args))
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(f"{login}?next="), url
    # An employee who is not staff logs in there and lands on the page they asked for.
    assert not employee.is_staff
    url = reverse("wagtail_advocacy:my_training")
    response = client.post(
        f"{login}?next={url}", {"username": employee.username, "password": "pw"}
    )
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_the_checks_are_documented_where_the_settings_are():
    install = read("installation.md")
    settings_page = section(read("settings.md"), "WAGTAIL_ADVOCACY_BASE_TEMPLATE")
    for check_id in ("W002", "W003"):
        assert f"wagtail_advocacy.{check_id}" in install
        assert f"wagtail_advocacy.{check_id}" in settings_page
    assert "check --deploy" in install
    public = section(read("settings.md"), "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL")
    assert "localhost" in public and "DEBUG" in public


# -- The base template check -----------------------------------------------------------


def test_the_package_fills_four_blocks_of_the_base_template():
    assert blocks_the_package_fills() == ("content", "extra_css", "extra_js", "title")


@pytest.fixture
def site_templates(settings, tmp_path):
    """A site whose templates live in tmp_path, before the package's own."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]

    def write(name, text):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    return write


def test_the_example_base_template_passes():
    assert check_base_template(None) == []


def test_a_base_template_that_cannot_be_loaded_is_reported(settings):
    settings.WAGTAIL_ADVOCACY_BASE_TEMPLATE = "layouts/nowhere.html"
    (problem,) = check_base_template(None)
    assert problem.id == "wagtail_advocacy.W002"
    assert "layouts/nowhere.html" in problem.msg
    assert problem.hint


def test_a_base_template_with_a_syntax_error_is_reported(settings, site_templates):
    site_templates("broken.html", "{% block content %}")
    settings.WAGTAIL_ADVOCACY_BASE_TEMPLATE = "broken.html"
    assert [p.id for p in check_base_template(None)] == ["wagtail_advocacy.W002"]


def test_a_base_template_lacking_blocks_is_reported(settings, site_templates):
    site_templates(
        "site.html",
        "<title>{% block page_title %}{% endblock %}</title>{% block content %}{% endblock %}",
    )
    settings.WAGTAIL_ADVOCACY_BASE_TEMPLATE = "site.html"
    (problem,) = check_base_template(None)
    assert problem.id == "wagtail_advocacy.W003"
    assert "extra_css, extra_js, title" in problem.msg
    assert "content" not in problem.msg.split("lacks")[-1]
    assert "WAGTAIL_ADVOCACY_BASE_TEMPLATE" in problem.hint


def test_blocks_are_found_up_the_extends_chain(settings, site_templates):
    site_templates(
        "layout.html",
        "{% block title %}{% endblock %}{% block content %}{% endblock %}"
        "{% block extra_css %}{% endblock %}{% block extra_js %}{% endblock %}",
    )
    site_templates(
        "base_site.html", '{% extends "layout.html" %}{% block content %}x{% endblock %}'
    )
    settings.WAGTAIL_ADVOCACY_BASE_TEMPLATE = "base_site.html"
    assert check_base_template(None) == []


def test_a_missing_parent_of_the_base_template_is_reported(settings, site_templates):
    site_templates("base_site.html", '{% extends "gone.html" %}')
    settings.WAGTAIL_ADVOCACY_BASE_TEMPLATE = "base_site.html"
    (problem,) = check_base_template(None)
    assert problem.id == "wagtail_advocacy.W002"
    assert "gone.html" in problem.msg


def test_a_template_that_extends_its_own_name_is_followed(settings, site_templates, tmp_path):
    """A site may override an app's base.html and extend it: {% extends "base.html" %}."""
    site_templates("base.html", '{% extends "base.html" %}{% block title %}T{% endblock %}')
    assert check_base_template(None) == []


def test_the_documented_bridge_template_passes_and_renders(settings, site_templates):
    """What installation.md advises for a base template with other block names."""
    site_templates(
        "corporate.html",
        "<title>{% block page_title %}{% endblock %}</title>"
        "{% block head %}<link href=site.css>{% endblock %}"
        "<main>{% block main %}{% endblock %}</main>"
        "{% block scripts %}<script src=site.js></script>{% endblock %}",
    )
    site_templates("advocacy_base.html", bridge_template_from_the_guide())
    settings.WAGTAIL_ADVOCACY_BASE_TEMPLATE = "corporate.html"
    assert [p.id for p in check_base_template(None)] == ["wagtail_advocacy.W003"]
    settings.WAGTAIL_ADVOCACY_BASE_TEMPLATE = "advocacy_base.html"
    assert check_base_template(None) == []
    site_templates(
        "page.html",
        "{% extends base_template %}{% block title %}Hub{% endblock %}"
        "{% block extra_css %}{{ block.super }}<link href=advocacy.css>{% endblock %}"
        "{% block content %}Hello{% endblock %}"
        "{% block extra_js %}{{ block.super }}<script src=share.js></script>{% endblock %}",
    )
    html = render_to_string("page.html", {"base_template": "advocacy_base.html"})
    assert html == (
        "<title>Hub</title><link href=site.css><link href=advocacy.css>"
        "<main>Hello</main><script src=site.js></script><script src=share.js></script>"
    )


def bridge_template_from_the_guide():
    text = section(read("installation.md"), "The base template")
    (code,) = re.findall(r"```django\n(\{% extends \"corporate\.html\" %\}.*?)```", text, re.S)
    return "".join(line.strip() for line in code.splitlines())


# -- The public base URL with DEBUG off -------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000",
        "https://LOCALHOST",
        "http://intranet.localhost:8000",
        "http://127.0.0.1:8000",
        "http://127.0.1.1",
        "http://[::1]:8000",
        "http://0.0.0.0:8000",
    ],
)
def test_a_loopback_public_url_is_reported_in_production(settings, url):
    settings.DEBUG = False
    settings.WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = url
    (problem,) = check_settings(None)
    assert problem.id == "wagtail_advocacy.W001"
    assert "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL" in problem.msg
    assert "go.example.com" in problem.hint


def test_a_loopback_public_url_is_fine_while_developing(settings):
    settings.DEBUG = True
    settings.WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = "http://localhost:8000"
    assert check_settings(None) == []


@pytest.mark.parametrize("url", ["https://go.example.com", "https://localhost.example.com"])
def test_a_public_url_is_fine_in_production(settings, url):
    settings.DEBUG = False
    settings.WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = url
    assert check_settings(None) == []


def test_a_missing_public_url_in_production_comes_with_a_hint(settings):
    settings.DEBUG = False
    settings.WAGTAIL_ADVOCACY_PUBLIC_BASE_URL = ""
    (problem,) = check_settings(None)
    assert problem.id == "wagtail_advocacy.W001"
    assert "go.example.com" in problem.hint


# -- The example intranet's settings ---------------------------------------------------

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-key-only-for-the-deploy-check-of-the-example-0123456789",
    "DJANGO_ALLOWED_HOSTS": "intranet.example.com,go.example.com",
    "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL": "https://go.example.com",
}


def example_settings(monkeypatch, **env):
    for name in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY", "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(EXAMPLE_SETTINGS))


def test_the_example_refuses_to_start_without_a_secret_key_when_debug_is_off(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        example_settings(monkeypatch, DJANGO_DEBUG="0")


def test_the_example_demo_still_starts_without_any_environment(monkeypatch):
    values = example_settings(monkeypatch)
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"]
    # No hard-coded port: `make demo` passes the address it serves (tests/core/test_demo_links.py).
    assert values["WAGTAIL_ADVOCACY_PUBLIC_BASE_URL"] == ""
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False


def test_the_example_in_production_is_secure_and_has_no_localhost_fallback(monkeypatch):
    env = {**PRODUCTION_ENV}
    del env["WAGTAIL_ADVOCACY_PUBLIC_BASE_URL"]
    values = example_settings(monkeypatch, **env)
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == PRODUCTION_ENV["DJANGO_SECRET_KEY"]
    assert values["WAGTAIL_ADVOCACY_PUBLIC_BASE_URL"] == ""  # so W001 reports it
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000


def test_the_example_passes_check_deploy_with_its_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL"))},
        **PRODUCTION_ENV,
        "ADVOCACY_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
