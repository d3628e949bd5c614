"""Page helpers every domain shares: the swappable base page, its parent link, login."""

from django.contrib.auth.decorators import login_required
from django.db import models
from django.template.response import TemplateResponse

from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.core.compat import BASE_PAGE_MODEL_NAME, get_base_page_model

BasePage = get_base_page_model()


class LoginRequiredPageMixin:
    """Pages about employees (their training, their profiles and stories) are never served
    anonymously, even on a host without ``LoginRequiredMiddleware``."""

    def serve(self, request, *args, **kwargs):
        return login_required(super().serve)(request, *args, **kwargs)


def parent_link():
    """The link to the base page row, always named ``page_ptr``.

    Django would name it after the base class (``basepage_ptr`` when a project swaps in
    its own base page), which would not match this app's migrations.
    """
    return models.OneToOneField(
        BASE_PAGE_MODEL_NAME,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        auto_created=True,
        serialize=False,
    )


class AdvocacyPageMixin:
    """Every page of the package renders inside the host's base template (a setting)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = advocacy_settings.BASE_TEMPLATE
        return context


def render_in_base(request, template_name, context=None, *, status=None):
    """A front-end view's response, inside the host's base template like the pages."""
    context = {**(context or {}), "base_template": advocacy_settings.BASE_TEMPLATE}
    return TemplateResponse(request, template_name, context, status=status)
