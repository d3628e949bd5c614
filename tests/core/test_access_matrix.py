"""The access matrix: every URL the package adds, for every kind of visitor.

The URL patterns are walked, not listed: the admin's (``wagtail.admin.urls``, with the
package's ModelAdmin, snippet, snippet chooser, dashboard, report and statistics URLs)
and the front end's (``wagtail_advocacy.urls``), plus a live page of each page type. A
pattern's arguments are filled with real objects. Five roles:

- anonymous visitor: login page (front end) or admin login page (admin); only the
  tracked-link route and the token-authenticated conversions API answer them;
- employee, no admin access: the front end opens, the admin refuses;
- admin-only editor ("Can access Wagtail admin" and nothing else): every package admin
  view refuses (403, or Wagtail's redirect to the admin home);
- editor with the model's permissions (add, change, delete, view; the dashboard's for
  the dashboard and reports; "Can send kudos on behalf of the program" for program kudos;
  "change" on the site's pages for the page editor's live check of a suggested post,
  which takes a POST): 200;
- superuser: 200.

A view refused to everybody by design (create, edit and delete of the read-only event
lists) is expected refused for every role. Runs on a host without
``LoginRequiredMiddleware``: the package's own checks are what is tested.
"""

import datetime
import json
import re

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone
from wagtail.admin import urls as admin_urls
from wagtail.models import GroupPagePermission
from wagtail_modeladmin.options import ModelAdmin

from tests import factories
from wagtail_advocacy import urls as front_urls
from wagtail_advocacy import wagtail_hooks
from wagtail_advocacy.models import (
    AmbassadorIndexPage,
    AmbassadorSpotlightPage,
    Badge,
    Challenge,
    EmployeeRecord,
    Kudos,
    PostTemplate,
    Redemption,
    RedemptionStatus,
    Reward,
)

APP = "wagtail_advocacy"
LOGIN_REQUIRED = "wagtail_advocacy.middleware.LoginRequiredMiddleware"  # the example's
ROLES = ("anonymous", "employee", "admin_only", "editor", "superuser")
API_TOKEN = "matrix-secret"
# Floors: the walk must find at least this many patterns (so the test cannot pass empty).
MIN_ADMIN_PATTERNS = 140
MIN_FRONT_PATTERNS = 16
PAGE_TYPES = (
    "share_hub",
    "shareable_page",
    "training_index",
    "training_module",
    "ambassador_index",
    "spotlight",
)
# The front-end views that only take a POST: the matrix posts to them.
POST_ONLY = {"share", "training_quiz", "training_lesson_read", "redeem", "conversions"}
# The same for the admin views.
ADMIN_POST_ONLY = {"wagtail_advocacy_sharing:check_suggested_post"}
PUBLIC = {"go", "conversions"}
MODELADMIN_NAME = re.compile(rf"^{APP}_(?P<model>[a-z]+)_modeladmin_(?P<action>[a-z_]+)$")
SNIPPET_NAMESPACE = re.compile(rf"^wagtailsnippet(?:s|choosers)_{APP}_(?P<model>[a-z]+)$")
DASHBOARD_PERMISSION = f"{APP}.view_advocacy_dashboard"

# The URLs added lately, named here so that the walk cannot lose them, each with the
# permission that opens it (None: any signed-in employee, for their own data). Each is
# also asked on its own below: anonymous -> login, signed in without the permission ->
# refused, with it -> 200.
RECENT_URLS = {
    # privacy: a person's own data, shown and downloaded
    ("front", "my_data"): None,
    ("front", "my_data_download"): None,
    # recognition: kudos from the program team
    ("admin", "wagtail_advocacy_kudos:send"): f"{APP}.send_program_kudos",
    # The compliance settings are Wagtail's settings view (Settings → Compliance), asked
    # for f"{APP}.change_compliancesettings": tests/compliance/test_settings.py. The consent
    # page sends non-members to the join page, so it is in the walk above only.
}


# The walk (at collection time: the parameters name each URL).


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace, entry


def belongs_to_the_package(namespace, pattern):
    view = getattr(pattern.callback, "view_class", pattern.callback)
    return (
        pattern.name.startswith(APP)
        or namespace.split(":")[-1].startswith(APP)
        or bool(SNIPPET_NAMESPACE.match(namespace.split(":")[-1]))
        or getattr(view, "__module__", "").startswith(f"{APP}.")
    )


def admin_patterns():
    found = {}
    for namespace, pattern in walk(admin_urls.urlpatterns):
        if belongs_to_the_package(namespace, pattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            found[name] = sorted(pattern.pattern.regex.groupindex)
    return found


def front_patterns():
    return {
        pattern.name: sorted(pattern.pattern.regex.groupindex)
        for _namespace, pattern in walk(front_urls.urlpatterns)
    }


ADMIN_PATTERNS = admin_patterns()
FRONT_PATTERNS = front_patterns()


def model_of(name):
    """The package model an admin URL is about, or None (dashboard, reports, statistics)."""
    namespace, _sep, short = name.rpartition(":")
    match = MODELADMIN_NAME.match(short) or SNIPPET_NAMESPACE.match(namespace)
    return apps.get_model(APP, match["model"]) if match else None


def scope_of(name):
    """The permissions the "editor" role holds for this URL."""
    model = model_of(name)
    if model is not None:
        return model._meta.model_name
    if name.startswith("wagtail_advocacy_training:"):
        return "trainingcompletion"
    if name.startswith("wagtail_advocacy_sharing:"):
        return "pages"  # the page editor's live check: page permissions
    if name.startswith("wagtail_advocacy_kudos:"):
        return "program_kudos"
    return "dashboard"


def refused_to_everyone(name):
    """Create, edit and delete of a read-only ModelAdmin list: nobody, by design."""
    match = MODELADMIN_NAME.match(name)
    if not match or match["action"] not in ("create", "edit", "delete"):
        return False
    model_admin = MODEL_ADMINS[match["model"]]
    helper = model_admin.permission_helper
    anybody = type("Superuser", (), {"has_perm": lambda self, perm: True, "is_active": True})()
    if match["action"] == "create":
        return not helper.user_can_create(anybody)
    check = helper.user_can_edit_obj if match["action"] == "edit" else helper.user_can_delete_obj
    return not check(anybody, None)


MODEL_ADMINS = {
    cls.model._meta.model_name: cls() if isinstance(cls, type) else cls
    for cls in wagtail_hooks.MODELADMIN_ITEMS
}
assert all(isinstance(admin, ModelAdmin) for admin in MODEL_ADMINS.values())

CASES = (
    [
        pytest.param("admin", name, role, id=f"admin:{name}-{role}")
        for name in ADMIN_PATTERNS
        for role in ROLES
    ]
    + [
        pytest.param("front", name, role, id=f"front:{name}-{role}")
        for name in FRONT_PATTERNS
        for role in ROLES
    ]
    + [
        pytest.param("page", kind, role, id=f"page:{kind}-{role}")
        for kind in PAGE_TYPES
        for role in ROLES
    ]
)


# The objects the URLs are filled with: created once for the module, rolled back after.


def build_world():
    root = factories.site_root()
    campaign = factories.campaign()
    hub = factories.hub(root)
    page = factories.shareable_page(hub, campaign=campaign)
    training = factories.training_index(root)
    module = factories.training_module(training)
    directory = root.add_child(instance=AmbassadorIndexPage(title="Ambassadors", slug="ambs"))
    employee = factories.user("employee")
    profile = factories.ambassador(employee, display_name="Emma", **factories.VISIBLE)
    story = AmbassadorSpotlightPage(title="Meet Emma", slug="meet-emma", headline="Emma")
    story.profile = profile
    directory.add_child(instance=story)
    story.save_revision().publish()
    link = factories.tracked_link(employee, page)
    factories.share(employee, page)
    factories.click(link)
    factories.pass_quiz(employee, module)
    colleague = factories.user("colleague")
    reward = Reward.objects.create(title="A tree planted", points_cost=10, stock=None)
    today = timezone.localdate()
    objects = {
        "campaign": campaign,
        "trackedlink": link,
        "ambassadorprofile": profile,
        "employeerecord": EmployeeRecord.objects.create(
            user=colleague, department="R&D", job_title="Tester"
        ),
        "redemption": Redemption.objects.create(
            user=employee, reward=reward, points=10, status=RedemptionStatus.PENDING
        ),
        "kudos": Kudos.objects.create(sender=colleague, recipient=employee, message="Thanks"),
        "pointsentry": factories.points(employee, 5),
        "conversion": factories.conversion(link=link),
        "badge": Badge.objects.create(
            name="Pioneer", slug="pioneer", kind="first_share", threshold=1
        ),
        "reward": reward,
        "challenge": Challenge.objects.create(
            title="Share three pages",
            metric="shares",
            target=3,
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=30),
        ),
        "posttemplate": PostTemplate.objects.create(
            title="Hiring", network="linkedin", text="We are hiring"
        ),
    }
    # Every model with an admin URL has a row to fill it with (the events were written
    # above by the services).
    for name in {model_of(url)._meta.model_name for url in ADMIN_PATTERNS if model_of(url)}:
        if name not in objects:
            objects[name] = apps.get_model(APP, name).objects.order_by("pk").first()
        assert objects[name] is not None, name

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    admin_only = factories.user("admin_only")
    admin_only.user_permissions.add(access_admin)
    editors = {}
    scopes = {scope_of(name) for name in ADMIN_PATTERNS}
    for scope in sorted(scopes):
        group = Group.objects.create(name=f"editors of {scope}")
        if scope == "pages":
            GroupPagePermission.objects.create(
                group=group, page=root, permission=Permission.objects.get(codename="change_page")
            )
            perms = [access_admin]
        elif scope == "dashboard":
            perms = Permission.objects.filter(
                content_type__app_label=APP, codename="view_advocacy_dashboard"
            )
        elif scope == "program_kudos":
            perms = Permission.objects.filter(
                content_type__app_label=APP, codename="send_program_kudos"
            )
        else:
            perms = Permission.objects.filter(
                content_type__app_label=APP, content_type__model=scope
            )
        assert perms, scope
        group.permissions.add(access_admin, *perms)
        editors[scope] = factories.user(f"editor_{scope}", groups=[group])
    superuser = factories.user("root", is_superuser=True, is_staff=True)
    users = {"employee": employee, "admin_only": admin_only, "superuser": superuser, **editors}
    for person in (admin_only, superuser, *editors.values()):
        factories.pass_quiz(person, module)  # their own certificate opens too
    return {
        "objects": objects,
        "users": users,
        "editors": editors,
        "pages": {
            "share_hub": hub,
            "shareable_page": page,
            "training_index": training,
            "training_module": module,
            "ambassador_index": directory,
            "spotlight": AmbassadorSpotlightPage.objects.get(pk=story.pk),
        },
        "module": module,
        "link": link,
        "reward": reward,
        "page": page,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches page paths: forget the rolled-back pages


@pytest.fixture(autouse=True)
def public_site(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != LOGIN_REQUIRED]
    settings.WAGTAIL_ADVOCACY_CONVERSION_API_TOKEN = API_TOKEN


# Filling a pattern's arguments.


def admin_url(name, world):
    model = model_of(name)
    kwargs = {}
    for argument in ADMIN_PATTERNS[name]:
        assert argument in ("pk", "instance_pk"), (name, argument)
        kwargs[argument] = world["objects"][model._meta.model_name].pk
    return reverse(name, kwargs=kwargs)


def front_url(name, world):
    module = world["module"]
    values = {
        "page_id": world["page"].pk,
        "token": world["link"].token,
        "module_id": module.pk,
        "lesson_id": module.lessons[0].id,
        "reward_id": world["reward"].pk,
    }
    kwargs = {argument: values[argument] for argument in FRONT_PATTERNS[name]}
    return reverse(f"wagtail_advocacy:{name}", kwargs=kwargs)


def user_for(role, scope, world):
    if role == "editor":
        return world["editors"].get(scope) or next(iter(world["editors"].values()))
    return world["users"][role]


# What each answer means.


def is_login_redirect(response, login_url, url):
    return response.status_code == 302 and response["Location"].startswith(f"{login_url}?next=")


def is_refused(response):
    """403, or Wagtail's redirect to the admin login (no admin access) or admin home
    (no permission): never a 200 that shows the data."""
    if response.status_code == 403:
        return True
    if response.status_code == 302:
        location = response["Location"]
        return location.startswith(reverse("wagtailadmin_login")) or location == reverse(
            "wagtailadmin_home"
        )
    return False


def request(client, method, url, name, world):
    if method == "post":
        if name == "conversions":
            return client.post(
                url,
                json.dumps({"kind": "application", "token": world["link"].token}),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {API_TOKEN}",
            )
        return client.post(url, {})
    return client.get(url)


def test_the_matrix_walks_enough_url_patterns(capsys):
    admin, front = len(ADMIN_PATTERNS), len(FRONT_PATTERNS)
    total = admin + front + len(PAGE_TYPES)
    with capsys.disabled():
        print(
            f"\naccess matrix: {admin} admin URL patterns + {front} front-end URL patterns"
            f" + {len(PAGE_TYPES)} page types = {total} targets x {len(ROLES)} roles"
            f" = {total * len(ROLES)} cases"
        )
    assert admin >= MIN_ADMIN_PATTERNS, sorted(ADMIN_PATTERNS)
    assert front >= MIN_FRONT_PATTERNS, sorted(FRONT_PATTERNS)
    assert len(CASES) == total * len(ROLES)
    # Each kind of admin URL the package adds is in the walk.
    for expected in (
        f"{APP}_redemption_modeladmin_history",
        f"{APP}_employeerecord_modeladmin_history",
        "wagtailsnippetchoosers_wagtail_advocacy_campaign:choose",
        "wagtailsnippets_wagtail_advocacy_reward:history",
        "wagtail_advocacy_admin:dashboard",
        "wagtail_advocacy_training:statistics",
        "wagtail_advocacy_sharing:check_suggested_post",
    ):
        assert expected in ADMIN_PATTERNS, expected
    for area, name in RECENT_URLS:
        assert name in (ADMIN_PATTERNS if area == "admin" else FRONT_PATTERNS), name


@pytest.mark.parametrize(("area", "name", "role"), CASES)
def test_access_matrix(client, db, world, area, name, role):
    if area == "admin":
        url, scope = admin_url(name, world), scope_of(name)
        method = "post" if name in ADMIN_POST_ONLY else "get"
    elif area == "front":
        url = front_url(name, world)
        method, scope = ("post" if name in POST_ONLY else "get"), None
    else:
        url, method, scope = world["pages"][name].url, "get", None

    if role != "anonymous":
        client.force_login(user_for(role, scope, world))
    response = request(client, method, url, name, world)
    status, where = response.status_code, response.get("Location", "")
    described = f"{role} {method.upper()} {url} -> {status} {where}"

    if area == "admin":
        login = reverse("wagtailadmin_login")
        if role == "anonymous":
            assert is_login_redirect(response, login, url), described
        elif role in ("employee", "admin_only") or refused_to_everyone(name):
            assert is_refused(response), described
        else:
            assert status == 200, described
        return

    login = resolve_url(django_settings.LOGIN_URL)
    if area == "front" and name in PUBLIC:
        assert not is_login_redirect(response, login, url), described
        assert status < 400, described  # go redirects; the API answers the bearer token
        return
    if role == "anonymous":
        assert is_login_redirect(response, login, url), described
        assert response["Location"].endswith(f"?next={url}") or "next=" in where, described
    else:
        assert not is_login_redirect(response, login, url), described
        assert status < 500 and status not in (401, 403, 404, 405), described


@pytest.mark.parametrize(
    ("area", "name"), [pytest.param(*key, id=f"{key[0]}:{key[1]}") for key in RECENT_URLS]
)
def test_recent_urls_ask_their_own_permission(client, db, world, area, name):
    permission = RECENT_URLS[(area, name)]
    if area == "admin":
        url, login = admin_url(name, world), reverse("wagtailadmin_login")
    else:
        url, login = front_url(name, world), resolve_url(django_settings.LOGIN_URL)
    assert is_login_redirect(client.get(url), login, url), url

    if permission is None:
        # Everyone signed in, for their own data: the employee, and an editor.
        for person in (world["users"]["employee"], world["users"]["admin_only"]):
            client.force_login(person)
            response = client.get(url)
            assert response.status_code == 200, (person, url)
        return

    app_label, codename = permission.split(".")
    holders = [user for user in world["users"].values() if user.has_perm(permission)]
    assert holders, permission
    # Admin access and every other permission of the package but this one: refused.
    others = factories.user(f"without_{codename}")
    others.user_permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label).exclude(codename=codename),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    for person in (world["users"]["employee"], world["users"]["admin_only"], others):
        client.force_login(person)
        response = client.get(url)
        assert is_refused(response), (person, url, response.status_code)
        if person is others:
            assert response.status_code == 403, url
    for person in holders:
        client.force_login(person)
        assert client.get(url).status_code == 200, (person, url)


def test_my_data_download_is_the_person_s_own_file(client, db, world):
    client.force_login(world["users"]["employee"])
    response = client.get(front_url("my_data_download", world))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
