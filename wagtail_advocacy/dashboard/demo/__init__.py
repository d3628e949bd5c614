"""Demo activity for the KPI dashboard: colleagues who joined the program and 90 days of
shares, clicks, a few conversions and quiz attempts, so every chart and report has
something to show.

The history is generated from a fixed seed and only once (the first colleague's shares
mark it), so running the demo again changes nothing.
"""

import datetime
import random
import secrets

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, DateTimeField, F, Value, When
from django.utils import timezone
from wagtail.models import Locale

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.ambassadors.queries import department_and_audience
from wagtail_advocacy.ambassadors.services import join_program
from wagtail_advocacy.conversions.services import record_conversion
from wagtail_advocacy.core.demo import check_free, demo_user
from wagtail_advocacy.core.registries import DemoLoader, demo_loaders
from wagtail_advocacy.dashboard.services import grant_program_manager
from wagtail_advocacy.recognition.models import PointsAction, PointsBalance, PointsEntry
from wagtail_advocacy.recognition.rules import points_for
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent, TrackedLink, build_destination
from wagtail_advocacy.sharing.pages import ShareablePage
from wagtail_advocacy.stats.services import roll_up_everything
from wagtail_advocacy.training.forms import questions_of
from wagtail_advocacy.training.models import QuizAttempt, TrainingCompletion
from wagtail_advocacy.training.pages import TrainingModulePage
from wagtail_advocacy.training.services import submit_quiz

DEPARTMENTS = ["Engineering", "Sales", "Marketing", "HR", "Operations"]
NETWORK_WEIGHTS = {"linkedin": 6, "x": 2, "bluesky": 1, "facebook": 1, "mastodon": 1}
COLLEAGUES = 24
DAYS = 90


COMMUNICATION = "Demo communication"
# The demo editor's group with every advocacy permission (``dashboard.services``), so the
# demo can record conversions, answer reward requests and manage badges and challenges.
PROGRAM_MANAGERS = "Demo program managers"


def grant_dashboard(groups):
    """Let the demo's ``groups`` (never a group of the site's) see the dashboard."""
    permission = Permission.objects.get(
        content_type__app_label="wagtail_advocacy", codename="view_advocacy_dashboard"
    )
    for group in groups:
        group.permissions.add(permission)


def colleagues():
    """Demo employees without a usable password, who joined the program (``join_program``)
    weeks ago, most of them visible on leaderboards and in the directory. A site's own user
    of one of their names stops the demo (nothing is changed)."""
    usernames = [f"colleague{number:02d}" for number in range(1, COLLEAGUES + 1)]
    check_free(usernames=usernames)
    users = []
    rng = random.Random(7)
    for number, username in enumerate(usernames, start=1):
        user, created = demo_user(username, first_name="Colleague", last_name=f"{number:02d}")
        if created:
            user.set_unusable_password()
            user.save()
        joined_days_ago = rng.randint(95, 120)
        networks = {
            network: rng.randint(80, 2500) for network in rng.sample(sorted(NETWORK_WEIGHTS), 2)
        }
        if not AmbassadorProfile.objects.filter(user=user).exists():
            profile = join_program(
                user,
                fields={
                    "department": DEPARTMENTS[number % len(DEPARTMENTS)],
                    "show_on_leaderboards": number % 4 != 0,
                    "show_in_directory": number % 3 != 0,
                },
                networks=networks,
            )
            # They joined before the 90 days of history, so they count in every period.
            AmbassadorProfile.objects.filter(pk=profile.pk).update(
                opted_in_at=timezone.now() - datetime.timedelta(days=joined_days_ago)
            )
        users.append(user)
    return users


def _pages_on(pages, day):
    """The pages one could share on ``day``: a campaign's pages only during the campaign."""
    return [
        page
        for page in pages
        if page.campaign is None or page.campaign.starts_on <= day <= page.campaign.ends_on
    ]


def history(users):
    if not users or ShareEvent.objects.filter(user=users[0]).exists():
        return 0, 0
    pages = list(ShareablePage.objects.live().filter(share_url__gt="").select_related("campaign"))
    if not pages:
        return 0, 0
    rng = random.Random(42)
    now = timezone.now()
    networks = list(NETWORK_WEIGHTS)
    weights = list(NETWORK_WEIGHTS.values())
    shares, clicks, hires = [], [], []
    links = {}
    known = {}  # (user, network): the department and audience a share keeps
    for number, user in enumerate(users):
        # Some colleagues share a lot, some rarely, and a third not at all.
        activity = 0 if number % 3 == 2 else rng.random()
        for day in range(DAYS):
            if rng.random() > activity * 0.25:
                continue
            when = now - datetime.timedelta(days=day, hours=rng.randint(0, 10))
            candidates = _pages_on(pages, timezone.localtime(when).date())
            if not candidates:
                continue
            page = rng.choice(candidates)
            network = rng.choices(networks, weights)[0]
            key = (user.pk, page.pk, network)
            if (user.pk, network) not in known:
                known[user.pk, network] = department_and_audience(user, network)
            department, audience = known[user.pk, network]
            if key not in links:
                token = secrets.token_urlsafe(9)[:12]
                links[key] = TrackedLink.objects.create(
                    token=token,
                    user=user,
                    page=page,
                    network=network,
                    destination=build_destination(
                        page.share_url, network_key=network, campaign=page.campaign, token=token
                    ),
                    department=department,
                )
            link = links[key]
            shares.append(
                ShareEvent(
                    user=user,
                    page=page,
                    campaign=page.campaign,
                    network=network,
                    link=link,
                    personalised=rng.random() < 0.45,
                    department=department,
                    audience=audience,
                    created_at=when,
                )
            )
            for _ in range(rng.randint(0, 9)):
                clicks.append(
                    LinkClick(
                        link=link,
                        is_unique=rng.random() < 0.8,
                        visitor_hash=secrets.token_hex(8),
                        referrer_host=f"{network}.com",
                        clicked_at=when + datetime.timedelta(hours=rng.randint(1, 48)),
                    )
                )
            if page.campaign and page.campaign.objective == "recruiting" and rng.random() < 0.4:
                hires.append((link, when + datetime.timedelta(days=2)))
    clicks = [c for c in clicks if c.clicked_at <= now]
    # auto_now_add replaces the times given to bulk_create: put them back afterwards.
    _create_in_the_past(ShareEvent, "created_at", shares)
    _create_in_the_past(LinkClick, "clicked_at", clicks)
    _points(shares)
    conversions = 0
    for position, (link, when) in enumerate(hires):
        if when > now:
            continue
        record_conversion(
            kind="hire" if position % 3 == 2 else "application",
            source="import",
            token=link.token,
            occurred_at=when,
            idempotency_key=f"advocacy-demo-{link.token}-{position}",
        )
        conversions += 1
    # The dashboard reads the daily statistics: the demo's history is in them from the start.
    roll_up_everything(settle=datetime.timedelta(0))
    return len(shares), conversions


def training_history(users):
    """Quiz attempts of the active colleagues on the main-language modules, spread over the
    last weeks: most pass at once, some fail first and retry, so the training figures
    (completion rate, average score, the question most failed) have something to show.
    Through ``submit_quiz``, so points and the "Trained" badge follow; then dated back."""
    modules = [
        module
        for module in TrainingModulePage.objects.live().filter(locale=Locale.get_default())
        if questions_of(module)
    ]
    if not users or not modules or QuizAttempt.objects.filter(user=users[0]).exists():
        return 0
    rng = random.Random(11)
    now = timezone.now()
    attempts = 0
    for number, user in enumerate(users):
        if number % 3 == 2:
            continue  # the colleagues who never share do not train either
        for module in modules:
            if number and rng.random() > 0.6:
                continue
            when = now - datetime.timedelta(days=rng.randint(1, DAYS - 1), hours=rng.randint(0, 8))
            first = QuizAttempt.objects.filter(user=user, module=module).count()
            tries = [rng.random() < 0.7] if number else [True]
            if not tries[0] and rng.random() < 0.6:
                tries.append(True)  # failed, read the lesson again, passed
            for passed in tries:
                submit_quiz(user, module, _answers(module, right=passed, rng=rng))
                attempts += 1
            _date_back(user, module, when, skip=first)
    return attempts


def _answers(module, *, right, rng):
    """Every question's right answers; with ``right=False`` half of them (two at least)
    answered wrong, which no pass mark lets through."""
    questions = questions_of(module)
    count = 0 if right else max(2, len(questions) // 2)
    wrong = set(rng.sample(range(len(questions)), min(count, len(questions))))
    answers = {}
    for index, question in enumerate(questions):
        choices = question.value["choices"]
        good = [str(i) for i, choice in enumerate(choices) if choice["correct"]]
        bad = [str(i) for i, choice in enumerate(choices) if not choice["correct"]]
        answers[question.id] = [rng.choice(bad)] if index in wrong and bad else good
    return answers


def _date_back(user, module, when, *, skip):
    """Move the attempts just made (after the first ``skip``) and the completion to
    ``when``, a few hours apart."""
    made = QuizAttempt.objects.filter(user=user, module=module).order_by("pk")[skip:]
    for hours, attempt in enumerate(made):
        QuizAttempt.objects.filter(pk=attempt.pk).update(
            created_at=when + datetime.timedelta(hours=hours)
        )
    last = when + datetime.timedelta(hours=max(len(made) - 1, 0))
    completion = TrainingCompletion.objects.filter(user=user, module=module)
    completion.update(started_at=when, last_attempt_at=last)
    completion.filter(passed=True).update(first_passed_at=last)


def _points(shares):
    """The points of the colleagues' shares, on the day of each share, so they stand on
    the leaderboards (bulk: the history is made at once, outside the daily caps)."""
    points = points_for(str(PointsAction.SHARE))
    share_type = ContentType.objects.get_for_model(ShareEvent)
    entries = [
        PointsEntry(
            user_id=share.user_id,
            action=PointsAction.SHARE,
            points=points,
            related_type=share_type,
            related_id=str(share.pk),
            note=share.page.title[:255],
            created_at=share.created_at,
        )
        for share in ShareEvent.objects.filter(pk__in=[s.pk for s in shares if s.pk])
        .select_related("page")
        .order_by("pk")
    ]
    PointsEntry.objects.bulk_create(entries, batch_size=500)
    totals = {}
    for entry in entries:
        totals[entry.user_id] = totals.get(entry.user_id, 0) + entry.points
    for user_id, total in totals.items():
        PointsBalance.objects.get_or_create(user_id=user_id)
        PointsBalance.objects.filter(pk=user_id).update(points=F("points") + total)


def _create_in_the_past(model, field, objects):
    wanted = [getattr(o, field) for o in objects]
    created = model.objects.bulk_create(objects, batch_size=500)
    pairs = [(o.pk, when) for o, when in zip(created, wanted, strict=True) if o.pk]
    for start in range(0, len(pairs), 500):
        batch = pairs[start : start + 500]
        model.objects.filter(pk__in=[pk for pk, _when in batch]).update(
            **{
                field: Case(
                    *[When(pk=pk, then=Value(when)) for pk, when in batch],
                    output_field=DateTimeField(),
                )
            }
        )


def load(run):
    """No activity without the demo accounts (the demo's ``--no-users``)."""
    grant_dashboard([run.editors, run.group(COMMUNICATION)])
    grant_program_manager(run.group(PROGRAM_MANAGERS))
    if not run.people:
        return
    people = colleagues()
    created, conversions = history(people)
    attempts = training_history(people)
    if created:
        run.write(
            f"Demo activity: {created} shares, {conversions} conversions and {attempts} quiz "
            f"attempts over the last {DAYS} days."
        )


demo_loaders.register(
    DemoLoader("dashboard", load, "colleagues and 90 days of shares, clicks and conversions"),
    order=60,
)
