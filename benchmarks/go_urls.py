"""Routes of benchmarks/go_redirect.py: the example intranet's, and the reference the
public ``go`` redirect is measured against, ``/bench/bare/<token>/``: a bare view doing one
indexed lookup and a redirect, behind the same middleware."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import path

from intranet.urls import urlpatterns as intranet_urlpatterns
from wagtail_advocacy.models import TrackedLink


@login_not_required  # public, as ``go`` is (else: a redirect to the login page)
def bare(request, token):
    link = TrackedLink.objects.only("destination").get(token=token)
    return HttpResponseRedirect(link.destination)


urlpatterns = [path("bench/bare/<str:token>/", bare), *intranet_urlpatterns]
