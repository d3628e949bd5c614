"""Routes of recognition, included by the package's urls.py."""

from django.urls import path

from wagtail_advocacy.recognition import views
from wagtail_advocacy.recognition.views import challenges, my_impact, rewards

urlpatterns = [
    path("impact/", my_impact, name="my_impact"),
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("kudos/send/", views.send_kudos, name="send_kudos"),
    path("rewards/", rewards, name="rewards"),
    path("rewards/<int:reward_id>/redeem/", views.redeem, name="redeem"),
    path("challenges/", challenges, name="challenges"),
]
