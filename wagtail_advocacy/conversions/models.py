"""Conversions: a click on a tracked link that led to an application, a hire or a lead."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail_advocacy.core.models import AppendOnlyEvent, optional_key


class ConversionKind(models.TextChoices):
    APPLICATION = "application", _("Application")
    HIRE = "hire", _("Hire")
    LEAD = "lead", _("Lead")
    SIGNUP = "signup", _("Sign-up")
    OTHER = "other", _("Other")


class ConversionSource(models.TextChoices):
    ADMIN = "admin", _("Recorded in the admin")
    API = "api", _("Careers site or ATS")
    IMPORT = "import", _("CSV import")


class Conversion(AppendOnlyEvent):
    """The outcome a campaign is for, credited to the tracked link (and so the employee).

    Written only by ``services.conversions.record_conversion``, whichever way it comes in.
    ``idempotency_key`` makes a retried call from another system count once.
    """

    link = optional_key(
        "wagtail_advocacy.TrackedLink",
        _("tracked link"),
        related_name="conversions",
    )
    # The employee credited: the link's owner, or the referrer an HR editor named.
    referrer = optional_key(
        settings.AUTH_USER_MODEL,
        _("referring employee"),
        related_name="advocacy_conversions",
    )
    page = optional_key("wagtail_advocacy.ShareablePage", _("page"), related_name="conversions")
    campaign = optional_key("wagtail_advocacy.Campaign", _("campaign"), related_name="conversions")
    network = models.CharField(_("network"), max_length=32, blank=True)
    # The referrer's department when recorded (see ShareEvent.department).
    department = models.CharField(_("department"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=ConversionKind.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=ConversionSource.choices)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=128, null=True, blank=True, unique=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = optional_key(settings.AUTH_USER_MODEL, _("recorded by"), related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conversion")
        verbose_name_plural = _("conversions")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["campaign", "occurred_at"], name="advocacy_conv_campaign"),
            models.Index(fields=["kind", "occurred_at"], name="advocacy_conv_kind"),
            models.Index(fields=["network", "occurred_at"], name="advocacy_conv_network"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} @ {self.occurred_at:%Y-%m-%d}"
