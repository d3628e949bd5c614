"""The employee's "My data" page and its download; nobody but the person sees either."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from wagtail_advocacy.ambassadors.queries import get_profile
from wagtail_advocacy.core.pages import render_in_base
from wagtail_advocacy.core.registries import holds_personal_data
from wagtail_advocacy.privacy.queries import personal_data_archive, personal_data_of


@login_required
@never_cache
@require_safe
def my_data(request):
    """What the program holds about the employee, part by part, in plain words."""
    parts = personal_data_of(request.user)
    profile = get_profile(request.user)
    return render_in_base(
        request,
        "wagtail_advocacy/privacy/my_data.html",
        {
            "parts": parts,
            "profile": profile,
            "can_erase": profile is not None or holds_personal_data(request.user),
        },
    )


@login_required
@never_cache
@require_safe
def my_data_download(request):
    """Everything at once, as a ZIP of JSON and CSV files."""
    now = timezone.localtime()
    archive = personal_data_archive(request.user, now)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="my-advocacy-data-{now:%Y-%m-%d}.zip"'
    return response
