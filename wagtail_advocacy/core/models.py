"""What every domain's models share: the append-only event base, the three kinds of
foreign key (optional, required, an employee's), and the program-wide site settings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class AppendOnlyEvent(models.Model):
    """Base of the event rows (shares, clicks, conversions, points, attempts…): written
    once by a service, never edited, counted by the KPIs.

    Events point at pages but are not content: they stay out of Wagtail's reference
    index, whose bookkeeping on every insert would multiply the cost of a click.
    """

    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True


def optional_key(to, verbose_name, **options):
    """A foreign key the row outlives (``SET_NULL``): a page, link or campaign that may be
    deleted, or a person whom erasure detaches while the row still counts anonymously."""
    return models.ForeignKey(
        to, verbose_name=verbose_name, null=True, blank=True, on_delete=models.SET_NULL, **options
    )


def required_key(to, verbose_name, related_name, **options):
    """A foreign key the row cannot outlive (``CASCADE``): a module's completions, a
    link's clicks, a challenge's completions."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        related_name=related_name,
        **options,
    )


EMPLOYEE = _("employee")


def employee_key(related_name, verbose_name=EMPLOYEE, *, one=False):
    """The employee a row belongs to, deleted with them (``one``: at most one row each,
    as a profile). Rows that must outlive an erasure use :func:`optional_key` instead."""
    field = models.OneToOneField if one else models.ForeignKey
    return field(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        related_name=related_name,
    )


class Watermark(models.Model):
    """How far a batch task has read an append-only table: the last primary key it
    processed. The task locks its row (``select_for_update``) while it works, so two
    workers running it at once process each row once; the row's update and the task's
    writes commit together, so a crash processes the batch again, never half of it."""

    wagtail_reference_index_ignore = True

    name = models.CharField(_("name"), max_length=64, unique=True)
    position = models.BigIntegerField(_("last row processed"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("watermark")
        verbose_name_plural = _("watermarks")

    def __str__(self):
        return f"{self.name}: {self.position}"


@register_setting(icon="group")
class AdvocacySiteSettings(BaseSiteSetting):
    """Per-site switches of the advocacy program, edited under Settings in the admin."""

    require_training_before_sharing = models.BooleanField(
        _("require training before sharing"),
        default=True,
        help_text=_(
            "When on, employees must pass every training module marked “required "
            "before sharing” before the share panel lets them share."
        ),
    )

    class Meta:
        verbose_name = _("advocacy settings")
        verbose_name_plural = _("advocacy settings")
