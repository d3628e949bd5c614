"""Routes of conversions, included by the package's urls.py."""

from django.urls import path

from wagtail_advocacy.conversions.views import conversions_api

urlpatterns = [
    path("conversions/", conversions_api, name="conversions"),
]
