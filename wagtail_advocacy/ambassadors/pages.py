"""Ambassador pages: the directory and the spotlight stories."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from wagtail_advocacy.ambassadors.blocks import SpotlightStoryBlock
from wagtail_advocacy.ambassadors.forms import AmbassadorSpotlightPageForm
from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.core.models import optional_key, required_key
from wagtail_advocacy.core.pages import (
    AdvocacyPageMixin,
    BasePage,
    LoginRequiredPageMixin,
    parent_link,
)


class AmbassadorIndexPageMixin(LoginRequiredPageMixin, AdvocacyPageMixin):
    """The directory of ambassadors who chose to appear in it, with filters; a project's
    own directory page built on this mixin asks for a login too."""

    template = "wagtail_advocacy/ambassadors/ambassador_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from wagtail_advocacy.ambassadors.queries import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(self, request))
        return context


class AmbassadorIndexPage(AmbassadorIndexPageMixin, BasePage):
    page_ptr = parent_link()
    # Set here: Wagtail gives every concrete page class a default template name.
    template = AmbassadorIndexPageMixin.template
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["wagtail_advocacy.AmbassadorSpotlightPage"]

    class Meta:
        verbose_name = _("ambassador directory")
        verbose_name_plural = _("ambassador directories")


class HiddenStoryMixin:
    """Serves a spotlight story only while ``is_visible()``; placed after the login rule,
    so an anonymous visitor is sent to the login page rather than told a story exists."""

    def serve(self, request, *args, **kwargs):
        # The employee may have left the program or withdrawn their agreement after the
        # story was published: then nobody sees it, whatever the page's live state.
        # Editors still preview drafts while the employee decides.
        if not self.is_visible() and not getattr(request, "is_preview", False):
            raise Http404
        return super().serve(request, *args, **kwargs)


class AmbassadorSpotlightPageMixin(LoginRequiredPageMixin, HiddenStoryMixin, AdvocacyPageMixin):
    """A story about one ambassador, shown only while their profile allows it, and only to
    logged-in employees (a project's own story page built on this mixin included)."""

    template = "wagtail_advocacy/ambassadors/ambassador_spotlight_page.html"

    def is_visible(self):
        profile = self.profile
        return profile is not None and profile.can_appear_in_spotlight

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["favourites"] = [
            item.page
            for item in self.favourites.select_related("page")
            if item.page is not None and item.page.live
        ]
        return context


class AmbassadorSpotlightPage(AmbassadorSpotlightPageMixin, BasePage):
    page_ptr = parent_link()
    template = AmbassadorSpotlightPageMixin.template
    profile = models.ForeignKey(
        AmbassadorProfile,
        verbose_name=_("ambassador"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="spotlights",
        help_text=_(
            "Only ambassadors who agreed to be featured in a spotlight story can be published."
        ),
    )
    headline = models.CharField(_("headline"), max_length=255)
    portrait = optional_key(get_image_model_string(), _("portrait"), related_name="+")
    quote = models.TextField(_("quote"), blank=True, max_length=500)
    story = StreamField(SpotlightStoryBlock(), verbose_name=_("story"), blank=True)

    base_form_class = AmbassadorSpotlightPageForm

    content_panels = BasePage.content_panels + [
        FieldPanel("profile"),
        FieldPanel("headline"),
        FieldPanel("portrait"),
        FieldPanel("quote"),
        FieldPanel("story"),
        InlinePanel(
            "favourites",
            heading=_("Favourite shared content"),
            label=_("Favourite"),
            max_num=6,
        ),
    ]
    parent_page_types = ["wagtail_advocacy.AmbassadorIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("headline"),
        index.SearchField("quote"),
        index.SearchField("story"),
    ]

    class Meta:
        verbose_name = _("ambassador spotlight")
        verbose_name_plural = _("ambassador spotlights")


class AmbassadorSpotlightFavourite(Orderable):
    """A shareable page the editor picked as the ambassador's favourite."""

    spotlight = ParentalKey(
        AmbassadorSpotlightPage, on_delete=models.CASCADE, related_name="favourites"
    )
    page = required_key("wagtail_advocacy.ShareablePage", _("shareable page"), "+")

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("favourite shared content")
        verbose_name_plural = _("favourite shared content")
