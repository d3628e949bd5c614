"""Settings of wagtail-advocacy, each read as ``WAGTAIL_ADVOCACY_<NAME>``.

Values are looked up on every access so ``override_settings`` works in tests and a
host can change them without restarting imports in a particular order. Every setting
and its default is documented in ``docs/settings.md``.
"""

from django.conf import settings as django_settings

DEFAULTS = {
    # Scheme and host of the public domain that serves ``advocacy/go/`` (the intranet
    # itself is private). Empty: links are built from the current request's host.
    "PUBLIC_BASE_URL": "",
    # Network keys offered in the share panel, in this order. None: every network.
    "ENABLED_NETWORKS": None,
    # Appended to every shared text unless the employee already wrote it, e.g. "#employee".
    "DISCLOSURE": "",
    # UTM parameters added to every tracked destination.
    "UTM_MEDIUM": "employee_advocacy",
    "UTM_DEFAULT_CAMPAIGN": "employee_advocacy",
    # The template every front-end template of the package extends.
    "BASE_TEMPLATE": "base.html",
    # "feed" prefills the text in LinkedIn's composer (undocumented but widely used);
    # "offsite" uses the official link-only share dialog and copies the text first.
    "LINKEDIN_MODE": "feed",
    # Sub-strings of user agents that fetch link previews or crawl: redirected, not counted.
    "BOT_USER_AGENTS": [
        "linkedinbot",
        "twitterbot",
        "facebookexternalhit",
        "facebot",
        "slackbot",
        "slack-imgproxy",
        "discordbot",
        "telegrambot",
        "whatsapp",
        "skypeuripreview",
        "teams",
        "microsoftpreview",
        "bluesky cardyb",
        "cardyb",
        "mastodon",
        "googlebot",
        "bingbot",
        "applebot",
        "redditbot",
        "embedly",
        "iframely",
        "bot/",
        "crawler",
        "spider",
    ],
    # Request header holding the visitor's address when a reverse proxy sits in front, e.g.
    # "HTTP_X_FORWARDED_FOR" (the first address is used). None: REMOTE_ADDR.
    "CLIENT_IP_HEADER": None,
    # Length in characters of tracked-link tokens (URL-safe, random).
    "TOKEN_LENGTH": 12,
    # Shareable pages per page of the share hub.
    "HUB_PAGE_SIZE": 12,
    # Tone check: words that make a suggested post read like an advert.
    "BUZZWORDS": [
        # English
        "game-changer",
        "game changer",
        "revolutionary",
        "revolutionize",
        "revolutionise",
        "world-class",
        "best-in-class",
        "cutting-edge",
        "synergy",
        "disruptive",
        "leverage",
        "unparalleled",
        "industry-leading",
        "next-generation",
        "must-have",
        "limited time",
        "buy now",
        "don't miss",
        "exclusive offer",
        # French
        "révolutionnaire",
        "incontournable",
        "leader du marché",
        "de pointe",
        "synergie",
        "disruptif",
        "inégalé",
        "offre exclusive",
        "ne manquez pas",
        "à ne pas manquer",
        "n'attendez plus",
    ],
    "MAX_HASHTAGS": 3,
    # The ambassador program.
    # Version of the consent text shown on the "Join the program" page; stored with
    # each opt-in so a changed text can be asked again.
    "CONSENT_VERSION": "2026-11",
    # Recognition.
    # Points per action. A key missing from a host's dict falls back to this default.
    "POINTS": {
        "share": 10,
        # Extra points the first time an employee shares a given page.
        "first_share_of_page": 5,
        # Per unique click (never a crawler) on an employee's tracked link...
        "click": 1,
        # ...and at most this many click points per link and per day.
        "click_daily_cap_per_link": 20,
        "training_passed": 50,
        "suggestion_accepted": 30,
        "kudos_received": 5,
    },
    # At most this many points a day from shares and clicks (the actions one could
    # repeat to climb a leaderboard). None: no cap.
    "DAILY_POINTS_CAP": 100,
    # Kudos one employee may send per day (editors included).
    "KUDOS_DAILY_LIMIT": 5,
    # Name of the auth group of executives, ranked on their own leaderboard for fairness.
    # None: everybody is ranked together.
    "EXECUTIVE_GROUP": None,
    # How many people a leaderboard lists (the viewer always sees their own rank).
    "LEADERBOARD_SIZE": 20,
    # Weeks shown in the activity chart of "My impact".
    "IMPACT_CHART_WEEKS": 12,
    # E-mail employees about badges, kudos and answered reward requests (only those who
    # kept "tell me about badges and kudos" on). The in-app notice is always shown.
    "RECOGNITION_EMAILS": True,
    # KPIs and the dashboard.
    # Who counts as eligible for the participation rate. None: ambassadors (opted-in
    # profiles). A list of group names: the active members of those groups.
    # Fewer hidden ambassadors than this in a ranking's selection: they are not listed
    # (an "Anonymous ambassador" alone in a department is not anonymous).
    "ANONYMITY_THRESHOLD": 5,
    "ELIGIBLE_GROUPS": None,
    # Cost per unique click of each network, to estimate earned media value (what the
    # same clicks would have cost as paid advertising), in CURRENCY.
    "COST_PER_CLICK": {
        "linkedin": 5.0,
        "x": 0.7,
        "facebook": 0.9,
        "bluesky": 0.7,
        "mastodon": 0.7,
        "xing": 3.0,
        "threads": 0.7,
        "instagram": 1.0,
    },
    "CURRENCY": "EUR",
    # Secret shared with a careers site or ATS that posts conversions to
    # advocacy/conversions/. Empty: the endpoint is closed.
    "CONVERSION_API_TOKEN": "",
    # Content supply that healthy programs reach: live shareable pages per 100
    # ambassadors per week. Below it, the dashboard suggests publishing more.
    "CONTENT_SUPPLY_TARGET": 3.5,
    # Retention, applied by ``manage.py advocacy_purge`` (or the purge task): raw clicks
    # older than this many days are deleted once the daily statistics hold them (every
    # KPI stays the same). None: kept for ever. Badges and challenges counting clicks
    # count those still kept.
    "CLICK_RETENTION_DAYS": None,
    # The keyed visitor hashes that tell a unique click from a repeat on its day are
    # emptied after this many days (they serve nothing after the day). None: kept.
    "VISITOR_HASH_RETENTION_DAYS": 30,
}


class AdvocacySettings:
    """Attribute access to the package's settings with their defaults."""

    prefix = "WAGTAIL_ADVOCACY_"

    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"Unknown wagtail-advocacy setting: {name}")
        return getattr(django_settings, self.prefix + name, DEFAULTS[name])


advocacy_settings = AdvocacySettings()
