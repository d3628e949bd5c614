from django.urls import path, re_path

from .views import sharing

app_name = "wagtail_advocacy"

urlpatterns = [
    path("share/<int:page_id>/", sharing.share, name="share"),
    re_path(r"^go/(?P<token>[A-Za-z0-9_-]{4,64})/$", sharing.go, name="go"),
]
