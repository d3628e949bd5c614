"""The voluntary ambassador profile: who joined the program and what they chose to show.

Every other domain reads the profile (department for KPIs and leaderboards, audience size
for reach, visibility before showing a name), so nothing personal is shown or counted in a
way the employee did not agree to.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from wagtail_advocacy.core.models import AppendOnlyEvent, employee_key, required_key
from wagtail_advocacy.networks import network_choices


class AmbassadorExpertiseTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "wagtail_advocacy.AmbassadorProfile",
        related_name="tagged_expertise",
        on_delete=models.CASCADE,
    )


class AmbassadorProfileQuerySet(models.QuerySet):
    def active(self):
        """Employees who are in the program now (opted in and not opted out)."""
        return self.filter(is_active=True)

    def on_leaderboards(self):
        return self.active().filter(show_on_leaderboards=True)

    def in_directory(self):
        return self.active().filter(show_in_directory=True)

    def departments(self) -> list[str]:
        """The distinct departments of these profiles, sorted, for filter choices."""
        return list(
            self.exclude(department="")
            .order_by("department")
            .values_list("department", flat=True)
            .distinct()
        )

    def spotlight_allowed(self):
        """Profiles a spotlight story may be published and shown for."""
        return self.active().filter(allow_spotlight=True)


class AmbassadorProfile(models.Model):
    """One employee's opt-in to the advocacy program, with the consent they gave."""

    user = employee_key("advocacy_profile", one=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True, db_index=True)
    bio = models.TextField(_("short bio"), max_length=500, blank=True)
    photo = models.ImageField(_("photo"), upload_to="advocacy/ambassadors/", blank=True)
    expertise = TaggableManager(
        through=AmbassadorExpertiseTag, blank=True, verbose_name=_("expertise")
    )
    # A code from settings.LANGUAGES, offered as choices by the form: choices on the field
    # would put each host's language list into the package's migrations.
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)
    mastodon_instance = models.CharField(_("Mastodon server"), max_length=255, blank=True)

    show_on_leaderboards = models.BooleanField(_("appear on leaderboards"), default=False)
    show_in_directory = models.BooleanField(_("appear in the ambassador directory"), default=False)
    allow_spotlight = models.BooleanField(_("may be featured in a spotlight story"), default=False)
    notify_new_content = models.BooleanField(_("tell me about new content"), default=True)
    notify_recognition = models.BooleanField(_("tell me about badges and kudos"), default=True)

    is_active = models.BooleanField(_("in the program"), default=True, db_index=True)
    opted_in_at = models.DateTimeField(_("joined at"))
    consent_version = models.CharField(_("consent text version"), max_length=32)
    opted_out_at = models.DateTimeField(_("left at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AmbassadorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("ambassador profile")
        verbose_name_plural = _("ambassador profiles")
        indexes = [
            models.Index(fields=["is_active", "department"], name="advocacy_profile_dept"),
        ]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        return self.display_name or self.user.get_full_name() or self.user.get_username()

    @property
    def can_appear_in_spotlight(self):
        """The rule for spotlight stories: in the program and agreed to be featured."""
        return self.is_active and self.allow_spotlight


class NetworkAudience(models.Model):
    """A network the ambassador uses and how many people see their posts there (for reach)."""

    profile = required_key(AmbassadorProfile, _("ambassador"), "networks")
    network = models.CharField(_("network"), max_length=32, choices=network_choices)
    audience_size = models.PositiveIntegerField(
        _("audience size"),
        default=0,
        help_text=_("Connections or followers on this network, used to estimate reach."),
    )

    class Meta:
        verbose_name = _("network used")
        verbose_name_plural = _("networks used")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "network"], name="advocacy_one_audience_per_network"
            )
        ]

    def __str__(self):
        return f"{self.get_network_display()}: {self.audience_size}"


class EmployeeRecord(models.Model):
    """HR data about an employee (department, job title), imported from a CSV export.

    Kept apart from ``AmbassadorProfile`` on purpose: importing HR data must never make
    anyone an ambassador. The "Join the program" form is prefilled from this record, and
    the import also updates the profile of employees who already joined.
    """

    user = employee_key("advocacy_hr_record", one=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    updated_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("HR record")
        verbose_name_plural = _("HR records")

    def __str__(self):
        return f"{self.user}: {self.department}"


class ConsentRecord(AppendOnlyEvent):
    """One consent given to, or withdrawn from, a version of the program's terms.

    The profile keeps the version in force (``consent_version``); this is its history:
    joining, coming back and accepting changed terms each add a given consent, leaving a
    withdrawal. Written by ``ambassadors.services`` only, and erased with the person.
    """

    user = employee_key("advocacy_consents")
    version = models.CharField(_("consent text version"), max_length=32)
    given = models.BooleanField(
        _("consent given"), help_text=_("Given (joined or accepted) or withdrawn (left).")
    )
    at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["user", "at"], name="advocacy_consent_user_time")]

    def __str__(self):
        state = _("given") if self.given else _("withdrawn")
        return f"{self.version}: {state}"
