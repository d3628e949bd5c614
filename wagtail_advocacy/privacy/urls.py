"""Routes of privacy, included by the package's urls.py."""

from django.urls import path

from wagtail_advocacy.privacy.views import my_data, my_data_download

urlpatterns = [
    path("my-data/", my_data, name="my_data"),
    path("my-data/download/", my_data_download, name="my_data_download"),
]
