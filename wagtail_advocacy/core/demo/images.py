"""Illustrations for the demo's pages, drawn when the demo runs (Pillow, which Wagtail
needs anyway): a gradient, a few shapes and a title, with Pillow's own font, so the demo
needs no image file, no font file and no network.

:func:`demo_image` stores one as a Wagtail image (``get_image_model()``) in the "Demo
images" collection and finds it again there by its title, so running the demo again reuses
it; if its file is missing (a media folder deleted, the database kept), it draws it again.
Drawing is deterministic: the same title, colours and kind give the same picture.
"""

from __future__ import annotations

import hashlib
import io
import random
import zlib

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

COLLECTION_NAME = "Demo images"
BANNER = (1200, 630)  # a link preview's proportions; pages crop it to 16:9 for cards
PORTRAIT = (800, 800)
WHITE = (255, 255, 255)
# Colour pairs (gradient from, to) for an illustration whose data gives none.
PALETTES = (
    ("#0a3d7a", "#0a8f8f"),
    ("#4b1d6b", "#c2185b"),
    ("#1b5e20", "#0a66c2"),
    ("#7a3b0a", "#c2410c"),
)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _palette(text: str, colours) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    if not colours:
        colours = PALETTES[zlib.crc32(text.encode()) % len(PALETTES)]
    start, end = (colours[0], colours[-1])
    return _rgb(start), _rgb(end)


def _gradient(size, start, end) -> Image.Image:
    """A diagonal gradient from ``start`` (top left) to ``end`` (bottom right)."""
    ramp = Image.linear_gradient("L")  # 256 x 256, black at the top, white at the bottom
    mask = Image.blend(ramp, ramp.rotate(90), 0.5).resize(size)  # black at the top left
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


class _Text:
    """Pillow's default font at ``size`` pixels: the scalable one (Pillow 10.1 and later,
    with FreeType), else the small bitmap font drawn larger."""

    BITMAP_SIZE = 11

    def __init__(self, size: int):
        self.size = size
        try:
            font = ImageFont.load_default(size=size)
        except TypeError:  # Pillow before 10.1: no size, the bitmap font only
            font = ImageFont.load_default()
        self.scalable = isinstance(font, ImageFont.FreeTypeFont)
        self.font = font
        self.scale = 1 if self.scalable else max(1, round(size / self.BITMAP_SIZE))

    def width(self, text: str) -> float:
        draw = ImageDraw.Draw(Image.new("L", (1, 1)))
        return draw.textlength(text, font=self.font) * self.scale

    def draw(self, image: Image.Image, xy, text: str, fill, anchor="la") -> None:
        if self.scalable:
            ImageDraw.Draw(image).text(xy, text, font=self.font, fill=fill, anchor=anchor)
            return
        left, top, right, bottom = self.font.getbbox(text)
        mask = Image.new("L", (right, bottom))
        ImageDraw.Draw(mask).text((0, 0), text, font=self.font, fill=255)
        mask = mask.resize((right * self.scale, bottom * self.scale), Image.Resampling.NEAREST)
        x, y = xy
        if anchor[0] == "m":
            x -= mask.width // 2
        if anchor[1] == "m":
            y -= mask.height // 2
        image.paste(Image.new("RGB", mask.size, fill), (int(x), int(y)), mask)


def _wrap(text: str, font: _Text, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.width(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _circles(layer: Image.Image, rng: random.Random, count: int) -> None:
    draw = ImageDraw.Draw(layer)
    width, height = layer.size
    for _ in range(count):
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=(*WHITE, rng.randint(14, 38)),
        )


def banner(text: str, colours=None) -> Image.Image:
    """A page's illustration: a gradient with soft circles, a stylised social post on the
    right, and ``text`` (the page's title, or a shorter line) in white on the left."""
    start, end = _palette(text, colours)
    rng = random.Random(zlib.crc32(text.encode()))
    width, height = BANNER
    image = _gradient(BANNER, start, end).convert("RGBA")
    shapes = Image.new("RGBA", BANNER, (0, 0, 0, 0))
    _circles(shapes, rng, 7)

    # A post being shared: the card, its author, its lines of text, its picture, its likes.
    draw = ImageDraw.Draw(shapes)
    card = (width - 400, 110, width - 90, 520)
    draw.rounded_rectangle(card, radius=28, fill=(*WHITE, 235))
    left, top, right, _bottom = card
    draw.ellipse((left + 30, top + 30, left + 90, top + 90), fill=(*start, 255))
    draw.rounded_rectangle((left + 110, top + 42, right - 60, top + 58), 8, fill=(200, 205, 212))
    draw.rounded_rectangle((left + 110, top + 68, right - 120, top + 80), 6, fill=(225, 228, 232))
    draw.rounded_rectangle((left + 30, top + 120, right - 30, top + 290), 16, fill=(*end, 255))
    draw.ellipse((left + 70, top + 160, left + 150, top + 240), fill=(*WHITE, 120))
    draw.polygon(
        [(left + 40, top + 285), (left + 150, top + 190), (right - 40, top + 285)],
        fill=(*start, 170),
    )
    for n in range(3):
        x = left + 40 + n * 60
        draw.ellipse((x, top + 320, x + 34, top + 354), fill=(*start, 110 + 60 * n))
    image = Image.alpha_composite(image, shapes).convert("RGB")

    # The title: as large as fits in three lines left of the card, with a margin that a
    # 16:9 crop (the hub's cards) keeps.
    margin = 100
    room = card[0] - margin - 60
    for size in (72, 64, 56, 48, 40):
        font = _Text(size)
        lines = _wrap(text, font, room)
        if len(lines) <= 3:
            break
    line_height = int(font.size * 1.2)
    y = height - 80 - line_height * len(lines)
    ImageDraw.Draw(image).rectangle((margin, y - 36, margin + 100, y - 24), fill=WHITE)
    for line in lines:
        font.draw(image, (margin + 2, y + 2), line, fill=(0, 0, 0))  # a shadow, for contrast
        font.draw(image, (margin, y), line, fill=WHITE)
        y += line_height
    return image


def portrait(initials: str, colours=None) -> Image.Image:
    """A person's illustration: their ``initials`` in a light disc on a gradient with rings
    (it is drawn centred, so a square or a 16:9 crop keeps it)."""
    start, end = _palette(initials, colours)
    width, height = PORTRAIT
    image = _gradient(PORTRAIT, start, end).convert("RGBA")
    shapes = Image.new("RGBA", PORTRAIT, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    centre_x, centre_y = width // 2, height // 2
    for n, radius in enumerate((380, 320, 260)):
        draw.ellipse(
            (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
            outline=(*WHITE, 40 + 20 * n),
            width=6,
        )
    draw.ellipse(
        (centre_x - 200, centre_y - 200, centre_x + 200, centre_y + 200), fill=(*WHITE, 230)
    )
    image = Image.alpha_composite(image, shapes).convert("RGB")
    _Text(170).draw(image, (centre_x, centre_y), initials, fill=start, anchor="mm")
    return image


def _file(picture: Image.Image, name: str) -> tuple[ImageFile, bytes]:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    content = buffer.getvalue()
    return ImageFile(io.BytesIO(content), name=f"{name}.png"), content


def demo_collection() -> Collection:
    """The collection the demo's images are in, under the root collection."""
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    found = root.get_children().filter(name=COLLECTION_NAME).first()
    return found or root.add_child(name=COLLECTION_NAME)


def demo_image(title: str, draw, name: str):
    """The demo's Wagtail image ``title``: found again in the demo's collection, or stored
    from ``draw()`` (a Pillow image) as ``<name>.png``; drawn again if its file is gone."""
    model = get_image_model()
    collection = demo_collection()
    image = model.objects.filter(collection=collection, title=title).first()
    if image is not None and image.file and image.file.storage.exists(image.file.name):
        return image
    file, content = _file(draw(), name)
    if image is None:
        image = model(title=title, collection=collection)
    else:
        image.renditions.all().delete()  # made from the lost file
    image.file = file
    image.file_size = len(content)
    image.file_hash = hashlib.sha1(content, usedforsecurity=False).hexdigest()
    image.save()
    return image
