"""What every domain's models share: the append-only event base, the three kinds of
foreign key (optional, required, an employee's), and the program-wide site settings."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from wagtail_advocacy.core.audit import record
from wagtail_advocacy.core.blocklist import blocked_words_in
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


class CachedSiteSetting(BaseSiteSetting):
    """A site setting the share path reads on every request: :meth:`for_page` serves it
    from the cache, and saving it clears the entry and logs which fields changed in
    Wagtail's audit log (``audit_action``)."""

    CACHE_SECONDS = 300
    # The action logged when an edit changes some field (see core.audit.ACTIONS).
    audit_action = ""

    class Meta:
        abstract = True

    @classmethod
    def for_page(cls, page):
        """The settings of the page's site (for a page outside every site, the default
        site's; None without any site), from the cache and then kept on the page for the
        rest of the request: Wagtail keeps the sites' root paths in the cache too, so a
        share asks no query for them. Saving the settings clears the entry once the save
        commits; with a cache per process (Django's default), other processes see a change
        within ``CACHE_SECONDS``: use a shared cache (Redis, Memcached) in production."""
        attribute = f"_advocacy_{cls._meta.model_name}"
        kept = getattr(page, attribute, None)
        if kept is not None:
            return kept
        parts = page.get_url_parts()
        site_id = parts[0] if parts else _default_site_id()
        if site_id is None:
            return None
        key = cls.cache_key(site_id)
        found = cache.get(key)
        if found is None:
            found, _created = cls.objects.get_or_create(site_id=site_id)
            cache.set(key, found, cls.CACHE_SECONDS)
        setattr(page, attribute, found)
        return found

    @classmethod
    def cache_key(cls, site_id) -> str:
        return f"wagtail_advocacy:{cls._meta.model_name}:{site_id}"

    def changed_fields(self) -> list[str]:
        """The names of the fields this save changes, compared with the stored row (with
        the fields' defaults for a new one)."""
        fields = [f for f in self._meta.concrete_fields if f.attname not in ("id", "site_id")]
        names = [f.attname for f in fields]
        stored = None
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values(*names).first()
        if stored is None:
            stored = {f.attname: f.get_default() for f in fields}
        return [name for name in names if getattr(self, name) != stored[name]]


@register_setting(icon="group")
class AdvocacySiteSettings(CachedSiteSetting):
    """Per-site switches of the advocacy program, edited under Settings in the admin."""

    audit_action = "wagtail_advocacy.settings"

    require_training_before_sharing = models.BooleanField(
        _("require training before sharing"),
        default=True,
        help_text=_(
            "When on, employees must pass every training module marked “required "
            "before sharing” before the share panel lets them share."
        ),
    )

    panels = [FieldPanel("require_training_before_sharing")]

    class Meta:
        verbose_name = _("advocacy settings")
        verbose_name_plural = _("advocacy settings")


@register_setting(icon="lock")
class ComplianceSettings(CachedSiteSetting):
    """The company's rules for what employees share from a site: the disclosure every
    share carries, how often and when they may share, and the words they may not post.
    Edited under Settings → Compliance by those with the "Can change compliance"
    permission; every change is logged in the site history."""

    audit_action = "wagtail_advocacy.compliance"

    disclosure = models.CharField(
        _("disclosure"),
        max_length=100,
        blank=True,
        help_text=_(
            "Appended once to every share (for example “#employee”); employees see it "
            "and cannot remove it. A campaign may set its own. Leave empty for the "
            "site's default (the WAGTAIL_ADVOCACY_DISCLOSURE setting)."
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
        MultiFieldPanel([FieldPanel("disclosure")], heading=_("Disclosure")),
        MultiFieldPanel(
            [
                FieldPanel("daily_share_limit"),
                FieldRowPanel([FieldPanel("sharing_opens_at"), FieldPanel("sharing_closes_at")]),
            ],
            heading=_("Limits"),
        ),
        MultiFieldPanel([FieldPanel("blocked_words")], heading=_("Blocked words")),
    ]

    class Meta:
        verbose_name = _("compliance")
        verbose_name_plural = _("compliance")

    def __str__(self):
        return str(_("Compliance of %(site)s") % {"site": self.site})

    def clean(self):
        super().clean()
        self.disclosure = (self.disclosure or "").strip()
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

    def blocked_in(self, text: str) -> list[str]:
        """The blocked words ``text`` holds (see :mod:`wagtail_advocacy.core.blocklist`)."""
        if not self.blocked_words.strip():
            return []
        return blocked_words_in(text, self.blocked_words)


def _default_site_id():
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


def _forget_cached_settings(sender, instance, **kwargs):
    """A change applies to the next request (in this process; with a shared cache, in
    all). Cleared now and again after the commit: a request reading the old row before
    the commit must not keep it for ``CACHE_SECONDS``."""
    key = sender.cache_key(instance.site_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _note_changed_fields(sender, instance, raw=False, **kwargs):
    instance._advocacy_changed = [] if raw else instance.changed_fields()


def _log_changed_fields(sender, instance, raw=False, **kwargs):
    """One entry in Wagtail's audit log per save that changes something, naming the
    fields changed (never their values: blocked words may be confidential). In the
    admin, the editor is the entry's user (Wagtail's log context)."""
    changed = getattr(instance, "_advocacy_changed", None)
    instance._advocacy_changed = None
    if raw or not changed or not sender.audit_action:
        return
    record(instance, sender.audit_action, data={"fields": changed})


for _model in (AdvocacySiteSettings, ComplianceSettings):
    _name = _model._meta.model_name
    post_save.connect(_forget_cached_settings, sender=_model, dispatch_uid=f"{_name}_saved")
    post_delete.connect(_forget_cached_settings, sender=_model, dispatch_uid=f"{_name}_deleted")
    pre_save.connect(_note_changed_fields, sender=_model, dispatch_uid=f"{_name}_changing")
    post_save.connect(_log_changed_fields, sender=_model, dispatch_uid=f"{_name}_logged")
