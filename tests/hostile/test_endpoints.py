"""Hostile input on every public and admin endpoint: never a 500, never a partial write,
never a raw script in the page. Examples per endpoint: see conftest.py's profiles."""

import csv
import json
from urllib.parse import quote, urlencode

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests import factories
from wagtail_advocacy.models import (
    AmbassadorProfile,
    Conversion,
    Kudos,
    LinkClick,
    QuizAttempt,
    Redemption,
    Reward,
    ShareEvent,
)

from .strategies import MARK, SPECIAL, number_like, query, text

SECRET = "hostile-secret"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def check(response, *, refused_counts=None, counts=None):
    """No server error; a refusal wrote nothing; an HTML page shows no raw script."""
    assert response.status_code < 500, response.status_code
    if refused_counts is not None and response.status_code >= 400:
        assert counts() == refused_counts
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        assert MARK not in response.content.decode(errors="replace")


@pytest.fixture
def ambassador(employee):
    factories.ambassador(employee, department="Engineering")
    return employee


@pytest.fixture
def link(ambassador, page):
    return factories.tracked_link(ambassador, page, "linkedin")


@given(
    network=st.one_of(st.sampled_from(["linkedin", "x", "mastodon", "copy"]), text),
    body=text,
    instance=text,
    extra=query(["network", "text", "instance"]),
)
def test_share_endpoint(client, ambassador, page, network, body, instance, extra):
    client.force_login(ambassador)
    counts = ShareEvent.objects.count
    before = counts()
    data = {"network": network, "text": body, "instance": instance, **dict(extra)}
    response = client.post(reverse("wagtail_advocacy:share", args=[page.pk]), data)
    check(response, refused_counts=before, counts=counts)
    assert counts() - before <= 1


@given(agent=st.one_of(st.just(BROWSER), text), referer=text, address=text, forwarded=text)
def test_go(client, link, settings, agent, referer, address, forwarded):
    settings.WAGTAIL_ADVOCACY_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    before = LinkClick.objects.count()
    response = client.get(
        reverse("wagtail_advocacy:go", args=[link.token]),
        HTTP_USER_AGENT=agent,
        HTTP_REFERER=referer,
        REMOTE_ADDR=address,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert response.status_code == 302
    assert response["Location"] == link.destination
    assert LinkClick.objects.count() - before <= 1


@given(token=st.one_of(text, st.from_regex(r"\A[A-Za-z0-9_-]{4,64}\Z")))
def test_go_unknown_tokens(client, db, token):
    # Quoted as a link in a post would be: a raw "#" or "?" would end the path early.
    response = client.get(f"/advocacy/go/{quote(token, safe='')}/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code in (404, 302)
    assert not LinkClick.objects.exists()


CONVERSION_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "token": st.one_of(st.just("LINK"), text, st.integers()),
        "kind": st.one_of(st.sampled_from(["hire", "application", "lead"]), text),
        "value": st.one_of(number_like, st.integers(), st.floats(), st.none()),
        "occurred_at": st.one_of(text, st.dates().map(str), st.datetimes().map(str)),
        "note": st.one_of(text, st.text(min_size=250, max_size=260)),
        "idempotency_key": st.one_of(text, st.lists(text, max_size=2)),
    },
)


@given(fields=CONVERSION_FIELDS, key_header=st.one_of(st.none(), text))
def test_conversions_api(client, link, settings, fields, key_header):
    settings.WAGTAIL_ADVOCACY_CONVERSION_API_TOKEN = SECRET
    if fields.get("token") == "LINK":
        fields["token"] = link.token
    headers = {"HTTP_AUTHORIZATION": f"Bearer {SECRET}"}
    if key_header is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key_header
    before = Conversion.objects.count()
    response = client.post(
        reverse("wagtail_advocacy:conversions"),
        json.dumps(fields),
        content_type="application/json",
        **headers,
    )
    assert response.status_code in (200, 201, 400), response.content
    if response.status_code != 201:
        assert Conversion.objects.count() == before
    else:
        assert Conversion.objects.count() == before + 1
        # What was stored can be listed again (PostgreSQL: no BC date, no overflow).
        assert list(Conversion.objects.values_list("occurred_at", "value"))


ROW = st.fixed_dictionaries(
    {
        "token": st.one_of(st.just("LINK"), text),
        "referrer": st.one_of(st.just(""), st.just("alice"), text),
        "kind": st.one_of(st.sampled_from(["hire", "application"]), text),
        "value": number_like,
        "occurred_at": text,
        "idempotency_key": text,
        "note": text,
    }
)


@given(rows=st.lists(ROW, min_size=1, max_size=4))
def test_conversions_import(link, tmp_path, rows):
    path = tmp_path / "conversions.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ROW_FIELDS))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {**row, "token": link.token if row["token"] == "LINK" else row["token"]}
            )
    before = Conversion.objects.count()
    try:
        call_command("advocacy_import_conversions", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    except CommandError:
        assert Conversion.objects.count() == before  # all or nothing
    assert list(Conversion.objects.values_list("occurred_at", "value"))


ROW_FIELDS = ("token", "referrer", "kind", "value", "occurred_at", "idempotency_key", "note")


@pytest.fixture
def module(root_page):
    return factories.training_module(factories.training_index(root_page), title="Quiz")


@given(
    answers=st.dictionaries(
        st.one_of(st.just("Q"), text), st.lists(number_like, max_size=3), max_size=4
    )
)
def test_quiz_submission(client, ambassador, module, answers):
    client.force_login(ambassador)
    ids = [block.id for block in module.quiz]
    data = {}
    for key, values in answers.items():
        data[f"q_{ids[0]}" if key == "Q" else key] = values
    before = QuizAttempt.objects.count()
    response = client.post(reverse("wagtail_advocacy:training_quiz", args=[module.pk]), data)
    check(response, refused_counts=before, counts=QuizAttempt.objects.count)


@pytest.fixture
def colleague(db):
    return factories.ambassador(factories.user("colleague"), show_in_directory=True).user


@given(recipient=st.one_of(st.just("COLLEAGUE"), number_like), message=text, page=number_like)
def test_kudos(client, ambassador, colleague, recipient, message, page):
    client.force_login(ambassador)
    if recipient == "COLLEAGUE":
        recipient = str(colleague.pk)
    before = Kudos.objects.count()
    response = client.post(
        reverse("wagtail_advocacy:send_kudos"),
        {"recipient": recipient, "message": message, "page": page},
    )
    check(response, refused_counts=before, counts=Kudos.objects.count)


PROFILE_KEYS = [
    "display_name",
    "job_title",
    "department",
    "bio",
    "expertise",
    "preferred_language",
    "mastodon_instance",
    "networks-0-audience_size",
    "networks-TOTAL_FORMS",
    "networks-0-network",
]


def profile_form(overrides):
    from tests.ambassadors.test_program import profile_data

    return profile_data(consent="on", **dict(overrides))


@given(overrides=st.lists(st.tuples(st.sampled_from(PROFILE_KEYS), text), max_size=4))
def test_join(client, employee, overrides):
    client.force_login(employee)
    before = AmbassadorProfile.objects.count()
    response = client.post(reverse("wagtail_advocacy:ambassador_join"), profile_form(overrides))
    check(response, refused_counts=before, counts=AmbassadorProfile.objects.count)
    AmbassadorProfile.objects.all().delete()  # the next example joins again


@given(overrides=st.lists(st.tuples(st.sampled_from(PROFILE_KEYS), text), max_size=4))
def test_profile(client, ambassador, overrides):
    client.force_login(ambassador)
    snapshot = lambda: list(AmbassadorProfile.objects.values())  # noqa: E731
    before = snapshot()
    response = client.post(reverse("wagtail_advocacy:ambassador_profile"), profile_form(overrides))
    check(response, refused_counts=before, counts=snapshot)


@pytest.fixture
def reward(db):
    return Reward.objects.create(title="Lunch", points_cost=10, stock=1)


@given(
    reward_id=st.one_of(st.just("REWARD"), st.integers(min_value=0, max_value=10**25)),
    data=query(["quantity", "note"]),
)
def test_reward_redemption(client, ambassador, reward, reward_id, data):
    client.force_login(ambassador)
    pk = reward.pk if reward_id == "REWARD" else reward_id
    before = Redemption.objects.count()
    response = client.post(reverse("wagtail_advocacy:redeem", args=[pk]), dict(data))
    check(response, refused_counts=before, counts=Redemption.objects.count)


DASHBOARD_KEYS = [
    "period",
    "start",
    "end",
    "campaign",
    "department",
    "network",
    "content_format",
    "ordering",
    "p",
    "export",
]
ADMIN_URLS = [
    "wagtail_advocacy_admin:dashboard",
    "wagtail_advocacy_admin:content_report",
    "wagtail_advocacy_admin:ambassador_report",
    "wagtail_advocacy_admin:network_report",
    "wagtail_advocacy_admin:campaign_report",
    "wagtail_advocacy_training:statistics",
]


@given(
    name=st.sampled_from(ADMIN_URLS),
    pairs=query(DASHBOARD_KEYS),
    period=st.sampled_from(["custom", "this_month", "", *SPECIAL[:6]]),
)
def test_dashboard_and_report_query_strings(admin_client_, link, name, pairs, period):
    pairs = [("period", period), *pairs]
    response = admin_client_.get(reverse(name) + "?" + urlencode(pairs))
    check(response)
    if response.streaming:
        b"".join(response.streaming_content)  # the export is written to the end


EVENT_LISTS = [
    "trainingcompletion",
    "shareevent",
    "trackedlink",
    "linkclick",
    "kudos",
    "redemption",
    "ambassadorprofile",
]


@given(
    model=st.sampled_from(EVENT_LISTS),
    pairs=query(
        [
            "campaign",
            "department",
            "module",
            "q",
            "o",
            "p",
            "export",
            "network",
            "link__network__exact",
            "passed__exact",
            "created_at__gte",
        ]
    ),
)
def test_admin_event_lists(admin_client_, link, model, pairs):
    response = admin_client_.get(f"/admin/wagtail_advocacy/{model}/?" + urlencode(pairs))
    check(response)
    if response.streaming:
        b"".join(response.streaming_content)
