"""System checks that catch a misconfiguration at start-up rather than at the first share."""

from urllib.parse import urlsplit

from django.core.checks import Error, Warning, register

from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.networks import NETWORKS


@register()
def check_settings(app_configs, **kwargs):
    problems = []
    base = advocacy_settings.PUBLIC_BASE_URL
    if base:
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(
                Error(
                    "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL must be an absolute URL such as "
                    "'https://go.example.com'.",
                    id="wagtail_advocacy.E001",
                )
            )
    else:
        problems.append(
            Warning(
                "WAGTAIL_ADVOCACY_PUBLIC_BASE_URL is not set: tracked links will use the "
                "intranet's host, which people outside the company cannot reach.",
                id="wagtail_advocacy.W001",
            )
        )
    unknown = [key for key in advocacy_settings.ENABLED_NETWORKS or [] if key not in NETWORKS]
    if unknown:
        problems.append(
            Error(
                f"Unknown networks in WAGTAIL_ADVOCACY_ENABLED_NETWORKS: {', '.join(unknown)}. "
                f"Known: {', '.join(NETWORKS)}.",
                id="wagtail_advocacy.E002",
            )
        )
    if advocacy_settings.LINKEDIN_MODE not in ("feed", "offsite"):
        problems.append(
            Error(
                "WAGTAIL_ADVOCACY_LINKEDIN_MODE must be 'feed' or 'offsite'.",
                id="wagtail_advocacy.E003",
            )
        )
    length = advocacy_settings.TOKEN_LENGTH
    if not isinstance(length, int) or not 8 <= length <= 32:
        problems.append(
            Error(
                "WAGTAIL_ADVOCACY_TOKEN_LENGTH must be a whole number from 8 to 32: shorter "
                "tokens can be guessed, longer ones do not fit the database column.",
                id="wagtail_advocacy.E004",
            )
        )
    return problems
