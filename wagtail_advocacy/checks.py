"""System checks that catch a misconfiguration at start-up rather than at the first share."""

import ipaddress
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.template.backends.django import get_installed_libraries
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode

from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.networks import NETWORKS

DJANGO_LOGIN_REQUIRED = "django.contrib.auth.middleware.LoginRequiredMiddleware"
PUBLIC_URL_HINT = (
    "Set WAGTAIL_ADVOCACY_PUBLIC_BASE_URL to the public domain that serves only "
    "/advocacy/go/, for example 'https://go.example.com' (docs/installation.md, "
    "'Reverse proxy: the public tracked links')."
)


def is_loopback_host(host):
    """Whether only the machine itself can reach ``host``: localhost, 127.x, ::1, 0.0.0.0."""
    host = (host or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@register()
def check_settings(app_configs, **kwargs):
    problems = []
    base = advocacy_settings.PUBLIC_BASE_URL
    if base:
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(
                Error(
                    "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL must be an absolute URL such as "
                    "'https://go.example.com'.",
                    id="wagtail_advocacy.E001",
                )
            )
        elif not settings.DEBUG and is_loopback_host(parts.hostname):
            # Fine on a developer's machine; in production nobody else can open the links.
            problems.append(
                Warning(
                    f"WAGTAIL_ADVOCACY_PUBLIC_BASE_URL is {base!r} while DEBUG is off: "
                    "tracked links point at this machine, which nobody who clicks them "
                    "can reach.",
                    hint=PUBLIC_URL_HINT,
                    id="wagtail_advocacy.W001",
                )
            )
    else:
        problems.append(
            Warning(
                "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL is not set: tracked links will use the "
                "intranet's host, which people outside the company cannot reach.",
                hint=PUBLIC_URL_HINT,
                id="wagtail_advocacy.W001",
            )
        )
    unknown = [key for key in advocacy_settings.ENABLED_NETWORKS or [] if key not in NETWORKS]
    if unknown:
        problems.append(
            Error(
                f"Unknown networks in WAGTAIL_ADVOCACY_ENABLED_NETWORKS: {', '.join(unknown)}. "
                f"Known: {', '.join(NETWORKS)}.",
                id="wagtail_advocacy.E002",
            )
        )
    if advocacy_settings.LINKEDIN_MODE not in ("feed", "offsite"):
        problems.append(
            Error(
                "WAGTAIL_ADVOCACY_LINKEDIN_MODE must be 'feed' or 'offsite'.",
                id="wagtail_advocacy.E003",
            )
        )
    if DJANGO_LOGIN_REQUIRED in settings.MIDDLEWARE:
        problems.append(
            Warning(
                "Django's LoginRequiredMiddleware blocks the Wagtail admin's login page "
                "assets and password reset for logged-out editors: the login page loads "
                "without icons and sends editors to the icon sprite once logged in.",
                hint="Use 'wagtail_advocacy.middleware.LoginRequiredMiddleware' instead: the "
                "same middleware, which lets the Wagtail admin's public views through "
                "(docs/installation.md, 'A private intranet').",
                id="wagtail_advocacy.W004",
            )
        )
    length = advocacy_settings.TOKEN_LENGTH
    if not isinstance(length, int) or not 8 <= length <= 32:
        problems.append(
            Error(
                "WAGTAIL_ADVOCACY_TOKEN_LENGTH must be a whole number from 8 to 32: shorter "
                "tokens can be guessed, longer ones do not fit the database column.",
                id="wagtail_advocacy.E004",
            )
        )
    return problems


PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def blocks_the_package_fills():
    """Names of the blocks that the package's front-end templates fill in the site's base
    template, sorted: the top-level blocks of every template of the package that extends
    ``base_template`` (a variable, not a fixed name such as the Wagtail admin's)."""
    engine = Engine(libraries=get_installed_libraries())  # to parse, not to render
    names = set()
    for path in sorted(PACKAGE_TEMPLATES.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        if "extends" not in source:
            continue  # includes and widgets: they fill no block of the base template
        try:
            nodelist = engine.from_string(source).nodelist
        except TemplateSyntaxError:
            continue  # its page fails on its own; the check must still run
        for extends in nodelist.get_nodes_by_type(ExtendsNode)[:1]:
            if not isinstance(extends.parent_name.var, str):
                names.update(n.name for n in extends.nodelist if isinstance(n, BlockNode))
    return tuple(sorted(names))


def blocks_of(name):
    """The block names of the template ``name`` and of the templates it extends."""
    template = get_template(name)
    template = getattr(template, "template", None)  # the Django backend's own Template
    if template is None or not hasattr(template, "nodelist"):
        return None  # another template engine: nothing to inspect
    names, history = set(), [template.origin]
    while True:
        names.update(node.name for node in template.nodelist.get_nodes_by_type(BlockNode))
        extends = template.nodelist.get_nodes_by_type(ExtendsNode)[:1]
        if not extends or not isinstance(extends[0].parent_name.var, str):
            return names  # the top of the chain, or a parent chosen at render time
        parent = extends[0].parent_name.resolve(Context())
        # Skipping the templates already seen lets a base.html extend another base.html.
        template, origin = template.engine.find_template(parent, skip=history)
        history.append(origin)


@register(Tags.templates)
def check_base_template(app_configs, **kwargs):
    name = advocacy_settings.BASE_TEMPLATE
    try:
        names = blocks_of(name)
    except (TemplateDoesNotExist, TemplateSyntaxError) as error:
        return [
            Warning(
                f"WAGTAIL_ADVOCACY_BASE_TEMPLATE is {name!r}, which cannot be loaded "
                f"({type(error).__name__}: {error}). Every page of the package would fail.",
                hint="Set WAGTAIL_ADVOCACY_BASE_TEMPLATE to your site's base template "
                "(docs/installation.md, 'The base template').",
                id="wagtail_advocacy.W002",
            )
        ]
    if names is None:
        return []
    missing = [block for block in blocks_the_package_fills() if block not in names]
    if not missing:
        return []
    return [
        Warning(
            f"The base template {name!r} lacks the blocks {', '.join(missing)}, which the "
            "package's templates fill: what they put there is silently dropped (the "
            "package's CSS and JavaScript among it).",
            hint="Add the blocks to your base template, or set WAGTAIL_ADVOCACY_BASE_TEMPLATE "
            "to a small template that extends it and places them in your own blocks "
            "(docs/installation.md, 'The base template').",
            id="wagtail_advocacy.W003",
        )
    ]
