"""StreamField blocks of shareable pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from wagtail_advocacy.core.blocks import QuoteBlock


class GalleryImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(GalleryImageBlock(), label=_("images"))

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "wagtail_advocacy/blocks/gallery.html"


class ShareableBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Text"))
    image = ImageBlock(label=_("Image"))
    video = EmbedBlock(label=_("Video"), help_text=_("A YouTube, Vimeo… address."))
    quote = QuoteBlock()
    gallery = GalleryBlock()
