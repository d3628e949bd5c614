"""Conversions: a click on a tracked link that led to an application, a hire or a lead."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Conversion(models.Model):
    """The outcome a campaign is for, credited to the tracked link (and so the employee).

    Written only by ``services.conversions.record_conversion``, whichever way it comes in.
    ``idempotency_key`` makes a retried call from another system count once.
    """

    wagtail_reference_index_ignore = True

    link = models.ForeignKey(
        "wagtail_advocacy.TrackedLink",
        verbose_name=_("tracked link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversions",
    )
    # The employee credited: the link's owner, or the referrer an HR editor named.
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referring employee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advocacy_conversions",
    )
    page = models.ForeignKey(
        "wagtail_advocacy.ShareablePage",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversions",
    )
    campaign = models.ForeignKey(
        "wagtail_advocacy.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversions",
    )
    network = models.CharField(_("network"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=ConversionKind.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=ConversionSource.choices)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=128, null=True, blank=True, unique=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
