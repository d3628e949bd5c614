"""Recognition: a points ledger, badges, kudos, challenges and a small rewards catalogue.

Points are append-only ledger rows written only by ``recognition.services``; the balance
row beside them is what a redemption locks, so two redemptions at once can never spend
the same points twice.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from wagtail_advocacy.core.models import AppendOnlyEvent, employee_key, optional_key, required_key
from wagtail_advocacy.sharing.models import ContentFormat


class PointsAction(models.TextChoices):
    SHARE = "share", _("Share")
    FIRST_SHARE_OF_PAGE = "first_share_of_page", _("First share of a page")
    CLICK = "click", _("Click on a shared link")
    TRAINING_PASSED = "training_passed", _("Training passed")
    SUGGESTION_ACCEPTED = "suggestion_accepted", _("Suggestion accepted")
    KUDOS_RECEIVED = "kudos_received", _("Kudos received")
    CHALLENGE_COMPLETED = "challenge_completed", _("Challenge completed")
    REDEMPTION = "redemption", _("Reward redeemed")
    REDEMPTION_REFUND = "redemption_refund", _("Reward request declined (refund)")


# Spending and refunds move the balance but are not achievements: leaderboards skip them.
SPENDING_ACTIONS = (PointsAction.REDEMPTION, PointsAction.REDEMPTION_REFUND)
# Earned at most once per related object (a page, a module, a suggestion, ...).
ONCE_PER_OBJECT_ACTIONS = (
    # A share's points are tied to the share itself, so a task run twice awards them once.
    PointsAction.SHARE,
    PointsAction.FIRST_SHARE_OF_PAGE,
    PointsAction.TRAINING_PASSED,
    PointsAction.SUGGESTION_ACCEPTED,
    PointsAction.KUDOS_RECEIVED,
    PointsAction.CHALLENGE_COMPLETED,
    PointsAction.REDEMPTION,
    PointsAction.REDEMPTION_REFUND,
)
# Actions one could repeat to climb a leaderboard: the daily cap applies to them.
CAPPED_ACTIONS = (PointsAction.SHARE, PointsAction.FIRST_SHARE_OF_PAGE, PointsAction.CLICK)
EARNING_ACTIONS = tuple(a for a in PointsAction if a not in SPENDING_ACTIONS)

# Leaderboards: one for everyone, and one for executives when EXECUTIVE_GROUP is set.
BOARD_EVERYONE = "everyone"
BOARD_EXECUTIVES = "executives"


class PointsEntry(AppendOnlyEvent):
    """One line of the points ledger. Never updated: corrections are new lines."""

    user = employee_key("advocacy_points")
    action = models.CharField(_("action"), max_length=32, choices=PointsAction.choices)
    points = models.IntegerField(_("points"))
    # A generic pointer without a GenericForeignKey: lists never join through it.
    related_type = optional_key(ContentType, _("related type"), related_name="+")
    related_id = models.CharField(_("related id"), max_length=64, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("points entry")
        verbose_name_plural = _("points entries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "created_at"], name="advocacy_points_user_time"),
            models.Index(fields=["action", "created_at"], name="advocacy_points_action_time"),
            models.Index(
                fields=["related_type", "related_id", "action"], name="advocacy_points_related"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gte=0) | Q(action="redemption"),
                name="advocacy_points_negative_only_for_redemptions",
            ),
            models.UniqueConstraint(
                fields=["user", "action", "related_type", "related_id"],
                condition=Q(action__in=[str(a) for a in ONCE_PER_OBJECT_ACTIONS]),
                name="advocacy_points_once_per_object",
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.points:+d} ({self.get_action_display()})"


class PointsBalance(models.Model):
    """The spendable balance, kept beside the ledger in the same transaction.

    Redemptions lock this row, and the database refuses a negative value.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="advocacy_points_balance",
    )
    points = models.IntegerField(_("points"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("points balance")
        verbose_name_plural = _("points balances")
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gte=0), name="advocacy_balance_never_negative"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.points}"


class BadgeKind(models.TextChoices):
    SHARES = "shares", _("Different pages shared")
    CLICKS = "clicks", _("Unique clicks on one's links")
    TRAININGS = "trainings", _("Trainings passed")
    NETWORKS = "networks", _("Different networks used")
    STREAK = "streak", _("Weeks in a row with a share")
    SUGGESTIONS = "suggestions", _("Suggestions accepted")
    FIRST_SHARE = "first_share", _("First share")
    CHALLENGE = "challenge", _("Awarded by a challenge only")


# The names and descriptions of the badges the package creates (migration 0005) and of the
# demo's challenge badge, in English as they are stored. One row serves every language, so
# these texts are shown in the reader's language (:func:`badge_text`); a text an editor
# wrote, or changed, is shown as written.
STARTER_BADGE_TEXTS = frozenset(
    {
        gettext_noop("First share"),
        gettext_noop("Shared a page for the first time."),
        gettext_noop("Storyteller"),
        gettext_noop("Shared ten different pages."),
        gettext_noop("On every network"),
        gettext_noop("Shared on three different networks."),
        gettext_noop("People are listening"),
        gettext_noop("Your links brought 25 unique visitors."),
        gettext_noop("Crowd puller"),
        gettext_noop("Your links brought 250 unique visitors."),
        gettext_noop("Regular"),
        gettext_noop("Shared something four weeks in a row."),
        gettext_noop("Trained"),
        gettext_noop("Passed a training module."),
        gettext_noop("Idea maker"),
        gettext_noop("A content idea of yours was accepted."),
        # The demo's challenge badge (recognition/demo/content.toml).
        gettext_noop("Recruiter"),
        gettext_noop("Shared three job offers during the hiring challenge."),
    }
)


def badge_text(text: str) -> str:
    """A badge's name or description as the reader sees it: translated when it is one
    of the package's own texts (:data:`STARTER_BADGE_TEXTS`), else as the editor wrote it."""
    return gettext(text) if text in STARTER_BADGE_TEXTS else text


class Badge(index.Indexed, models.Model):
    """A badge and the rule that earns it (a kind of achievement and a threshold).

    Employees' pages show :attr:`display_name` and :attr:`display_description`; the admin
    shows the stored text, the one an editor changes.
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    kind = models.CharField(_("rule"), max_length=32, choices=BadgeKind.choices)
    threshold = models.PositiveIntegerField(
        _("threshold"),
        default=1,
        help_text=_("How many of the rule's unit earn the badge (ignored for challenges)."),
    )
    icon = models.CharField(
        _("icon"),
        max_length=64,
        default="pick",
        help_text=_("The name of a Wagtail admin icon, e.g. pick, link, tick, globe."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("threshold")]),
        FieldRowPanel([FieldPanel("icon"), FieldPanel("sort_order")]),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["sort_order", "threshold", "name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return badge_text(self.name)

    @property
    def display_description(self):
        return badge_text(self.description)


class BadgeAward(models.Model):
    """A badge one employee earned; the unique pair makes awarding idempotent."""

    user = employee_key("advocacy_badges")
    badge = models.ForeignKey(
        Badge, verbose_name=_("badge"), on_delete=models.CASCADE, related_name="awards"
    )
    awarded_at = models.DateTimeField(_("awarded at"), default=timezone.now)

    class Meta:
        verbose_name = _("badge award")
        verbose_name_plural = _("badge awards")
        ordering = ["-awarded_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "badge"], name="advocacy_one_award_per_badge")
        ]

    def __str__(self):
        return f"{self.badge} → {self.user}"


class Kudos(AppendOnlyEvent):
    """A short thank-you from an editor or a colleague to an ambassador."""

    sender = employee_key("advocacy_kudos_sent", _("from"))
    recipient = employee_key("advocacy_kudos_received", _("to"))
    message = models.CharField(_("message"), max_length=280)
    # A shared page or a spotlight story the kudos is about (optional).
    page = optional_key("wagtailcore.Page", _("about"), related_name="+")
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("kudos")
        verbose_name_plural = _("kudos")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["sender", "created_at"], name="advocacy_kudos_sender"),
            models.Index(fields=["recipient", "created_at"], name="advocacy_kudos_recipient"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="advocacy_no_kudos_to_self"
            )
        ]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"


class NoticeKind(models.TextChoices):
    BADGE = "badge", _("Badge earned")
    KUDOS = "kudos", _("Kudos received")
    CHALLENGE = "challenge", _("Challenge completed")
    REDEMPTION = "redemption", _("Reward request answered")


class RecognitionNotice(models.Model):
    """An in-app notice shown on "My impact" until the employee has seen it."""

    user = employee_key("advocacy_notices")
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    # What the notice is about, as shown (a badge's or reward's name, a colleague's name).
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    is_read = models.BooleanField(_("seen"), default=False)

    class Meta:
        verbose_name = _("recognition notice")
        verbose_name_plural = _("recognition notices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "is_read"], name="advocacy_notice_unread")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def display_subject(self):
        """The subject as the employee reads it: a package badge's name in their language."""
        return badge_text(self.subject) if self.kind == NoticeKind.BADGE else self.subject


class Reward(index.Indexed, models.Model):
    """A symbolic reward employees may ask for with their points."""

    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    image = optional_key("wagtailimages.Image", _("image"), related_name="+")
    points_cost = models.PositiveIntegerField(_("cost in points"))
    stock = models.PositiveIntegerField(
        _("stock"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    is_active = models.BooleanField(_("offered"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("points_cost"), FieldPanel("stock")]),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("sort_order")]),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("description")]

    class Meta:
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")
        ordering = ["sort_order", "points_cost", "title"]

    def __str__(self):
        return self.title

    @property
    def in_stock(self):
        return self.stock is None or self.stock > 0


class RedemptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a manager")
    FULFILLED = "fulfilled", _("Fulfilled")
    DECLINED = "declined", _("Declined, points refunded")


class Redemption(models.Model):
    """An employee's request for a reward, paid when asked and refunded when declined."""

    user = employee_key("advocacy_redemptions")
    reward = models.ForeignKey(
        Reward, verbose_name=_("reward"), on_delete=models.PROTECT, related_name="redemptions"
    )
    points = models.PositiveIntegerField(_("points paid"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RedemptionStatus.choices,
        default=RedemptionStatus.PENDING,
        db_index=True,
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = optional_key(settings.AUTH_USER_MODEL, _("decided by"), related_name="+")
    manager_note = models.CharField(_("note to the employee"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("reward request")
        verbose_name_plural = _("reward requests")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.reward} ← {self.user}"


class ChallengeMetric(models.TextChoices):
    SHARES = "shares", _("Different pages shared")
    CLICKS = "clicks", _("Unique clicks on one's links")
    TRAININGS = "trainings", _("Trainings passed")
    KUDOS = "kudos", _("Kudos received")
    POINTS = "points", _("Points earned")


class Challenge(index.Indexed, models.Model):
    """A time-boxed goal set by editors, for everyone or some groups, alone or by team."""

    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    metric = models.CharField(_("what counts"), max_length=16, choices=ChallengeMetric.choices)
    content_format = models.CharField(
        _("only pages of this format"),
        max_length=32,
        choices=ContentFormat.choices,
        blank=True,
        help_text=_("For shares: e.g. job offers only."),
    )
    module = optional_key(
        "wagtailcore.Page",
        _("only this training module"),
        related_name="+",
        help_text=_("For trainings: the module to pass."),
    )
    target = models.PositiveIntegerField(_("target"), default=1)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    audience_groups = models.ManyToManyField(
        Group,
        verbose_name=_("audience"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for every ambassador."),
    )
    team_mode = models.BooleanField(
        _("departments compete"),
        default=False,
        help_text=_("Progress adds up per department; the target is each department's."),
    )
    points = models.PositiveIntegerField(_("points on completion"), default=0)
    badge = optional_key(Badge, _("badge on completion"), related_name="challenges")
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("metric"),
                FieldPanel("content_format"),
                FieldPanel("module"),
                FieldPanel("target"),
            ],
            heading=_("Goal"),
        ),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("audience_groups"),
        FieldPanel("team_mode"),
        FieldRowPanel([FieldPanel("points"), FieldPanel("badge")]),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("description")]

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["ends_on", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The challenge must end after it starts.")})


class ChallengeCompletion(models.Model):
    """An employee completed a challenge (alone or with their department)."""

    challenge = required_key(Challenge, _("challenge"), "completions")
    user = employee_key("advocacy_challenges_completed")
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("challenge completion")
        verbose_name_plural = _("challenge completions")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user"], name="advocacy_one_completion_per_challenge"
            )
        ]

    def __str__(self):
        return f"{self.challenge} ✓ {self.user}"
