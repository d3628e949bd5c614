"""Share-intent URLs and text limits, checked against the networks' documented formats."""

import pytest

from wagtail_advocacy import networks
from wagtail_advocacy.networks import NETWORKS, ShareContent, get_network, normalise_instance

LINK = "https://go.example.com/advocacy/go/AbCdEf123456/"
ENCODED_LINK = "https%3A%2F%2Fgo.example.com%2Fadvocacy%2Fgo%2FAbCdEf123456%2F"
CONTENT = ShareContent(text="Proud of us & you", url=LINK, title="Our story")


def intent(key, content=CONTENT, **kwargs):
    return get_network(key, **kwargs).intent_url(content)


def test_linkedin_prefills_text_and_link_in_the_feed_composer():
    assert intent("linkedin") == (
        "https://www.linkedin.com/feed/?shareActive=true&text=Proud%20of%20us%20%26%20you%20"
        + ENCODED_LINK
    )


def test_linkedin_offsite_mode_shares_the_link_only_and_copies_the_text_first():
    network = get_network("linkedin", linkedin_mode="offsite")
    assert network.intent_url(CONTENT) == (
        "https://www.linkedin.com/sharing/share-offsite/?url=" + ENCODED_LINK
    )
    assert network.copy_first
    assert network.clipboard_text("Proud of us", LINK) == "Proud of us"


def test_linkedin_offsite_falls_back_to_the_composer_for_text_only_posts():
    network = get_network("linkedin", linkedin_mode="offsite")
    url = network.intent_url(ShareContent(text="Just words"))
    assert url == "https://www.linkedin.com/feed/?shareActive=true&text=Just%20words"


def test_x_takes_text_and_url_as_separate_parameters():
    assert intent("x") == (
        "https://twitter.com/intent/tweet?text=Proud%20of%20us%20%26%20you&url=" + ENCODED_LINK
    )


def test_facebook_takes_only_the_url_so_the_text_is_copied_first():
    facebook = NETWORKS["facebook"]
    assert intent("facebook") == "https://www.facebook.com/sharer/sharer.php?u=" + ENCODED_LINK
    assert facebook.copy_first
    assert facebook.requires_url


def test_bluesky_mastodon_whatsapp_put_the_link_inside_the_text():
    text = "Proud%20of%20us%20%26%20you%20" + ENCODED_LINK
    assert intent("bluesky") == "https://bsky.app/intent/compose?text=" + text
    assert intent("whatsapp") == "https://api.whatsapp.com/send?text=" + text
    mastodon = ShareContent(text=CONTENT.text, url=LINK, instance="mastodon.social")
    assert intent("mastodon", mastodon) == "https://mastodon.social/share?text=" + text


def test_xing_telegram_and_email():
    assert intent("xing") == "https://www.xing.com/spi/shares/new?url=" + ENCODED_LINK
    assert intent("telegram") == (
        "https://t.me/share/url?url=" + ENCODED_LINK + "&text=Proud%20of%20us%20%26%20you"
    )
    assert intent("email") == (
        "mailto:?subject=Our%20story&body=Proud%20of%20us%20%26%20you%20" + ENCODED_LINK
    )


@pytest.mark.parametrize("key", ["threads", "instagram", "copy"])
def test_networks_without_a_web_intent_are_copy_only(key):
    network = NETWORKS[key]
    assert network.intent_url(CONTENT) is None
    assert network.copy_first
    assert network.clipboard_text("Hello", LINK) == f"Hello {LINK}"


def test_a_multi_line_text_gets_the_link_on_its_own_line():
    assert networks.join_text_and_url("Line one\nLine two", LINK) == f"Line one\nLine two\n{LINK}"


def test_x_counts_any_link_as_23_characters():
    long_link = "https://example.com/" + "a" * 200
    assert networks.count_x(f"Hello {long_link}") == 6 + 23
    assert networks.count_x("no link") == 7


def test_x_counts_emoji_and_cjk_as_two():
    assert networks.count_x("👍") == 2
    assert networks.count_x("👍🏽") == 2  # one emoji with a skin-tone modifier
    assert networks.count_x("日本") == 4
    assert networks.count_x("café") == 4


def test_mastodon_counts_links_as_23_and_the_rest_as_written():
    long_link = "https://example.com/" + "a" * 200
    assert networks.count_mastodon(f"Hello {long_link}") == 6 + 23
    assert NETWORKS["mastodon"].overflow("a" * 476, LINK) == 0  # 476 + space + 23 = 500
    assert NETWORKS["mastodon"].overflow("a" * 477, LINK) == 1


def test_bluesky_counts_graphemes_not_code_points():
    family = "👨‍👩‍👧"
    assert len(family) == 5
    assert networks.count_graphemes(family) == 1
    assert networks.count_graphemes("e\u0301") == 1


def test_overflow_counts_the_link_the_way_each_network_does():
    x, bluesky = NETWORKS["x"], NETWORKS["bluesky"]
    text = "a" * 256  # 256 + space + 23 = 280: exactly at X's limit
    assert x.overflow(text, LINK) == 0
    assert x.overflow(text + "b", LINK) == 1
    # Bluesky counts the link at its full length
    assert bluesky.length("a" * 10, LINK) == 10 + 1 + len(LINK)
    assert bluesky.overflow("a" * 300, LINK) == 1 + len(LINK)
    assert NETWORKS["whatsapp"].overflow("a" * 100000, LINK) == 0  # no limit


def test_every_network_has_a_unique_key_and_a_label():
    assert len(NETWORKS) == len({n.key for n in NETWORKS.values()})
    assert all(str(n.label) for n in NETWORKS.values())


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("mastodon.social", "mastodon.social"),
        ("https://Fosstodon.org/", "fosstodon.org"),
        ("@me@hachyderm.io", "hachyderm.io"),
        ("not a host", None),
        ("javascript:alert(1)", None),
        ("", None),
        ("localhost", None),
    ],
)
def test_mastodon_instance_is_normalised_or_refused(typed, expected):
    assert normalise_instance(typed) == expected
