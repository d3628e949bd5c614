"""Shareable pages, their suggested posts, and the share hub that lists them."""

from django import forms
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from wagtail_advocacy.core.models import optional_key
from wagtail_advocacy.core.pages import (
    AdvocacyPageMixin,
    BasePage,
    LoginRequiredPageMixin,
    page_tabs,
    parent_link,
)
from wagtail_advocacy.networks import network_choices
from wagtail_advocacy.sharing.blocks import ShareableBodyBlock
from wagtail_advocacy.sharing.forms import ShareablePageForm, SuggestedPostTextarea
from wagtail_advocacy.sharing.models import ContentFormat


class ShareablePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "wagtail_advocacy.ShareablePage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )


class ShareablePageMixin(LoginRequiredPageMixin, AdvocacyPageMixin):
    """What makes a page shareable: audience, expiry and the share panel.

    Kept apart from the concrete page so a project can build its own shareable page type
    on the same rules (as Wagtail does with ``FormMixin``). The share panel is for
    employees: anonymous visitors are sent to the login page, whatever the host's
    middleware.
    """

    template = "wagtail_advocacy/shareable_page.html"

    def is_expired(self, today=None):
        today = today or timezone.localdate()
        return self.share_until is not None and self.share_until < today

    def is_shareable_now(self):
        return self.live and not self.is_expired()

    def is_in_audience(self, user):
        if user.is_superuser:
            return True
        audience_ids = {group.pk for group in self.audience_groups.all()}
        if not audience_ids:
            return True
        return user.groups.filter(pk__in=audience_ids).exists()

    def get_context(self, request, *args, **kwargs):
        from wagtail_advocacy.sharing.queries import share_panel_context

        context = super().get_context(request, *args, **kwargs)
        context["share_panel"] = share_panel_context(self, request)
        return context


class ShareablePage(ShareablePageMixin, BasePage):
    """Content employees are invited to share, with suggested posts per network."""

    page_ptr = parent_link()

    summary = models.TextField(
        _("summary"),
        help_text=_("One or two sentences shown on the share hub and in link previews."),
    )
    image = optional_key(get_image_model_string(), _("image"), related_name="+")
    body = StreamField(ShareableBodyBlock(), verbose_name=_("body"), blank=True)
    content_format = models.CharField(
        _("format"), max_length=32, choices=ContentFormat.choices, default=ContentFormat.ARTICLE
    )
    share_url = models.URLField(
        _("public share URL"),
        max_length=2000,
        blank=True,
        help_text=_(
            "The public address employees' networks will open (company website, careers "
            "site…), since the intranet is private. Leave empty for a text-only post: it "
            "is then measured by shares alone."
        ),
    )
    campaign = optional_key("wagtail_advocacy.Campaign", _("campaign"), related_name="pages")
    tags = ClusterTaggableManager(through=ShareablePageTag, blank=True, verbose_name=_("tags"))
    audience_groups = ParentalManyToManyField(
        Group,
        verbose_name=_("audience"),
        blank=True,
        related_name="+",
        help_text=_("Groups this content is meant for. Empty: every employee."),
    )
    share_until = models.DateField(
        _("share until"),
        null=True,
        blank=True,
        help_text=_("After this day the page leaves the share hub and can no longer be shared."),
    )

    base_form_class = ShareablePageForm

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    sharing_panels = [
        MultiFieldPanel(
            [
                FieldPanel("content_format"),
                FieldPanel("share_url"),
                FieldPanel("campaign"),
                FieldPanel("tags"),
                FieldPanel("share_until"),
            ],
            heading=_("Sharing"),
        ),
        HelpPanel(
            content=_(
                "<p>Write several suggested posts per network: employees pick one and make it "
                "their own. Sound like a colleague, not an advert. The tracked link and the "
                "disclosure are added automatically and counted in each network's limit.</p>"
            )
        ),
        InlinePanel(
            "suggested_posts",
            heading=_("Suggested posts"),
            label=_("Suggested post"),
        ),
    ]
    audience_panels = [FieldPanel("audience_groups", widget=forms.CheckboxSelectMultiple)]

    edit_handler = page_tabs(
        content_panels,
        ObjectList(sharing_panels, heading=_("Sharing")),
        ObjectList(audience_panels, heading=_("Audience")),
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("content_format"),
        index.FilterField("share_until"),
    ]

    class Meta:
        verbose_name = _("shareable page")
        verbose_name_plural = _("shareable pages")
        indexes = [models.Index(fields=["share_until"], name="advocacy_page_share_until")]


class SuggestedPost(Orderable):
    """One ready-to-share text for one network; several per network give authentic variants."""

    page = ParentalKey(ShareablePage, on_delete=models.CASCADE, related_name="suggested_posts")
    network = models.CharField(_("network"), max_length=32, choices=network_choices)
    text = models.TextField(_("text"))

    # The text shows its live count and tone advice as the editor types (forms.py).
    panels = [FieldPanel("network"), FieldPanel("text", widget=SuggestedPostTextarea)]

    class Meta(Orderable.Meta):
        verbose_name = _("suggested post")
        verbose_name_plural = _("suggested posts")

    def __str__(self):
        return f"{self.get_network_display()}: {self.text[:60]}"


class ShareHubPageMixin(LoginRequiredPageMixin, AdvocacyPageMixin):
    """The employee's feed of shareable pages, filtered and paginated in a constant number of
    queries; anonymous visitors are sent to the login page."""

    template = "wagtail_advocacy/share_hub_page.html"

    def get_context(self, request, *args, **kwargs):
        from wagtail_advocacy.sharing.queries import hub_context

        context = super().get_context(request, *args, **kwargs)
        context.update(hub_context(request))
        return context


class ShareHubPage(ShareHubPageMixin, BasePage):
    page_ptr = parent_link()
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["wagtail_advocacy.ShareablePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("share hub")
        verbose_name_plural = _("share hubs")
