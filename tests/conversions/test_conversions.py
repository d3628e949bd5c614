"""The conversions API and CSV import credit hires and applications to tracked links."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail_advocacy.models import Conversion

from .conftest import SECRET


def test_a_careers_site_records_an_application_against_the_link(api, link, page, employee):
    response = api({"token": link.token, "kind": "application", "idempotency_key": "ats-1"})

    assert response.status_code == 201
    assert response.json()["campaign"] == page.campaign.slug
    conversion = Conversion.objects.get()
    assert (conversion.link, conversion.referrer, conversion.page) == (link, employee, page)
    assert (conversion.campaign, conversion.network, conversion.source) == (
        page.campaign,
        "linkedin",
        "api",
    )


def test_a_retried_call_counts_once(api, link):
    payload = {"utm_content": link.token, "kind": "hire", "value": 3000}
    first = api(payload, HTTP_IDEMPOTENCY_KEY="hire-42")
    second = api({**payload, "value": 1}, HTTP_IDEMPOTENCY_KEY="hire-42")

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["id"] == first.json()["id"]
    assert Conversion.objects.get().value == 3000


@pytest.mark.parametrize(
    "payload, message",
    [
        ("not json", "JSON object"),
        ("[1, 2]", "JSON object"),
        ({"kind": "hire"}, "token"),
        ({"token": "nope", "kind": "hire"}, "No tracked link"),
        ({"token": "LINK", "kind": "promotion"}, "Unknown kind"),
        ({"token": "LINK", "kind": "hire", "value": "lots"}, "must be a number"),
        ({"token": "LINK", "kind": "hire", "value": -5}, "positive"),
        ({"token": "LINK", "kind": "hire", "occurred_at": "yesterday"}, "not a date"),
        ({"token": "LINK", "kind": "hire", "occurred_at": "2999-01-01"}, "future"),
        ({"token": "LINK", "kind": "hire", "occurred_at": "2026-02-30"}, "not a date"),
        ({"token": "LINK", "kind": ["hire"]}, "text or a number"),
        ({"token": "LINK", "kind": 5}, "Unknown kind"),
        ({"token": "LINK", "kind": "hire", "idempotency_key": {"a": 1}}, "text or a number"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_writes_nothing(api, link, payload, message):
    if isinstance(payload, dict) and payload.get("token") == "LINK":
        payload["token"] = link.token
    response = api(payload)

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Conversion.objects.exists()


def test_the_endpoint_needs_the_secret(api, link, settings):
    payload = {"token": link.token, "kind": "lead"}
    assert api(payload, secret=None).status_code == 401
    assert api(payload, secret="sécret").status_code == 401
    wrong = api(payload, secret="guess")
    assert wrong.status_code == 401
    assert wrong["WWW-Authenticate"] == "Bearer"

    settings.WAGTAIL_ADVOCACY_CONVERSION_API_TOKEN = ""
    assert api(payload, secret="").status_code == 404
    assert not Conversion.objects.exists()


def test_the_endpoint_only_accepts_post(client, settings):
    settings.WAGTAIL_ADVOCACY_CONVERSION_API_TOKEN = SECRET
    response = client.get(
        reverse("wagtail_advocacy:conversions"), HTTP_AUTHORIZATION=f"Bearer {SECRET}"
    )
    assert response.status_code == 405


def test_csv_import_is_all_or_nothing(tmp_path, link, employee):
    good = tmp_path / "good.csv"
    good.write_text(
        "token,referrer,kind,value,occurred_at,idempotency_key\n"
        f"{link.token},,application,,2026-03-01,row-1\n"
        ",alice,hire,2500.5,2026-03-02T10:00:00,row-2\n"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"token,referrer,kind\n{link.token},,application\n,nobody,hire\n{link.token},,bonus\n"
    )

    with pytest.raises(CommandError) as error:
        call_command("advocacy_import_conversions", str(bad))
    assert "line 3: No employee has the username “nobody”" in str(error.value)
    assert "line 4: Unknown kind" in str(error.value)
    assert not Conversion.objects.exists()

    call_command("advocacy_import_conversions", str(good), "--dry-run")
    assert not Conversion.objects.exists()

    call_command("advocacy_import_conversions", str(good))
    call_command("advocacy_import_conversions", str(good))  # the keys make it idempotent
    assert Conversion.objects.count() == 2
    hire = Conversion.objects.get(kind="hire")
    assert (hire.referrer, str(hire.value), hire.link) == (employee, "2500.50", None)


def test_csv_import_rejects_a_file_without_the_needed_columns(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("name,amount\nx,1\n")
    with pytest.raises(CommandError, match="kind column"):
        call_command("advocacy_import_conversions", str(path))
