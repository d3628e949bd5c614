from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from wagtail_advocacy.core.models import NetworkListField, optional_key


class CampaignObjective(models.TextChoices):
    EMPLOYER_BRAND = "employer_brand", _("Employer-brand awareness")
    RECRUITING = "recruiting", _("Recruiting")
    INTERNAL_ENGAGEMENT = "internal_engagement", _("Internal engagement")
    THOUGHT_LEADERSHIP = "thought_leadership", _("Product / thought leadership")
    OTHER = "other", _("Other")


class CampaignQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Campaign(index.Indexed, models.Model):
    """What a set of shareable pages is meant to achieve, with numeric targets over a period.

    Every campaign states an objective and targets so the dashboard can show progress
    against them rather than raw activity counts.
    """

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Used as utm_campaign in tracked links. Filled in from the name if empty."),
    )
    objective = models.CharField(
        _("objective"),
        max_length=32,
        choices=CampaignObjective.choices,
        default=CampaignObjective.EMPLOYER_BRAND,
    )
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    target_shares = models.PositiveIntegerField(_("target shares"), default=0)
    target_clicks = models.PositiveIntegerField(_("target clicks"), default=0)
    target_participation = models.PositiveSmallIntegerField(
        _("target participation (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of eligible employees who share at least once during the campaign."),
    )
    target_conversions = models.PositiveIntegerField(_("target conversions"), default=0)
    networks = NetworkListField(
        _("networks"),
        default=list,
        blank=True,
        help_text=_(
            "The only networks this campaign's pages may be shared on (a campaign for "
            "LinkedIn only, for example). None ticked: every network."
        ),
    )
    disclosure = models.CharField(
        _("disclosure"),
        max_length=100,
        blank=True,
        help_text=_(
            "Appended once to every share of this campaign's pages instead of the site's "
            "disclosure (for example “#ad” for a paid partnership); employees see it and "
            "cannot remove it. Leave empty for the site's (Settings → Compliance)."
        ),
    )
    owner = optional_key(settings.AUTH_USER_MODEL, _("owner"), related_name="+")
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("objective"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Period")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("target_shares"), FieldPanel("target_clicks")]),
                FieldRowPanel(
                    [FieldPanel("target_participation"), FieldPanel("target_conversions")]
                ),
            ],
            heading=_("KPI targets"),
        ),
        FieldPanel("networks"),
        FieldPanel("disclosure"),
        FieldPanel("owner"),
        FieldPanel("is_active"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "name"]
        # The program's own permissions (docs/security.md): Campaign carries them, as it
        # carries the dashboard's, so they show on its row in Settings → Groups.
        permissions = [
            ("view_advocacy_dashboard", _("Can view advocacy dashboard")),
            ("send_program_kudos", _("Can send kudos on behalf of the program")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="advocacy_campaign_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end date must be on or after the start date.")}
            )

    def allows(self, network_key: str) -> bool:
        """Whether the campaign's pages may be shared on this network."""
        return not self.networks or network_key in self.networks

    def _unique_slug(self):
        base = slugify(self.name)[:90] or "campaign"
        slug, number = base, 2
        while Campaign.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug = f"{base}-{number}"
            number += 1
        return slug
