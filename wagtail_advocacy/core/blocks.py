"""Blocks more than one domain's pages use."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class QuoteBlock(blocks.StructBlock):
    """A testimonial: the words of a person, with who they are."""

    quote = blocks.TextBlock(label=_("quote"))
    name = blocks.CharBlock(label=_("name"), required=False)
    role = blocks.CharBlock(label=_("role"), required=False)
    portrait = ImageBlock(label=_("portrait"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote / testimonial")
        template = "wagtail_advocacy/blocks/quote.html"
