from wagtail_advocacy.models import Badge


def test_default_badges_are_shipped(db):
    slugs = set(Badge.objects.values_list("slug", flat=True))
    assert {"first-share", "storyteller", "multi-network", "regular", "trained"} <= slugs
