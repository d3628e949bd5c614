"""`make demo` hands out tracked links to the server it starts, whatever HOST and PORT."""

import runpy
import subprocess
from pathlib import Path

import pytest
from django.test import override_settings

from wagtail_advocacy.sharing.models import tracked_link_url

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_SETTINGS = ROOT / "example_site" / "intranet" / "settings.py"


def demo_commands(*variables):
    """The commands `make demo` would run (a dry run: nothing is executed)."""
    result = subprocess.run(
        ["make", "-n", "--always-make", "demo", *variables],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if "manage.py" in line]


def test_make_demo_gives_the_example_the_address_it_serves():
    commands = demo_commands("HOST=127.0.0.1", "PORT=8101")
    served = [c for c in commands if "runserver" in c or "advocacy_demo" in c]
    assert len(served) == 2
    for command in served:
        assert "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL=http://127.0.0.1:8101 " in command
    assert "runserver 127.0.0.1:8101" in served[-1]
    assert not any("8000" in command for command in commands)


@pytest.mark.parametrize("base", ["http://127.0.0.1:8101", "http://localhost:9000"])
def test_the_example_takes_the_public_base_url_from_the_environment(monkeypatch, base):
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    monkeypatch.setenv("WAGTAIL_ADVOCACY_PUBLIC_BASE_URL", base)
    values = runpy.run_path(str(EXAMPLE_SETTINGS))
    assert values["WAGTAIL_ADVOCACY_PUBLIC_BASE_URL"] == base
    with override_settings(WAGTAIL_ADVOCACY_PUBLIC_BASE_URL=base):
        assert tracked_link_url("abcd1234") == f"{base}/advocacy/go/abcd1234/"


def test_without_the_variable_links_follow_the_host_that_serves_them(monkeypatch, rf):
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    monkeypatch.delenv("WAGTAIL_ADVOCACY_PUBLIC_BASE_URL", raising=False)
    values = runpy.run_path(str(EXAMPLE_SETTINGS))
    assert "8000" not in values["WAGTAIL_ADVOCACY_PUBLIC_BASE_URL"]
    request = rf.get("/", HTTP_HOST="127.0.0.1:8101")
    with override_settings(
        WAGTAIL_ADVOCACY_PUBLIC_BASE_URL=values["WAGTAIL_ADVOCACY_PUBLIC_BASE_URL"]
    ):
        assert (
            tracked_link_url("abcd1234", request) == "http://127.0.0.1:8101/advocacy/go/abcd1234/"
        )
