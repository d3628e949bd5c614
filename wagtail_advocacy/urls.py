"""The package's front-end routes: ``path("advocacy/", include("wagtail_advocacy.urls"))``."""

from django.urls import path, re_path

from wagtail_advocacy.ambassadors import urls as ambassadors_urls
from wagtail_advocacy.conversions import urls as conversions_urls
from wagtail_advocacy.privacy import urls as privacy_urls
from wagtail_advocacy.recognition import urls as recognition_urls
from wagtail_advocacy.sharing import views as sharing
from wagtail_advocacy.training import urls as training_urls

app_name = "wagtail_advocacy"

urlpatterns = [
    path("share/<int:page_id>/", sharing.share, name="share"),
    re_path(r"^go/(?P<token>[A-Za-z0-9_-]{4,64})/$", sharing.go, name="go"),
]
# Each domain lists its own routes in its urls.py.
for domain in (training_urls, ambassadors_urls, recognition_urls, conversions_urls, privacy_urls):
    urlpatterns += domain.urlpatterns
