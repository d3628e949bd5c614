"""StreamField blocks of ambassador spotlight stories."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from wagtail_advocacy.core.blocks import QuoteBlock


class SpotlightStoryBlock(blocks.StreamBlock):
    """The story of one ambassador: text, pictures, testimonials and videos."""

    rich_text = blocks.RichTextBlock(label=_("Text"))
    image = ImageBlock(label=_("Image"))
    testimonial = QuoteBlock(label=_("Testimonial"))
    video = EmbedBlock(label=_("Video"), help_text=_("A YouTube, Vimeo… address."))
