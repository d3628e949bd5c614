"""The server-to-server conversions endpoint (a careers site or ATS reports outcomes)."""

import hmac
import json

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail_advocacy.conf import advocacy_settings
from wagtail_advocacy.conversions.models import ConversionSource
from wagtail_advocacy.conversions.services import ConversionRefused, record_conversion


def _authorised(request) -> bool:
    expected = advocacy_settings.CONVERSION_API_TOKEN
    scheme, _sep, given = request.headers.get("Authorization", "").partition(" ")
    # Bytes: compare_digest refuses non-ASCII text, which a caller may well send.
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), expected.encode()
    )


@csrf_exempt  # authenticated by a secret bearer token, not a session cookie
@login_not_required
@never_cache
@require_POST
def conversions_api(request):
    """Record a conversion. Access: the secret token of ``CONVERSION_API_TOKEN`` only."""
    if not advocacy_settings.CONVERSION_API_TOKEN:
        return JsonResponse(
            {"error": _("The conversions endpoint is closed on this site.")}, status=404
        )
    if not _authorised(request):
        response = JsonResponse({"error": _("Missing or wrong bearer token.")}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": _("The body must be a JSON object.")}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": _("The body must be a JSON object.")}, status=400)
    token = data.get("token") or data.get("utm_content")
    if not token:
        return JsonResponse(
            {"error": _("Give the tracked link's token (the utm_content the visitor came with).")},
            status=400,
        )
    try:
        result = record_conversion(
            kind=data.get("kind"),
            source=ConversionSource.API,
            token=token,
            value=data.get("value"),
            occurred_at=data.get("occurred_at"),
            idempotency_key=request.headers.get("Idempotency-Key") or data.get("idempotency_key"),
            note=data.get("note"),
        )
    except ConversionRefused as refused:
        return JsonResponse({"error": refused.message}, status=400)
    conversion = result.conversion
    return JsonResponse(
        {
            "id": conversion.pk,
            "created": result.created,
            "kind": conversion.kind,
            "campaign": conversion.campaign.slug if conversion.campaign_id else None,
            "network": conversion.network,
        },
        status=201 if result.created else 200,
    )
