from django.urls import path, re_path

from .views import ambassadors, kpis, recognition, sharing, training

app_name = "wagtail_advocacy"

urlpatterns = [
    path("share/<int:page_id>/", sharing.share, name="share"),
    re_path(r"^go/(?P<token>[A-Za-z0-9_-]{4,64})/$", sharing.go, name="go"),
]
# Each domain lists its own routes beside its views.
urlpatterns += training.urlpatterns
urlpatterns += ambassadors.urlpatterns
urlpatterns += recognition.urlpatterns
urlpatterns += kpis.urlpatterns
