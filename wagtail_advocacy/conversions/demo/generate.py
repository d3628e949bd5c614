"""The synthetic history ``manage.py advocacy_generate_data`` adds, for load tests and
benchmarks, made in bulk rather than through the services.

It writes the rows of campaigns, ambassadors, sharing and conversions (never stats: the
command rolls them up), so it lives in the lowest domain allowed to import all four,
conversions, as an entry point (``demo``) like the demo content loaders.

Each run adds a cohort: ``ambassadors`` employees who joined the program (departments,
networks and declared audiences), ``pages`` live shareable pages under the share hub (made
under the default site's root when there is none) with three campaigns, the shares of those
employees over the last ``days`` days (on every live shareable page) with their tracked
links, then ``clicks`` clicks spread over those days and over every tracked link of the
database (about 80 % of them unique visitors), and a few conversions. Frozen columns (the
department and audience a share keeps, the department of a link and a conversion) are set
as the services set them; unique clicks get their ``ClickUniqueness`` row, as
``record_click`` writes one.

Clicks are made hour by hour and written in batches: memory stays flat whatever the number
(a million clicks stay well under 500 MB). The same seed on the same database makes the
same data, at times that end now. Points, badges and notifications are not awarded (their
tasks catch up with the clicks when ``advocacy_process_events`` runs).
"""

import bisect
import datetime
import itertools
import random
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Site

from wagtail_advocacy.ambassadors.models import AmbassadorProfile, NetworkAudience
from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.conversions.models import Conversion
from wagtail_advocacy.networks import enabled_networks
from wagtail_advocacy.sharing.models import (
    ClickUniqueness,
    LinkClick,
    ShareEvent,
    TrackedLink,
    build_destination,
)
from wagtail_advocacy.sharing.pages import ShareablePage, ShareHubPage, SuggestedPost

BATCH = 5000
USERNAME_PREFIX = "generated-ambassador-"
SLUG_PREFIX = "generated-page-"
MAX_DAYS = 3650
UNIQUE_SHARE = 0.8  # of clicks: the others are a visitor coming back the same day
RECENT_VISITORS = 5000  # the visitors of the day a repeat click is drawn from
CONVERSION_CHANCE = 0.0025  # of a unique click
PERSONALISED_SHARE = 0.4
TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

DEPARTMENTS = {
    "Engineering": 30,
    "Sales": 20,
    "Marketing": 14,
    "Customer Success": 10,
    "Operations": 10,
    "HR": 7,
    "Finance": 6,
    "": 3,  # no department given
}
NETWORKS = {"linkedin": 12, "x": 3, "bluesky": 2, "facebook": 2, "mastodon": 1, "xing": 1}
REFERRERS = {
    "linkedin": "www.linkedin.com",
    "x": "t.co",
    "bluesky": "bsky.app",
    "facebook": "l.facebook.com",
    "mastodon": "mastodon.social",
    "xing": "www.xing.com",
}
FORMATS = {
    "article": 8,
    "job_offer": 5,
    "video": 3,
    "testimonial": 2,
    "behind_the_scenes": 2,
    "event": 1,
    "news": 3,
}
CONVERSIONS = {"application": 70, "lead": 15, "hire": 10, "signup": 5}
CONVERSION_VALUES = {"hire": "3000.00", "lead": "150.00"}
FIRST_NAMES = "Alex Ana Ben Chloé Dara Eli Fatou Hugo Inès Jon Kim Léa Malik Nora Omar Pia Sam Zoé"
LAST_NAMES = "Martin Bernard Dubois Garcia Müller Rossi Nguyen Silva Kowalski Haddad Sato Okafor"
TITLES = ("Engineer", "Account executive", "Designer", "Recruiter", "Analyst", "Manager")
# Clicks by hour of the day (local time) and by day of the week: people read at work.
_DAYTIME = [0.8, 1.3, 1.6, 1.6, 1.5, 1.4, 1.5, 1.6, 1.5, 1.3, 1.1, 1.0, 0.9, 0.8, 0.6, 0.4, 0.3]
HOURS = [0.2] * 7 + _DAYTIME
WEEKDAYS = [1.0, 1.05, 1.05, 1.0, 0.9, 0.45, 0.4]


def _pick(rng, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


@contextmanager
def _times_as_given(*fields):
    """``bulk_create`` keeps the times given to these ``auto_now_add`` fields instead of
    stamping every row with now (what the demo does with an UPDATE per row afterwards,
    far too slow for a million clicks). Not thread-safe: for ``advocacy_generate_data``
    only."""
    saved = [(field, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field, value in saved:
            field.auto_now_add = value


def _forget_queries():
    """With DEBUG on, Django keeps every query's SQL (a batch of inserts is megabytes):
    drop them, unless someone is counting queries (``CaptureQueriesContext``)."""
    if connection.queries_logged and not connection.force_debug_cursor:
        connection.queries_log.clear()


class Generator:
    def __init__(self, *, seed, days, batch):
        self.batch = batch
        self.zone = timezone.get_default_timezone()
        self.now = timezone.now()
        self.today = timezone.localdate(self.now, self.zone)
        self.first_day = self.today - datetime.timedelta(days=days - 1)
        self.start = datetime.datetime.combine(self.first_day, datetime.time.min, self.zone)
        # The same seed on the same database makes the same data; a second run on the
        # grown database makes new tokens and names.
        state = (
            get_user_model().objects.aggregate(n=Max("pk"))["n"],
            TrackedLink.objects.aggregate(n=Max("pk"))["n"],
            LinkClick.objects.aggregate(n=Max("pk"))["n"],
        )
        self.rng = random.Random(f"advocacy_generate_data/{seed}/{state}")
        enabled = {network.key for network in enabled_networks()}
        self.networks = {k: w for k, w in NETWORKS.items() if k in enabled} or dict.fromkeys(
            sorted(enabled), 1
        )
        self.counts = dict.fromkeys(
            ("ambassadors", "pages", "campaigns", "shares", "links", "clicks", "unique"), 0
        )
        self.counts["conversions"] = 0

    def _random_time(self, low: datetime.datetime, high: datetime.datetime):
        return low + (high - low) * self.rng.random()

    # People.

    def ambassadors(self, count: int) -> list[AmbassadorProfile]:
        rng = self.rng
        User = get_user_model()
        username_field = User.USERNAME_FIELD
        fields = {field.name for field in User._meta.get_fields()}
        taken = set(
            User.objects.filter(**{f"{username_field}__startswith": USERNAME_PREFIX}).values_list(
                username_field, flat=True
            )
        )
        names, number = [], len(taken)
        while len(names) < count:
            number += 1
            if f"{USERNAME_PREFIX}{number:06d}" not in taken:
                names.append(f"{USERNAME_PREFIX}{number:06d}")
        password = make_password(None)  # unusable: nobody logs in as them
        first, last = FIRST_NAMES.split(), LAST_NAMES.split()
        users = []
        for name in names:
            user = User(**{username_field: name})
            user.password = password
            if "first_name" in fields:
                user.first_name, user.last_name = rng.choice(first), rng.choice(last)
            if "email" in fields:
                user.email = f"{name}@example.invalid"
            users.append(user)
        User.objects.bulk_create(users, batch_size=self.batch)
        pks = {}
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            pks.update(
                User.objects.filter(**{f"{username_field}__in": chunk}).values_list(
                    username_field, "pk"
                )
            )
        profiles, audiences = [], []
        window = self.now - self.start
        for name in names:
            if rng.random() < 0.8:  # most joined before the period
                joined = self.start - datetime.timedelta(days=rng.uniform(1, 365))
            else:
                joined = self.start + window * rng.uniform(0, 0.8)
            left = None
            if rng.random() < 0.05:
                left = self._random_time(max(joined, self.start), self.now)
            profiles.append(
                AmbassadorProfile(
                    user_id=pks[name],
                    department=_pick(rng, DEPARTMENTS),
                    job_title=rng.choice(TITLES),
                    show_on_leaderboards=rng.random() < 0.75,
                    show_in_directory=rng.random() < 0.6,
                    is_active=left is None,
                    opted_in_at=joined,
                    opted_out_at=left,
                    consent_version=advocacy_settings.CONSENT_VERSION,
                )
            )
        AmbassadorProfile.objects.bulk_create(profiles, batch_size=self.batch)
        if profiles and profiles[0].pk is None:  # a database that does not return keys
            ids = dict(
                AmbassadorProfile.objects.filter(
                    user_id__in=[p.user_id for p in profiles]
                ).values_list("user_id", "pk")
            )
            for profile in profiles:
                profile.pk = ids[profile.user_id]
        for profile in profiles:
            declared = {_pick(rng, self.networks) for _ in range(rng.randint(1, 3))}
            profile.declared = {}
            for network in sorted(declared):
                size = min(50_000, int(rng.lognormvariate(6, 1.1)))
                profile.declared[network] = size
                audiences.append(
                    NetworkAudience(profile_id=profile.pk, network=network, audience_size=size)
                )
        NetworkAudience.objects.bulk_create(audiences, batch_size=self.batch)
        self.counts["ambassadors"] = len(profiles)
        return profiles

    # Pages and campaigns.

    def _hub(self):
        hub = ShareHubPage.objects.order_by("path").first()
        if hub is not None:
            return hub
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No default Wagtail site to put a share hub under: create one.")
        return site.root_page.add_child(instance=ShareHubPage(title="Share hub", slug="share-hub"))

    def campaigns(self) -> list[Campaign]:
        days = (self.today - self.first_day).days + 1
        specs = (
            ("Spring hiring", "recruiting", 0, days // 2),
            ("Product launch", "thought_leadership", days * 2 // 5, days * 4 // 5),
            ("Employer brand", "employer_brand", days * 7 // 10, days + 30),
        )
        made = []
        for name, objective, first, last in specs:
            made.append(
                Campaign.objects.create(
                    name=f"{name} (generated)",
                    objective=objective,
                    starts_on=self.first_day + datetime.timedelta(days=first),
                    ends_on=self.first_day + datetime.timedelta(days=max(first, last)),
                    target_shares=200,
                    target_clicks=20_000,
                    target_participation=30,
                    target_conversions=20,
                )
            )
        self.counts["campaigns"] = len(made)
        return made

    def pages(self, count: int) -> None:
        if not count:
            return
        rng = self.rng
        hub = self._hub()
        campaigns = self.campaigns()
        taken = set(
            ShareablePage.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
                "slug", flat=True
            )
        )
        number = len(taken)
        for _ in range(count):
            number += 1
            while f"{SLUG_PREFIX}{number:06d}" in taken:
                number += 1
            if rng.random() < 0.7:
                published = self.start - datetime.timedelta(days=rng.uniform(1, 120))
            else:
                published = self._random_time(self.start, self.now)
            page = ShareablePage(
                title=f"Generated story {number}",
                slug=f"{SLUG_PREFIX}{number:06d}",
                summary="A story our colleagues are proud of.",
                share_url=f"https://www.example.com/stories/{number}",
                content_format=_pick(rng, FORMATS),
                campaign=rng.choice(campaigns) if rng.random() < 0.5 else None,
                live=True,
                first_published_at=published,
                last_published_at=published,
            )
            page.suggested_posts = [
                SuggestedPost(network="linkedin", text=f"Proud of story {number}: have a look")
            ]
            hub.add_child(instance=page)
        self.counts["pages"] = count

    # Shares and their links.

    def shares(self, profiles) -> None:
        rng = self.rng
        pages = list(
            ShareablePage.objects.live()
            .exclude(share_url="")
            .select_related("campaign")
            .order_by("first_published_at", "pk")
        )
        if not profiles or not pages:
            return
        published = [(p.first_published_at or self.start).timestamp() for p in pages]
        page_weights = list(itertools.accumulate(rng.paretovariate(1.3) for _ in pages))
        days = (self.today - self.first_day).days + 1
        planned = []
        for number, profile in enumerate(profiles):
            if number and rng.random() < 1 / 3:
                continue  # a third never share
            low = max(self.start, profile.opted_in_at)
            high = profile.opted_out_at or self.now
            if high <= low:
                continue
            share = (high - low) / (self.now - self.start)
            for _ in range(max(1, round(rng.randint(1, max(1, 2 * days // 7)) * share))):
                planned.append((self._random_time(low, high), profile))
        planned.sort(key=lambda item: item[0])
        links, events = {}, []
        for when, profile in planned:
            page = self._page_at(when, pages, published, page_weights)
            if page is None:
                continue
            declared = profile.declared
            if declared and rng.random() < 0.9:
                network = rng.choice(sorted(declared))
            else:
                network = _pick(rng, self.networks)
            key = (profile.user_id, page.pk, network)
            if key not in links:
                token = self._token()
                links[key] = TrackedLink(
                    token=token,
                    user_id=profile.user_id,
                    page_id=page.pk,
                    network=network,
                    destination=build_destination(
                        page.share_url, network_key=network, campaign=page.campaign, token=token
                    ),
                    department=profile.department,
                    created_at=when,
                )
            events.append(
                ShareEvent(
                    user_id=profile.user_id,
                    page_id=page.pk,
                    campaign_id=page.campaign_id,
                    network=network,
                    link=links[key],
                    personalised=rng.random() < PERSONALISED_SHARE,
                    department=profile.department,
                    audience=declared.get(network, 0),
                    created_at=when,
                )
            )
        made = list(links.values())
        TrackedLink.objects.bulk_create(made, batch_size=self.batch)
        if made and made[0].pk is None:  # a database that does not return keys
            ids = dict(
                TrackedLink.objects.filter(token__in=[link.token for link in made]).values_list(
                    "token", "pk"
                )
            )
            for link in made:
                link.pk = ids[link.token]
        ShareEvent.objects.bulk_create(events, batch_size=self.batch)
        self.counts["links"], self.counts["shares"] = len(made), len(events)

    def _page_at(self, when, pages, published, weights):
        """A page published by ``when``, popular ones more often, a campaign's page during
        its campaign (a few draws, then any page published by then)."""
        available = bisect.bisect_right(published, when.timestamp())
        if not available:
            return None
        day = timezone.localtime(when, self.zone).date()
        page = None
        for _attempt in range(5):
            index = bisect.bisect_right(weights, self.rng.random() * weights[available - 1])
            page = pages[min(index, available - 1)]
            if page.campaign is None or page.campaign.starts_on <= day <= page.campaign.ends_on:
                return page
        return page

    def _token(self) -> str:
        """Random like ``sharing.services``' tokens, but from the seeded generator."""
        return "".join(self.rng.choices(TOKEN_ALPHABET, k=advocacy_settings.TOKEN_LENGTH))

    # Clicks and conversions.

    def _hours(self, first_link: datetime.datetime):
        """Every hour of the period (local time) after the first link, with its weight."""
        day = self.first_day
        while day <= self.today:
            busy = WEEKDAYS[day.weekday()] * self.rng.uniform(0.7, 1.3)
            for hour in range(24):
                low = datetime.datetime.combine(day, datetime.time(hour), self.zone)
                if hour == 23:
                    following = day + datetime.timedelta(days=1)
                    high = datetime.datetime.combine(following, datetime.time.min, self.zone)
                else:
                    high = datetime.datetime.combine(day, datetime.time(hour + 1), self.zone)
                low, high = max(low, first_link), min(high, self.now)
                length = (high - low).total_seconds()
                if length > 0:
                    yield day, low.timestamp(), high.timestamp(), length * busy * HOURS[hour]
            day += datetime.timedelta(days=1)

    def clicks(self, count: int) -> None:
        if not count:
            return
        rng = self.rng
        rows = list(
            TrackedLink.objects.filter(created_at__lt=self.now)
            .order_by("created_at", "pk")
            .values_list(
                "pk",
                "created_at",
                "network",
                "page_id",
                "page__campaign_id",
                "user_id",
                "department",
            )
        )
        if not rows:
            raise CommandError("No tracked link to click: add ambassadors and pages first.")
        created = [row[1].timestamp() for row in rows]
        weights = list(itertools.accumulate(rng.paretovariate(1.2) for _ in rows))
        hours = list(self._hours(max(rows[0][1], self.start)))
        total = sum(weight for *_rest, weight in hours)
        # Exactly ``count`` clicks: each hour's share, rounded down, then one more for the
        # hours with the largest remainders.
        quotas = [count * weight / total for *_rest, weight in hours]
        numbers = [int(quota) for quota in quotas]
        missing = count - sum(numbers)
        by_remainder = sorted(range(len(hours)), key=lambda i: numbers[i] - quotas[i])
        for index in by_remainder[:missing]:
            numbers[index] += 1
        clicks, firsts, conversions = [], [], []
        recent, current_day = [], None
        for (day, low, high, _weight), number in zip(hours, numbers, strict=True):
            if day != current_day:  # the visitor hashes change every day
                recent, current_day = [], day
            for moment in sorted(rng.uniform(low, high) for _ in range(number)):
                if recent and rng.random() > UNIQUE_SHARE:
                    index, digest = rng.choice(recent)
                    unique = False
                else:
                    available = bisect.bisect_right(created, moment) or 1
                    index = bisect.bisect_right(weights, rng.random() * weights[available - 1])
                    index = min(index, available - 1)
                    digest = f"{rng.getrandbits(128):032x}"
                    unique = True
                    if len(recent) < RECENT_VISITORS:
                        recent.append((index, digest))
                    else:
                        recent[rng.randrange(RECENT_VISITORS)] = (index, digest)
                    firsts.append(
                        ClickUniqueness(link_id=rows[index][0], visitor_hash=digest, day=day)
                    )
                    if rng.random() < CONVERSION_CHANCE:
                        conversions.append((moment, rows[index]))
                network = rows[index][2]
                clicks.append(
                    LinkClick(
                        link_id=rows[index][0],
                        clicked_at=datetime.datetime.fromtimestamp(moment, datetime.UTC),
                        is_unique=unique,
                        visitor_hash=digest,
                        referrer_host=REFERRERS.get(network, "") if rng.random() < 0.7 else "",
                    )
                )
                if len(clicks) >= self.batch:
                    self._write_clicks(clicks, firsts)
                    clicks, firsts = [], []
        self._write_clicks(clicks, firsts)
        self._conversions(conversions)

    def _write_clicks(self, clicks, firsts) -> None:
        ClickUniqueness.objects.bulk_create(firsts, batch_size=self.batch)
        LinkClick.objects.bulk_create(clicks, batch_size=self.batch)
        self.counts["clicks"] += len(clicks)
        self.counts["unique"] += len(firsts)
        _forget_queries()

    def _conversions(self, clicked) -> None:
        """A conversion after some of the unique clicks, credited as ``record_conversion``
        credits one: to the link's owner, page, campaign, network and department."""
        rng = self.rng
        made = []
        latest = self.now.timestamp()
        for moment, (link, _created, network, page, campaign, owner, department) in clicked:
            occurred = min(moment + rng.uniform(600, 3 * 86400), latest)
            recorded = min(occurred + rng.uniform(0, 2 * 86400), latest)
            kind = _pick(rng, CONVERSIONS)
            made.append(
                Conversion(
                    link_id=link,
                    referrer_id=owner,
                    page_id=page,
                    campaign_id=campaign,
                    network=network,
                    department=department,
                    kind=kind,
                    value=CONVERSION_VALUES.get(kind),
                    occurred_at=datetime.datetime.fromtimestamp(occurred, datetime.UTC),
                    created_at=datetime.datetime.fromtimestamp(recorded, datetime.UTC),
                    source="import",
                )
            )
        made.sort(key=lambda conversion: conversion.created_at)
        Conversion.objects.bulk_create(made, batch_size=self.batch)
        self.counts["conversions"] = len(made)


def generate(
    *, seed: int, days: int, batch: int, ambassadors: int, pages: int, clicks: int
) -> dict[str, int]:
    """Add ``pages`` pages (and three campaigns), ``ambassadors`` ambassadors and their
    shares over the last ``days`` days, then ``clicks`` clicks, in one transaction,
    ``batch`` rows per insert; returns the counts of what was added, by kind."""
    generator = Generator(seed=seed, days=days, batch=batch)
    stamped = (
        TrackedLink._meta.get_field("created_at"),
        ShareEvent._meta.get_field("created_at"),
        LinkClick._meta.get_field("clicked_at"),
        Conversion._meta.get_field("created_at"),
    )
    with transaction.atomic(), _times_as_given(*stamped):
        generator.pages(pages)
        generator.shares(generator.ambassadors(ambassadors))
        generator.clicks(clicks)
    return generator.counts
