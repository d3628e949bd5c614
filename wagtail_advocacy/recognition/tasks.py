"""Background work of recognition, run through the Django Tasks API (immediately unless
a project configures a queue)."""

import datetime
from functools import partial
from itertools import takewhile

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from wagtail_advocacy.ambassadors.models import AmbassadorProfile
from wagtail_advocacy.core.models import Watermark
from wagtail_advocacy.recognition.models import PointsAction
from wagtail_advocacy.recognition.queries import (
    has_active_profile,
    is_repeat_share,
    rewarded_owners,
)
from wagtail_advocacy.recognition.services import (
    award_points,
    evaluate_badges,
    evaluate_challenges,
)
from wagtail_advocacy.sharing.models import LinkClick, ShareEvent, TrackedLink


@task()
def evaluate_recognition(user_id):
    """Award the badges and complete the challenges an employee now qualifies for.

    Counting shares, clicks and weeks grows with an employee's history, so it runs after
    the request; awards are idempotent, so running it twice at once is harmless.
    """
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return len(evaluate_badges(user)) + len(evaluate_challenges(user))


# With a queue, an employee's badges and challenges are evaluated at most this often: a
# burst of shares and clicks asks for one evaluation, run when the burst is over.
EVALUATION_INTERVAL = 60  # seconds


def schedule_evaluation(user_id):
    """Evaluate badges and challenges once the current transaction is committed.

    With a queue that can defer tasks, at most once per employee and
    ``EVALUATION_INTERVAL``: the first event of a window enqueues an evaluation to run at
    its end (so it counts every event of the window) and the others add nothing, with no
    query. Other backends (immediate in development) evaluate after each event.
    """
    backend = evaluate_recognition.get_backend()
    if isinstance(backend, ImmediateBackend) or not backend.supports_defer:
        transaction.on_commit(partial(evaluate_recognition.enqueue, user_id))
        return
    if not cache.add(f"wagtail_advocacy:evaluate:{user_id}", 1, EVALUATION_INTERVAL):
        return
    run_after = timezone.now() + datetime.timedelta(seconds=EVALUATION_INTERVAL)
    deferred = evaluate_recognition.using(run_after=run_after)
    transaction.on_commit(partial(deferred.enqueue, user_id))


@task()
def recognise_share(share_id):
    """10 points a share, 5 more the first time a page is shared (repeats within a day
    earn nothing), then badges and challenges: after the share's request, not in it."""
    share = ShareEvent.objects.filter(pk=share_id).select_related("user", "page").first()
    if share is None or share.user is None or not has_active_profile(share.user):
        return 0
    user, page = share.user, share.page
    earned = 0
    if not is_repeat_share(share, user, page):
        for action, related in (
            (PointsAction.SHARE, share),
            (PointsAction.FIRST_SHARE_OF_PAGE, page),
        ):
            entry = award_points(user, action, related, note=page.title)
            earned += entry.points if entry else 0
    schedule_evaluation(user.pk)
    return earned


CLICK_POINTS = "recognition.click_points"
CLICK_BATCH = 2000
# With a real queue, a click asks for the batch at most this often (the redirect must not
# enqueue a task for every click); the scheduled ``advocacy_process_events`` catches up
# with whatever a quiet period left.
CLICK_BATCH_INTERVAL = 30  # seconds


# A batch reads only the clicks older than this, with a queue: ids are handed out at insert
# and become visible at commit, not always in the same order, and a click committed after
# a later one was read would be behind the watermark for ever. Without a queue the batch
# runs in the click's own process, after its commit: nothing to wait for.
CLICK_SETTLE = 10  # seconds


@task()
def award_points_for_new_clicks(limit=CLICK_BATCH, settle=None):
    """Points for the unique clicks recorded since the last run, then one badge and
    challenge evaluation per employee who got clicks (a click counts towards them even
    when a cap left no points). Returns the number of clicks read.

    The public redirect only writes the click: this task reads the clicks after the
    watermark, in primary-key order, with the watermark's row locked, so two workers
    running it at once read each click once, and a failure rolls the batch back whole.
    """
    if settle is None:
        immediate = isinstance(award_points_for_new_clicks.get_backend(), ImmediateBackend)
        settle = 0 if immediate else CLICK_SETTLE
    cutoff = timezone.now() - datetime.timedelta(seconds=settle)
    with transaction.atomic():
        Watermark.objects.get_or_create(name=CLICK_POINTS)
        mark = Watermark.objects.select_for_update().get(name=CLICK_POINTS)
        rows = (
            LinkClick.objects.filter(pk__gt=mark.position)
            .order_by("pk")
            .values_list("pk", "is_unique", "link_id", "link__user_id", "clicked_at")[:limit]
        )
        # In id order up to the first click that has not settled: never past one.
        clicks = list(takewhile(lambda row: row[4] < cutoff, rows))
        clicks = [row[:4] for row in clicks]
        if not clicks:
            return 0
        owners = rewarded_owners({user_id for _pk, unique, _l, user_id in clicks if unique})
        rewarded = [c for c in clicks if c[1] and c[3] in owners]
        links = TrackedLink.objects.in_bulk({link_id for _pk, _u, link_id, _o in rewarded})
        evaluated = []
        for _pk, _unique, link_id, user_id in rewarded:
            award_points(owners[user_id], PointsAction.CLICK, links[link_id])
            if user_id not in evaluated:
                evaluated.append(user_id)
        mark.position = clicks[-1][0]
        mark.save(update_fields=["position", "updated_at"])
    for user_id in evaluated:
        schedule_evaluation(user_id)
    if len(clicks) == limit:
        transaction.on_commit(partial(award_points_for_new_clicks.enqueue, limit, settle))
    return len(clicks)


def request_click_points(owner_id):
    """Ask for :func:`award_points_for_new_clicks` once the click on a link of
    ``owner_id`` is committed.

    With a queue, at most once every ``CLICK_BATCH_INTERVAL`` seconds per cache, and with
    no query: the redirect itself writes nothing but the click. With the default
    immediate backend (development, or a site that has not set up a queue yet) the batch
    runs at once, so points show without a worker, and only for an ambassador's link: an
    indexed lookup is cheaper than a batch for the many clicks on other employees' links.
    """
    if isinstance(award_points_for_new_clicks.get_backend(), ImmediateBackend):
        if not AmbassadorProfile.objects.active().filter(user_id=owner_id).exists():
            return
    elif not cache.add(f"wagtail_advocacy:{CLICK_POINTS}", 1, CLICK_BATCH_INTERVAL):
        return
    transaction.on_commit(award_points_for_new_clicks.enqueue)
