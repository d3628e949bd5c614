"""What every domain's models share: the append-only event base, the three kinds of
foreign key (optional, required, an employee's), and the program-wide site settings."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from wagtail_advocacy.networks import network_choices


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


class NetworkListField(models.JSONField):
    """A list of network keys, chosen with checkboxes among the networks the package knows
    (stored as JSON, so every database holds it the same way)."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=network_choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
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
    daily_share_limit = models.PositiveSmallIntegerField(
        _("shares per employee per day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "The most shares one employee may make in a day (in the site's time zone). "
            "Leave empty for no limit."
        ),
    )
    sharing_opens_at = models.TimeField(
        _("sharing opens at"),
        null=True,
        blank=True,
        help_text=_(
            "With a closing time, employees can share only between the two, in the "
            "site's time zone (a closing time before the opening time spans midnight). "
            "Leave both empty to allow sharing at any hour."
        ),
    )
    sharing_closes_at = models.TimeField(_("sharing closes at"), null=True, blank=True)
    blocked_words = models.TextField(
        _("blocked words"),
        blank=True,
        help_text=_(
            "Words or phrases employees may not post, one per line (confidential project "
            "names, for example). Capitals, accents, full-width letters, extra spaces and "
            "invisible characters do not get around them; a blocked word inside a longer "
            "word is not blocked."
        ),
    )

    panels = [
        FieldPanel("require_training_before_sharing"),
        MultiFieldPanel(
            [
                FieldPanel("daily_share_limit"),
                FieldRowPanel([FieldPanel("sharing_opens_at"), FieldPanel("sharing_closes_at")]),
            ],
            heading=_("Sharing limits"),
        ),
        FieldPanel("blocked_words"),
    ]

    @classmethod
    def for_page(cls, page):
        """The settings of the page's site (for a page outside every site, the default
        site's; None without any site), from the cache and then kept on the page for the
        rest of the request: Wagtail keeps the sites' root paths in the cache too, so a
        share asks no query for them. Saving the settings clears the entry once the save
        commits; with a cache per process (Django's default), other processes see a change
        within ``CACHE_SECONDS``: use a shared cache (Redis, Memcached) in production."""
        kept = getattr(page, "_advocacy_site_settings", None)
        if kept is not None:
            return kept
        parts = page.get_url_parts()
        site_id = parts[0] if parts else _default_site_id()
        if site_id is None:
            return None
        key = _settings_key(site_id)
        found = cache.get(key)
        if found is None:
            found, _created = cls.objects.get_or_create(site_id=site_id)
            cache.set(key, found, cls.CACHE_SECONDS)
        page._advocacy_site_settings = found
        return found

    CACHE_SECONDS = 300

    def clean(self):
        super().clean()
        if (self.sharing_opens_at is None) != (self.sharing_closes_at is None):
            raise ValidationError(
                _("Give both an opening and a closing time, or neither."),
                code="half_a_window",
            )
        if self.sharing_opens_at is not None and self.sharing_opens_at == self.sharing_closes_at:
            raise ValidationError(
                _("The closing time must differ from the opening time."),
                code="empty_window",
            )

    class Meta:
        verbose_name = _("advocacy settings")
        verbose_name_plural = _("advocacy settings")


def _settings_key(site_id) -> str:
    return f"wagtail_advocacy:site-settings:{site_id}"


def _default_site_id():
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


@receiver(post_save, sender=AdvocacySiteSettings, dispatch_uid="advocacy_settings_saved")
@receiver(post_delete, sender=AdvocacySiteSettings, dispatch_uid="advocacy_settings_deleted")
def _forget_cached_settings(sender, instance, **kwargs):
    """A change applies to the next request (in this process; with a shared cache, in
    all). Cleared now and again after the commit: a request reading the old row before
    the commit must not keep it for ``CACHE_SECONDS``."""
    key = _settings_key(instance.site_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
