"""Routes of ambassadors, included by the package's urls.py."""

from django.urls import path

from wagtail_advocacy.ambassadors.views import consent, join, leave, profile_view

urlpatterns = [
    path("ambassador/join/", join, name="ambassador_join"),
    path("ambassador/profile/", profile_view, name="ambassador_profile"),
    path("ambassador/leave/", leave, name="ambassador_leave"),
    path("consent/", consent, name="ambassador_consent"),
]
