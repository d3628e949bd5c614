"""The demo's drawn pictures: stored once as Wagtail images, found again, redrawn if lost."""

import pytest
from wagtail.images import get_image_model

from wagtail_advocacy.core.demo.images import BANNER, PORTRAIT, banner, demo_image, portrait


def test_drawings_are_deterministic_and_sized():
    first = banner("We're hiring in Lyon", ["#0a3d7a", "#0a8f8f"])
    assert first.size == BANNER
    assert first.tobytes() == banner("We're hiring in Lyon", ["#0a3d7a", "#0a8f8f"]).tobytes()
    assert first.tobytes() != banner("Another title").tobytes()
    assert portrait("AM").size == PORTRAIT


@pytest.mark.django_db
def test_demo_image_is_stored_once_and_redrawn_when_its_file_is_gone():
    drawn = []

    def draw():
        drawn.append(1)
        return portrait("AM")

    image = demo_image("Portrait: Alice", draw, "demo-alice")
    assert (image.width, image.height) == PORTRAIT
    assert image.collection.name == "Demo images" and image.file_size and image.file_hash
    assert demo_image("Portrait: Alice", draw, "demo-alice").pk == image.pk
    assert len(drawn) == 1 and get_image_model().objects.count() == 1

    image.file.storage.delete(image.file.name)
    again = demo_image("Portrait: Alice", draw, "demo-alice")
    assert again.pk == image.pk and len(drawn) == 2
    assert again.file.storage.exists(again.file.name)
    assert get_image_model().objects.count() == 1
