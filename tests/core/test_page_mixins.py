"""A project's own page types built on the package's mixins keep the login rule."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import RequestFactory

from wagtail_advocacy.ambassadors.pages import (
    AmbassadorIndexPageMixin,
    AmbassadorSpotlightPageMixin,
)
from wagtail_advocacy.sharing.pages import ShareablePageMixin, ShareHubPageMixin


class ProjectBasePage:
    """Stands for the project's own base page: serving it answers 200."""

    def serve(self, request, *args, **kwargs):
        return HttpResponse("served")


@pytest.mark.parametrize(
    "mixin",
    [
        AmbassadorIndexPageMixin,
        AmbassadorSpotlightPageMixin,
        ShareablePageMixin,
        ShareHubPageMixin,
    ],
)
def test_anonymous_visitors_of_a_project_page_type_are_sent_to_the_login_page(mixin, settings):
    page = type("ProjectPage", (mixin, ProjectBasePage), {"is_visible": lambda self: True})()
    request = RequestFactory().get("/our-page/")
    request.user = AnonymousUser()
    response = page.serve(request)
    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next=/our-page/"
