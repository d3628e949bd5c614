from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The intranet's home: news for everyone, with a way into the share hub."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs):
        from wagtail_advocacy.models import ShareHubPage

        context = super().get_context(request, *args, **kwargs)
        context["share_hub"] = ShareHubPage.objects.live().first()
        return context


class NewsPage(Page):
    body = RichTextField(blank=True)
    date = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("body")]
    parent_page_types = ["intranet.HomePage"]
