"""The tone check tells editors when a suggested post reads like an advert."""

from wagtail_advocacy.conf import DEFAULTS
from wagtail_advocacy.sharing.rules import check_tone

BUZZ = DEFAULTS["BUZZWORDS"]


def advice(text):
    return check_tone(text, buzzwords=BUZZ, max_hashtags=3)


def test_a_natural_post_gets_no_advice():
    assert advice("My team just shipped recycled packaging. I learned a lot on the way.") == []


def test_buzzwords_in_english_and_french_are_named():
    (message,) = advice("A revolutionary, game-changer product")
    assert "game-changer" in message and "revolutionary" in message
    (message,) = advice("Une offre incontournable pour vous")
    assert "incontournable" in message


def test_more_than_three_hashtags_is_stuffing():
    assert advice("Great day #one #two #three") == []
    (message,) = advice("Great day #one #two #three #four")
    assert "4 hashtags" in message


def test_shouting_in_capitals_but_not_acronyms():
    assert advice("Our new API for the EU and US markets is live") == []
    (message,) = advice("This is HUGE NEWS for everyone")
    assert "HUGE" in message


def test_stacked_exclamation_marks():
    assert advice("We did it!") == []
    (message,) = advice("We did it!!!")
    assert "exclamation" in message


def test_a_post_that_is_only_a_link():
    (message,) = advice("https://www.example.com/story #hiring")
    assert "only a link" in message
    assert advice("Read this https://www.example.com/story") == []
