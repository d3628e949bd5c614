"""The demo command: the share hub, pages and campaigns developers meet first."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.images import get_image_model

from wagtail_advocacy.models import (
    AmbassadorSpotlightPage,
    Campaign,
    ShareablePage,
    ShareHubPage,
    SuggestedPost,
)


def run_demo(*args):
    call_command("advocacy_demo", "--force", *args, stdout=io.StringIO())


@pytest.mark.django_db
def test_demo_builds_a_program_and_can_run_twice():
    run_demo()
    counts = (
        ShareHubPage.objects.count(),
        ShareablePage.objects.live().count(),
        Campaign.objects.count(),
        SuggestedPost.objects.count(),
        get_image_model().objects.count(),
    )
    pictures = dict(ShareablePage.objects.values_list("slug", "image_id"))
    portraits = dict(AmbassadorSpotlightPage.objects.values_list("slug", "portrait_id"))
    run_demo()
    assert (
        ShareHubPage.objects.count(),
        ShareablePage.objects.live().count(),
        Campaign.objects.count(),
        SuggestedPost.objects.count(),
        get_image_model().objects.count(),
    ) == counts
    assert counts[0] == 1 and counts[1] >= 4 and counts[2] == 2
    # Every shareable page and spotlight story has its drawn picture, the same one again.
    assert all(pictures.values()) and all(portraits.values()) and portraits
    assert dict(ShareablePage.objects.values_list("slug", "image_id")) == pictures
    assert dict(AmbassadorSpotlightPage.objects.values_list("slug", "portrait_id")) == portraits
    assert counts[4] == len(set(pictures.values()) | set(portraits.values()))
    for image in get_image_model().objects.all():
        assert image.collection.name == "Demo images"
        assert image.file.storage.exists(image.file.name)
        assert image.file_hash and image.file_size
    assert {image.width for image in get_image_model().objects.all()} == {800, 1200}


@pytest.mark.django_db
def test_demo_accounts_can_log_in_and_share(capsys):
    call_command("advocacy_demo", "--force")
    output = capsys.readouterr().out
    assert "advocacy-demo" in output and "alice" in output and "editor" in output
    client = Client()
    assert client.login(username="alice", password="advocacy-demo")
    hub = ShareHubPage.objects.get()
    response = client.get(hub.url)
    assert response.status_code == 200
    assert len(response.context["shareable_pages"]) >= 3
    # The cards and the pages show the demo's pictures.
    assert response.content.decode().count("<img") >= 3
    page = ShareablePage.objects.get(slug="senior-backend-engineer")
    assert 'class="advocacy-page__image"' in client.get(page.url).content.decode()
    story = AmbassadorSpotlightPage.objects.get()
    assert 'class="advocacy-spotlight__portrait"' in client.get(story.url).content.decode()
    editor = Client()
    editor.login(username="editor", password="advocacy-demo")
    assert editor.get("/admin/").status_code == 200
    assert editor.get("/admin/wagtail_advocacy/shareevent/").status_code == 200
    # The demo's history of shares fills the dashboard the demo editor may open.
    dashboard = editor.get("/admin/advocacy/dashboard/?period=last_90")
    assert dashboard.status_code == 200
    assert dashboard.context["current"]["shares"] > 50
    assert dashboard.context["current"]["clicks"] > dashboard.context["current"]["shares"]


@pytest.mark.django_db
def test_demo_without_users_creates_no_accounts():
    run_demo("--no-users")
    assert not get_user_model().objects.exists()
    assert ShareablePage.objects.exists()


@pytest.mark.django_db
def test_demo_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="known password"):
        call_command("advocacy_demo")
    assert not ShareablePage.objects.exists()
