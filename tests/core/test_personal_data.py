"""Erasure reaches every domain through the personal-data registry, all or nothing."""

import pytest
from django.apps import apps
from django.conf import settings

from tests import factories
from wagtail_advocacy.ambassadors.services import leave_program
from wagtail_advocacy.core.registries import PersonalData, personal_data
from wagtail_advocacy.models import AmbassadorProfile, ShareEvent, TrackedLink

# Models that name a person and are not erased through the registry, and why.
NOT_ERASED_BY_THE_REGISTRY = {
    # leave_program deletes the profile itself, after every eraser ran.
    "wagtail_advocacy.AmbassadorProfile": "deleted by leave_program",
    # HR's own records prefill the join form; they belong to HR, not to the program.
    "wagtail_advocacy.EmployeeRecord": "HR data, kept",
    # The editor who owns a campaign: a work assignment shown to editors only.
    "wagtail_advocacy.Campaign": "campaign owner, kept",
}


def _models_naming_a_person():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = set()
    for model in apps.get_app_config("wagtail_advocacy").get_models():
        for field in model._meta.get_fields():
            # Fields of the package's own models (Wagtail's page owner is Wagtail's).
            declared_here = field.model._meta.app_label == "wagtail_advocacy"
            if field.concrete and field.related_model is user_model and declared_here:
                found.add(model._meta.label)
    return found


def test_every_model_that_names_a_person_has_an_eraser():
    erased = {label for part in personal_data if part.erase is not None for label in part.models}
    missing = _models_naming_a_person() - erased - set(NOT_ERASED_BY_THE_REGISTRY)
    assert not missing, f"no eraser in core.registries.personal_data for {sorted(missing)}"
    assert {"sharing", "training", "recognition", "conversions"} <= {
        part.name for part in personal_data
    }


@pytest.mark.django_db
def test_erasure_is_all_or_nothing(page):
    profile = factories.ambassador("ana")
    factories.share(profile.user, page)

    def failing_eraser(user):
        raise RuntimeError("the mail archive is offline")

    with (
        personal_data.registered(PersonalData(name="archive", erase=failing_eraser), order=99),
        pytest.raises(RuntimeError),
    ):
        leave_program(profile.user, erase=True)

    # Nothing was erased: the profile is still there and active, the share still theirs.
    assert AmbassadorProfile.objects.get(pk=profile.pk).is_active
    assert ShareEvent.objects.filter(user=profile.user).count() == 1
    assert TrackedLink.objects.filter(user=profile.user).count() == 1

    leave_program(profile.user, erase=True)
    assert not AmbassadorProfile.objects.filter(pk=profile.pk).exists()
    assert not ShareEvent.objects.filter(user=profile.user).exists()
    assert ShareEvent.objects.count() == 1  # still counted, anonymously
