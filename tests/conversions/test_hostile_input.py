"""Implausible or hostile conversions are refused with a 400 and a message, never a 500."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail_advocacy.models import Conversion


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"occurred_at": "0001-01-01T00:00:00"}, "before 2000-01-01"),
        ({"occurred_at": "0001-01-01"}, "before 2000-01-01"),
        ({"occurred_at": "1999-12-31T23:59:59"}, "before 2000-01-01"),
        ({"occurred_at": "0001-01-01T00:00:00+14:00"}, "before 2000-01-01"),
        ({"occurred_at": "9999-12-31T23:59:59-12:00"}, "future"),
        ({"value": "9999999999.995"}, "below 10 billion"),
        ({"value": "1e400"}, "below 10 billion"),
        ({"value": 0}, "positive"),
        ({"value": "0.001"}, "positive"),
        ({"value": "NaN"}, "positive"),
        ({"note": "x" * 256}, "longer than 255"),
        ({"note": "a\x00b"}, "NUL"),
        ({"token": "abc\x00"}, "NUL"),
        ({"idempotency_key": "key\x00"}, "NUL"),
    ],
)
def test_implausible_input_is_a_400_and_writes_nothing(api, link, fields, message):
    response = api({"token": link.token, "kind": "hire", **fields})

    assert response.status_code == 400, response.content
    assert message in response.json()["error"]
    assert not Conversion.objects.exists()


def test_a_nul_in_the_idempotency_header_is_a_400(api, link):
    response = api({"token": link.token, "kind": "hire"}, HTTP_IDEMPOTENCY_KEY="k\x00")
    assert response.status_code == 400
    assert not Conversion.objects.exists()


def test_the_limits_themselves_are_accepted(api, link):
    response = api(
        {
            "token": link.token,
            "kind": "hire",
            "value": "9999999999.99",
            "occurred_at": "2000-01-01T00:00:00",
            "note": "n" * 255,
        }
    )
    assert response.status_code == 201
    conversion = Conversion.objects.get()
    assert (str(conversion.value), len(conversion.note)) == ("9999999999.99", 255)
    assert timezone.localtime(conversion.occurred_at).year == 2000  # the site's time zone


def test_the_import_refuses_implausible_rows_and_writes_nothing(tmp_path, link):
    path = tmp_path / "bad.csv"
    path.write_text(
        "token,kind,value,occurred_at,note\n"
        f"{link.token},hire,100,2026-01-01,fine\n"
        f"{link.token},hire,,0001-01-01T00:00:00,\n"
        f"{link.token},hire,9999999999.995,,\n"
        f"{link.token},hire,0,,\n"
        f"{link.token},hire,,,{'x' * 256}\n"
    )
    with pytest.raises(CommandError) as error:
        call_command("advocacy_import_conversions", str(path))
    message = str(error.value)
    assert "line 3: A conversion cannot be before 2000-01-01" in message
    assert "line 4: The value must be a positive number" in message
    assert "line 5: The value must be a positive number" in message
    assert "line 6: The note is longer than 255 characters" in message
    assert not Conversion.objects.exists()
