"""Page helpers every domain shares: the swappable base page, its parent link, its editor's
tabs, login, and the language a page is written in."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import models
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.models import Locale

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


def page_tabs(content_panels, *tabs):
    """A page's editor laid out as Wagtail's default one (Content, Promote and Settings
    tabs), with the page's own tabs (each an ``ObjectList``) after Content."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            *tabs,
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )


def _locale_languages() -> dict:
    """``{locale id: the language of LANGUAGES it is written in}`` (None: none of them).

    Matched against LANGUAGES, the languages the interface can be shown in, rather than
    Wagtail's content languages, which without Wagtail i18n are LANGUAGE_CODE alone."""
    languages = {}
    for pk, code in Locale.objects.values_list("pk", "language_code"):
        try:
            languages[pk] = translation.get_supported_language_variant(code)
        except LookupError:
            languages[pk] = None
    return languages


def page_language(page) -> str | None:
    """The language ``page`` is written in, to show it in; None: the reader's language.

    Without Wagtail i18n a page still has a locale: its parent's when it is created (in
    the admin too), the default one (``LANGUAGE_CODE``) at the top of the tree. Pages in
    the default locale are the site's main content, read by everyone: they follow the
    reader's language, so a French employee gets French labels and navigation around
    them. A page in another locale (the demo's French training, then Wagtail i18n) is
    shown in its own language whatever the browser asks, so its labels match its text.
    """
    locale_id = getattr(page, "locale_id", None)
    if locale_id is None:
        return None
    language = _locale_languages().get(locale_id)
    try:
        default = translation.get_supported_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        default = None
    return None if language == default else language


def in_reader_language(pages):
    """The pages of ``pages`` (a page queryset) in the reader's language, for the lists
    that gather pages from the whole site (an employee's training modules).

    Those of the active language's locale; when there are none, those of the default
    locale; every page of ``pages`` on a site with a single locale, or when neither has any.
    """
    languages = _locale_languages()
    if len(languages) < 2:
        return pages
    for language in (translation.get_language(), settings.LANGUAGE_CODE):
        try:
            language = translation.get_supported_language_variant(language or "")
        except LookupError:
            continue
        locale_ids = [pk for pk, written_in in languages.items() if written_in == language]
        in_language = pages.filter(locale_id__in=locale_ids)
        if locale_ids and in_language.exists():
            return in_language
    return pages


def respond_in(language, respond):
    """``respond()``'s response, rendered with ``language`` active (None: the reader's).

    A template response renders after the view returns, so it is rendered here, while
    the language is active; ``Content-Language`` says which one it is.
    """
    if language is None:
        return respond()
    with translation.override(language):
        response = respond()
        if not getattr(response, "is_rendered", True):
            response.render()
    response.headers["Content-Language"] = language
    return response


class AdvocacyPageMixin:
    """Every page of the package renders inside the host's base template (a setting), in
    the language it is written in (:func:`page_language`), its preview too."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = advocacy_settings.BASE_TEMPLATE
        return context

    def serve(self, request, *args, **kwargs):
        serve = super().serve
        return respond_in(page_language(self), lambda: serve(request, *args, **kwargs))

    def serve_preview(self, request, *args, **kwargs):
        serve_preview = super().serve_preview
        return respond_in(page_language(self), lambda: serve_preview(request, *args, **kwargs))


def render_in_base(request, template_name, context=None, *, status=None, language=None):
    """A front-end view's response, inside the host's base template like the pages;
    ``language``: the one to render it in (a page's, :func:`page_language`), else the
    reader's."""
    context = {**(context or {}), "base_template": advocacy_settings.BASE_TEMPLATE}
    return respond_in(
        language, lambda: TemplateResponse(request, template_name, context, status=status)
    )
